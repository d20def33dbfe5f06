// QĐ 366: points lead to a band, and the band's conditions of Điều 11 are checked.
#include <gtest/gtest.h>

#include "tests/unit/workflow/scoring_fixture.hpp"
#include "workflow/party_scoring.hpp"

namespace kd::wf {
namespace {

ScoringRules party_rules() {
  ScoringRules r = test::make_nd335_rules();
  r.tasks.method = TaskMethod::Entered;
  r.sheets[0].key = "khong_giu_chuc_vu";
  r.sheets[0].scope = SheetScope::NonLeaders;
  CriteriaSheet leaders = r.sheets[0];
  leaders.key = "lanh_dao";
  leaders.scope = SheetScope::Leaders;
  CriteriaSheet collective = r.sheets[0];
  collective.key = "tap_the";
  collective.scope = SheetScope::Collective;
  r.sheets = {r.sheets[0], leaders, collective};
  RatingCondition htxs;
  htxs.rating = Rating::HTXS;
  htxs.tasks_on_time_min_percent = 100;
  htxs.tasks_exceeded_min_percent = 30;
  htxs.shortcomings_fixed_min_percent = 100;
  RatingCondition htxs_leader = htxs;
  htxs_leader.sheet = "lanh_dao";
  htxs_leader.led_unit_on_time_min_percent = 100;
  htxs_leader.led_unit_exceeded_min_percent = 30;
  RatingCondition htxs_collective = htxs;
  htxs_collective.sheet = "tap_the";
  htxs_collective.no_discipline_in_subordinates = true;
  htxs.sheet = "khong_giu_chuc_vu";
  RatingCondition htt;
  htt.rating = Rating::HTT;
  htt.tasks_on_time_min_percent = 100;
  RatingCondition ht_collective;
  ht_collective.rating = Rating::HT;
  ht_collective.sheet = "tap_the";
  ht_collective.tasks_done_min_percent = 100;
  ht_collective.tasks_late_max_percent = 20;
  r.conditions = {htxs, htxs_leader, htxs_collective, htt, ht_collective};
  return r;
}

const ScoringRules kRules = party_rules();

// 10 tasks, all on time, 3 exceeded (30 %), both earlier shortcomings fixed.
PartyFacts excellent() {
  PartyFacts f;
  f.tasks = TaskCounts{10, 10, 10, 3};
  f.shortcomings_total = 2;
  f.shortcomings_fixed = 2;
  return f;
}

PartyRating rate(Centi score, const std::string& sheet, const PartyFacts& f, bool leader = false) {
  return rate_party(score, sheet, f, 2026, leader, {}, kRules);
}

TEST(PartyScoring, NinetyPointsAndEveryConditionGiveHtxs) {
  const auto r = rate(9200, "khong_giu_chuc_vu", excellent());
  EXPECT_EQ(r.by_points, Rating::HTXS);
  EXPECT_EQ(r.rating, Rating::HTXS);
  EXPECT_TRUE(r.unmet_vi.empty());
}

TEST(PartyScoring, FewerThanThirtyPercentExceededFallsToHtt) {
  auto f = excellent();
  f.tasks.exceeded = 2;  // 20 %
  const auto r = rate(9200, "khong_giu_chuc_vu", f);
  EXPECT_EQ(r.by_points, Rating::HTXS);
  EXPECT_EQ(r.rating, Rating::HTT);
  ASSERT_EQ(r.unmet_vi.size(), 1u);
  EXPECT_EQ(r.unmet_vi[0], "HTXS: vượt kế hoạch 2/10 nhiệm vụ, cần ít nhất 30%.");
}

TEST(PartyScoring, ATaskLateFallsPastHttToHt) {
  auto f = excellent();
  f.tasks.on_time = 9;
  const auto r = rate(9500, "khong_giu_chuc_vu", f);
  EXPECT_EQ(r.rating, Rating::HT);
  ASSERT_EQ(r.unmet_vi.size(), 2u);
  EXPECT_NE(r.unmet_vi[0].find("HTXS: hoàn thành đúng tiến độ"), std::string::npos);
  EXPECT_NE(r.unmet_vi[1].find("HTT: hoàn thành đúng tiến độ, bảo đảm chất lượng, hiệu quả 9/10"),
            std::string::npos)
      << r.unmet_vi[1];
}

TEST(PartyScoring, ShortcomingsNotAllFixedBarHtxs) {
  auto f = excellent();
  f.shortcomings_fixed = 1;
  EXPECT_EQ(rate(9500, "khong_giu_chuc_vu", f).rating, Rating::HTT);
}

TEST(PartyScoring, PointsAloneDecideBelowTheConditions) {
  EXPECT_EQ(rate(8900, "khong_giu_chuc_vu", excellent()).rating, Rating::HTT);
  EXPECT_EQ(rate(6000, "khong_giu_chuc_vu", excellent()).rating, Rating::HT);
  EXPECT_EQ(rate(4950, "khong_giu_chuc_vu", excellent()).rating, Rating::KHT);
}

TEST(PartyScoring, ALeaderNeedsTheLedUnitToMeetTheConditionsToo) {
  auto f = excellent();
  EXPECT_EQ(rate(9500, "lanh_dao", f, true).rating, Rating::HTT);  // no unit results yet
  f.led_unit = TaskCounts{40, 40, 40, 12};
  EXPECT_EQ(rate(9500, "lanh_dao", f, true).rating, Rating::HTXS);
  f.led_unit = TaskCounts{40, 40, 40, 11};  // 27,5 % exceeded
  const auto r = rate(9500, "lanh_dao", f, true);
  EXPECT_EQ(r.rating, Rating::HTT);
  EXPECT_NE(r.unmet_vi.at(0).find("đơn vị trực tiếp lãnh đạo vượt kế hoạch 11/40"),
            std::string::npos);
}

TEST(PartyScoring, ACollectiveWithADisciplinedSubordinateIsNotHtxs) {
  auto f = excellent();
  f.subordinate_disciplined = true;
  const auto r = rate(9600, "tap_the", f);
  EXPECT_EQ(r.rating, Rating::HTT);
  EXPECT_NE(r.unmet_vi.at(0).find("bị xử lý kỷ luật"), std::string::npos);
}

TEST(PartyScoring, ACollectiveAtHtNeedsEveryTaskDoneAndAtMostTwentyPercentLate) {
  PartyFacts f;
  f.tasks = TaskCounts{10, 10, 8, 0};  // 2 late: 20 %
  EXPECT_EQ(rate(6000, "tap_the", f).rating, Rating::HT);
  f.tasks = TaskCounts{10, 10, 7, 0};  // 3 late: 30 %
  auto r = rate(6000, "tap_the", f);
  EXPECT_EQ(r.rating, Rating::KHT);
  EXPECT_NE(r.unmet_vi.at(0).find("3/10 nhiệm vụ không bảo đảm tiến độ, tối đa 20%"),
            std::string::npos);
  f.tasks = TaskCounts{10, 9, 9, 0};
  EXPECT_EQ(rate(6000, "tap_the", f).rating, Rating::KHT);
}

TEST(PartyScoring, GroundsForceKhtAfterTheConditions) {
  Violation v;
  v.ground = KhtGround::Discipline;
  v.discipline_level = "khien_trach";
  v.decided_on = Date{2026, 4, 1};
  const auto r = rate_party(9600, "khong_giu_chuc_vu", excellent(), 2026, false, {v}, kRules);
  EXPECT_EQ(r.by_points, Rating::HTXS);
  EXPECT_EQ(r.rating, Rating::KHT);
  EXPECT_EQ(r.grounds.size(), 1u);
}

TEST(PartyScoring, InconsistentCountsAreRefused) {
  PartyFacts f = excellent();
  f.tasks.on_time = 11;
  auto r = rate(9000, "khong_giu_chuc_vu", f);
  ASSERT_EQ(r.refusals.size(), 1u);
  EXPECT_EQ(r.refusals[0].code, "task_counts_invalid");
  f = excellent();
  f.shortcomings_fixed = 3;
  EXPECT_EQ(rate(9000, "khong_giu_chuc_vu", f).refusals.at(0).code, "shortcomings_invalid");
}

TEST(PartyScoring, TheSheetOfAPersonFollowsTheirPost) {
  EXPECT_EQ(kRules.sheet_for(false)->key, "khong_giu_chuc_vu");
  EXPECT_EQ(kRules.sheet_for(true)->key, "lanh_dao");
  EXPECT_EQ(kRules.sheet_for(false, true)->key, "tap_the");
}

}  // namespace
}  // namespace kd::wf
