// The late list's filters and sorting, and the summary's counting rules, on hand-made rows.
#include "services/tracking/supervision.hpp"

#include <gtest/gtest.h>

namespace kd::tracking {
namespace {

namespace wf = kd::wf;

TrackedReview row(wf::Id id, wf::Stage stage, bool overdue, bool stalled, int since_day,
                  const std::string& name, std::optional<wf::Rating> rating = std::nullopt) {
  TrackedReview t;
  t.row.review.id = id;
  t.row.review.stage = stage;
  t.row.review.unit_id = 7;
  t.row.review.final_rating = rating;
  t.row.person.full_name = name;
  t.row.person.group = wf::Group::CongChuc;
  t.row.unit_name = "Phòng A";
  t.status.overdue = overdue;
  t.status.overdue_working_days = overdue ? since_day : 0;
  t.status.stalled = stalled;
  t.status.stage_since = wf::TimePoint(std::chrono::seconds(since_day * 86400));
  return t;
}

std::vector<wf::Id> ids(const std::vector<const TrackedReview*>& rows) {
  std::vector<wf::Id> out;
  for (const auto* r : rows) out.push_back(r->row.review.id);
  return out;
}

TEST(Supervision, TheLateListFiltersAndSortsWithTiesByReviewId) {
  std::vector<CampaignTracking> c(1);
  c[0].reviews = {row(5, wf::Stage::SelfAssessment, true, false, 3, "Bình"),
                  row(2, wf::Stage::SelfAssessment, false, true, 3, "An"),
                  row(9, wf::Stage::HeadOpinion, true, true, 1, "Chí"),
                  row(4, wf::Stage::Published, false, false, 0, "Dũng")};
  ListQuery q;  // late = overdue or stalled, oldest first
  EXPECT_EQ(ids(select(c, q)), (std::vector<wf::Id>{9, 2, 5}));
  q.descending = true;  // newest first; the tie (2, 5) stays in id order
  EXPECT_EQ(ids(select(c, q)), (std::vector<wf::Id>{2, 5, 9}));
  q = {};
  q.status = LateFilter::Stalled;
  EXPECT_EQ(ids(select(c, q)), (std::vector<wf::Id>{9, 2}));
  q.status = LateFilter::All;
  q.sort = "person";
  EXPECT_EQ(ids(select(c, q)), (std::vector<wf::Id>{2, 5, 9, 4}));
  q.stage = wf::Stage::SelfAssessment;
  q.sort = "overdue";
  q.descending = true;
  EXPECT_EQ(ids(select(c, q)), (std::vector<wf::Id>{5, 2}));
  q.group = wf::Group::VienChuc;
  EXPECT_TRUE(select(c, q).empty());
}

TEST(Supervision, RatingsCountOnceDecidedAndAsPublishedOnlyWhenPublic) {
  std::vector<CampaignTracking> c(1);
  c[0].record.regime.quota.htxs_percent_of_htt = 20;
  c[0].reviews = {row(1, wf::Stage::Decided, false, false, 0, "A", wf::Rating::HTXS),
                  row(2, wf::Stage::Published, false, false, 0, "B", wf::Rating::HTT),
                  row(3, wf::Stage::Closed, false, false, 0, "C", wf::Rating::HTT),
                  row(4, wf::Stage::Complaint, false, false, 0, "D", wf::Rating::KHT),
                  row(5, wf::Stage::SelfAssessment, false, false, 0, "E")};
  const wf::HolidayCalendar cal({wf::HolidayYear{1970, false, "", {}, {}}});
  const Summary s = summarize(c, cal, wf::TimePoint(std::chrono::seconds(86400 * 10)));
  ASSERT_EQ(s.by_unit.size(), 1u);
  EXPECT_EQ(s.by_unit[0].decided, (RatingCounts{1, 2, 0, 1}));
  EXPECT_EQ(s.by_unit[0].published, (RatingCounts{0, 2, 0, 0}));
  ASSERT_EQ(s.quota.size(), 1u);  // peer group "cong_chuc": 1 HTXS against 2 HTT, limit 0
  EXPECT_EQ(s.quota[0].htxs, 1);
  EXPECT_EQ(s.quota[0].limit, 0);
  EXPECT_FALSE(s.quota[0].ok);
  EXPECT_EQ(s.stages[0].count, 1);
  EXPECT_EQ(s.stages[0].oldest_age_days, 10);
}

}  // namespace
}  // namespace kd::tracking
