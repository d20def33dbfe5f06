// Store::transition: one transaction per action, versions, idempotency and the race.
#include <atomic>
#include <thread>

#include "tests/integration/storage/storage_world.hpp"

namespace kd::storage::test {
namespace {

using Status = TransitionOutcome::Status;

class Transition : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    build_world();
    review_ = review_of(an_);
  }
  long events() {
    return count("SELECT count(*) FROM review_events WHERE review_id = " + std::to_string(review_));
  }
  long outbox() {
    return count("SELECT count(*) FROM outbox WHERE review_id = " + std::to_string(review_));
  }
  wf::Id review_ = 0;
};

TEST_F(Transition, AcceptedActionWritesStageEventAndOutboxTogether) {
  const auto out = act(review_, an_, submit(full_form()));
  ASSERT_EQ(out.status, Status::Accepted);
  EXPECT_EQ(out.current_version, 2);
  EXPECT_EQ(out.result.to, wf::Stage::CollectiveReview);

  const auto r = store_->get_review(review_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->stage, wf::Stage::CollectiveReview);
  EXPECT_EQ(r->version, 2);
  EXPECT_EQ(events(), 2);  // create + submit
  EXPECT_EQ(outbox(), 1);
  EXPECT_EQ(count("SELECT count(*) FROM reviews WHERE stage = 'collective_review' AND id = " +
                  std::to_string(review_)),
            1);  // stored by stable name

  const auto evs = store_->events(review_);
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(evs[1].action, "submit");
  EXPECT_EQ(evs[1].from_stage, "self_assessment");
  EXPECT_EQ(evs[1].to_stage, "collective_review");
  EXPECT_EQ(evs[1].actor_id, an_);
  EXPECT_EQ(evs[1].prev_hash, evs[0].hash);
  EXPECT_EQ(evs[1].occurred_at, now_);
  EXPECT_NE(evs[1].payload_json.find("\"action\":\"submit\""), std::string::npos);
}

TEST_F(Transition, RefusedActionChangesNothing) {
  wf::FormContent empty;
  const auto out = act(review_, an_, submit(empty));
  ASSERT_EQ(out.status, Status::Refused);
  EXPECT_FALSE(out.result.refusals.empty());

  const auto r = store_->get_review(review_);
  EXPECT_EQ(r->stage, wf::Stage::SelfAssessment);
  EXPECT_EQ(r->version, 1);
  EXPECT_TRUE(r->form.sections.empty());
  EXPECT_EQ(events(), 1);
  EXPECT_EQ(outbox(), 0);
}

TEST_F(Transition, WrongActorIsRefusedAsForbidden) {
  const auto out = act(review_, binh_, submit(full_form()));
  ASSERT_EQ(out.status, Status::Refused);
  EXPECT_EQ(wf::dominant_kind(out.result.refusals), wf::RefusalKind::Forbidden);
  EXPECT_EQ(events(), 1);
}

TEST_F(Transition, StaleVersionIsRefusedWithTheCurrentVersion) {
  auto cmd = command(review_, an_, submit(full_form()));
  cmd.expected_version = 7;
  const auto out = store_->transition(cmd);
  EXPECT_EQ(out.status, Status::StaleVersion);
  EXPECT_EQ(out.current_version, 1);
  EXPECT_EQ(events(), 1);
}

TEST_F(Transition, UnknownReviewIsNotFound) {
  auto cmd = command(review_, an_, submit(full_form()));
  cmd.review_id = 987654;
  EXPECT_EQ(store_->transition(cmd).status, Status::NotFound);
}

TEST_F(Transition, IdempotentRetryReplaysTheFirstAnswerWithoutASecondEvent) {
  const auto account = store_->create_account(an_, "an", "hash");
  auto cmd = command(review_, an_, submit(full_form()));
  cmd.account_id = account;
  cmd.idempotency_key = "k-1";
  cmd.fingerprint = "POST /reviews/1/actions/submit sha";
  int renders = 0;
  cmd.render = [&](const wf::Review& r) {
    ++renders;
    return StoredResponse{200, "{\"version\":" + std::to_string(r.version) + "}"};
  };
  ASSERT_EQ(store_->transition(cmd).status, Status::Accepted);
  const auto again = store_->transition(cmd);  // same If-Match, now stale: the key wins
  EXPECT_EQ(again.status, Status::Replayed);
  EXPECT_EQ(again.replay.status, 200);
  EXPECT_EQ(again.replay.body, "{\"version\":2}");
  EXPECT_EQ(renders, 1);
  EXPECT_EQ(events(), 2);

  cmd.fingerprint = "another body";
  EXPECT_EQ(store_->transition(cmd).status, Status::KeyReused);
  EXPECT_EQ(events(), 2);
}

TEST_F(Transition, RefusedRequestStoresNoIdempotencyAnswer) {
  const auto account = store_->create_account(an_, "an", "hash");
  auto cmd = command(review_, an_, submit(wf::FormContent{}));
  cmd.account_id = account;
  cmd.idempotency_key = "k-2";
  cmd.fingerprint = "f";
  EXPECT_EQ(store_->transition(cmd).status, Status::Refused);
  EXPECT_EQ(count("SELECT count(*) FROM idempotency_keys"), 0);
}

TEST_F(Transition, TwoConcurrentConflictingActionsOneWinsOneIsStale) {
  for (int round = 0; round < 5; ++round) {
    const auto version = store_->get_review(review_)->version;
    const auto stage = store_->get_review(review_)->stage;
    wf::ActionRequest req;
    wf::Id actor = an_;
    if (stage == wf::Stage::SelfAssessment) {
      req = submit(full_form());
    } else {
      req.action = wf::Action::Return;
      req.reason = "Bổ sung số liệu (lượt " + std::to_string(round) + ").";
      actor = binh_;
    }
    std::atomic<int> ready{0};
    std::vector<Status> results(2);
    auto run = [&](int i) {
      TransitionCommand cmd;
      cmd.review_id = review_;
      cmd.expected_version = version;
      cmd.actor_id = actor;
      cmd.request = req;
      cmd.now = now_;
      ++ready;
      while (ready.load() < 2) std::this_thread::yield();
      results[static_cast<std::size_t>(i)] = store_->transition(cmd).status;
    };
    const long before = events();
    std::thread a(run, 0), b(run, 1);
    a.join();
    b.join();
    const int accepted = (results[0] == Status::Accepted) + (results[1] == Status::Accepted);
    const int stale = (results[0] == Status::StaleVersion) + (results[1] == Status::StaleVersion);
    EXPECT_EQ(accepted, 1) << "round " << round;
    EXPECT_EQ(stale, 1) << "round " << round;
    EXPECT_EQ(events(), before + 1);
    EXPECT_EQ(store_->get_review(review_)->version, version + 1);
  }
}

}  // namespace
}  // namespace kd::storage::test
