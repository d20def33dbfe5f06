#include "services/scoring/year_scores.hpp"

#include "workflow/regime_selection.hpp"

namespace kd::application {

std::optional<YearView> year_of_person(storage::ConnectionPool& pool,
                                       const config::RegimeCatalog& regimes, wf::Id person_id,
                                       int year) {
  auto conn = pool.acquire();
  pqxx::read_transaction t(*conn);
  auto person = load_person(t, person_id);
  if (!person) return std::nullopt;
  YearView v;
  v.person = std::move(*person);
  const auto chosen = wf::select_regimes(v.person, year, regimes.latest_all());
  if (chosen.state == nullptr || !chosen.state->scoring) return v;
  v.regime = chosen.state;
  v.periods = storage::periods::of_year(t, person_id, v.regime->id, year);
  wf::YearInput in;
  in.year = year;
  in.leader = v.person.leader;
  in.periods = storage::periods::year_outcomes(v.periods);
  in.violations = wf::violations_from_facts(year, storage::periods::year_facts(t, person_id, year),
                                            v.regime->scoring->kht);
  v.result = wf::rate_year(in, *v.regime->scoring);
  return v;
}

}  // namespace kd::application
