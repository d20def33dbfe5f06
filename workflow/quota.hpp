// The HTXS quota: in one agency and one peer group, the number rated HTXS must
// not exceed 20 % (configurable) of the number rated HTT. Checked across
// records at the decision step; a refusal states the numbers.
#pragma once

#include <string>
#include <vector>

#include "workflow/refusal.hpp"
#include "workflow/regime.hpp"

namespace kd::wf {

struct RatedEntry {
  std::string peer_group;
  Rating rating;
};

struct QuotaLine {
  std::string peer_group;
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

// `entries` = ratings already decided in the campaign plus the batch being decided.
QuotaReport check_quota(const std::vector<RatedEntry>& entries, const QuotaRule&);

// Same, with the explicit exception for outstanding units requested. When the
// quota fails and the rule allows overrides, the report is ok with
// `overridden` = true and keeps the failing lines and refusals for the audit
// event; when overrides are not allowed, a "quota_override_not_allowed" refusal is added.
QuotaReport check_quota(const std::vector<RatedEntry>& entries, const QuotaRule&,
                        bool override_requested);

}  // namespace kd::wf
