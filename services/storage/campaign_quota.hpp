// The rows of a campaign the HTXS quota is counted over (the rules: workflow/quota.hpp), shared
// by the batch decision and the single-review actions that set a rating. Callers hold the
// campaign row lock (FOR UPDATE) so two decisions cannot both pass the quota on a stale count.
#pragma once

#include <map>
#include <vector>

#include "services/storage/store.hpp"
#include "workflow/quota.hpp"

namespace kd::storage::detail {

// Reads the campaign's review rows keyed by id.
std::map<Id, ReviewRow> campaign_rows(pqxx::transaction_base&, Id campaign_id);

// The rows as the quota sees them.
std::vector<wf::QuotaEntry> quota_entries(const std::map<Id, ReviewRow>& rows);

}  // namespace kd::storage::detail
