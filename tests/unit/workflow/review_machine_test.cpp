// Every stage × every action, with the rightful actor and valid data: either
// the documented transition or "action_not_allowed_in_stage".
#include <gtest/gtest.h>

#include <map>
#include <utility>

#include "tests/unit/workflow/fixture.hpp"

namespace kd::wf::test {
namespace {

// The specification (review_machine.hpp), written independently of the table.
const std::map<std::pair<Stage, Action>, Stage>& expected_transitions() {
  static const std::map<std::pair<Stage, Action>, Stage> m = {
      {{Stage::SelfAssessment, Action::Submit}, Stage::CollectiveReview},
      {{Stage::CollectiveReview, Action::RecordMeeting}, Stage::HeadOpinion},
      {{Stage::CollectiveReview, Action::Return}, Stage::SelfAssessment},
      {{Stage::HeadOpinion, Action::GiveOpinion}, Stage::CommitteeDecision},
      {{Stage::HeadOpinion, Action::Return}, Stage::CollectiveReview},
      {{Stage::CommitteeDecision, Action::Decide}, Stage::Decided},
      {{Stage::CommitteeDecision, Action::Return}, Stage::HeadOpinion},
      {{Stage::Decided, Action::Publish}, Stage::Published},
      {{Stage::Published, Action::Complain}, Stage::Complaint},
      {{Stage::Published, Action::Close}, Stage::Closed},
      {{Stage::Complaint, Action::ResolveComplaint}, Stage::Decided},
  };
  return m;
}

class EveryStageAndAction : public ::testing::TestWithParam<std::pair<Stage, Action>> {};

TEST_P(EveryStageAndAction, IsAcceptedOrRefusedAsSpecified) {
  const auto [stage, action] = GetParam();
  World w;
  const Review before = review_in(stage);
  const auto result = w.run(before, rightful_actor(action, stage), valid_request(action));
  EXPECT_EQ(result.from, stage);
  auto it = expected_transitions().find({stage, action});
  if (it != expected_transitions().end()) {
    ASSERT_TRUE(result.accepted) << (result.refusals.empty() ? ""
                                                             : result.refusals[0].code + ": " +
                                                                   result.refusals[0].message_vi);
    EXPECT_TRUE(result.refusals.empty());
    EXPECT_EQ(result.to, it->second);
    EXPECT_EQ(result.review.stage, it->second);
    EXPECT_EQ(result.review.version, before.version + 1);
  } else {
    EXPECT_FALSE(result.accepted);
    ASSERT_EQ(result.refusals.size(), 1u);
    EXPECT_EQ(result.refusals[0].kind, RefusalKind::NotAllowedInStage);
    EXPECT_EQ(result.refusals[0].code, "action_not_allowed_in_stage");
    EXPECT_NE(result.refusals[0].message_vi.find(std::string(label_vi(stage))), std::string::npos);
    EXPECT_EQ(result.to, stage);
    EXPECT_EQ(result.review.version, before.version);
    EXPECT_EQ(result.review.stage, stage);
  }
}

class EveryTransition : public ::testing::TestWithParam<std::pair<Stage, Action>> {};

// A stranger (plain member, no role) is forbidden every action that exists in the stage.
TEST_P(EveryTransition, IsForbiddenToAPersonWithoutTheRole) {
  const auto [stage, action] = GetParam();
  World w;
  const auto result = w.run(review_in(stage), kOanh, valid_request(action));
  EXPECT_FALSE(result.accepted);
  ASSERT_FALSE(result.refusals.empty());
  EXPECT_EQ(dominant_kind(result.refusals), RefusalKind::Forbidden);
  const std::string expected_code = (action == Action::Submit || action == Action::Complain)
                                        ? "not_your_review"
                                        : "role_required";
  EXPECT_TRUE(has_code(result.refusals, expected_code)) << result.refusals[0].code;
}

// The reviewee may submit and complain, and never act as a reviewer of their own file.
TEST_P(EveryTransition, IsForbiddenToTheRevieweeUnlessSubmitOrComplain) {
  const auto [stage, action] = GetParam();
  World w;
  const auto result = w.run(review_in(stage), kAn, valid_request(action));
  if (action == Action::Submit || action == Action::Complain) {
    EXPECT_TRUE(result.accepted);
    return;
  }
  EXPECT_FALSE(result.accepted);
  EXPECT_TRUE(has_code(result.refusals, "own_review"));
  EXPECT_EQ(dominant_kind(result.refusals), RefusalKind::Forbidden);
}

// Nothing changes when an action is refused: same stage, same version, same data.
TEST_P(EveryTransition, LeavesTheReviewUntouchedWhenRefused) {
  const auto [stage, action] = GetParam();
  World w;
  const Review before = review_in(stage);
  const auto result = w.run(before, kOanh, valid_request(action));
  ASSERT_FALSE(result.accepted);
  EXPECT_EQ(result.review.stage, before.stage);
  EXPECT_EQ(result.review.version, before.version);
  EXPECT_EQ(result.review.final_rating, before.final_rating);
  EXPECT_EQ(result.review.complaints, before.complaints);
  EXPECT_EQ(result.review.last_return_reason, before.last_return_reason);
}

// allowed_actions agrees with apply_action for the rightful actor.
TEST_P(EveryStageAndAction, AllowedActionsListsExactlyTheTransitionsOfTheStage) {
  const auto [stage, action] = GetParam();
  World w;
  const Review r = review_in(stage);
  const auto allowed = allowed_actions(w.ctx(r, rightful_actor(action, stage)));
  const bool listed = std::find(allowed.begin(), allowed.end(), action) != allowed.end();
  EXPECT_EQ(listed, expected_transitions().count({stage, action}) == 1);
}

std::vector<std::pair<Stage, Action>> all_pairs() {
  std::vector<std::pair<Stage, Action>> out;
  for (Stage s : all_stages()) {
    for (Action a : all_actions()) out.emplace_back(s, a);
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(ReviewMachine, EveryStageAndAction, ::testing::ValuesIn(all_pairs()),
                         [](const auto& info) {
                           return std::string(to_string(info.param.first)) + "_" +
                                  std::string(to_string(info.param.second));
                         });

std::vector<std::pair<Stage, Action>> transitions() {
  std::vector<std::pair<Stage, Action>> out;
  for (const auto& [key, target] : expected_transitions()) out.push_back(key);
  return out;
}

INSTANTIATE_TEST_SUITE_P(ReviewMachine, EveryTransition, ::testing::ValuesIn(transitions()),
                         [](const auto& info) {
                           return std::string(to_string(info.param.first)) + "_" +
                                  std::string(to_string(info.param.second));
                         });

TEST(ReviewMachine, ThereAreSeventyTwoStageActionPairs) { EXPECT_EQ(all_pairs().size(), 72u); }

}  // namespace
}  // namespace kd::wf::test
