// The signature guards: the head's opinion waits for the minutes signed by the secretary
// and the chair; publication waits for the signed decision. Facts come in as data.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/unit/workflow/fixture.hpp"
#include "workflow/signature_facts.hpp"

namespace kd::wf::test {
namespace {

TransitionResult run_with(const World& w, Stage stage, Action action, const SignatureFacts* facts) {
  const Review r = review_in(stage);
  TransitionContext ctx = w.ctx(r, rightful_actor(action, stage));
  ctx.signatures = facts;
  return apply_action(ctx, valid_request(action));
}

TEST(SignatureGuards, WithoutFactsNothingIsRequired) {
  World w;
  EXPECT_TRUE(run_with(w, Stage::HeadOpinion, Action::GiveOpinion, nullptr).accepted);
  EXPECT_TRUE(run_with(w, Stage::Decided, Action::Publish, nullptr).accepted);
}

TEST(SignatureGuards, OpinionWaitsForBothSignaturesOnTheMinutes) {
  World w;
  SignatureFacts none;
  const auto r = run_with(w, Stage::HeadOpinion, Action::GiveOpinion, &none);
  EXPECT_FALSE(r.accepted);
  ASSERT_TRUE(has_code(r.refusals, "minutes_not_signed"));
  EXPECT_NE(r.refusals[0].message_vi.find("thư ký và chủ trì"), std::string::npos);
  EXPECT_EQ(r.review.stage, Stage::HeadOpinion);

  SignatureFacts secretary_only;
  secretary_only.minutes_signed_by_secretary = true;
  const auto r2 = run_with(w, Stage::HeadOpinion, Action::GiveOpinion, &secretary_only);
  EXPECT_FALSE(r2.accepted);
  ASSERT_FALSE(r2.refusals.empty());
  EXPECT_NE(r2.refusals[0].message_vi.find("chủ trì"), std::string::npos);
  EXPECT_EQ(r2.refusals[0].message_vi.find("thư ký"), std::string::npos);

  SignatureFacts both;
  both.minutes_signed_by_secretary = both.minutes_signed_by_chair = true;
  EXPECT_TRUE(run_with(w, Stage::HeadOpinion, Action::GiveOpinion, &both).accepted);
}

TEST(SignatureGuards, OnlyTheHeadIsToldAboutTheMinutes) {
  World w;
  SignatureFacts none;
  const Review r = review_in(Stage::HeadOpinion);
  TransitionContext ctx = w.ctx(r, kOanh);  // no role
  ctx.signatures = &none;
  const auto result = apply_action(ctx, valid_request(Action::GiveOpinion));
  EXPECT_FALSE(result.accepted);
  EXPECT_FALSE(has_code(result.refusals, "minutes_not_signed"));
}

TEST(SignatureGuards, NoMeetingInTheRegimeNoMinutesToSign) {
  World w;
  w.regime = without_stage(w.regime, Stage::CollectiveReview);
  SignatureFacts none;
  EXPECT_TRUE(run_with(w, Stage::HeadOpinion, Action::GiveOpinion, &none).accepted);
}

TEST(SignatureGuards, PublicationWaitsForTheSignedDecision) {
  World w;
  SignatureFacts unsigned_decision;
  unsigned_decision.minutes_signed_by_secretary = unsigned_decision.minutes_signed_by_chair = true;
  const auto r = run_with(w, Stage::Decided, Action::Publish, &unsigned_decision);
  EXPECT_FALSE(r.accepted);
  EXPECT_TRUE(has_code(r.refusals, "decision_not_signed"));
  SignatureFacts signed_decision = unsigned_decision;
  signed_decision.decision_signed = true;
  EXPECT_TRUE(run_with(w, Stage::Decided, Action::Publish, &signed_decision).accepted);
}

// An action is offered only when it would be accepted: allowed_actions leaves out the
// head's opinion until the minutes are signed and publication until the decision is.
TEST(SignatureGuards, AllowedActionsOfferNothingThatWaitsForASignature) {
  World w;
  auto offered = [&](Stage stage, Action action, const SignatureFacts& facts) {
    const Review r = review_in(stage);
    TransitionContext ctx = w.ctx(r, rightful_actor(action, stage));
    ctx.signatures = &facts;
    const auto allowed = allowed_actions(ctx);
    return std::find(allowed.begin(), allowed.end(), action) != allowed.end();
  };
  SignatureFacts facts;
  EXPECT_FALSE(offered(Stage::HeadOpinion, Action::GiveOpinion, facts));
  EXPECT_TRUE(offered(Stage::HeadOpinion, Action::Return, facts));
  facts.minutes_signed_by_secretary = true;
  EXPECT_FALSE(offered(Stage::HeadOpinion, Action::GiveOpinion, facts));
  facts.minutes_signed_by_chair = true;
  EXPECT_TRUE(offered(Stage::HeadOpinion, Action::GiveOpinion, facts));
  EXPECT_FALSE(offered(Stage::Decided, Action::Publish, facts));
  facts.decision_signed = true;
  EXPECT_TRUE(offered(Stage::Decided, Action::Publish, facts));
}

}  // namespace
}  // namespace kd::wf::test
