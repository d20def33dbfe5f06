// Who scores, approves and unlocks a person's periods, from the organisation tree.
#include <gtest/gtest.h>

#include "tests/unit/workflow/fixture.hpp"
#include "workflow/period_authority.hpp"

namespace kd::wf {
namespace {

using namespace test;
using Ids = std::vector<Id>;

TEST(PeriodAuthority, ACongChucIsScoredByTheHeadOfTheUnitAndApprovedAbove) {
  const auto a = resolve_period_authority(make_org(), make_an());
  EXPECT_EQ(a.managers, Ids{kDung});
  EXPECT_EQ(a.heads, Ids{kGiang});
  EXPECT_EQ(a.unlockers, (Ids{kGiang, kKhanh}));
}

TEST(PeriodAuthority, TheHeadOfAUnitIsScoredFromTheLevelAbove) {
  const auto a = resolve_period_authority(make_org(), make_dung());
  EXPECT_EQ(a.managers, Ids{kGiang});
  EXPECT_EQ(a.heads, Ids{kGiang});  // nobody above the agency: the scorer approves
}

TEST(PeriodAuthority, AUnitWithoutAHeadIsScoredByTheNearestHeadAbove) {
  Person p = make_an();
  p.id = 77;
  p.unit_id = kAdminOffice;
  std::vector<Unit> units = make_org().units();
  std::vector<RoleGrant> grants = {{kGiang, kAgency, Role::Head}, {kKhanh, kAgency, Role::Admin}};
  const auto a = resolve_period_authority(OrgTree(units, grants), p);
  EXPECT_EQ(a.managers, Ids{kGiang});
  EXPECT_EQ(a.heads, Ids{kGiang});
  EXPECT_EQ(a.unlockers, (Ids{kGiang, kKhanh}));
}

TEST(PeriodAuthority, TheHeadOfTheTopUnitHasNoEvaluator) {
  Person giang = make_an();
  giang.id = kGiang;
  giang.unit_id = kAgency;
  giang.leader = true;
  const auto a = resolve_period_authority(make_org(), giang);
  EXPECT_TRUE(a.managers.empty());
  EXPECT_TRUE(a.heads.empty());
}

}  // namespace
}  // namespace kd::wf
