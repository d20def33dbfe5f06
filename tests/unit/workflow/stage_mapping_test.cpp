// MSM's positional state ids are never persisted: the stable names are. The
// mapping between the two must hold both ways for every stage.
#include <gtest/gtest.h>

#include <set>

#include "workflow/review_machine.hpp"

namespace kd::wf {
namespace {

TEST(StageMapping, EveryStageRoundTripsThroughItsMsmStateId) {
  for (Stage s : all_stages()) {
    const auto back = stage_from_msm_state_id(msm_state_id(s));
    ASSERT_TRUE(back.has_value()) << to_string(s);
    EXPECT_EQ(*back, s);
  }
}

TEST(StageMapping, EveryStageHasItsOwnMsmStateId) {
  std::set<int> ids;
  for (Stage s : all_stages()) ids.insert(msm_state_id(s));
  EXPECT_EQ(ids.size(), all_stages().size());
}

TEST(StageMapping, IdsThatAreNoStageMapToNothing) {
  std::set<int> ids;
  for (Stage s : all_stages()) ids.insert(msm_state_id(s));
  int unmapped = 0;
  for (int id = -1; id < 20; ++id) {
    if (ids.count(id)) continue;
    EXPECT_FALSE(stage_from_msm_state_id(id).has_value()) << id;
    ++unmapped;
  }
  EXPECT_GT(unmapped, 0);
}

TEST(StageMapping, TheRoleThatActsInEachStageIsKnown) {
  EXPECT_EQ(actor_role_for(Stage::SelfAssessment), Role::Reviewee);
  EXPECT_EQ(actor_role_for(Stage::CollectiveReview), Role::Secretary);
  EXPECT_EQ(actor_role_for(Stage::HeadOpinion), Role::Head);
  EXPECT_EQ(actor_role_for(Stage::CommitteeDecision), Role::Committee);
  EXPECT_EQ(actor_role_for(Stage::Decided), Role::Committee);
  EXPECT_EQ(actor_role_for(Stage::Complaint), Role::Committee);
  EXPECT_FALSE(actor_role_for(Stage::Published).has_value());
  EXPECT_FALSE(actor_role_for(Stage::Closed).has_value());
}

}  // namespace
}  // namespace kd::wf
