// The HTXS quota: in one agency and one peer group, the number rated HTXS must
// not exceed 20 % (configurable) of the number rated HTT. Checked across
// records at the decision step; a refusal states the numbers.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "workflow/refusal.hpp"
#include "workflow/regime.hpp"
#include "workflow/review.hpp"

namespace kd::wf {

struct RatedEntry {
  std::string peer_group;
  Rating rating;
};

struct QuotaLine {
  std::string peer_group;
  std::string label_vi;  // what people read: "Công chức" for the group code cong_chuc
  int htxs = 0;
  int htt = 0;
  int limit = 0;  // floor(htt * percent / 100)
  bool ok = true;
};

struct QuotaReport {
  std::vector<QuotaLine> lines;  // one per peer group, sorted by peer_group
  bool ok = true;
  Refusals refusals;        // one "quota_exceeded" per failing group, with the counts and the limit
  bool overridden = false;  // the audited exception was applied: ok despite failing lines
};

// The name of a peer group: a group's code (cong_chuc, the default peer group) reads as the
// group's name; a peer group the organisation named itself is shown as it was entered.
std::string peer_group_label_vi(const std::string& peer_group);

// `entries` = ratings already decided in the campaign plus the batch being decided.
QuotaReport check_quota(const std::vector<RatedEntry>& entries, const QuotaRule&);

// Same, with the explicit exception for outstanding units requested. When the
// quota fails and the rule allows overrides, the report is ok with
// `overridden` = true and keeps the failing lines and refusals for the audit
// event; when overrides are not allowed, a "quota_override_not_allowed" refusal is added.
QuotaReport check_quota(const std::vector<RatedEntry>& entries, const QuotaRule&,
                        bool override_requested);

// The exception for an outstanding organisation as an audited override: who
// approved it and under which decision. With the rule's exception cap, each
// failing group must still stay within floor(HTT × cap / 100), else a
// "quota_exception_cap_exceeded" refusal with the numbers; without the decision
// number or the approver (when the rule needs them), "quota_exception_incomplete".
struct QuotaException {
  std::string decision;  // "Quyết định số 20/QĐ-UBND ngày 10/12/2026"
  std::int64_t approved_by = 0;
  std::string reason;
};
QuotaReport check_quota(const std::vector<RatedEntry>& entries, const QuotaRule&,
                        const QuotaException&);
// --- The quota over a campaign's reviews ----------------------------------------------------

// The peer group of the quota: the person's own, else the group code.
std::string peer_group_of(const Person&);

// A rating that already counts against the quota: decided and not withdrawn since.
bool counts_for_quota(const Review&);

// The actions that set a rating and are therefore checked against the quota of the campaign
// (decide, resolve_complaint), in a batch or for one review.
bool sets_rating(Action);

// One review of the campaign as the quota sees it.
struct QuotaEntry {
  Id review_id = 0;
  std::string peer_group;
  std::optional<Rating> rating;  // set when the review's rating counts (counts_for_quota)
};
QuotaEntry quota_entry(const Review&, const Person&);

// Standing ratings of the campaign, leaving out the reviews in `except`.
std::vector<RatedEntry> standing_ratings(const std::vector<QuotaEntry>& campaign,
                                         const std::set<Id>& except);

// Refusals when one review's rating changes from `before` to `after` (a single decision, a
// resolved complaint) and that breaks the quota of its peer group: more HTXS, or a lower limit,
// than before and over the limit. An old breach left as it was is not refused. Override rules
// as in check_quota: with an `exception` requested (its decision, approver and reason) that the
// regime allows, complete when the regime needs it and within the exception cap, the breach is
// accepted (and recorded by the caller); nullptr: no exception requested.
Refusals quota_refusals_for_change(const std::vector<QuotaEntry>& campaign,
                                   const QuotaEntry& before, const QuotaEntry& after,
                                   const QuotaRule&, const QuotaException* exception);

}  // namespace kd::wf
