// Guided steps: what each person must do next.
#include "workflow/tasks.hpp"

#include <gtest/gtest.h>

#include <deque>

#include "tests/unit/workflow/fixture.hpp"

namespace kd::wf::test {
namespace {

struct Desk {
  OrgTree org = make_org();
  Regime regime = make_regime();
  Campaign campaign = make_campaign();
  std::deque<Person> people;  // stable addresses
  std::deque<Review> reviews;
  std::vector<ReviewInput> inputs;

  Review& add(Stage stage, const std::string& name, Id person_id = 0) {
    Person p = make_an();
    p.id = person_id ? person_id : 1000 + static_cast<Id>(people.size());
    p.full_name = name;
    people.push_back(p);
    Review r = review_in(stage, p.id);
    r.id = 2000 + static_cast<Id>(reviews.size());
    reviews.push_back(r);
    inputs.push_back({&reviews.back(), &people.back(), &campaign, &regime});
    return reviews.back();
  }
  std::vector<Task> tasks(Id actor, Date today = {2026, 11, 24}) const {
    return tasks_for(actor, inputs, org, vn_time(today));
  }
};

TEST(Tasks, TheRevieweeIsAskedToSubmitWithTheMissingSections) {
  Desk d;
  Review& mine = d.add(Stage::SelfAssessment, "Nguyễn Văn An", kAn);
  mine.form = full_form();
  mine.form.sections.erase("dao_duc_loi_song");
  const auto t = d.tasks(kAn);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].action, Action::Submit);
  EXPECT_EQ(t[0].review_id, mine.id);
  EXPECT_EQ(t[0].fields_needed, std::vector<std::string>{"sections.dao_duc_loi_song"});
  EXPECT_EQ(t[0].due, (Date{2026, 11, 20}));
  EXPECT_TRUE(t[0].overdue);
  EXPECT_FALSE(t[0].title_vi.empty());
}

TEST(Tasks, TheSecretarySeesEveryMeetingToRecordAndNothingElse) {
  Desk d;
  d.add(Stage::CollectiveReview, "Lê Văn Bảo");
  d.add(Stage::CollectiveReview, "Đỗ Thị Cúc");
  d.add(Stage::HeadOpinion, "Phan Văn Đức");
  d.add(Stage::SelfAssessment, "Vũ Thị Én");
  const auto t = d.tasks(kBinh);
  ASSERT_EQ(t.size(), 2u);
  for (const auto& task : t) {
    EXPECT_EQ(task.action, Action::RecordMeeting);
    EXPECT_TRUE(task.fields_needed.empty());
    EXPECT_NE(task.title_vi.find(task.reviewee_name), std::string::npos);
  }
}

TEST(Tasks, SortedByDueDateThenName) {
  Desk d;
  d.add(Stage::CommitteeDecision, "Bùi Văn Zung");  // due 08/12
  d.add(Stage::Decided, "Anh Thị A");               // due 12/12 (publish)
  d.add(Stage::CommitteeDecision, "Bùi Văn An");    // due 08/12
  d.campaign.stage_due.erase(Stage::Complaint);
  d.add(Stage::Complaint, "Cao Văn C");  // no due date: last
  const auto t = d.tasks(kHa);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].reviewee_name, "Bùi Văn An");
  EXPECT_EQ(t[1].reviewee_name, "Bùi Văn Zung");
  EXPECT_EQ(t[2].action, Action::Publish);
  EXPECT_EQ(t[3].action, Action::ResolveComplaint);
  EXPECT_FALSE(t[3].due.has_value());
  EXPECT_FALSE(t[3].overdue);
}

TEST(Tasks, OverdueOnlyAfterTheDueDay) {
  Desk d;
  d.add(Stage::CollectiveReview, "Lê Văn Bảo");  // due 27/11
  EXPECT_FALSE(d.tasks(kBinh, {2026, 11, 27}).at(0).overdue);
  EXPECT_TRUE(d.tasks(kBinh, {2026, 11, 28}).at(0).overdue);
}

TEST(Tasks, NobodyIsAskedToActOnTheirOwnReviewAsAReviewer) {
  Desk d;
  d.add(Stage::HeadOpinion, "Trần Văn Dũng", kDung);
  d.people.back().leader = true;
  EXPECT_TRUE(d.tasks(kDung).empty());
  ASSERT_EQ(d.tasks(kGiang).size(), 1u);  // the head above gives the opinion
}

TEST(Tasks, PublishedAndClosedReviewsAreNotTasks) {
  Desk d;
  d.add(Stage::Published, "Lê Văn Bảo", kAn);
  d.add(Stage::Closed, "Lê Văn Bảo", kAn);
  EXPECT_TRUE(d.tasks(kAn).empty());
  EXPECT_TRUE(d.tasks(kHa).empty());
}

TEST(Tasks, AReturnedFileShowsTheReason) {
  Desk d;
  Review& r = d.add(Stage::SelfAssessment, "Nguyễn Văn An", kAn);
  r.last_return_reason = "Bổ sung kết quả quý IV.";
  EXPECT_EQ(d.tasks(kAn).at(0).return_reason, "Bổ sung kết quả quý IV.");
}

TEST(Tasks, PeopleOfAnotherUnitGetNoTasks) {
  Desk d;
  d.add(Stage::CollectiveReview, "Lê Văn Bảo");
  d.add(Stage::HeadOpinion, "Phan Văn Đức");
  EXPECT_TRUE(d.tasks(kLan).empty());
  EXPECT_TRUE(d.tasks(kMinh).empty());
  EXPECT_TRUE(d.tasks(kOanh).empty());
}

// With signatures required, a task says what is really next: the minutes signed by the
// secretary, then the chair, before the head can give the opinion; the decision signed
// before it is published. Nobody is offered an action that would be refused.
TEST(Tasks, TheMinutesAreSignedBySecretaryThenChairWhileTheHeadWaits) {
  Desk d;
  d.add(Stage::HeadOpinion, "Phan Văn Đức");
  SignatureFacts facts;
  d.inputs.back().signatures = &facts;

  auto secretary = d.tasks(kBinh);
  ASSERT_EQ(secretary.size(), 1u);
  EXPECT_EQ(secretary[0].step, TaskStep::Sign);
  EXPECT_EQ(secretary[0].document_kind, "meeting_minutes");
  EXPECT_EQ(secretary[0].title_vi, "Ký biên bản họp của Phan Văn Đức");
  EXPECT_TRUE(d.tasks(kChi).empty());  // the chair signs after the secretary
  auto head = d.tasks(kDung);
  ASSERT_EQ(head.size(), 1u);
  EXPECT_EQ(head[0].step, TaskStep::Wait);
  EXPECT_EQ(head[0].title_vi, "Chờ chữ ký của thư ký trên biên bản họp của Phan Văn Đức");

  facts.minutes_signed_by_secretary = true;
  EXPECT_TRUE(d.tasks(kBinh).empty());
  auto chair = d.tasks(kChi);
  ASSERT_EQ(chair.size(), 1u);
  EXPECT_EQ(chair[0].step, TaskStep::Sign);
  EXPECT_EQ(chair[0].title_vi, "Ký biên bản họp của Phan Văn Đức");
  EXPECT_EQ(d.tasks(kDung).at(0).title_vi,
            "Chờ chữ ký của chủ trì trên biên bản họp của Phan Văn Đức");

  facts.minutes_signed_by_chair = true;
  EXPECT_TRUE(d.tasks(kChi).empty());
  head = d.tasks(kDung);
  ASSERT_EQ(head.size(), 1u);
  EXPECT_EQ(head[0].step, TaskStep::Act);
  EXPECT_EQ(head[0].action, Action::GiveOpinion);
  EXPECT_EQ(head[0].title_vi, "Nhận xét, đề xuất xếp loại của Phan Văn Đức");
}

TEST(Tasks, TheCommitteeSignsTheDecisionBeforePublishing) {
  Desk d;
  d.add(Stage::Decided, "Anh Thị A");
  SignatureFacts facts;
  d.inputs.back().signatures = &facts;
  auto t = d.tasks(kHa);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].step, TaskStep::Sign);
  EXPECT_EQ(t[0].document_kind, "decision");
  EXPECT_EQ(t[0].title_vi, "Ký quyết định xếp loại của Anh Thị A");
  facts.decision_signed = true;
  t = d.tasks(kHa);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].step, TaskStep::Act);
  EXPECT_EQ(t[0].title_vi, "Thông báo, công khai kết quả của Anh Thị A");
}

}  // namespace
}  // namespace kd::wf::test
