// The general criteria (30 points): items, maxima, step, reasons and evidence.
#include <gtest/gtest.h>

#include "tests/unit/workflow/scoring_fixture.hpp"
#include "workflow/criteria_score.hpp"

namespace kd::wf {
namespace {

using test::full_scores;
using test::make_general_sheet;

bool has_code(const Refusals& rs, const std::string& code) {
  for (const auto& r : rs)
    if (r.code == code) return true;
  return false;
}

TEST(CriteriaScore, EveryItemAtItsMaximumIsThirty) {
  const auto sheet = make_general_sheet();
  const auto scores = full_scores();
  EXPECT_TRUE(check_criteria_scores(scores, sheet, "scores").empty());
  EXPECT_EQ(criteria_total(scores, sheet), 3000);
}

TEST(CriteriaScore, PointsWithheldAddUpPerGroup) {
  const auto sheet = make_general_sheet();
  const auto scores = full_scores({{"I.2", 450}, {"II.3", 200}, {"III.1", 0}});
  EXPECT_TRUE(check_criteria_scores(scores, sheet, "scores").empty());
  EXPECT_EQ(criteria_total(scores, sheet), 3000 - 50 - 50 - 250);
  const auto groups = criteria_group_totals(scores, sheet);
  EXPECT_EQ(groups.at("I"), 950);
  EXPECT_EQ(groups.at("II"), 950);
  EXPECT_EQ(groups.at("III"), 750);
}

TEST(CriteriaScore, EveryPointWithheldNeedsAReason) {
  const auto sheet = make_general_sheet();
  auto scores = full_scores();
  scores["II.1"].points = 200;  // 0,5 withheld, no reason
  const auto rs = check_criteria_scores(scores, sheet, "scores");
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].code, "reason_required");
  EXPECT_EQ(rs[0].field, "scores.II.1.reason");
  EXPECT_NE(rs[0].message_vi.find("trừ 0,5 điểm"), std::string::npos) << rs[0].message_vi;
  scores["II.1"].reason = "   ";
  EXPECT_TRUE(has_code(check_criteria_scores(scores, sheet, "scores"), "reason_required"));
}

TEST(CriteriaScore, TheReasonRuleIsASetting) {
  auto sheet = make_general_sheet();
  sheet.reason_required_when_withheld = false;
  auto scores = full_scores();
  scores["II.1"].points = 200;
  EXPECT_TRUE(check_criteria_scores(scores, sheet, "scores").empty());
}

TEST(CriteriaScore, PointsFollowTheStep) {
  const auto sheet = make_general_sheet();
  auto scores = full_scores({{"I.1", 425}});  // 4,25 with a step of 0,5
  const auto rs = check_criteria_scores(scores, sheet, "scores");
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].code, "criteria_points_invalid");
  EXPECT_NE(rs[0].message_vi.find("bước chấm 0,5"), std::string::npos);
}

TEST(CriteriaScore, AnItemStepOverridesTheSheetStep) {
  auto sheet = make_general_sheet();
  sheet.groups[0].items[0].step = 25;
  EXPECT_TRUE(check_criteria_scores(full_scores({{"I.1", 425}}), sheet, "scores").empty());
}

TEST(CriteriaScore, PointsOutsideTheRangeAreRefused) {
  const auto sheet = make_general_sheet();
  auto scores = full_scores();
  scores["II.2"].points = 300;
  scores["I.1"].points = -50;
  scores["I.1"].reason = "x";
  const auto rs = check_criteria_scores(scores, sheet, "scores");
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_EQ(rs[0].code, "criteria_points_invalid");
  EXPECT_EQ(rs[1].code, "criteria_points_invalid");
}

TEST(CriteriaScore, MissingItemsAreNamedInOneRefusal) {
  const auto sheet = make_general_sheet();
  auto scores = full_scores();
  scores.erase("I.2");
  scores.erase("III.4");
  const auto rs = check_criteria_scores(scores, sheet, "scores");
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].code, "criteria_incomplete");
  EXPECT_NE(rs[0].message_vi.find("I.2 Ý thức kỷ luật"), std::string::npos) << rs[0].message_vi;
  EXPECT_NE(rs[0].message_vi.find("III.4"), std::string::npos);
}

TEST(CriteriaScore, UnknownItemsAreRefused) {
  auto scores = full_scores();
  scores["IV.1"].points = 100;
  const auto rs = check_criteria_scores(scores, make_general_sheet(), "scores");
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].code, "criteria_unknown_item");
  EXPECT_EQ(rs[0].field, "scores.IV.1");
}

TEST(CriteriaScore, PassFailItemsTakeOnlyZeroOrTheMaximum) {
  auto sheet = make_general_sheet();
  sheet.groups[0].items[0].pass_fail = true;
  EXPECT_TRUE(check_criteria_scores(full_scores({{"I.1", 0}}), sheet, "s").empty());
  const auto rs = check_criteria_scores(full_scores({{"I.1", 250}}), sheet, "s");
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_NE(rs[0].message_vi.find("không đảm bảo"), std::string::npos);
}

TEST(CriteriaScore, EvidenceRequiredItemsNeedEvidenceForAnyPoint) {
  auto sheet = make_general_sheet();
  sheet.groups[2].items[0].evidence_required = true;
  auto scores = full_scores();
  auto rs = check_criteria_scores(scores, sheet, "scores");
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].code, "evidence_required");
  EXPECT_EQ(rs[0].field, "scores.III.1.evidence");
  scores["III.1"].evidence = {test::file_evidence("sang-kien.pdf")};
  EXPECT_TRUE(check_criteria_scores(scores, sheet, "scores").empty());
  EXPECT_TRUE(check_criteria_scores(full_scores({{"III.1", 0}}), sheet, "scores").empty());
}

TEST(CriteriaScore, DefaultsStartAtTheMaximumUnlessTheItemSaysZero) {
  auto sheet = make_general_sheet();
  sheet.groups[2].items[0].default_full = false;
  const auto d = default_criteria_scores(sheet);
  EXPECT_EQ(d.at("I.1").points, 500);
  EXPECT_EQ(d.at("III.1").points, 0);
  EXPECT_EQ(criteria_total(d, sheet), 2750);
}

}  // namespace
}  // namespace kd::wf
