// The HTXS quota over a campaign's standing ratings, shared by the batch decision
// and the single-review actions that set a rating (decide, resolve_complaint).
// Callers hold the campaign row lock (FOR UPDATE) so two decisions cannot both
// pass the quota on a stale count.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "services/storage/store.hpp"
#include "workflow/quota.hpp"

namespace kd::storage::detail {

// The peer group of the quota: the person's own, else the group code.
std::string peer_group_of(const wf::Person&);

// A rating that already counts against the quota: decided and not withdrawn since.
bool counts_for_quota(const wf::Review&);

// Standing ratings of `rows`, leaving out the reviews in `except`.
std::vector<wf::RatedEntry> standing_ratings(const std::map<Id, ReviewRow>& rows,
                                             const std::set<Id>& except);

// Reads the campaign's review rows keyed by id.
std::map<Id, ReviewRow> campaign_rows(pqxx::transaction_base&, Id campaign_id);

// Refusals when setting `after` on review `row` breaks the quota of its peer group
// (more HTXS, or a lower limit, than before and over the limit). Override rules as
// in wf::check_quota: an `exception` requested (the outstanding organisation's decision,
// its approver, the reason) and allowed by the regime, with its decision when the regime
// needs one and within the regime's exception cap, accepts the breach (recorded by the
// caller).
wf::Refusals quota_refusals_for_change(const std::map<Id, ReviewRow>& rows, const ReviewRow& row,
                                       const wf::Review& after, const wf::QuotaRule&,
                                       const wf::QuotaException* exception);

}  // namespace kd::storage::detail
