#include "services/storage/draft_store.hpp"

#include <pqxx/pqxx>

#include "services/storage/sql_drafts.hpp"

namespace kd::storage {

namespace q = sql_drafts;

std::optional<DraftRecord> DraftStore::get(wf::Id review_id) {
  auto conn = pool_.acquire();
  q::prepare_draft_statements(*conn);
  pqxx::read_transaction t(*conn);
  const auto rows = t.exec_prepared(sql::name(q::kGetDraft), review_id);
  if (rows.empty()) return std::nullopt;
  DraftRecord d;
  d.review_id = review_id;
  d.form_json = rows[0][0].as<std::string>();
  d.author_id = rows[0][1].as<wf::Id>();
  d.updated_at = wf::TimePoint(std::chrono::seconds(rows[0][2].as<long long>()));
  return d;
}

void DraftStore::put(const DraftRecord& d) {
  auto conn = pool_.acquire();
  q::prepare_draft_statements(*conn);
  pqxx::work w(*conn, "put_draft");
  w.exec_prepared0(sql::name(q::kPutDraft), d.review_id, d.author_id, d.form_json,
                   static_cast<long long>(d.updated_at.time_since_epoch().count()));
  w.commit();
}

}  // namespace kd::storage
