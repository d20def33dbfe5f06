#include "services/scoring/period_world.hpp"

#include <stdexcept>

#include "services/storage/row_mapping.hpp"
#include "services/storage/sql.hpp"
#include "services/storage/transaction_steps.hpp"
#include "workflow/period_score.hpp"

namespace kd::application {

std::optional<wf::Person> load_person(pqxx::transaction_base& t, wf::Id id) {
  const auto rows = t.exec_prepared(storage::sql::name(storage::sql::kSelectPerson), id);
  if (rows.empty()) return std::nullopt;
  return storage::detail::read_person(rows[0]);
}

wf::ProductCatalogue catalogue_for_unit(pqxx::transaction_base& t, const wf::OrgTree& org,
                                        wf::Id unit) {
  auto path = org.path_to(unit);
  std::vector<wf::Id> up(path.rbegin(), path.rend());
  const auto agency = storage::periods::catalogue_agency(t, up);
  if (!agency) return wf::ProductCatalogue{};
  return storage::periods::catalogue(t, *agency);
}

std::optional<PeriodWorld> load_period_world(pqxx::transaction_base& t,
                                             const config::RegimeCatalog& regimes, wf::Id period_id,
                                             bool for_update, const storage::TaskSystem* system) {
  auto stored = storage::periods::load(t, period_id, for_update);
  if (!stored) return std::nullopt;
  PeriodWorld w;
  w.stored = std::move(*stored);
  auto person = load_person(t, w.stored.record.person_id);
  if (!person) throw std::logic_error("period without its person");
  w.person = std::move(*person);
  w.org = storage::detail::load_org(t);
  w.regime = regimes.find(w.stored.regime_id, w.stored.regime_version);
  if (w.regime == nullptr || !w.regime->scoring) {
    throw std::runtime_error("Thiếu chế độ đánh giá " + w.stored.regime_id + " phiên bản " +
                             std::to_string(w.stored.regime_version) +
                             " (có phần chấm điểm) trong thư mục regimes.dir");
  }
  w.catalogue = catalogue_for_unit(t, w.org, w.stored.record.unit_id);
  w.authority = wf::resolve_period_authority(w.org, w.person);
  if (system != nullptr && w.org.in_subtree(w.stored.record.unit_id, system->agency_id)) {
    w.authority.importers.push_back(system_actor(*system));
  }
  return w;
}

void refresh_score(storage::StoredPeriod& p, const wf::Person& person,
                   const wf::ScoringRules& rules) {
  if (static_cast<int>(p.record.stage) < static_cast<int>(wf::PeriodStage::ManagerScored)) {
    p.total.reset();
    p.band.reset();
    return;
  }
  const auto score = wf::period_score(p.record, person, rules, wf::ScoreView::Manager);
  p.total = score.total;
  p.band = score.band;
}

}  // namespace kd::application
