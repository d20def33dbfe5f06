// What supervisors see of the reviews in their scope: counts per stage with
// overdue, stalled and the age of the oldest file; the distribution of ratings
// per unit and per group; the HTXS/HTT ratio against the quota; and the list of
// late reviews with filters, sorting and pagination. Pure functions over the
// evaluated campaigns (tracker.hpp): the caller restricts the rows to the units
// the caller supervises BEFORE calling, so nothing outside the scope is counted.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/tracking/tracker.hpp"

namespace kd::tracking {

struct StageLine {
  kd::wf::Stage stage = kd::wf::Stage::SelfAssessment;
  int count = 0;
  int overdue = 0;
  int stalled = 0;
  std::optional<kd::wf::TimePoint> oldest_since;  // earliest entry into the stage
  int oldest_age_days = 0;                        // calendar days from it to now
  int oldest_age_working_days = 0;
};

// Counts per rating, in wf::all_ratings() order (HTXS, HTT, HT, KHT).
using RatingCounts = std::array<int, 4>;

struct RatingLine {
  std::string key;           // unit id (as text) or group code
  std::string label;         // unit name or group label
  RatingCounts decided{};    // rating decided (decided, published, complaint or closed)
  RatingCounts published{};  // rating public now (published or closed)
  int not_rated = 0;         // < 6 months worked
};

struct QuotaLine {
  kd::wf::Id campaign_id = 0;
  std::string peer_group;
  int htxs = 0;
  int htt = 0;
  int limit = 0;  // floor(htt * percent / 100)
  int percent = 20;
  bool ok = true;
};

struct Summary {
  int total = 0;
  int overdue = 0;
  int stalled = 0;
  std::vector<StageLine> stages;  // every stage, workflow order
  std::vector<RatingLine> by_unit;
  std::vector<RatingLine> by_group;
  std::vector<QuotaLine> quota;
};

Summary summarize(const std::vector<CampaignTracking>&, const kd::wf::HolidayCalendar&,
                  kd::wf::TimePoint now);

enum class LateFilter { Late, Overdue, Stalled, All };  // late = overdue or stalled

struct ListQuery {
  std::optional<kd::wf::Stage> stage;
  std::optional<kd::wf::Group> group;
  LateFilter status = LateFilter::Late;
  std::string sort = "since";  // since | due | overdue | idle | person | unit | stage
  bool descending = false;
};

// The matching reviews, sorted (ties by review id); pagination is the caller's.
std::vector<const TrackedReview*> select(const std::vector<CampaignTracking>&, const ListQuery&);

// Sort keys accepted by ListQuery::sort.
const std::vector<std::string>& sort_keys();

}  // namespace kd::tracking
