// The annual review of a regime that scores periods (Nghị định 335/2025): the year's result
// from the person's stored periods, bound to the action being run (wf::bind_year), read
// inside the use case's transaction.
#pragma once

#include <optional>

#include <pqxx/pqxx>

#include "services/storage/store.hpp"
#include "workflow/year_rating.hpp"

namespace kd::storage::detail {

// Whether the campaign's annual rating follows from period scores: a state regime with a
// scoring part (the Party's annual rating keeps its own review).
bool rates_from_periods(const wf::Regime&);

// The person's year under the campaign's regime: their periods of the campaign's year
// (locked totals, presence, agency) and the violations their year facts record.
wf::YearResult year_result(pqxx::transaction_base&, const wf::Person&, const wf::Review&,
                           const CampaignRecord&);

// None when the campaign's rating does not follow from period scores.
std::optional<wf::YearBinding> year_binding(pqxx::transaction_base&, const ReviewRow&,
                                            const CampaignRecord&, wf::Action);

}  // namespace kd::storage::detail
