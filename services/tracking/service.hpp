// The tracking adapter as the API and the program use it: the store, the holiday
// calendar and the rules, and the evaluation of the campaigns a scope covers.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "services/config/settings.hpp"
#include "services/storage/store.hpp"
#include "services/tracking/tracker.hpp"
#include "services/tracking/tracking_store.hpp"

namespace kd::tracking {

// The calendar of `dir`, loaded once per process and shared (immutable). Throws
// HolidayError when the directory or a file is invalid.
std::shared_ptr<const kd::wf::HolidayCalendar> holiday_calendar(const std::string& dir);

kd::wf::TrackingRules rules_from(const kd::config::Settings&);

// The open campaigns (or the one given) whose reviews fall in `units`, each
// evaluated at `now` with its reviews restricted to `units`. A campaign whose
// dates leave the calendar throws wf::CalendarYearMissing.
std::vector<CampaignTracking> evaluate_scope(
    kd::storage::Store& store, TrackingStore& tracking, const kd::wf::OrgTree& org,
    const std::vector<kd::wf::Id>& units, std::optional<kd::wf::Id> campaign_id,
    const kd::wf::HolidayCalendar& cal, const kd::wf::TrackingRules& rules, kd::wf::TimePoint now);

}  // namespace kd::tracking
