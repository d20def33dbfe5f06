// The actor table (workflow/actors.hpp) is the one answer to "who performs this action in this
// stage": it has a row exactly where the machine has one, and the machine's guards follow it.
#include <gtest/gtest.h>

#include "tests/unit/workflow/fixture.hpp"
#include "workflow/access.hpp"
#include "workflow/actors.hpp"

namespace kd::wf::test {
namespace {

TEST(ActorTable, HasARowExactlyWhereTheMachineHasOne) {
  for (Stage s : all_stages()) {
    for (Action a : all_actions()) {
      EXPECT_EQ(actor_for(s, a).has_value(), machine_has_row(s, a))
          << to_string(s) << " " << to_string(a);
    }
  }
}

TEST(ActorTable, TheForwardActionOfAStageIsItsTask) {
  for (Stage s : all_stages()) {
    const auto a = forward_action(s);
    if (!a) continue;
    EXPECT_TRUE(actor_for(s, *a)) << to_string(s);
    EXPECT_EQ(actor_role_for(s), actor_for(s, *a));
  }
  EXPECT_FALSE(forward_action(Stage::Published));
  EXPECT_FALSE(forward_action(Stage::Closed));
}

// For every row: the role of the table decides, whoever else asks is refused as Forbidden.
TEST(ActorTable, TheMachineChecksTheRoleOfTheTable) {
  World w;
  for (const auto& rule : actor_table()) {
    const Review r = review_in(rule.stage);
    const Id rightful = rightful_actor(rule.action, rule.stage);
    EXPECT_TRUE(check_actor(w.ctx(r, rightful), rule.action).empty())
        << to_string(rule.stage) << " " << to_string(rule.action);
    const auto stranger = check_actor(w.ctx(r, kLan), rule.action);  // another unit's secretary
    ASSERT_FALSE(stranger.empty());
    EXPECT_EQ(stranger.front().kind, RefusalKind::Forbidden);
  }
  // No row: not allowed in the stage, whoever asks.
  const auto none = check_actor(w.ctx(review_in(Stage::Closed), kHa), Action::Decide);
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none.front().kind, RefusalKind::NotAllowedInStage);
}

TEST(Access, ViewManageAndSuperviseFollowTheTree) {
  const OrgTree org = make_org();
  const Access ha(org, kHa, kAgency);  // committee of the agency
  EXPECT_TRUE(ha.can_manage_unit(kPersonnelOffice));
  EXPECT_TRUE(ha.can_supervise_unit(kAdminOffice));
  EXPECT_TRUE(ha.can_view_unit(kAdminOffice));
  const Access binh(org, kBinh, kPersonnelOffice);  // secretary of unit 2
  EXPECT_TRUE(binh.can_view_unit(kPersonnelOffice));
  EXPECT_FALSE(binh.can_view_unit(kAdminOffice));
  EXPECT_FALSE(binh.can_manage_unit(kPersonnelOffice));
  EXPECT_FALSE(binh.can_supervise_unit(kPersonnelOffice));
  EXPECT_TRUE(binh.supervised_units().empty());
  const Access dung(org, kDung, kPersonnelOffice);  // head of unit 2
  EXPECT_TRUE(dung.can_supervise_unit(kPersonnelOffice));
  EXPECT_FALSE(dung.can_supervise_unit(kAgency));
  EXPECT_EQ(dung.supervised_units(), std::vector<Id>{kPersonnelOffice});
  const Access an(org, kAn, kPersonnelOffice);
  Review own = review_in(Stage::SelfAssessment);
  EXPECT_TRUE(an.can_view_review(own));
  own.person_id = kOanh;
  EXPECT_FALSE(an.can_view_review(own));  // a reviewee sees only their own review
  EXPECT_TRUE(binh.can_view_review(own));
  EXPECT_FALSE(Access(org, kMinh, kAdminOffice).can_view_review(own));
}

}  // namespace
}  // namespace kd::wf::test
