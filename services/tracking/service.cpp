#include "services/tracking/service.hpp"

#include <algorithm>
#include <map>
#include <mutex>

#include "services/tracking/holidays.hpp"

namespace kd::tracking {

std::shared_ptr<const kd::wf::HolidayCalendar> holiday_calendar(const std::string& dir) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const kd::wf::HolidayCalendar>> loaded;
  std::lock_guard<std::mutex> lock(mu);
  auto it = loaded.find(dir);
  if (it != loaded.end()) return it->second;
  auto cal = std::make_shared<const kd::wf::HolidayCalendar>(load_holidays(dir));
  loaded.emplace(dir, cal);
  return cal;
}

kd::wf::TrackingRules rules_from(const kd::config::Settings& s) {
  return {s.tracking_stalled_working_days, s.tracking_reminder_working_days,
          s.tracking_supervisor_after_working_days};
}

std::vector<CampaignTracking> evaluate_scope(
    kd::storage::Store& store, TrackingStore& tracking, const kd::wf::OrgTree& org,
    const std::vector<kd::wf::Id>& units, std::optional<kd::wf::Id> campaign_id,
    const kd::wf::HolidayCalendar& cal, const kd::wf::TrackingRules& rules, kd::wf::TimePoint now) {
  std::vector<CampaignTracking> out;
  if (units.empty()) return out;  // an empty scope sees nothing (never "everything")
  const kd::wf::RoleIndex index(org);
  const std::vector<kd::wf::Id> ids =
      campaign_id ? std::vector<kd::wf::Id>{*campaign_id} : tracking.open_campaigns();
  for (const kd::wf::Id id : ids) {
    const auto record = store.get_campaign(id);
    if (!record) continue;
    // Only campaigns that can hold reviews of the scope: their unit is in it or above it.
    const bool overlaps = std::any_of(units.begin(), units.end(), [&](kd::wf::Id u) {
      return org.in_subtree(u, record->campaign.unit_id);
    });
    if (!overlaps) continue;
    auto rows = tracking.tracked_reviews(id, units);
    out.push_back(evaluate(*record, std::move(rows), index, cal, rules, now));
  }
  return out;
}

}  // namespace kd::tracking
