// Regime validation, thresholds and the final deadline of a campaign.
#include <gtest/gtest.h>

#include "tests/unit/workflow/fixture.hpp"

namespace kd::wf::test {
namespace {

bool mentions(const std::vector<std::string>& problems, const std::string& what) {
  for (const auto& p : problems) {
    if (p.find(what) != std::string::npos) return true;
  }
  return false;
}

TEST(Regime, TheTestRegimeIsValid) { EXPECT_TRUE(validate(make_regime()).empty()); }

TEST(Regime, StagesMustStartWithSelfAssessment) {
  Regime r = without_stage(make_regime(), Stage::SelfAssessment);
  EXPECT_TRUE(mentions(validate(r), "self_assessment"));
}

TEST(Regime, StagesMustBeInOrderWithoutRepeats) {
  Regime r = make_regime();
  std::swap(r.stages[1], r.stages[2]);
  EXPECT_TRUE(mentions(validate(r), "sai thứ tự"));
  r = make_regime();
  r.stages.insert(r.stages.begin() + 1, Stage::SelfAssessment);
  EXPECT_TRUE(mentions(validate(r), "sai thứ tự"));
}

TEST(Regime, DecisionPublicationAndClosingCannotBeLeftOut) {
  for (Stage s : {Stage::CommitteeDecision, Stage::Decided, Stage::Published, Stage::Closed}) {
    EXPECT_TRUE(mentions(validate(without_stage(make_regime(), s)), std::string(to_string(s))));
  }
  for (Stage s : {Stage::CollectiveReview, Stage::HeadOpinion, Stage::Complaint}) {
    EXPECT_TRUE(validate(without_stage(make_regime(), s)).empty()) << to_string(s);
  }
}

TEST(Regime, EveryGroupNeedsAForm) {
  Regime r = make_regime();
  r.forms.erase(Group::VienChuc);
  EXPECT_TRUE(mentions(validate(r), "vien_chuc"));
  EXPECT_THROW(r.form_for(Group::VienChuc), std::out_of_range);
}

TEST(Regime, SectionKeysMustBeUnique) {
  Regime r = make_regime();
  r.forms[Group::CongChuc].sections.push_back({"dao_duc_loi_song", "Lặp", true, false});
  EXPECT_TRUE(mentions(validate(r), "dao_duc_loi_song"));
}

TEST(Regime, ThresholdsMustBeProperFractions) {
  Regime r = make_regime();
  r.quorum = {4, 3, false};
  EXPECT_TRUE(mentions(validate(r), "quorum"));
  r.quorum = {1, 0, false};
  EXPECT_TRUE(mentions(validate(r), "quorum"));
  r = make_regime();
  r.vote_rules = {{Rating::HTXS, {2, 3, false}, VoteBase::Present},
                  {Rating::HTXS, {1, 2, false}, VoteBase::Present}};
  EXPECT_TRUE(mentions(validate(r), "vote_rules.HTXS"));
}

TEST(Regime, QuotaAndRatingRulesMustBeSane) {
  Regime r = make_regime();
  r.quota.htxs_percent_of_htt = 120;
  EXPECT_TRUE(mentions(validate(r), "quota"));
  r = make_regime();
  r.rating_rules.leave_cap_min_months = 6;
  EXPECT_TRUE(mentions(validate(r), "leave_cap_min_months"));
}

TEST(Regime, DeadlinesMustBeRealDaysAndStageDurationsPositive) {
  Regime r = make_regime();
  r.deadlines.final_day = 32;
  EXPECT_TRUE(mentions(validate(r), "deadlines.final"));
  r = without_stage(make_regime(), Stage::HeadOpinion);
  r.deadlines.stage_working_days[Stage::HeadOpinion] = 3;
  EXPECT_TRUE(mentions(validate(r), "head_opinion"));
  r = make_regime();
  r.deadlines.stage_working_days[Stage::SelfAssessment] = 0;
  EXPECT_TRUE(mentions(validate(r), "self_assessment"));
}

TEST(Threshold, AtLeastTwoThirds) {
  const Threshold t{2, 3, false};
  EXPECT_TRUE(meets(t, 6, 9));
  EXPECT_FALSE(meets(t, 5, 9));
  EXPECT_TRUE(meets(t, 7, 10));
  EXPECT_FALSE(meets(t, 6, 10));
  EXPECT_FALSE(meets(t, 0, 0));
}

TEST(Threshold, MoreThanHalf) {
  const Threshold t{1, 2, true};
  EXPECT_FALSE(meets(t, 5, 10));
  EXPECT_TRUE(meets(t, 6, 10));
  EXPECT_TRUE(meets(t, 5, 9));
}

TEST(FinalDeadline, StateRatingsEndOnFifteenDecember) {
  EXPECT_EQ(final_deadline(make_campaign(), make_regime()), (Date{2026, 12, 15}));
}

TEST(FinalDeadline, SpecialAgenciesMayFinishOnFifteenJanuaryNextYear) {
  Campaign c = make_campaign();
  c.special_agency = true;
  EXPECT_EQ(final_deadline(c, make_regime()), (Date{2027, 1, 15}));
}

TEST(FinalDeadline, ALaterSpecialDateInTheSameYearStaysInTheYear) {
  Campaign c = make_campaign();
  c.special_agency = true;
  Regime r = make_regime();
  r.deadlines.final_month = 11;
  r.deadlines.special_final_month = 12;
  r.deadlines.special_final_day = 20;
  EXPECT_EQ(final_deadline(c, r), (Date{2026, 12, 20}));
}

}  // namespace
}  // namespace kd::wf::test
