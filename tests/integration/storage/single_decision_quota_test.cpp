// The HTXS quota also binds decisions taken one review at a time (decide and
// resolve_complaint through Store::transition), not only batch decisions.
#include "tests/integration/storage/storage_world.hpp"

namespace kd::storage::test {
namespace {

using Status = TransitionOutcome::Status;

// Four HTT already decided in the agency's công chức group (limit 0 HTXS); An waits for
// the committee with a proposal of HTXS.
class SingleDecisionQuota : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    build_world(4);
    std::vector<BatchItem> htt;
    for (auto id : extra_) {
      htt.push_back({review_of(id), wf::Rating::HTT});
      advance_to_committee(htt.back().review_id, id, wf::Rating::HTT);
    }
    ASSERT_TRUE(store_->decide_batch(campaign_, ha_, htt, false, "", now_).accepted);
    an_review_ = review_of(an_);
    advance_to_committee(an_review_, an_, wf::Rating::HTXS);
  }
  static wf::ActionRequest decide(wf::Rating r, bool override_quota = false,
                                  const std::string& reason = "") {
    wf::ActionRequest req;
    req.action = wf::Action::Decide;
    req.rating = r;
    req.quota_override = override_quota;
    req.reason = reason;
    return req;
  }
  wf::Id an_review_ = 0;
};

TEST_F(SingleDecisionQuota, DecidingHtxsOverTheLimitIsRefusedWithTheNumbers) {
  const int version = store_->get_review(an_review_)->version;
  const auto out = act(an_review_, ha_, decide(wf::Rating::HTXS));
  ASSERT_EQ(out.status, Status::Refused);
  ASSERT_TRUE(has_code(out.result.refusals, "quota_exceeded"));
  const std::string& message = out.result.refusals.front().message_vi;
  EXPECT_NE(message.find('4'), std::string::npos) << message;  // the HTT count
  EXPECT_NE(message.find('1'), std::string::npos) << message;  // the HTXS count
  EXPECT_EQ(store_->get_review(an_review_)->version, version);
  EXPECT_EQ(store_->get_review(an_review_)->stage, wf::Stage::CommitteeDecision);
}

TEST_F(SingleDecisionQuota, DecidingWithinTheQuotaIsAccepted) {
  EXPECT_EQ(act(an_review_, ha_, decide(wf::Rating::HTT)).status, Status::Accepted);
  EXPECT_EQ(store_->get_review(an_review_)->final_rating, wf::Rating::HTT);
}

TEST_F(SingleDecisionQuota, AnOverrideWithAReasonIsAcceptedAndRecorded) {
  const std::string reason = "Cá nhân có thành tích đột xuất được Thủ tướng khen.";
  const auto out = act(an_review_, ha_, decide(wf::Rating::HTXS, true, reason));
  ASSERT_EQ(out.status, Status::Accepted);
  const auto last = store_->events(an_review_).back();
  EXPECT_NE(last.payload_json.find("\"quota_override\":true"), std::string::npos)
      << last.payload_json;
  EXPECT_NE(last.payload_json.find(reason), std::string::npos) << last.payload_json;
}

TEST_F(SingleDecisionQuota, ResolvingAComplaintUpToHtxsIsBoundByTheQuota) {
  ASSERT_EQ(act(an_review_, ha_, decide(wf::Rating::HTT)).status, Status::Accepted);
  wf::ActionRequest publish;
  publish.action = wf::Action::Publish;
  ASSERT_EQ(act(an_review_, ha_, publish).status, Status::Accepted);
  wf::ActionRequest complain;
  complain.action = wf::Action::Complain;
  complain.reason = "Đề nghị xem xét lại.";
  ASSERT_EQ(act(an_review_, an_, complain).status, Status::Accepted);
  wf::ActionRequest resolve;
  resolve.action = wf::Action::ResolveComplaint;
  resolve.rating = wf::Rating::HTXS;
  resolve.reason = "Nâng mức xếp loại.";
  const auto out = act(an_review_, ha_, resolve);
  EXPECT_EQ(out.status, Status::Refused);
  EXPECT_TRUE(has_code(out.result.refusals, "quota_exceeded"));
  EXPECT_EQ(store_->get_review(an_review_)->stage, wf::Stage::Complaint);
}

}  // namespace
}  // namespace kd::storage::test
