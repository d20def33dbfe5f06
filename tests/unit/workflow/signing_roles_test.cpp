// Who signs which document, in which order (workflow/signing_roles.hpp).
#include <gtest/gtest.h>

#include "tests/unit/workflow/fixture.hpp"
#include "workflow/signing_roles.hpp"

namespace kd::wf::test {
namespace {

TEST(SigningRoles, TheMinutesAreSignedByTheSecretaryThenTheChair) {
  const OrgTree org = make_org();
  const std::optional<MeetingRecord> meeting = good_meeting();
  EXPECT_EQ(signing_roles("meeting_minutes"), (std::vector<Role>{Role::Secretary, Role::Chair}));
  EXPECT_EQ(signing_turn("meeting_minutes", org, kBinh, kPersonnelOffice, meeting, kAn, {}).role,
            Role::Secretary);
  const auto early = signing_turn("meeting_minutes", org, kChi, kPersonnelOffice, meeting, kAn, {});
  EXPECT_FALSE(early.role);
  EXPECT_EQ(early.refusal.code, "wrong_order");
  EXPECT_EQ(signing_turn("meeting_minutes", org, kChi, kPersonnelOffice, meeting, kAn,
                         {{Role::Secretary, kBinh}})
                .role,
            Role::Chair);
  EXPECT_EQ(signing_turn("meeting_minutes", org, kBinh, kPersonnelOffice, meeting, kAn,
                         {{Role::Secretary, kBinh}})
                .refusal.code,
            "already_signed");
  EXPECT_EQ(
      signing_turn("meeting_minutes", org, kDung, kPersonnelOffice, meeting, kAn, {}).refusal.code,
      "role_required");
  EXPECT_EQ(signing_turn("meeting_minutes", org, kChi, kPersonnelOffice, meeting, kAn,
                         {{Role::Secretary, kBinh}, {Role::Chair, kChi}})
                .refusal.code,
            "already_signed");
}

TEST(SigningRoles, NoMeetingRecordNoOneSignsTheMinutes) {
  const OrgTree org = make_org();
  const auto turn = signing_turn("meeting_minutes", org, kBinh, kPersonnelOffice, {}, kAn, {});
  EXPECT_FALSE(turn.role);
  EXPECT_EQ(turn.refusal.code, "role_required");
}

TEST(SigningRoles, OnePersonNeverSignsTheMinutesTwice) {
  const OrgTree org = make_org();
  MeetingRecord meeting = good_meeting();
  meeting.chair_id = meeting.secretary_id;
  const auto turn = signing_turn("meeting_minutes", org, kBinh, kPersonnelOffice, meeting, kAn,
                                 {{Role::Secretary, kBinh}});
  EXPECT_FALSE(turn.role);
  EXPECT_EQ(turn.refusal.code, "same_signer");
}

TEST(SigningRoles, OneRoleDocumentsAreSignedByAHolderAtTheUnitOrAbove) {
  const OrgTree org = make_org();
  EXPECT_EQ(signing_turn("opinion_form", org, kDung, kPersonnelOffice, {}, kAn, {}).role,
            Role::Head);
  EXPECT_EQ(signing_turn("decision", org, kHa, kPersonnelOffice, {}, kAn, {}).role,
            Role::Committee);
  EXPECT_EQ(signing_turn("decision", org, kHa, kPersonnelOffice, {}, kAn, {{Role::Committee, kHa}})
                .refusal.code,
            "already_signed");
  EXPECT_EQ(signing_turn("result_notice", org, kNam, kPersonnelOffice, {}, kAn, {}).refusal.code,
            "role_required");  // committee of another unit
  EXPECT_EQ(signing_turn("final_form", org, kHa, kPersonnelOffice, {}, kAn, {}).role,
            Role::Committee);
  EXPECT_EQ(signing_turn("public_list", org, kHa, kPersonnelOffice, {}, kAn, {}).role,
            Role::Committee);
  EXPECT_EQ(signing_turn("summary_report", org, kHa, kPersonnelOffice, {}, kAn, {}).refusal.code,
            "not_signable");
  EXPECT_TRUE(signing_roles("summary_report").empty());
  EXPECT_EQ(signing_role_name_vi(Role::Chair), "Chủ trì");
}

TEST(SigningRoles, TheSelfAssessmentFormIsSignedByThePersonItIsAbout) {
  const OrgTree org = make_org();
  EXPECT_EQ(signing_roles("self_assessment_form"), std::vector<Role>{Role::Reviewee});
  EXPECT_EQ(signing_turn("self_assessment_form", org, kAn, kPersonnelOffice, {}, kAn, {}).role,
            Role::Reviewee);
  // Not the head, nor the committee: only the person reviewed.
  EXPECT_EQ(
      signing_turn("self_assessment_form", org, kDung, kPersonnelOffice, {}, kAn, {}).refusal.code,
      "role_required");
  EXPECT_EQ(signing_turn("self_assessment_form", org, kAn, kPersonnelOffice, {}, kAn,
                         {{Role::Reviewee, kAn}})
                .refusal.code,
            "already_signed");
  EXPECT_EQ(signing_role_name_vi(Role::Reviewee), "Người tự nhận xét");
}

}  // namespace
}  // namespace kd::wf::test
