// Which regimes rate a person in a year: state first (by group and year), then Party.
#include <gtest/gtest.h>

#include "tests/unit/workflow/fixture.hpp"
#include "workflow/regime_selection.hpp"

namespace kd::wf {
namespace {

Regime nd90() {
  Regime r = test::make_regime();
  r.id = "nd90-2020";
  r.title = "Nghị định 90/2020/NĐ-CP";
  r.groups = {Group::CanBo, Group::CongChuc, Group::VienChuc};
  r.applies_to = {
      {Group::CanBo, 2020, 0}, {Group::CongChuc, 2020, 2025}, {Group::VienChuc, 2020, 0}};
  return r;
}
Regime nd335() {
  Regime r = test::make_regime();
  r.id = "nd335-2025";
  r.title = "Nghị định 335/2025/NĐ-CP";
  r.groups = {Group::CongChuc};
  r.applies_to = {{Group::CongChuc, 2026, 0}};
  return r;
}
Regime qd366() {
  Regime r = test::make_regime();
  r.id = "qd366-2025";
  r.title = "Quy định 366-QĐ/TW";
  r.party = true;
  r.groups = {Group::DangVien};
  r.applies_to = {{Group::DangVien, 2025, 0}};
  return r;
}

const Regime kNd90 = nd90();
const Regime kNd335 = nd335();
const Regime kQd366 = qd366();
const std::vector<const Regime*> kAll = {&kNd90, &kNd335, &kQd366};

Person person(Group g, bool party_member) {
  Person p = test::make_an();
  p.group = g;
  p.party_member = party_member;
  return p;
}

TEST(RegimeSelection, CongChucIn2026AreRatedUnderNd335) {
  const auto s = select_regimes(person(Group::CongChuc, false), 2026, kAll);
  EXPECT_TRUE(s.refusals.empty());
  EXPECT_EQ(s.state, &kNd335);
  EXPECT_EQ(s.party, nullptr);
}

TEST(RegimeSelection, CongChucIn2025WereStillRatedUnderNd90) {
  EXPECT_EQ(select_regimes(person(Group::CongChuc, false), 2025, kAll).state, &kNd90);
}

TEST(RegimeSelection, CanBoAndVienChucStayUnderNd90) {
  EXPECT_EQ(select_regimes(person(Group::CanBo, false), 2026, kAll).state, &kNd90);
  EXPECT_EQ(select_regimes(person(Group::VienChuc, false), 2026, kAll).state, &kNd90);
}

TEST(RegimeSelection, APartyMemberGetsTheStateRegimeFirstThenTheParty) {
  const auto s = select_regimes(person(Group::CongChuc, true), 2026, kAll);
  ASSERT_TRUE(s.refusals.empty());
  const auto order = s.in_order();
  ASSERT_EQ(order.size(), 2u);
  EXPECT_EQ(order[0], &kNd335);
  EXPECT_EQ(order[1], &kQd366);
}

TEST(RegimeSelection, APartyMemberOutsideTheStateServiceHasOnlyTheParty) {
  const auto s = select_regimes(person(Group::DangVien, false), 2026, kAll);
  EXPECT_TRUE(s.refusals.empty());
  EXPECT_EQ(s.state, nullptr);
  EXPECT_EQ(s.party, &kQd366);
}

TEST(RegimeSelection, NoRegimeForTheGroupAndYearIsRefused) {
  const auto s = select_regimes(person(Group::CongChuc, false), 2019, kAll);
  ASSERT_EQ(s.refusals.size(), 1u);
  EXPECT_EQ(s.refusals[0].code, "no_regime");
  EXPECT_EQ(s.refusals[0].message_vi,
            "Chưa có chế độ đánh giá nào áp dụng cho Công chức năm 2019.");
}

TEST(RegimeSelection, TwoStateRegimesForOnePersonAreAConfigurationError) {
  Regime overlap = nd90();
  overlap.id = "nd90-copy";
  overlap.applies_to = {{Group::CongChuc, 2026, 0}};
  const auto s = select_regimes(person(Group::CongChuc, false), 2026, {&kNd335, &overlap});
  ASSERT_EQ(s.refusals.size(), 1u);
  EXPECT_EQ(s.refusals[0].code, "ambiguous_regime");
  EXPECT_EQ(s.state, nullptr);
}

TEST(RegimeSelection, WithoutYearsARegimeAppliesToItsGroupsEveryYear) {
  Regime open = nd90();
  open.applies_to.clear();
  EXPECT_TRUE(open.applies(Group::CongChuc, 2030));
  EXPECT_FALSE(open.applies(Group::DangVien, 2030));
  EXPECT_FALSE(kNd90.applies(Group::CongChuc, 2026));
  EXPECT_TRUE(kNd90.applies(Group::CongChuc, 2020));
  EXPECT_FALSE(kNd90.applies(Group::CongChuc, 2019));
}

TEST(RegimeSelection, ApplicabilityIsValidated) {
  Regime bad = nd335();
  bad.applies_to = {{Group::VienChuc, 2026, 2020}};
  const auto problems = validate(bad);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("không có trong groups"), std::string::npos);
  EXPECT_NE(problems[1].find("until_year"), std::string::npos);
}

}  // namespace
}  // namespace kd::wf
