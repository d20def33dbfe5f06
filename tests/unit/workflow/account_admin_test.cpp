// Who administers accounts and roles, and which grants are allowed (workflow/account_admin.hpp).
#include "workflow/account_admin.hpp"

#include <gtest/gtest.h>

#include "tests/unit/workflow/fixture.hpp"

namespace kd::wf::test {
namespace {

const Date kToday{2026, 11, 20};
constexpr Id kOffice3Admin = 30;  // admin of Phòng Hành chính only

Person person(Id id, Id unit, const std::string& name) {
  Person p;
  p.id = id;
  p.unit_id = unit;
  p.full_name = name;
  return p;
}

OrgTree org_with(std::vector<RoleGrant> extra) {
  const OrgTree base = make_org();
  std::vector<RoleGrant> grants = base.grants();
  grants.insert(grants.end(), extra.begin(), extra.end());
  grants.push_back({kOffice3Admin, kAdminOffice, Role::Admin});
  return OrgTree(base.units(), grants);
}

bool has_code(const Refusals& refusals, const std::string& code) {
  for (const auto& r : refusals) {
    if (r.code == code) return true;
  }
  return false;
}

TEST(AccountAdmin, AnAdministratorOfTheAgencyAdministersEveryUnitBelowIt) {
  const OrgTree org = org_with({});
  EXPECT_EQ(administered_units(org, kKhanh, kToday),
            (std::vector<Id>{kAgency, kPersonnelOffice, kAdminOffice}));
  EXPECT_TRUE(account_admin_refusals(org, kKhanh, make_an(), kToday).empty());
}

TEST(AccountAdmin, AUnitAdministratorAdministersOnlyItsSubtree) {
  const OrgTree org = org_with({});
  EXPECT_EQ(administered_units(org, kOffice3Admin, kToday), std::vector<Id>{kAdminOffice});
  const auto refusals = account_admin_refusals(org, kOffice3Admin, make_an(), kToday);
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_EQ(refusals[0].kind, RefusalKind::Forbidden);
  EXPECT_EQ(refusals[0].message_vi,
            "Chỉ quản trị viên của Phòng Tổ chức cán bộ hoặc đơn vị cấp trên mới được quản lý "
            "tài khoản và vai trò của Nguyễn Văn An.");
  EXPECT_TRUE(account_admin_refusals(org, kOffice3Admin, person(kLan, kAdminOffice, "Lan"), kToday)
                  .empty());
}

TEST(AccountAdmin, OtherRolesAdministerNothing) {
  const OrgTree org = org_with({});
  for (Id who : {kGiang, kHa, kDung, kBinh}) {
    EXPECT_TRUE(administered_units(org, who, kToday).empty()) << who;
    EXPECT_EQ(dominant_kind(account_admin_refusals(org, who, make_an(), kToday)),
              RefusalKind::Forbidden);
  }
}

TEST(AccountAdmin, AnAdministratorWhoseTermEndedOrWasRevokedAdministersNothing) {
  RoleGrant ended{kOanh, kAgency, Role::Admin, Date{2025, 1, 1}, Date{2026, 11, 19}};
  RoleGrant revoked{kLan, kAgency, Role::Admin};
  revoked.revoked_on = Date{2026, 11, 20};
  RoleGrant future{kMinh, kAgency, Role::Admin, Date{2026, 12, 1}};
  const OrgTree org = org_with({ended, revoked, future});
  for (Id who : {kOanh, kLan, kMinh}) {
    EXPECT_TRUE(administered_units(org, who, kToday).empty()) << who;
    EXPECT_FALSE(administers_unit(org, who, kPersonnelOffice, kToday)) << who;
  }
  // The revoked grant still counted the day before its revocation.
  EXPECT_TRUE(administers_unit(org, kLan, kPersonnelOffice, Date{2026, 11, 19}));
}

TEST(AccountAdmin, NobodyAdministersTheirOwnAccountOrGrantsThemselvesARole) {
  const OrgTree org = org_with({});
  const Person khanh = person(kKhanh, kAgency, "Khánh");
  const auto own = account_admin_refusals(org, kKhanh, khanh, kToday);
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].code, "own_account");
  const auto self_grant = grant_refusals(org, kKhanh, khanh, kAgency, Role::Committee, std::nullopt,
                                         std::nullopt, kToday);
  ASSERT_EQ(self_grant.size(), 1u);
  EXPECT_EQ(self_grant[0].kind, RefusalKind::Forbidden);
  EXPECT_EQ(self_grant[0].message_vi,
            "Không được tự cấp vai trò cho chính mình: việc này do một quản trị viên khác thực "
            "hiện.");
}

TEST(AccountAdmin, AGrantInAUnitOutsideTheSubtreeIsRefused) {
  const OrgTree org = org_with({});
  const Person lan = person(kLan, kAdminOffice, "Lan");
  const auto r = grant_refusals(org, kOffice3Admin, lan, kAgency, Role::Committee, std::nullopt,
                                std::nullopt, kToday);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].message_vi, "Bạn không phải là quản trị viên của Sở Nội vụ hoặc đơn vị cấp trên.");
  EXPECT_TRUE(grant_refusals(org, kOffice3Admin, lan, kAdminOffice, Role::DeputyHead,
                             Date{2026, 12, 1}, Date{2027, 11, 30}, kToday)
                  .empty());
}

TEST(AccountAdmin, EveryRoleButRevieweeIsGrantable) {
  for (Role r : all_roles()) EXPECT_EQ(grantable(r), r != Role::Reviewee) << to_string(r);
  const OrgTree org = org_with({});
  const auto r = grant_refusals(org, kKhanh, make_an(), kPersonnelOffice, Role::Reviewee,
                                std::nullopt, std::nullopt, kToday);
  EXPECT_TRUE(has_code(r, "role_not_grantable"));
}

TEST(AccountAdmin, ATermEndsOnOrAfterItsStartAndNotInThePast) {
  const OrgTree org = org_with({});
  const auto backwards = grant_refusals(org, kKhanh, make_an(), kPersonnelOffice, Role::Secretary,
                                        Date{2027, 1, 1}, Date{2026, 12, 31}, kToday);
  ASSERT_EQ(backwards.size(), 1u);
  EXPECT_EQ(backwards[0].message_vi, "Ngày kết thúc (31/12/2026) trước ngày bắt đầu (01/01/2027).");
  EXPECT_EQ(backwards[0].field, "valid_until");
  const auto past = grant_refusals(org, kKhanh, make_an(), kPersonnelOffice, Role::Secretary,
                                   std::nullopt, Date{2026, 11, 19}, kToday);
  ASSERT_EQ(past.size(), 1u);
  EXPECT_EQ(past[0].code, "term_ended");
  // A term that ends today is still allowed; so is one that started in the past.
  EXPECT_TRUE(grant_refusals(org, kKhanh, make_an(), kPersonnelOffice, Role::Secretary,
                             Date{2026, 1, 1}, kToday, kToday)
                  .empty());
}

TEST(AccountAdmin, AnOverlappingGrantOfTheSameRoleIsRefusedButAFollowingTermIsNot) {
  const OrgTree org =
      org_with({{kAn, kPersonnelOffice, Role::Secretary, Date{2026, 1, 1}, Date{2026, 12, 31}}});
  const auto overlap = grant_refusals(org, kKhanh, make_an(), kPersonnelOffice, Role::Secretary,
                                      Date{2026, 12, 1}, std::nullopt, kToday);
  ASSERT_EQ(overlap.size(), 1u);
  EXPECT_EQ(overlap[0].code, "already_granted");
  EXPECT_EQ(overlap[0].message_vi,
            "Nguyễn Văn An đã có vai trò \"Thư ký\" tại Phòng Tổ chức cán bộ trong thời hạn này.");
  EXPECT_TRUE(grant_refusals(org, kKhanh, make_an(), kPersonnelOffice, Role::Secretary,
                             Date{2027, 1, 1}, std::nullopt, kToday)
                  .empty());
  // Another unit, or another role, is another grant.
  EXPECT_TRUE(grant_refusals(org, kKhanh, make_an(), kPersonnelOffice, Role::Chair, std::nullopt,
                             std::nullopt, kToday)
                  .empty());
}

TEST(AccountAdmin, ARevokedGrantNoLongerBlocksANewOneAndCannotBeRevokedTwice) {
  RoleGrant revoked{kAn, kPersonnelOffice, Role::Secretary};
  revoked.revoked_on = Date{2026, 11, 2};
  const OrgTree org = org_with({revoked});
  EXPECT_TRUE(grant_refusals(org, kKhanh, make_an(), kPersonnelOffice, Role::Secretary,
                             std::nullopt, std::nullopt, kToday)
                  .empty());
  const auto again = revoke_refusals(org, kKhanh, make_an(), revoked, kToday);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].message_vi, "Vai trò này đã bị thu hồi từ ngày 02/11/2026.");
  EXPECT_TRUE(has_code(
      revoke_refusals(org, kAn, make_an(), RoleGrant{kAn, kPersonnelOffice, Role::Member}, kToday),
      "own_account"));
}

TEST(AccountAdmin, ARevokedGrantCountsForTheDaysBeforeItsRevocationOnly) {
  RoleGrant g{kOanh, kPersonnelOffice, Role::Secretary, Date{2026, 1, 1}};
  g.revoked_on = Date{2026, 11, 20};
  const OrgTree org = org_with({g});
  EXPECT_TRUE(org.has_role_in(kOanh, Role::Secretary, kPersonnelOffice, Date{2026, 11, 19}));
  EXPECT_FALSE(org.has_role_in(kOanh, Role::Secretary, kPersonnelOffice, Date{2026, 11, 20}));
  EXPECT_FALSE(org.has_role_in(kOanh, Role::Secretary, kPersonnelOffice));  // undated: now
  EXPECT_TRUE(org.units_with_role(kOanh, Role::Secretary).empty());
}

TEST(AccountAdmin, LoginNamesAreLowerCaseAsciiStartingWithALetter) {
  for (const char* ok : {"thuky.tccb", "ann", "nguyen_van-an2"}) {
    EXPECT_TRUE(username_refusals(ok).empty()) << ok;
  }
  for (const char* bad : {"an", "2an", "Thuky", "thư.ký", "a b c", ""}) {
    const auto r = username_refusals(bad);
    ASSERT_EQ(r.size(), 1u) << bad;
    EXPECT_EQ(r[0].code, "invalid_username");
  }
}

}  // namespace
}  // namespace kd::wf::test
