// Evaluates a campaign's reviews for tracking: the timeline, and for each review
// its status (overdue, stalled), who must act and whom to escalate to. A pure
// function of its inputs (the rows come from TrackingStore, `now` from the
// injected clock), shared by the scheduler and the supervisor API so they
// always agree.
#pragma once

#include <functional>
#include <vector>

#include "services/storage/store.hpp"
#include "services/tracking/tracking_store.hpp"
#include "workflow/clock.hpp"
#include "workflow/stalled.hpp"

namespace kd::tracking {

// The clock port (workflow/clock.hpp): the API's clock is passed here.
using kd::wf::Clock;

struct TrackedReview {
  TrackedRow row;
  kd::wf::TrackingStatus status;
  kd::wf::MustAct must;
  kd::wf::EscalationChain chain;
};

struct CampaignTracking {
  kd::storage::CampaignRecord record;
  kd::wf::Timeline timeline;
  std::vector<TrackedReview> reviews;
};

// Throws wf::CalendarYearMissing when the campaign's dates leave the calendar.
CampaignTracking evaluate(const kd::storage::CampaignRecord&, std::vector<TrackedRow> rows,
                          const kd::wf::RoleIndex&, const kd::wf::HolidayCalendar&,
                          const kd::wf::TrackingRules&, kd::wf::TimePoint now);

}  // namespace kd::tracking
