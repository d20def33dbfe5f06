// Store: reading reviews and their audit trail, and verifying the hash chains.
#include "services/storage/audit_chain.hpp"
#include "services/storage/row_mapping.hpp"
#include "services/storage/sql.hpp"
#include "services/storage/store.hpp"
#include "services/storage/transaction_steps.hpp"
#include "services/storage/year_binding.hpp"

namespace kd::storage {

std::optional<wf::Review> Store::get_review(Id id) {
  auto row = get_review_row(id);
  if (!row) return std::nullopt;
  return row->review;
}

std::optional<ReviewRow> Store::get_review_row(Id id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  auto row = detail::load_review_row(t, id);
  t.commit();
  return row;
}

std::optional<wf::YearBinding> Store::year_binding(Id review_id, wf::Action action) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto row = detail::load_review_row(t, review_id);
  if (!row) return std::nullopt;
  const auto campaign = detail::load_campaign(t, row->review.campaign_id, false);
  if (!campaign) return std::nullopt;
  return detail::year_binding(t, *row, *campaign, action);
}

Page<ReviewRow> Store::list_reviews(const ReviewFilter& f, int limit, int offset) {
  Page<ReviewRow> page;
  page.limit = limit < 0 ? 0 : limit;
  page.offset = offset < 0 ? 0 : offset;
  std::optional<std::string> campaign, stage, person;
  if (f.campaign_id) campaign = std::to_string(*f.campaign_id);
  if (f.stage) stage = std::string(wf::to_string(*f.stage));
  if (f.person_id) person = std::to_string(*f.person_id);
  const auto units = detail::id_array(f.unit_ids);
  const std::string today = wf::to_iso(f.today);

  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);  // one snapshot for the page and its total
  const auto rows =
      t.exec_prepared(sql::name(sql::kListReviews), detail::nullable(campaign),
                      detail::nullable(stage), detail::nullable(units), detail::nullable(person),
                      f.overdue_only, today, page.limit, page.offset);
  for (const auto& r : rows) page.items.push_back(detail::read_review_row(r));
  page.total = t.exec_prepared1(sql::name(sql::kCountReviews), detail::nullable(campaign),
                                detail::nullable(stage), detail::nullable(units),
                                detail::nullable(person), f.overdue_only, today)[0]
                   .as<long>();
  t.commit();
  return page;
}

std::vector<EventRecord> Store::events(Id review_id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  std::vector<EventRecord> out;
  for (const auto& r : t.exec_prepared(sql::name(sql::kSelectEvents), review_id)) {
    out.push_back(detail::read_event(r));
  }
  t.commit();
  return out;
}

AuditReport Store::verify_audit() {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  // Rows come ordered by (review_id, seq); each chain is checked once complete.
  AuditReport report;
  std::vector<EventRecord> chain;
  auto flush = [&] {
    if (chain.empty()) return;
    ++report.reviews_checked;
    report.events_checked += static_cast<long>(chain.size());
    for (auto& b : audit::verify_chain(chain)) report.breaks.push_back(std::move(b));
    chain.clear();
  };
  for (const auto& r : t.exec_prepared(sql::name(sql::kSelectAllEvents))) {
    auto e = detail::read_event(r);
    if (!chain.empty() && chain.back().review_id != e.review_id) flush();
    chain.push_back(std::move(e));
  }
  flush();
  t.commit();
  return report;
}

std::optional<wf::SignatureFacts> Store::signature_facts(Id review_id) {
  if (!signatures_required_) return std::nullopt;
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  return detail::load_signature_facts(t, review_id);
}

}  // namespace kd::storage
