// A person's year under a regime that scores periods: the periods of the year with their
// totals, and the year's result (wf::rate_year: the mean of the periods worked, the band,
// the grounds forcing KHT beside it). The annual review binds its rating to the same result
// (storage/year_binding.hpp reads it the same way inside the review's transaction).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/scoring/period_actions.hpp"

namespace kd::application {

struct YearView {
  wf::Person person;
  const wf::Regime* regime = nullptr;  // the state regime of the year that scores periods
  std::vector<storage::StoredPeriod> periods;
  wf::YearResult result;
};

// None when the person does not exist; regime null when no scoring regime rates them.
std::optional<YearView> year_of_person(storage::ConnectionPool&, const config::RegimeCatalog&,
                                       wf::Id person_id, int year);

}  // namespace kd::application
