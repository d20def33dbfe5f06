#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/unit/workflow/fixture.hpp"

namespace kd::wf::test {
namespace {

TEST(OrgTree, SubtreeListsTheRootFirstThenEverythingBelow) {
  const OrgTree org = make_org();
  const auto all = org.subtree(kAgency);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0], kAgency);
  EXPECT_EQ(org.subtree(kPersonnelOffice), std::vector<Id>{kPersonnelOffice});
  EXPECT_TRUE(org.subtree(999).empty());
}

TEST(OrgTree, PathRunsFromTheRootDown) {
  EXPECT_EQ(make_org().path_to(kAdminOffice), (std::vector<Id>{kAgency, kAdminOffice}));
}

TEST(OrgTree, InSubtreeIsTrueForTheUnitItselfAndItsAncestors) {
  const OrgTree org = make_org();
  EXPECT_TRUE(org.in_subtree(kPersonnelOffice, kPersonnelOffice));
  EXPECT_TRUE(org.in_subtree(kPersonnelOffice, kAgency));
  EXPECT_FALSE(org.in_subtree(kAgency, kPersonnelOffice));
  EXPECT_FALSE(org.in_subtree(kPersonnelOffice, kAdminOffice));
}

TEST(OrgTree, RolesAboveCountButRolesInSiblingUnitsDoNot) {
  const OrgTree org = make_org();
  EXPECT_TRUE(org.has_role_in(kBinh, Role::Secretary, kPersonnelOffice));
  EXPECT_FALSE(org.has_role_in(kGiang, Role::Head, kPersonnelOffice));
  EXPECT_TRUE(org.has_role_at_or_above(kGiang, Role::Head, kPersonnelOffice));
  EXPECT_FALSE(org.has_role_at_or_above(kMinh, Role::Head, kPersonnelOffice));
  EXPECT_FALSE(org.has_role_at_or_above(kDung, Role::Head, kAgency));
  EXPECT_EQ(org.units_with_role(kHa, Role::Committee), std::vector<Id>{kAgency});
}

TEST(OrgTree, ACycleOrAnUnknownParentIsRefused) {
  EXPECT_THROW(OrgTree({{1, 2, "A", "A", "don_vi"}, {2, 1, "B", "B", "don_vi"}}, {}),
               std::invalid_argument);
  EXPECT_THROW(OrgTree({{1, 7, "A", "A", "don_vi"}}, {}), std::invalid_argument);
  EXPECT_THROW(
      OrgTree({{1, std::nullopt, "A", "A", "co_quan"}, {1, std::nullopt, "B", "B", "co_quan"}}, {}),
      std::invalid_argument);
}

}  // namespace
}  // namespace kd::wf::test
