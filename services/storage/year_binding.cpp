#include "services/storage/year_binding.hpp"

#include "services/storage/period_store.hpp"

namespace kd::storage::detail {

bool rates_from_periods(const wf::Regime& regime) {
  return regime.scoring.has_value() && !regime.party;
}

wf::YearResult year_result(pqxx::transaction_base& t, const wf::Person& person,
                           const wf::Review& review, const CampaignRecord& campaign) {
  const int year = campaign.campaign.year;
  wf::YearInput in;
  in.year = year;
  in.leader = person.leader;
  in.periods = periods::year_outcomes(periods::of_year(t, person.id, campaign.regime.id, year));
  in.violations = wf::violations_from_facts(year, review.facts, campaign.regime.scoring->kht);
  return wf::rate_year(in, *campaign.regime.scoring);
}

std::optional<wf::YearBinding> year_binding(pqxx::transaction_base& t, const ReviewRow& row,
                                            const CampaignRecord& campaign, wf::Action action) {
  if (!rates_from_periods(campaign.regime)) return std::nullopt;
  return wf::bind_year(year_result(t, row.person, row.review, campaign), action);
}

}  // namespace kd::storage::detail
