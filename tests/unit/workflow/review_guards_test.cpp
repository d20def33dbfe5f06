// The guards of the review machine, one behaviour per test.
#include <gtest/gtest.h>

#include "tests/unit/workflow/fixture.hpp"

namespace kd::wf::test {
namespace {

OrgTree with_grant(const OrgTree& org, RoleGrant extra) {
  auto grants = org.grants();
  grants.push_back(extra);
  return OrgTree(org.units(), grants);
}

const Refusal* find(const Refusals& rs, const std::string& code) {
  for (const auto& r : rs) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

// ---- submit -------------------------------------------------------------------------------------

TEST(ReviewMachine, SubmitMovesToTheMeetingAndStoresTheForm) {
  World w;
  auto req = valid_request(Action::Submit);
  req.form->sections["chinh_tri_tu_tuong"] = "Luôn giữ vững lập trường.";
  const auto r = w.run(review_in(Stage::SelfAssessment), kAn, req);
  ASSERT_TRUE(r.accepted);
  EXPECT_EQ(r.to, Stage::CollectiveReview);
  EXPECT_EQ(r.review.form.sections.at("chinh_tri_tu_tuong"), "Luôn giữ vững lập trường.");
  EXPECT_EQ(r.review.workflow_version, kWorkflowVersion);
}

TEST(ReviewMachine, SubmitWithoutFormUsesTheSavedDraft) {
  World w;
  Review draft = review_in(Stage::SelfAssessment);
  draft.form = full_form();
  ActionRequest req;
  req.action = Action::Submit;
  EXPECT_TRUE(w.run(draft, kAn, req).accepted);
  draft.form.sections.clear();
  EXPECT_TRUE(has_code(w.run(draft, kAn, req).refusals, "missing_sections"));
}

TEST(ReviewMachine, SubmitWithMissingSectionsNamesEachMissingSection) {
  World w;
  auto req = valid_request(Action::Submit);
  req.form->sections.erase("dao_duc_loi_song");
  req.form->sections["thai_do_phuc_vu"] = "  \n\t ";
  const auto r = w.run(review_in(Stage::SelfAssessment), kAn, req);
  ASSERT_FALSE(r.accepted);
  const Refusal* m = find(r.refusals, "missing_sections");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->kind, RefusalKind::GuardFailed);
  EXPECT_NE(m->message_vi.find("Đạo đức, lối sống"), std::string::npos);
  EXPECT_NE(m->message_vi.find("Thái độ phục vụ nhân dân, doanh nghiệp"), std::string::npos);
  EXPECT_EQ(m->message_vi.find("Chính trị tư tưởng"), std::string::npos);
  EXPECT_NE(m->field.find("sections.dao_duc_loi_song"), std::string::npos);
}

TEST(ReviewMachine, LeaderMustFillTheLeadershipSections) {
  World w;
  auto req = valid_request(Action::Submit);  // sections 1–6 only
  const auto r = w.run(review_in(Stage::SelfAssessment, kDung), kDung, req);
  ASSERT_FALSE(r.accepted);
  const Refusal* m = find(r.refusals, "missing_sections");
  ASSERT_NE(m, nullptr);
  EXPECT_NE(m->message_vi.find("Năng lực lãnh đạo, quản lý"), std::string::npos);
  req.form = full_form(true);
  EXPECT_TRUE(w.run(review_in(Stage::SelfAssessment, kDung), kDung, req).accepted);
}

TEST(ReviewMachine, SubmitOfSomeoneWhoWorkedUnderSixMonthsClosesTheReviewUnrated) {
  World w;
  Review r = review_in(Stage::SelfAssessment);
  r.facts.months_worked = 5;
  const auto res = w.run(r, kAn, valid_request(Action::Submit));
  ASSERT_TRUE(res.accepted);
  EXPECT_EQ(res.to, Stage::Closed);
  EXPECT_TRUE(res.review.not_rated);
  EXPECT_FALSE(res.review.final_rating.has_value());
}

TEST(ReviewMachine, UnratedSelfReviewMustStillBeWritten) {
  World w;
  Review r = review_in(Stage::SelfAssessment);
  r.facts.months_worked = 2;
  auto req = valid_request(Action::Submit);
  req.form->sections.clear();
  EXPECT_TRUE(has_code(w.run(r, kAn, req).refusals, "missing_sections"));
}

TEST(ReviewMachine, MaternityLeaveUnderSixMonthsWorkedIsStillRated) {
  World w;
  Review r = review_in(Stage::SelfAssessment);
  r.facts.months_worked = 5;
  r.facts.maternity = true;
  const auto res = w.run(r, kAn, valid_request(Action::Submit));
  ASSERT_TRUE(res.accepted);
  EXPECT_EQ(res.to, Stage::CollectiveReview);
  EXPECT_FALSE(res.review.not_rated);
}

TEST(ReviewMachine, SelfRatingAboveWhatTheFactsAllowIsRefused) {
  World w;
  Review r = review_in(Stage::SelfAssessment);
  r.facts.disciplined = true;
  const auto res = w.run(r, kAn, valid_request(Action::Submit));  // self-rating HTT
  ASSERT_FALSE(res.accepted);
  EXPECT_TRUE(has_code(res.refusals, "rating_not_allowed"));
}

TEST(ReviewMachine, SubmitReportsEveryContentProblemAtOnce) {
  World w;
  Review r = review_in(Stage::SelfAssessment);
  r.facts.disciplined = true;
  auto req = valid_request(Action::Submit);
  req.form->sections.clear();
  const auto res = w.run(r, kAn, req);
  EXPECT_TRUE(has_code(res.refusals, "missing_sections"));
  EXPECT_TRUE(has_code(res.refusals, "rating_not_allowed"));
}

TEST(ReviewMachine, SomeoneElseCannotSubmitAndIsNotToldWhatTheFormLacks) {
  World w;
  auto req = valid_request(Action::Submit);
  req.form->sections.clear();
  const auto res = w.run(review_in(Stage::SelfAssessment), kBinh, req);
  ASSERT_EQ(res.refusals.size(), 1u);
  EXPECT_EQ(res.refusals[0].code, "not_your_review");
  EXPECT_EQ(res.refusals[0].kind, RefusalKind::Forbidden);
}

// ---- collective meeting -------------------------------------------------------------------------

TEST(ReviewMachine, RecordMeetingStoresTheMinutes) {
  World w;
  const auto res = w.run(Stage::CollectiveReview, Action::RecordMeeting);
  ASSERT_TRUE(res.accepted);
  ASSERT_TRUE(res.review.meeting.has_value());
  EXPECT_EQ(res.review.meeting->present, 8);
  EXPECT_EQ(res.review.meeting->proposed_rating, Rating::HTT);
}

TEST(ReviewMachine, MeetingWithoutQuorumIsRefusedWithTheNumbers) {
  World w;
  auto req = valid_request(Action::RecordMeeting);
  req.meeting->present = 5;
  req.meeting->votes = {5, 0, 0};
  const auto res = w.run(review_in(Stage::CollectiveReview), kBinh, req);
  ASSERT_FALSE(res.accepted);
  const Refusal* q = find(res.refusals, "no_quorum");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->message_vi, "Có mặt 5/9 thành viên, chưa đủ 2/3 (cần ít nhất 6).");
}

TEST(ReviewMachine, MeetingAtExactlyTheQuorumIsAccepted) {
  World w;
  auto req = valid_request(Action::RecordMeeting);
  req.meeting->present = 6;
  req.meeting->votes = {6, 0, 0};
  EXPECT_TRUE(w.run(review_in(Stage::CollectiveReview), kBinh, req).accepted);
}

TEST(ReviewMachine, MoreVotesThanPeoplePresentAreRefused) {
  World w;
  auto req = valid_request(Action::RecordMeeting);
  req.meeting->votes = {6, 2, 1};  // 9 > 8 present
  const auto res = w.run(review_in(Stage::CollectiveReview), kBinh, req);
  ASSERT_FALSE(res.accepted);
  EXPECT_TRUE(has_code(res.refusals, "invalid_votes"));
}

TEST(ReviewMachine, NegativeVotesAreRefused) {
  World w;
  auto req = valid_request(Action::RecordMeeting);
  req.meeting->votes = {7, -1, 0};
  EXPECT_TRUE(
      has_code(w.run(review_in(Stage::CollectiveReview), kBinh, req).refusals, "invalid_votes"));
}

TEST(ReviewMachine, MorePresentThanSummonedIsRefused) {
  World w;
  auto req = valid_request(Action::RecordMeeting);
  req.meeting->present = 10;
  EXPECT_TRUE(has_code(w.run(review_in(Stage::CollectiveReview), kBinh, req).refusals,
                       "invalid_attendance"));
}

TEST(ReviewMachine, VoteRuleOfTheRegimeBindsTheProposedRating) {
  World w;
  w.regime.vote_rules = {VoteRule{Rating::HTXS, Threshold{2, 3, false}, VoteBase::OfficialMembers}};
  auto req = valid_request(Action::RecordMeeting);
  req.meeting->proposed_rating = Rating::HTXS;
  req.meeting->official_members = 12;
  req.meeting->votes = {7, 1, 0};  // 7/12 < 2/3
  const auto refused = w.run(review_in(Stage::CollectiveReview), kBinh, req);
  ASSERT_FALSE(refused.accepted);
  const Refusal* v = find(refused.refusals, "vote_rule_not_met");
  ASSERT_NE(v, nullptr);
  EXPECT_NE(v->message_vi.find("ít nhất 8 phiếu"), std::string::npos) << v->message_vi;
  req.meeting->summoned = 9;
  req.meeting->present = 9;
  req.meeting->votes = {8, 1, 0};
  EXPECT_TRUE(w.run(review_in(Stage::CollectiveReview), kBinh, req).accepted);
}

TEST(ReviewMachine, VoteRuleDoesNotApplyToOtherRatings) {
  World w;
  w.regime.vote_rules = {VoteRule{Rating::HTXS, Threshold{9, 10, false}, VoteBase::Present}};
  auto req = valid_request(Action::RecordMeeting);  // proposes HTT with 7/8
  EXPECT_TRUE(w.run(review_in(Stage::CollectiveReview), kBinh, req).accepted);
}

TEST(ReviewMachine, MeetingMustProposeARating) {
  World w;
  auto req = valid_request(Action::RecordMeeting);
  req.meeting->proposed_rating.reset();
  EXPECT_TRUE(
      has_code(w.run(review_in(Stage::CollectiveReview), kBinh, req).refusals, "rating_required"));
}

TEST(ReviewMachine, MeetingWithoutMinutesIsRefused) {
  World w;
  ActionRequest req;
  req.action = Action::RecordMeeting;
  EXPECT_TRUE(
      has_code(w.run(review_in(Stage::CollectiveReview), kBinh, req).refusals, "meeting_required"));
}

TEST(ReviewMachine, MeetingCannotProposeMoreThanHTForThreeToSixMonthsLeave) {
  World w;
  Review r = review_in(Stage::CollectiveReview);
  r.facts.leave_months = 4;
  const auto refused = w.run(r, kBinh, valid_request(Action::RecordMeeting));  // proposes HTT
  EXPECT_TRUE(has_code(refused.refusals, "rating_not_allowed"));
  auto req = valid_request(Action::RecordMeeting);
  req.meeting->proposed_rating = Rating::HT;
  EXPECT_TRUE(w.run(r, kBinh, req).accepted);
}

TEST(ReviewMachine, TheChairMayRecordTheMeeting) {
  World w;
  EXPECT_TRUE(w.run(review_in(Stage::CollectiveReview), kChi, valid_request(Action::RecordMeeting))
                  .accepted);
}

TEST(ReviewMachine, SecretaryOfAnotherUnitIsForbiddenAndTheRoleIsNamed) {
  World w;
  const auto res =
      w.run(review_in(Stage::CollectiveReview), kLan, valid_request(Action::RecordMeeting));
  ASSERT_FALSE(res.accepted);
  ASSERT_EQ(res.refusals.size(), 1u);
  EXPECT_EQ(res.refusals[0].code, "role_required");
  EXPECT_NE(res.refusals[0].message_vi.find("Thư ký"), std::string::npos);
  EXPECT_NE(res.refusals[0].message_vi.find("Phòng Tổ chức cán bộ"), std::string::npos);
}

TEST(ReviewMachine, SecretaryOfTheAgencyAboveMayRecordTheMeeting) {
  World w;
  w.org = with_grant(w.org, {kLan, kAgency, Role::Secretary});
  EXPECT_TRUE(w.run(review_in(Stage::CollectiveReview), kLan, valid_request(Action::RecordMeeting))
                  .accepted);
}

TEST(ReviewMachine, ReturnFromMeetingGoesBackToReviewee) {
  World w;
  const auto res = w.run(Stage::CollectiveReview, Action::Return);
  ASSERT_TRUE(res.accepted);
  EXPECT_EQ(res.to, Stage::SelfAssessment);
  EXPECT_EQ(res.review.last_return_reason, "Cần bổ sung số liệu kết quả công việc.");
}

TEST(ReviewMachine, ReturnWithABlankReasonIsRefused) {
  World w;
  auto req = valid_request(Action::Return);
  req.reason = " \n ";
  for (Stage s : {Stage::CollectiveReview, Stage::HeadOpinion, Stage::CommitteeDecision}) {
    const auto res = w.run(review_in(s), rightful_actor(Action::Return, s), req);
    EXPECT_FALSE(res.accepted) << to_string(s);
    EXPECT_TRUE(has_code(res.refusals, "reason_required")) << to_string(s);
  }
}

TEST(ReviewMachine, ActingForwardClearsTheReturnReason) {
  World w;
  Review r = review_in(Stage::SelfAssessment);
  r.last_return_reason = "Thiếu số liệu.";
  const auto res = w.run(r, kAn, valid_request(Action::Submit));
  ASSERT_TRUE(res.accepted);
  EXPECT_TRUE(res.review.last_return_reason.empty());
}

// ---- head opinion -------------------------------------------------------------------------------

TEST(ReviewMachine, GiveOpinionRecordsTheActingHeadAsAuthor) {
  World w;
  auto req = valid_request(Action::GiveOpinion);
  req.opinion->by = kOanh;  // ignored: the actor signs
  const auto res = w.run(review_in(Stage::HeadOpinion), kDung, req);
  ASSERT_TRUE(res.accepted);
  ASSERT_TRUE(res.review.opinion.has_value());
  EXPECT_EQ(res.review.opinion->by, kDung);
  EXPECT_EQ(res.review.opinion->proposed_rating, Rating::HTT);
}

TEST(ReviewMachine, GiveOpinionWithoutProposedRatingIsRefused) {
  World w;
  auto req = valid_request(Action::GiveOpinion);
  req.opinion->proposed_rating.reset();
  EXPECT_TRUE(
      has_code(w.run(review_in(Stage::HeadOpinion), kDung, req).refusals, "rating_required"));
  req.opinion.reset();
  EXPECT_TRUE(
      has_code(w.run(review_in(Stage::HeadOpinion), kDung, req).refusals, "rating_required"));
}

TEST(ReviewMachine, HeadCannotGiveAnOpinionOnTheirOwnReview) {
  World w;
  const auto res =
      w.run(review_in(Stage::HeadOpinion, kDung), kDung, valid_request(Action::GiveOpinion));
  ASSERT_FALSE(res.accepted);
  EXPECT_TRUE(has_code(res.refusals, "own_review"));
}

TEST(ReviewMachine, LeadersReviewNeedsTheHeadOfTheUnitAbove) {
  World w;
  w.org =
      with_grant(w.org, {kChi, kPersonnelOffice, Role::Head});  // a second head of the same unit
  const Review r = review_in(Stage::HeadOpinion, kDung);
  const auto same_level = w.run(r, kChi, valid_request(Action::GiveOpinion));
  ASSERT_FALSE(same_level.accepted);
  EXPECT_TRUE(has_code(same_level.refusals, "role_required"));
  EXPECT_TRUE(w.run(r, kGiang, valid_request(Action::GiveOpinion)).accepted);
}

TEST(ReviewMachine, HeadOfTheAgencyMayGiveAnOpinionOnStaffOfASubUnit) {
  World w;
  EXPECT_TRUE(
      w.run(review_in(Stage::HeadOpinion), kGiang, valid_request(Action::GiveOpinion)).accepted);
}

TEST(ReviewMachine, HeadOfAnotherUnitIsForbidden) {
  World w;
  const auto res = w.run(review_in(Stage::HeadOpinion), kMinh, valid_request(Action::GiveOpinion));
  ASSERT_FALSE(res.accepted);
  EXPECT_EQ(res.refusals.at(0).code, "role_required");
  EXPECT_NE(res.refusals.at(0).message_vi.find("Người đứng đầu"), std::string::npos);
}

TEST(ReviewMachine, ReturnFromHeadOpinionGoesBackToTheMeeting) {
  World w;
  const auto res = w.run(Stage::HeadOpinion, Action::Return);
  ASSERT_TRUE(res.accepted);
  EXPECT_EQ(res.to, Stage::CollectiveReview);
}

// ---- committee decision -------------------------------------------------------------------------

TEST(ReviewMachine, DecideWithoutRatingTakesTheHeadsProposal) {
  World w;
  Review r = review_in(Stage::CommitteeDecision);
  r.opinion->proposed_rating = Rating::HT;
  r.meeting->proposed_rating = Rating::HTXS;
  ActionRequest req;
  req.action = Action::Decide;
  const auto res = w.run(r, kHa, req);
  ASSERT_TRUE(res.accepted);
  EXPECT_EQ(res.review.final_rating, Rating::HT);
}

TEST(ReviewMachine, DecideWithoutRatingOrOpinionTakesTheMeetingsProposal) {
  World w;
  Review r = review_in(Stage::CommitteeDecision);
  r.opinion.reset();
  r.meeting->proposed_rating = Rating::HTXS;
  ActionRequest req;
  req.action = Action::Decide;
  const auto res = w.run(r, kHa, req);
  ASSERT_TRUE(res.accepted);
  EXPECT_EQ(res.review.final_rating, Rating::HTXS);
}

TEST(ReviewMachine, DecideWithAnExplicitRatingOverridesTheProposals) {
  World w;
  auto req = valid_request(Action::Decide);
  req.rating = Rating::KHT;
  const auto res = w.run(review_in(Stage::CommitteeDecision), kHa, req);
  ASSERT_TRUE(res.accepted);
  EXPECT_EQ(res.review.final_rating, Rating::KHT);
}

TEST(ReviewMachine, DecideWithNoRatingAnywhereIsRefused) {
  World w;
  Review r = review_in(Stage::CommitteeDecision);
  r.opinion.reset();
  r.meeting.reset();
  ActionRequest req;
  req.action = Action::Decide;
  EXPECT_TRUE(has_code(w.run(r, kHa, req).refusals, "rating_required"));
}

TEST(ReviewMachine, DisciplinedPersonCanOnlyBeRatedKHT) {
  World w;
  Review r = review_in(Stage::CommitteeDecision);
  r.facts.disciplined = true;
  for (Rating rating : all_ratings()) {
    auto req = valid_request(Action::Decide);
    req.rating = rating;
    const auto res = w.run(r, kHa, req);
    EXPECT_EQ(res.accepted, rating == Rating::KHT) << to_string(rating);
    if (!res.accepted) {
      EXPECT_TRUE(has_code(res.refusals, "rating_not_allowed"));
    }
  }
}

TEST(ReviewMachine, DegradationFindingAllowsOnlyKHT) {
  World w;
  Review r = review_in(Stage::CommitteeDecision);
  r.facts.degradation_finding = true;
  auto req = valid_request(Action::Decide);
  req.rating = Rating::HT;
  EXPECT_TRUE(has_code(w.run(r, kHa, req).refusals, "rating_not_allowed"));
}

TEST(ReviewMachine, CorruptionInAManagedUnitCapsLeadersButNotStaff) {
  World w;
  auto req = valid_request(Action::Decide);
  Review leader = review_in(Stage::CommitteeDecision, kDung);
  leader.facts.corruption_in_unit = true;
  EXPECT_TRUE(has_code(w.run(leader, kHa, req).refusals, "rating_not_allowed"));
  Review staff = review_in(Stage::CommitteeDecision);
  staff.facts.corruption_in_unit = true;
  EXPECT_TRUE(w.run(staff, kHa, req).accepted);
}

TEST(ReviewMachine, CommitteeOfAnotherUnitCannotDecide) {
  World w;
  const auto res = w.run(review_in(Stage::CommitteeDecision), kNam, valid_request(Action::Decide));
  ASSERT_FALSE(res.accepted);
  EXPECT_EQ(res.refusals.at(0).kind, RefusalKind::Forbidden);
}

TEST(ReviewMachine, ReturnFromCommitteeGoesBackToTheHead) {
  World w;
  const auto res = w.run(Stage::CommitteeDecision, Action::Return);
  ASSERT_TRUE(res.accepted);
  EXPECT_EQ(res.to, Stage::HeadOpinion);
  EXPECT_FALSE(res.review.last_return_reason.empty());
}

// ---- publication, complaint, closing ------------------------------------------------------------

TEST(ReviewMachine, PublishStampsThePublicationTime) {
  World w;
  const auto res = w.run(Stage::Decided, Action::Publish);
  ASSERT_TRUE(res.accepted);
  EXPECT_EQ(res.review.published_at, w.now);
}

TEST(ReviewMachine, ComplaintOnTheLastDayOfTheWindowIsAccepted) {
  World w;
  w.now = vn_time({2026, 12, 25}, 23, 59);  // published 10/12, window 15 days
  const auto res = w.run(Stage::Published, Action::Complain);
  ASSERT_TRUE(res.accepted);
  EXPECT_EQ(res.to, Stage::Complaint);
  EXPECT_EQ(res.review.complaints, 1);
}

TEST(ReviewMachine, ComplaintAfterTheWindowIsRefused) {
  World w;
  w.now = vn_time({2026, 12, 26}, 0, 1);
  const auto res = w.run(Stage::Published, Action::Complain);
  ASSERT_FALSE(res.accepted);
  const Refusal* c = find(res.refusals, "complaint_window_closed");
  ASSERT_NE(c, nullptr);
  EXPECT_NE(c->message_vi.find("15 ngày"), std::string::npos);
  EXPECT_NE(c->message_vi.find("10/12/2026"), std::string::npos);
}

TEST(ReviewMachine, ComplaintWindowFollowsTheRegime) {
  World w;
  w.regime.deadlines.complaint_window_days = 30;
  w.now = vn_time({2027, 1, 5});
  EXPECT_TRUE(w.run(Stage::Published, Action::Complain).accepted);
}

TEST(ReviewMachine, SecondComplaintIsRefused) {
  World w;
  Review r = review_in(Stage::Published);
  r.complaints = 1;
  const auto res = w.run(r, kAn, valid_request(Action::Complain));
  EXPECT_TRUE(has_code(res.refusals, "complaint_already_filed"));
}

TEST(ReviewMachine, ComplaintNeedsAReason) {
  World w;
  auto req = valid_request(Action::Complain);
  req.reason.clear();
  EXPECT_TRUE(has_code(w.run(review_in(Stage::Published), kAn, req).refusals, "reason_required"));
}

TEST(ReviewMachine, ResolveComplaintChangesTheRatingAndReturnsToDecided) {
  World w;
  const auto res = w.run(Stage::Complaint, Action::ResolveComplaint);
  ASSERT_TRUE(res.accepted);
  EXPECT_EQ(res.to, Stage::Decided);
  EXPECT_EQ(res.review.final_rating, Rating::HT);
}

TEST(ReviewMachine, ResolveComplaintNeedsARating) {
  World w;
  ActionRequest req;
  req.action = Action::ResolveComplaint;
  EXPECT_TRUE(has_code(w.run(review_in(Stage::Complaint), kHa, req).refusals, "rating_required"));
}

TEST(ReviewMachine, AnAdministratorMayCloseButNotDecide) {
  World w;
  EXPECT_TRUE(w.run(review_in(Stage::Published), kKhanh, valid_request(Action::Close)).accepted);
  const auto decide =
      w.run(review_in(Stage::CommitteeDecision), kKhanh, valid_request(Action::Decide));
  EXPECT_TRUE(has_code(decide.refusals, "role_required"));
}

// ---- regime-driven routing ----------------------------------------------------------------------

TEST(ReviewMachine, WithoutHeadOpinionTheMeetingGoesStraightToTheCommittee) {
  World w;
  w.regime = without_stage(w.regime, Stage::HeadOpinion);
  const auto meeting = w.run(Stage::CollectiveReview, Action::RecordMeeting);
  ASSERT_TRUE(meeting.accepted);
  EXPECT_EQ(meeting.to, Stage::CommitteeDecision);
  const auto back = w.run(Stage::CommitteeDecision, Action::Return);
  ASSERT_TRUE(back.accepted);
  EXPECT_EQ(back.to, Stage::CollectiveReview);
}

TEST(ReviewMachine, WithoutAMeetingSubmitGoesToTheHeadAndReturnComesBackToTheReviewee) {
  World w;
  w.regime = without_stage(w.regime, Stage::CollectiveReview);
  const auto submit = w.run(Stage::SelfAssessment, Action::Submit);
  ASSERT_TRUE(submit.accepted);
  EXPECT_EQ(submit.to, Stage::HeadOpinion);
  const auto back = w.run(Stage::HeadOpinion, Action::Return);
  ASSERT_TRUE(back.accepted);
  EXPECT_EQ(back.to, Stage::SelfAssessment);
}

TEST(ReviewMachine, WithOnlyTheCommitteeSubmitGoesStraightToTheDecision) {
  World w;
  w.regime = without_stage(without_stage(w.regime, Stage::CollectiveReview), Stage::HeadOpinion);
  const auto submit = w.run(Stage::SelfAssessment, Action::Submit);
  ASSERT_TRUE(submit.accepted);
  EXPECT_EQ(submit.to, Stage::CommitteeDecision);
  const auto back = w.run(Stage::CommitteeDecision, Action::Return);
  ASSERT_TRUE(back.accepted);
  EXPECT_EQ(back.to, Stage::SelfAssessment);
}

TEST(ReviewMachine, WithoutAComplaintStageComplaintsAreRefused) {
  World w;
  w.regime = without_stage(w.regime, Stage::Complaint);
  const auto res = w.run(Stage::Published, Action::Complain);
  ASSERT_FALSE(res.accepted);
  EXPECT_TRUE(has_code(res.refusals, "stage_not_in_regime"));
}

// ---- a whole walk -------------------------------------------------------------------------------

TEST(ReviewMachine, AReviewWalksThroughAllStagesWithAReturnAndAComplaint) {
  World w;
  Review r = review_in(Stage::SelfAssessment);
  r.version = 1;
  auto step = [&](Id actor, const ActionRequest& req, Stage expected) {
    const auto res = w.run(r, actor, req);
    ASSERT_TRUE(res.accepted) << to_string(req.action) << ": "
                              << (res.refusals.empty() ? "" : res.refusals[0].message_vi);
    EXPECT_EQ(res.to, expected);
    r = res.review;
  };
  step(kAn, valid_request(Action::Submit), Stage::CollectiveReview);
  step(kBinh, valid_request(Action::Return), Stage::SelfAssessment);
  step(kAn, valid_request(Action::Submit), Stage::CollectiveReview);
  step(kBinh, valid_request(Action::RecordMeeting), Stage::HeadOpinion);
  step(kDung, valid_request(Action::GiveOpinion), Stage::CommitteeDecision);
  step(kHa, valid_request(Action::Decide), Stage::Decided);
  step(kHa, valid_request(Action::Publish), Stage::Published);
  step(kAn, valid_request(Action::Complain), Stage::Complaint);
  step(kHa, valid_request(Action::ResolveComplaint), Stage::Decided);
  step(kHa, valid_request(Action::Publish), Stage::Published);
  step(kHa, valid_request(Action::Close), Stage::Closed);
  EXPECT_EQ(r.version, 12);
  EXPECT_EQ(r.final_rating, Rating::HT);
  EXPECT_EQ(r.complaints, 1);
}

}  // namespace
}  // namespace kd::wf::test

namespace kd::wf::test {
namespace {

TEST(DecisionRating, PrefersTheRequestThenTheHeadThenTheMeeting) {
  Review r = review_in(Stage::CommitteeDecision);
  r.opinion->proposed_rating = Rating::HT;
  r.meeting->proposed_rating = Rating::HTXS;
  ActionRequest req;
  req.action = Action::Decide;
  EXPECT_EQ(decision_rating(r, req), Rating::HT);
  req.rating = Rating::KHT;
  EXPECT_EQ(decision_rating(r, req), Rating::KHT);
  req.rating.reset();
  r.opinion.reset();
  EXPECT_EQ(decision_rating(r, req), Rating::HTXS);
  r.meeting.reset();
  EXPECT_FALSE(decision_rating(r, req).has_value());
}

}  // namespace
}  // namespace kd::wf::test
