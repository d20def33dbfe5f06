// Only the latest version of the minutes counts: a re-rendered minutes (a new unsigned
// version) carries none of the earlier signatures, so the meeting stage cannot be left
// until that version is signed by the secretary and then the chair, and the secretary may
// sign it again. Signing does not move the review's stage-since time.
#include <gtest/gtest.h>

#include "services/tracking/tracking_store.hpp"
#include "tests/integration/signing/signature_store_fixture.hpp"

namespace kd::signing::testing {
namespace {

wf::ActionRequest opinion() {
  wf::ActionRequest r;
  r.action = wf::Action::GiveOpinion;
  r.opinion = wf::Opinion{0, "Nhận xét của trưởng phòng.", wf::Rating::HTT};
  return r;
}

TEST_F(SignatureStoreTest, ARerenderedMinutesNeedsBothSignaturesAgain) {
  store_->require_signatures(true);
  const auto now = pki().now;
  ASSERT_TRUE(sign(binh_, "111111", now - 300).signature);
  ASSERT_TRUE(sign(chi_, "222222", now - 240).signature);

  // Version 4: the minutes rendered again after a correction; versions 1-3 stay.
  const auto v4 = rerender_minutes(2, R"({"corrected":true})");
  EXPECT_EQ(count("SELECT version FROM documents WHERE id = " + std::to_string(v4)), 4);
  EXPECT_TRUE(signatures_->carried_signatures(v4).empty());

  const auto refused = act(review_, dung_, opinion());
  ASSERT_EQ(refused.status, TransitionOutcome::Status::Refused);

  // The secretary signs the new version (not "already signed"), then the chair.
  SignRequest r;
  r.document_id = v4;
  r.signer_id = chi_;
  r.pin = "222222";
  r.now = wf::TimePoint(std::chrono::seconds(now - 120));
  const auto chair_first = signatures_->sign_with_pin(r);
  ASSERT_TRUE(chair_first.refusal);
  EXPECT_EQ(chair_first.refusal->code, "wrong_order");

  const auto secretary = sign(binh_, "111111", now - 60);
  ASSERT_TRUE(secretary.signature) << (secretary.refusal ? secretary.refusal->message_vi : "");
  EXPECT_EQ(secretary.signature->source_document_id, v4);
  EXPECT_EQ(act(review_, dung_, opinion()).status, TransitionOutcome::Status::Refused);

  const auto chair = sign(chi_, "222222", now);
  ASSERT_TRUE(chair.signature) << (chair.refusal ? chair.refusal->message_vi : "");
  const auto carried = signatures_->carried_signatures(chair.signature->signed_document_id);
  ASSERT_EQ(carried.size(), 2u);
  EXPECT_EQ(carried[0].source_document_id, v4);
  EXPECT_EQ(carried[0].signer_name, "Lê Thị Bình");
  EXPECT_EQ(carried[1].role, "chair");
  EXPECT_EQ(signatures_->signatures(v4).size(), 4u);  // every signature of the minutes
  EXPECT_EQ(act(review_, dung_, opinion()).status, TransitionOutcome::Status::Accepted);
}

TEST_F(SignatureStoreTest, SignaturesOnAnOlderVersionDoNotCompleteTheMeeting) {
  store_->require_signatures(true);
  const auto now = pki().now;
  ASSERT_TRUE(sign(binh_, "111111", now - 60).signature);
  rerender_minutes(2, R"({"corrected":true})");
  // The chair signs what is now the latest version: as the first signer that is refused.
  const auto chair = sign(chi_, "222222", now);
  ASSERT_TRUE(chair.refusal);
  EXPECT_EQ(chair.refusal->code, "wrong_order");
  const auto refused = act(review_, dung_, opinion());
  ASSERT_EQ(refused.status, TransitionOutcome::Status::Refused);
  EXPECT_FALSE(refused.result.refusals.empty());
}

// Minutes signed by both, then the head returns the file and the meeting is recorded again:
// until the new minutes are produced (their render job is still queued), the signed ones are
// out of date and the head cannot give the opinion on them.
TEST_F(SignatureStoreTest, AMeetingRecordedAgainMakesTheSignedMinutesOutOfDate) {
  store_->require_signatures(true);
  const auto now = pki().now;
  ASSERT_TRUE(sign(binh_, "111111", now - 300).signature);
  ASSERT_TRUE(sign(chi_, "222222", now - 240).signature);

  wf::ActionRequest back;
  back.action = wf::Action::Return;
  back.reason = "Biên bản chưa ghi ý kiến của thành viên vắng mặt có lý do.";
  ASSERT_EQ(act(review_, dung_, back).status, TransitionOutcome::Status::Accepted);
  wf::ActionRequest meeting;
  meeting.action = wf::Action::RecordMeeting;
  meeting.meeting = kd::storage::test::good_meeting(chi_, binh_, wf::Rating::HTT);
  ASSERT_EQ(act(review_, binh_, meeting).status, TransitionOutcome::Status::Accepted);

  const auto refused = act(review_, dung_, opinion());
  ASSERT_EQ(refused.status, TransitionOutcome::Status::Refused);
  EXPECT_FALSE(refused.result.refusals.empty());

  // Rendered to the same bytes as the minutes both signed (no new version): they count again.
  mark_render_jobs_done();
  EXPECT_EQ(act(review_, dung_, opinion()).status, TransitionOutcome::Status::Accepted);
}

TEST_F(SignatureStoreTest, SigningDoesNotMoveTheStageSinceTime) {
  const auto before = store_->get_review_row(review_);
  ASSERT_TRUE(before);
  kd::tracking::TrackingStore tracking(*pool_);
  const auto tracked_before = tracking.tracked_reviews(campaign_, {});
  // Signed days after the meeting was recorded (the world's clock is 2026-11-20).
  const auto later = pki().now - 60;
  ASSERT_LT(before->stage_since.time_since_epoch().count(), later - 86400);
  ASSERT_TRUE(sign(binh_, "111111", later).signature);
  ASSERT_TRUE(sign(chi_, "222222", later + 60).signature);
  const auto after = store_->get_review_row(review_);
  ASSERT_TRUE(after);
  EXPECT_EQ(count("SELECT count(*) FROM review_events WHERE action = 'sign_document' AND "
                  "review_id = " +
                  std::to_string(review_)),
            2);
  EXPECT_EQ(after->stage_since, before->stage_since);
  EXPECT_EQ(after->review.stage, wf::Stage::HeadOpinion);
  const auto tracked_after = tracking.tracked_reviews(campaign_, {});
  ASSERT_EQ(tracked_after.size(), tracked_before.size());
  for (std::size_t i = 0; i < tracked_after.size(); ++i)
    EXPECT_EQ(tracked_after[i].activity.stage_entered_at,
              tracked_before[i].activity.stage_entered_at);
}

}  // namespace
}  // namespace kd::signing::testing
