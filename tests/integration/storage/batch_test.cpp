// Batch decision with the HTXS quota, the audited override, and batch publication.
#include "tests/integration/storage/storage_world.hpp"

namespace kd::storage::test {
namespace {

using Status = TransitionOutcome::Status;

// An and four more reviewees wait for the committee: one proposed HTXS, four HTT.
// 20 % of 4 HTT allows 0 HTXS, so the batch breaks the quota.
class Batch : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    build_world(4);
    items_.push_back({review_of(an_), wf::Rating::HTXS});
    advance_to_committee(items_.back().review_id, an_, wf::Rating::HTXS);
    for (auto id : extra_) {
      items_.push_back({review_of(id), wf::Rating::HTT});
      advance_to_committee(items_.back().review_id, id, wf::Rating::HTT);
    }
  }
  long decided() { return count("SELECT count(*) FROM reviews WHERE stage = 'decided'"); }
  long decide_events() {
    return count("SELECT count(*) FROM review_events WHERE action = 'decide'");
  }
  std::vector<BatchItem> items_;
};

TEST_F(Batch, QuotaRefusalWritesNothingAndStatesTheNumbers) {
  const auto out = store_->decide_batch(campaign_, ha_, items_, false, "", now_);
  EXPECT_FALSE(out.accepted);
  EXPECT_TRUE(out.review_ids.empty());
  ASSERT_TRUE(has_code(out.refusals, "quota_exceeded"));
  ASSERT_TRUE(out.quota);
  ASSERT_EQ(out.quota->lines.size(), 1u);
  EXPECT_EQ(out.quota->lines[0].peer_group, "cong_chuc");
  EXPECT_EQ(out.quota->lines[0].htxs, 1);
  EXPECT_EQ(out.quota->lines[0].htt, 4);
  EXPECT_EQ(out.quota->lines[0].limit, 0);
  EXPECT_EQ(decided(), 0);
  EXPECT_EQ(decide_events(), 0);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE payload->>'action' = 'decide'"), 0);
}

TEST_F(Batch, OverrideNeedsAReason) {
  const auto out = store_->decide_batch(campaign_, ha_, items_, true, "   ", now_);
  EXPECT_FALSE(out.accepted);
  EXPECT_TRUE(has_code(out.refusals, "override_reason_required"));
  EXPECT_EQ(decided(), 0);
}

TEST_F(Batch, RefusedThenAcceptedWithAnAuditedOverride) {
  ASSERT_FALSE(store_->decide_batch(campaign_, ha_, items_, false, "", now_).accepted);
  const std::string reason = "Đơn vị được tặng Cờ thi đua của Chính phủ năm 2026.";
  const auto out = store_->decide_batch(campaign_, ha_, items_, true, reason, now_);
  ASSERT_TRUE(out.accepted) << (out.refusals.empty() ? "" : out.refusals[0].message_vi);
  EXPECT_EQ(out.review_ids.size(), items_.size());
  EXPECT_EQ(decided(), 5);
  EXPECT_EQ(decide_events(), 5);
  EXPECT_EQ(store_->get_review(items_[0].review_id)->final_rating, wf::Rating::HTXS);
  for (const auto& item : items_) {
    const auto evs = store_->events(item.review_id);
    const auto& last = evs.back();
    EXPECT_EQ(last.action, "decide");
    EXPECT_NE(last.payload_json.find("\"quota_override\":true"), std::string::npos)
        << last.payload_json;
    EXPECT_NE(last.payload_json.find("\"override_reason\":\"" + reason + "\""), std::string::npos)
        << last.payload_json;
  }
  EXPECT_TRUE(store_->verify_audit().breaks.empty());
}

TEST_F(Batch, WithinTheQuotaNoOverrideIsNeeded) {
  items_[0].rating = wf::Rating::HTT;
  const auto out = store_->decide_batch(campaign_, ha_, items_, false, "", now_);
  ASSERT_TRUE(out.accepted);
  EXPECT_EQ(decided(), 5);
}

TEST_F(Batch, ARefusedItemRefusesTheWholeBatch) {
  items_[0].rating = wf::Rating::HTT;
  items_.push_back({review_of(binh_), wf::Rating::HTT});  // still in self-assessment
  const auto out = store_->decide_batch(campaign_, ha_, items_, false, "", now_);
  EXPECT_FALSE(out.accepted);
  ASSERT_EQ(out.per_review.size(), 1u);
  EXPECT_EQ(out.per_review[0].first, items_.back().review_id);
  EXPECT_EQ(decided(), 0);
}

TEST_F(Batch, UnknownAndDuplicateReviewsAreRefused) {
  items_[0].rating = wf::Rating::HTT;
  auto items = items_;
  items.push_back(items_[1]);
  items.push_back({999999, wf::Rating::HT});
  const auto out = store_->decide_batch(campaign_, ha_, items, false, "", now_);
  EXPECT_FALSE(out.accepted);
  EXPECT_TRUE(has_code(out.all_refusals(), "duplicate_in_batch"));
  EXPECT_TRUE(has_code(out.all_refusals(), "review_not_in_campaign"));
  EXPECT_EQ(decided(), 0);
}

TEST_F(Batch, QuotaCountsTheRatingsAlreadyDecided) {
  items_[0].rating = wf::Rating::HTT;
  std::vector<BatchItem> first(items_.begin(), items_.begin() + 3);  // 3 HTT
  ASSERT_TRUE(store_->decide_batch(campaign_, ha_, first, false, "", now_).accepted);
  std::vector<BatchItem> second(items_.begin() + 3, items_.end());
  second[0].rating = wf::Rating::HTXS;  // 1 HTXS against 4 HTT in total: limit 0
  const auto out = store_->decide_batch(campaign_, ha_, second, false, "", now_);
  EXPECT_FALSE(out.accepted);
  EXPECT_TRUE(has_code(out.refusals, "quota_exceeded"));
  EXPECT_EQ(out.quota->lines[0].htt, 4);
  EXPECT_EQ(decided(), 3);
}

TEST_F(Batch, PublishPublishesEveryDecidedReview) {
  items_[0].rating = wf::Rating::HTT;
  ASSERT_TRUE(store_->decide_batch(campaign_, ha_, items_, false, "", now_).accepted);
  const auto out = store_->publish_batch(campaign_, ha_, {}, now_);
  ASSERT_TRUE(out.accepted) << (out.refusals.empty() ? "" : out.refusals[0].message_vi);
  EXPECT_EQ(out.review_ids.size(), 5u);
  EXPECT_EQ(
      count("SELECT count(*) FROM reviews WHERE stage = 'published' AND published_at IS NOT NULL"),
      5);
  EXPECT_EQ(store_->get_review(items_[0].review_id)->published_at, now_);
  const auto nothing = store_->publish_batch(campaign_, ha_, {}, now_);
  EXPECT_FALSE(nothing.accepted);
  EXPECT_TRUE(has_code(nothing.refusals, "nothing_to_publish"));
}

TEST_F(Batch, PublishingAnUndecidedReviewRefusesTheBatch) {
  const auto out = store_->publish_batch(campaign_, ha_, {items_[0].review_id}, now_);
  EXPECT_FALSE(out.accepted);
  EXPECT_EQ(out.per_review.size(), 1u);
  EXPECT_EQ(count("SELECT count(*) FROM review_events WHERE action = 'publish'"), 0);
}

}  // namespace
}  // namespace kd::storage::test
