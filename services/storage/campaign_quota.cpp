#include "services/storage/campaign_quota.hpp"

#include "services/storage/row_mapping.hpp"
#include "services/storage/sql.hpp"

namespace kd::storage::detail {

std::map<Id, ReviewRow> campaign_rows(pqxx::transaction_base& w, Id campaign_id) {
  std::map<Id, ReviewRow> rows;
  for (const auto& r : w.exec_prepared(sql::name(sql::kSelectCampaignReviewRows), campaign_id)) {
    auto row = read_review_row(r);
    const Id id = row.review.id;
    rows.emplace(id, std::move(row));
  }
  return rows;
}

std::vector<wf::QuotaEntry> quota_entries(const std::map<Id, ReviewRow>& rows) {
  std::vector<wf::QuotaEntry> out;
  out.reserve(rows.size());
  for (const auto& [id, row] : rows) out.push_back(wf::quota_entry(row.review, row.person));
  return out;
}

}  // namespace kd::storage::detail
