// The annual review under a scoring regime (ND 335) starts from the year's
// aggregated score: the rating is the one the score and the grounds lead to,
// and a person with no period worked is closed at submission as not rated.
#include <gtest/gtest.h>

#include "tests/unit/workflow/fixture.hpp"
#include "tests/unit/workflow/scoring_fixture.hpp"
#include "workflow/year_rating.hpp"

namespace kd::wf {
namespace {

using namespace test;

struct ScoredWorld : World {
  ScoredWorld() { regime = without_stage(make_regime(), Stage::CollectiveReview); }

  RatingBounds bounds_for(Centi monthly_total, bool worked = true) const {
    YearInput in;
    for (int m = 1; m <= 12; ++m) {
      PeriodOutcome p{PeriodRef{2026, PeriodKind::Month, m}, "Sở Nội vụ",
                      worked ? PeriodPresence::Worked : PeriodPresence::Maternity, worked,
                      monthly_total};
      in.periods.push_back(p);
    }
    return bounds_from_year(rate_year(in, make_nd335_rules()));
  }

  TransitionResult run_scored(const Review& r, Id actor, const ActionRequest& req,
                              const RatingBounds& b) const {
    TransitionContext c = ctx(r, actor);
    c.score_bounds = &b;
    return apply_action(c, req);
  }
};

TEST(ScoredReview, SubmitGoesStraightToTheOpinionWithoutAMeeting) {
  const ScoredWorld w;
  Review r = review_in(Stage::SelfAssessment);
  r.facts.months_worked = 4;  // the ND 90 six-month rule does not bind a scored year
  auto req = valid_request(Action::Submit);
  req.form->self_rating = Rating::HTT;
  const auto t = w.run_scored(r, kAn, req, w.bounds_for(8500));
  ASSERT_TRUE(t.accepted) << t.refusals.at(0).message_vi;
  EXPECT_EQ(t.to, Stage::HeadOpinion);
  EXPECT_FALSE(t.review.not_rated);
}

TEST(ScoredReview, NoPeriodWorkedClosesTheReviewAsNotRated) {
  const ScoredWorld w;
  const auto t = w.run_scored(review_in(Stage::SelfAssessment), kAn, valid_request(Action::Submit),
                              w.bounds_for(0, false));
  ASSERT_TRUE(t.accepted);
  EXPECT_EQ(t.to, Stage::Closed);
  EXPECT_TRUE(t.review.not_rated);
}

TEST(ScoredReview, TheSelfRatingMustBeTheOneTheScoreLeadsTo) {
  const ScoredWorld w;
  auto req = valid_request(Action::Submit);
  req.form->self_rating = Rating::HTXS;
  const auto t = w.run_scored(review_in(Stage::SelfAssessment), kAn, req, w.bounds_for(8500));
  ASSERT_FALSE(t.accepted);
  EXPECT_EQ(t.refusals.at(0).code, "rating_not_allowed");
  EXPECT_NE(t.refusals.at(0).message_vi.find("85,00"), std::string::npos);
}

TEST(ScoredReview, TheDecisionCanBeNeitherBetterNorWorseThanTheScore) {
  const ScoredWorld w;
  const Review r = review_in(Stage::CommitteeDecision);
  const auto b = w.bounds_for(9300);
  for (Rating refused : {Rating::HTT, Rating::HT, Rating::KHT}) {
    auto req = valid_request(Action::Decide);
    req.rating = refused;
    EXPECT_FALSE(w.run_scored(r, kHa, req, b).accepted) << to_string(refused);
  }
  auto req = valid_request(Action::Decide);
  req.rating = Rating::HTXS;
  const auto t = w.run_scored(r, kHa, req, b);
  ASSERT_TRUE(t.accepted);
  EXPECT_EQ(t.review.final_rating, Rating::HTXS);
}

TEST(ScoredReview, WithoutScoreBoundsTheNd90RulesStillApply) {
  const World w;
  Review r = review_in(Stage::SelfAssessment);
  r.facts.months_worked = 4;
  const auto t = w.run(r, kAn, valid_request(Action::Submit));
  ASSERT_TRUE(t.accepted);
  EXPECT_EQ(t.to, Stage::Closed);
  EXPECT_TRUE(t.review.not_rated);
}

}  // namespace
}  // namespace kd::wf
