// The task-result score against hand-computed cases (Nghị định 335/2025 Điều 14–16).
#include <gtest/gtest.h>

#include "tests/unit/workflow/scoring_fixture.hpp"
#include "workflow/task_score.hpp"

namespace kd::wf {
namespace {

using test::deduction;
using test::make_task;

const TaskResultRules kRules{};

// K 1, 2,5 and 0,5; 4/4 with one failed quality review, 1/2 delivered once late,
// 3/2 (the plan exceeded). Assigned 10 converted units, completed 8.
std::vector<PeriodTask> mixed_tasks() {
  auto t1 = make_task("t1", 10000, 400, 400);
  t1.deductions = {deduction(DeductionKind::Quality)};
  auto t2 = make_task("t2", 25000, 200, 100);
  t2.deductions = {deduction(DeductionKind::Delay)};
  auto t3 = make_task("t3", 5000, 200, 300);
  return {t1, t2, t3};
}

TEST(TaskScore, RatiosOfAMixedPeriodByHand) {
  const auto r = task_ratios(mixed_tasks(), kRules);
  // a = 8 / 10; b = (3,75 + 2,5 + 1,5) / 10; c = (4 + 0,75×2,5 + 1,5) / 10.
  EXPECT_EQ(r.a, 8000);
  EXPECT_EQ(r.b, 7750);
  EXPECT_EQ(r.c, 7375);
  EXPECT_EQ(r.assigned_conv, 10000000);  // 10 units in millionths
  EXPECT_EQ(r.quality_failures, 1);
  EXPECT_EQ(r.delays, 1);
  EXPECT_EQ(r.excused, 0);
  EXPECT_FALSE(r.zero_assigned);
}

TEST(TaskScore, NonLeaderScoreIsTheMeanOfABCTimesSeventy) {
  // (80 + 77,5 + 73,75) / 3 × 70% = 53,958… -> 53,96
  EXPECT_EQ(task_score(mixed_tasks(), std::nullopt, kRules).points, 5396);
}

TEST(TaskScore, AnExcusedDelayDeductsNothing) {
  auto tasks = mixed_tasks();
  tasks[1].deductions = {deduction(DeductionKind::Delay, /*excused=*/true)};
  const auto s = task_score(tasks, std::nullopt, kRules);
  EXPECT_EQ(s.ratios.c, 8000);
  EXPECT_EQ(s.ratios.delays, 0);
  EXPECT_EQ(s.ratios.excused, 1);
  // (80 + 77,5 + 80) / 3 × 70% = 55,416… -> 55,42
  EXPECT_EQ(s.points, 5542);
}

TEST(TaskScore, AnExcusedQualityFailureDeductsNothing) {
  auto tasks = mixed_tasks();
  tasks[0].deductions = {deduction(DeductionKind::Quality, /*excused=*/true)};
  EXPECT_EQ(task_ratios(tasks, kRules).b, 8000);
}

TEST(TaskScore, EachFailureDeductsAQuarterOfOneUnitOfThatProduct) {
  // K 2,5, 2 done, 3 failed reviews: (2 − 0,75) × 2,5 = 3,125 of 5 -> 62,5 %.
  auto t = make_task("t", 25000, 200, 200);
  t.deductions = {deduction(DeductionKind::Quality), deduction(DeductionKind::Quality),
                  deduction(DeductionKind::Quality)};
  EXPECT_EQ(task_ratios({t}, kRules).b, 6250);
  EXPECT_EQ(task_ratios({t}, kRules).c, 10000);
}

TEST(TaskScore, DeductionsNeverGoBelowZero) {
  // One product, five failed reviews: 1 − 1,25 -> 0.
  auto t = make_task("t", 10000, 100, 100);
  for (int i = 0; i < 5; ++i) t.deductions.push_back(deduction(DeductionKind::Quality));
  const auto s = task_score({t}, std::nullopt, kRules);
  EXPECT_EQ(s.ratios.b, 0);
  // (100 + 0 + 100) / 3 × 70% = 46,666… -> 46,67
  EXPECT_EQ(s.points, 4667);
}

TEST(TaskScore, TheDeductionShareIsASetting) {
  TaskResultRules half = kRules;
  half.deduction_percent = 50;
  auto t = make_task("t", 10000, 200, 200);
  t.deductions = {deduction(DeductionKind::Delay)};
  EXPECT_EQ(task_ratios({t}, half).c, 7500);  // (2 − 0,5) / 2
}

TEST(TaskScore, RatiosAreCappedAtOneHundredPercent) {
  const auto s = task_score({make_task("t", 10000, 200, 300)}, std::nullopt, kRules);
  EXPECT_EQ(s.ratios.a_uncapped, 15000);
  EXPECT_EQ(s.ratios.a, 10000);
  EXPECT_EQ(s.ratios.b, 10000);
  EXPECT_EQ(s.points, 7000);
}

TEST(TaskScore, WithoutTheCapTheScoreStillStopsAtTheMaximum) {
  TaskResultRules uncapped = kRules;
  uncapped.ratio_cap_percent = 0;
  const auto s = task_score({make_task("t", 10000, 200, 300)}, std::nullopt, uncapped);
  EXPECT_EQ(s.ratios.a, 15000);
  EXPECT_EQ(s.points, 7000);
}

TEST(TaskScore, NothingAssignedGivesZeroAndAFlag) {
  const auto s = task_score({}, std::nullopt, kRules);
  EXPECT_TRUE(s.zero_assigned);
  EXPECT_EQ(s.points, 0);
  EXPECT_EQ(s.ratios.a, 0);
  const auto leader = task_score({}, LeaderFactors{}, kRules);
  EXPECT_TRUE(leader.zero_assigned);
  EXPECT_EQ(leader.points, 0);
}

TEST(TaskScore, LeadersAddDDdEOverSix) {
  // (80 + 77,5 + 73,75 + 100 + 50 + 100) / 6 × 70% = 56,145… -> 56,15
  LeaderFactors f{100, 50, 100, {}, "Chậm triển khai kế hoạch quý", {}, {}};
  const auto s = task_score(mixed_tasks(), f, kRules);
  EXPECT_EQ(s.points, 5615);
  ASSERT_TRUE(s.leader.has_value());
  EXPECT_EQ(s.leader->dd, 50);
}

TEST(TaskScore, ALeaderWithEverythingFullGetsSeventy) {
  EXPECT_EQ(task_score({make_task("t", 10000, 100, 100)}, LeaderFactors{}, kRules).points, 7000);
}

TEST(TaskScore, ALeaderWithAllFactorsAtHalf) {
  // (100 × 3 + 50 × 3) / 6 × 70% = 52,5
  LeaderFactors f{50, 50, 50, "x", "y", "z", {}};
  EXPECT_EQ(task_score({make_task("t", 10000, 100, 100)}, f, kRules).points, 5250);
}

TEST(TaskScore, ConversionFactorsWeighTheProducts) {
  // A heavy product (K 2,5) missed and a light one (K 0,5) done: a = 0,5 / 3 = 16,67 %.
  const auto r =
      task_ratios({make_task("nang", 25000, 100, 0), make_task("nhe", 5000, 100, 100)}, kRules);
  EXPECT_EQ(r.a, 1667);
}

TEST(TaskScore, LeaderUnitFactorFollowsTheSubordinatesBands) {
  EXPECT_EQ(leader_unit_factor({Rating::HTXS, Rating::HTT, Rating::HT}, kRules), 100);
  EXPECT_EQ(leader_unit_factor({Rating::HTT, Rating::KHT}, kRules), 50);
  EXPECT_EQ(leader_unit_factor({}, kRules), 100);
  TaskResultRules stricter = kRules;
  stricter.leader_d_full_when_all_at_least = Rating::HTT;
  EXPECT_EQ(leader_unit_factor({Rating::HTT, Rating::HT}, stricter), 50);
}

}  // namespace
}  // namespace kd::wf
