// Separation of duties on the minutes: who may be named chair and secretary of the
// collective meeting, checked by record_meeting (and so by its dry run).
#include <gtest/gtest.h>

#include "tests/unit/workflow/fixture.hpp"
#include "workflow/meeting_roles.hpp"

namespace kd::wf::test {
namespace {

OrgTree with_grants(const OrgTree& org, std::vector<RoleGrant> extra) {
  auto grants = org.grants();
  grants.insert(grants.end(), extra.begin(), extra.end());
  return OrgTree(org.units(), grants);
}

ActionRequest meeting_with(Id chair, Id secretary) {
  auto req = valid_request(Action::RecordMeeting);
  req.meeting->chair_id = chair;
  req.meeting->secretary_id = secretary;
  return req;
}

std::vector<std::string> codes(const Refusals& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(r.code);
  return out;
}

const Refusal* find(const Refusals& rs, const std::string& code) {
  for (const auto& r : rs)
    if (r.code == code) return &r;
  return nullptr;
}

TEST(MeetingRoles, TheUnitsChairAndSecretaryMayBeNamed) {
  World w;
  const auto res = w.run(review_in(Stage::CollectiveReview), kBinh, meeting_with(kChi, kBinh));
  EXPECT_TRUE(res.accepted) << (res.refusals.empty() ? "" : res.refusals[0].message_vi);
}

TEST(MeetingRoles, OnePersonCannotBeBothChairAndSecretaryEvenHoldingBothRoles) {
  World w;
  w.org = with_grants(w.org, {{kChi, kPersonnelOffice, Role::Secretary}});
  const Review before = review_in(Stage::CollectiveReview);
  const auto res = w.run(before, kChi, meeting_with(kChi, kChi));
  ASSERT_FALSE(res.accepted);
  EXPECT_EQ(codes(res.refusals), std::vector<std::string>{"chair_is_secretary"});
  EXPECT_EQ(res.refusals[0].kind, RefusalKind::GuardFailed);
  EXPECT_EQ(res.refusals[0].message_vi,
            "Chủ trì và thư ký cuộc họp phải là hai người khác nhau: một người không được vừa "
            "chủ trì vừa ghi biên bản.");
  EXPECT_EQ(res.refusals[0].field, "meeting.secretary_id");
  EXPECT_EQ(res.review.version, before.version);  // refused: nothing changes
  EXPECT_FALSE(res.review.meeting.has_value());
}

TEST(MeetingRoles, ASecretaryNamingHerselfChairIsRefusedForBothReasons) {
  World w;
  const auto res = w.run(review_in(Stage::CollectiveReview), kBinh, meeting_with(kBinh, kBinh));
  ASSERT_FALSE(res.accepted);
  EXPECT_EQ(codes(res.refusals),
            (std::vector<std::string>{"chair_is_secretary", "chair_role_required"}));
  EXPECT_EQ(find(res.refusals, "chair_role_required")->message_vi,
            "Người được ghi là chủ trì không giữ vai trò Chủ trì cuộc họp của Phòng Tổ chức cán "
            "bộ hoặc đơn vị cấp trên vào ngày họp 25/11/2026.");
}

TEST(MeetingRoles, TheRevieweeNeverKeepsTheMinutesOfTheirOwnReview) {
  World w;
  // Even as the unit's secretary: An reviewed, An as secretary of An's meeting.
  w.org = with_grants(w.org, {{kAn, kPersonnelOffice, Role::Secretary}});
  const auto res = w.run(review_in(Stage::CollectiveReview), kChi, meeting_with(kChi, kAn));
  ASSERT_FALSE(res.accepted);
  EXPECT_EQ(codes(res.refusals), std::vector<std::string>{"reviewee_is_secretary"});
  EXPECT_EQ(res.refusals[0].message_vi,
            "Người được đánh giá (Nguyễn Văn An) không được làm thư ký cuộc họp góp ý cho chính "
            "mình.");
}

TEST(MeetingRoles, ASecretaryWithoutTheRoleIsRefused) {
  World w;
  const auto res = w.run(review_in(Stage::CollectiveReview), kBinh, meeting_with(kChi, kOanh));
  ASSERT_FALSE(res.accepted);
  EXPECT_EQ(codes(res.refusals), std::vector<std::string>{"secretary_role_required"});
  EXPECT_EQ(res.refusals[0].field, "meeting.secretary_id");
}

TEST(MeetingRoles, ASecretaryOfAnotherUnitIsRefusedOneOfTheUnitAboveIsNot) {
  World w;
  auto res = w.run(review_in(Stage::CollectiveReview), kBinh, meeting_with(kChi, kLan));
  ASSERT_FALSE(res.accepted);
  EXPECT_EQ(codes(res.refusals), std::vector<std::string>{"secretary_role_required"});
  w.org = with_grants(w.org, {{kLan, kAgency, Role::Secretary}});
  res = w.run(review_in(Stage::CollectiveReview), kBinh, meeting_with(kChi, kLan));
  EXPECT_TRUE(res.accepted);
}

TEST(MeetingRoles, RolesCountOnTheMeetingDate) {
  // The meeting was on 25/11/2026. Oanh was secretary until 24/11; Khánh chairs from 26/11.
  World w;
  w.org = with_grants(
      w.org, {{kOanh, kPersonnelOffice, Role::Secretary, Date{2026, 1, 1}, Date{2026, 11, 24}},
              {kKhanh, kPersonnelOffice, Role::Chair, Date{2026, 11, 26}}});
  auto res = w.run(review_in(Stage::CollectiveReview), kBinh, meeting_with(kKhanh, kOanh));
  ASSERT_FALSE(res.accepted);
  EXPECT_EQ(codes(res.refusals),
            (std::vector<std::string>{"chair_role_required", "secretary_role_required"}));
  EXPECT_NE(res.refusals[1].message_vi.find("vào ngày họp 25/11/2026"), std::string::npos);

  // A meeting held within both terms.
  auto req = meeting_with(kKhanh, kOanh);
  w.org = with_grants(
      make_org(), {{kOanh, kPersonnelOffice, Role::Secretary, Date{2026, 1, 1}, Date{2026, 11, 30}},
                   {kKhanh, kPersonnelOffice, Role::Chair, Date{2026, 11, 25}}});
  res = w.run(review_in(Stage::CollectiveReview), kBinh, req);
  EXPECT_TRUE(res.accepted) << (res.refusals.empty() ? "" : res.refusals[0].message_vi);
}

TEST(MeetingRoles, ARoleWhoseTermHasEndedGivesNoRightToRecord) {
  World w;  // the action is on 15/12/2026
  w.org = with_grants(
      w.org, {{kOanh, kPersonnelOffice, Role::Secretary, Date{2026, 1, 1}, Date{2026, 11, 30}}});
  const auto res = w.run(review_in(Stage::CollectiveReview), kOanh, meeting_with(kChi, kBinh));
  ASSERT_FALSE(res.accepted);
  EXPECT_EQ(codes(res.refusals), std::vector<std::string>{"role_required"});
}

TEST(MeetingRoles, TheHeadChairsTheMeetingOnTheirOwnReviewOnlyWhereTheRegimeAllows) {
  World w;
  w.org = with_grants(w.org, {{kDung, kPersonnelOffice, Role::Chair}});
  const Review dungs = review_in(Stage::CollectiveReview, kDung);

  ASSERT_FALSE(w.regime.meeting.head_chairs_own_review);  // the default
  auto res = w.run(dungs, kBinh, meeting_with(kDung, kBinh));
  ASSERT_FALSE(res.accepted);
  EXPECT_EQ(codes(res.refusals), std::vector<std::string>{"reviewee_is_chair"});
  EXPECT_EQ(res.refusals[0].message_vi,
            "Theo Nghị định 90/2020/NĐ-CP (sửa đổi bởi Nghị định 48/2023/NĐ-CP), người được đánh "
            "giá (Trần Văn Dũng) không được chủ trì cuộc họp góp ý cho chính mình.");
  // Another chair of the unit is always possible.
  EXPECT_TRUE(w.run(dungs, kBinh, meeting_with(kChi, kBinh)).accepted);

  w.regime.meeting.head_chairs_own_review = true;
  res = w.run(dungs, kBinh, meeting_with(kDung, kBinh));
  EXPECT_TRUE(res.accepted) << (res.refusals.empty() ? "" : res.refusals[0].message_vi);
}

TEST(MeetingRoles, OnlyTheHeadOfTheUnitMayChairTheirOwnReview) {
  World w;
  w.regime.meeting.head_chairs_own_review = true;
  // An holds the chair role but is not the head of the unit.
  w.org = with_grants(w.org, {{kAn, kPersonnelOffice, Role::Chair}});
  const auto res = w.run(review_in(Stage::CollectiveReview), kBinh, meeting_with(kAn, kBinh));
  ASSERT_FALSE(res.accepted);
  EXPECT_EQ(codes(res.refusals), std::vector<std::string>{"reviewee_is_chair"});
  EXPECT_EQ(res.refusals[0].message_vi,
            "Người được đánh giá (Nguyễn Văn An) chỉ được chủ trì cuộc họp góp ý cho chính mình "
            "khi là người đứng đầu Phòng Tổ chức cán bộ.");
}

TEST(MeetingRoles, MissingChairOrSecretaryIsNamed) {
  World w;
  const auto res = w.run(review_in(Stage::CollectiveReview), kBinh, meeting_with(0, 0));
  ASSERT_FALSE(res.accepted);
  EXPECT_EQ(codes(res.refusals),
            (std::vector<std::string>{"chair_required", "secretary_required"}));
}

TEST(MeetingRoles, EveryReasonIsGivenWithTheOtherContentProblems) {
  World w;
  auto req = meeting_with(kAn, kAn);
  req.meeting->present = 2;  // no quorum either
  req.meeting->votes = {2, 0, 0};
  const auto res = w.run(review_in(Stage::CollectiveReview), kBinh, req);
  ASSERT_FALSE(res.accepted);
  EXPECT_EQ(codes(res.refusals),
            (std::vector<std::string>{"chair_is_secretary", "reviewee_is_secretary",
                                      "reviewee_is_chair", "no_quorum"}));
}

TEST(MeetingRoles, TheCheckIsPureAndNeedsNoMachine) {
  const World w;
  const Review r = review_in(Stage::CollectiveReview);
  auto m = good_meeting();
  EXPECT_TRUE(check_meeting_roles(m, r, w.an, w.regime, w.org).empty());
  m.secretary_id = kChi;
  EXPECT_EQ(codes(check_meeting_roles(m, r, w.an, w.regime, w.org)),
            (std::vector<std::string>{"chair_is_secretary", "secretary_role_required"}));
}

}  // namespace
}  // namespace kd::wf::test
