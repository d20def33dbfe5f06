// JSON answers of the periodic scoring routes (period_handlers.cpp, scoring_handlers.cpp).
#pragma once

#include <vector>

#include <Poco/JSON/Object.h>

#include "services/scoring/period_actions.hpp"
#include "services/scoring/year_scores.hpp"

namespace kd::api {

// A period as its page shows it: the person, the period and its label, stage, version,
// regime, presence, the whole record, the live totals for the person's scores ("self") and
// the evaluator's ("manager", null before the evaluator has scored), the criteria sheet to
// fill (groups, items, maxima, step) and the actions the caller may take now.
Poco::JSON::Object::Ptr period_json(const kd::application::PeriodWorld&,
                                    const std::vector<kd::wf::PeriodAction>& allowed);

// One line of a list: id, person, period, label, stage, version, total, band, presence.
Poco::JSON::Object::Ptr period_summary_json(const kd::storage::StoredPeriod&,
                                            const kd::wf::Person&);

Poco::JSON::Object::Ptr period_event_json(const kd::storage::PeriodEventRecord&);

// The year: person, regime, each period (label, stage, presence, total, band) and the
// result (rated, score, band, rating, grounds beside the score, notes).
Poco::JSON::Object::Ptr year_json(const kd::application::YearView&);

}  // namespace kd::api
