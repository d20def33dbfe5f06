// The authority lines of a signature block and the signer's standing
// (workflow/signing_authority.hpp).
#include <gtest/gtest.h>

#include "workflow/signing_authority.hpp"

namespace kd::wf::test {
namespace {

Unit department() {
  Unit u{2, Id{1}, "SNV", "Sở Nội vụ", "co_quan"};
  u.superior_name = "UBND tỉnh Phú Thọ";
  u.place_name = "Phú Thọ";
  u.head_title = "Giám đốc";
  u.deputy_title = "Phó Giám đốc";
  return u;
}

Unit people_committee() {
  Unit u{1, std::nullopt, "UBND-PT", "Ủy ban nhân dân tỉnh Phú Thọ", "co_quan"};
  u.head_title = "Chủ tịch";
  u.deputy_title = "Phó Chủ tịch";
  u.collective_body = "Ủy ban nhân dân";
  return u;
}

TEST(SigningAuthority, TheHeadOfAnAgencyUnderOneHeadSignsUnderTheHeadsTitleAlone) {
  const auto lines = authority_lines(department(), SignerStanding::Head, "Giám đốc Sở");
  EXPECT_EQ(lines.prefix, "");
  EXPECT_EQ(lines.on_behalf, "");
  EXPECT_EQ(lines.title, "Giám đốc");
}

TEST(SigningAuthority, ADeputySignsForTheHeadUnderTheDeputysTitle) {
  const auto lines = authority_lines(department(), SignerStanding::Deputy, "Phó Giám đốc Sở");
  EXPECT_EQ(lines.prefix, "KT. Giám đốc");
  EXPECT_EQ(lines.on_behalf, "");
  EXPECT_EQ(lines.title, "Phó Giám đốc");
}

TEST(SigningAuthority, ACollectiveBodySignsOnBehalfOfTheCollective) {
  const auto head = authority_lines(people_committee(), SignerStanding::Head, "Chủ tịch UBND");
  EXPECT_EQ(head.prefix, "TM. Ủy ban nhân dân");
  EXPECT_EQ(head.on_behalf, "");
  EXPECT_EQ(head.title, "Chủ tịch");
  const auto deputy =
      authority_lines(people_committee(), SignerStanding::Deputy, "Phó Chủ tịch UBND");
  EXPECT_EQ(deputy.prefix, "TM. Ủy ban nhân dân");
  EXPECT_EQ(deputy.on_behalf, "KT. Chủ tịch");
  EXPECT_EQ(deputy.title, "Phó Chủ tịch");
}

TEST(SigningAuthority, NoTmForAnAgencyUnderOneHeadWhoeverSigns) {
  for (auto s : {SignerStanding::Head, SignerStanding::Deputy, SignerStanding::Other}) {
    const auto lines = authority_lines(department(), s, "Trưởng phòng");
    EXPECT_EQ(lines.prefix.rfind("TM.", 0), std::string::npos) << to_string(s);
    EXPECT_EQ(lines.on_behalf, "") << to_string(s);
  }
}

TEST(SigningAuthority, TitlesTheOrganisationHasNotGivenAreTheSignersPosition) {
  Unit bare{2, std::nullopt, "SNV", "Sở Nội vụ", "co_quan"};
  EXPECT_EQ(authority_lines(bare, SignerStanding::Head, "Giám đốc Sở").title, "Giám đốc Sở");
  // Without the head's title there is nobody named to sign for.
  const auto deputy = authority_lines(bare, SignerStanding::Deputy, "Phó Giám đốc Sở");
  EXPECT_EQ(deputy.prefix, "");
  EXPECT_EQ(deputy.title, "Phó Giám đốc Sở");
  // Someone who is neither head nor deputy signs under their own position.
  const auto other = authority_lines(department(), SignerStanding::Other, "Trưởng phòng");
  EXPECT_EQ(other.prefix, "");
  EXPECT_EQ(other.title, "Trưởng phòng");
  const auto member = authority_lines(people_committee(), SignerStanding::Other, "Ủy viên");
  EXPECT_EQ(member.prefix, "TM. Ủy ban nhân dân");
  EXPECT_EQ(member.on_behalf, "");
  EXPECT_EQ(member.title, "Ủy viên");
}

TEST(SigningAuthority, TheStandingComesFromTheGrantsInTheAgencyInForceThatDay) {
  const Id committee = 1, department_id = 2, office = 3;
  const Id director = 10, deputy = 11, office_head = 12, former = 13;
  RoleGrant ended{former, department_id, Role::Head, Date{2020, 1, 1}, Date{2026, 6, 30}};
  const OrgTree org({people_committee(), department(),
                     Unit{office, department_id, "SNV-TCCB", "Phòng Tổ chức cán bộ", "don_vi"}},
                    {{director, department_id, Role::Head},
                     {director, department_id, Role::Committee},
                     {deputy, department_id, Role::DeputyHead},
                     {office_head, office, Role::Head},
                     ended});
  const Date day{2026, 11, 20};
  EXPECT_EQ(signer_standing(org, director, department_id, day), SignerStanding::Head);
  EXPECT_EQ(signer_standing(org, deputy, department_id, day), SignerStanding::Deputy);
  // The head of a unit below is not the agency's head.
  EXPECT_EQ(signer_standing(org, office_head, department_id, day), SignerStanding::Other);
  EXPECT_EQ(signer_standing(org, director, committee, day), SignerStanding::Other);
  EXPECT_EQ(signer_standing(org, former, department_id, day), SignerStanding::Other);
  EXPECT_EQ(signer_standing(org, former, department_id, Date{2026, 3, 1}), SignerStanding::Head);
}

TEST(SigningAuthority, TheIssuingAgencyIsTheLowestAgencyOnThePath) {
  const std::vector<Unit> path = {people_committee(), department(),
                                  Unit{3, Id{2}, "SNV-TCCB", "Phòng Tổ chức cán bộ", "don_vi"}};
  ASSERT_NE(issuing_agency(path), nullptr);
  EXPECT_EQ(issuing_agency(path)->code, "SNV");
  const std::vector<Unit> units_only = {Unit{5, std::nullopt, "A", "Đơn vị A", "don_vi"},
                                        Unit{6, Id{5}, "A-1", "Tổ 1", "don_vi"}};
  EXPECT_EQ(issuing_agency(units_only)->code, "A");
  EXPECT_EQ(issuing_agency({}), nullptr);
}

TEST(SigningAuthority, StandingsHaveStableNames) {
  for (auto s : {SignerStanding::Head, SignerStanding::Deputy, SignerStanding::Other})
    EXPECT_EQ(parse_signer_standing(to_string(s)), s);
  EXPECT_FALSE(parse_signer_standing("chair"));
}

}  // namespace
}  // namespace kd::wf::test
