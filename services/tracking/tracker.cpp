#include "services/tracking/tracker.hpp"

namespace kd::tracking {

CampaignTracking evaluate(const kd::storage::CampaignRecord& record, std::vector<TrackedRow> rows,
                          const kd::wf::RoleIndex& index, const kd::wf::HolidayCalendar& cal,
                          const kd::wf::TrackingRules& rules, kd::wf::TimePoint now) {
  CampaignTracking out;
  out.record = record;
  out.timeline = kd::wf::plan_timeline(record.campaign, record.regime, cal);
  out.reviews.reserve(rows.size());
  for (auto& row : rows) {
    TrackedReview t;
    t.status =
        kd::wf::track(row.review, row.activity, out.timeline, record.regime, cal, rules, now);
    t.must = kd::wf::who_must_act(row.review, row.person, index);
    t.chain = kd::wf::escalation_chain(row.review, t.must, index);
    t.row = std::move(row);
    out.reviews.push_back(std::move(t));
  }
  return out;
}

}  // namespace kd::tracking
