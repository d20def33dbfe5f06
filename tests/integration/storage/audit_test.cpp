// The audit trail in the database: append-only, chained, verified; tampering found.
#include "tests/integration/storage/storage_world.hpp"

namespace kd::storage::test {
namespace {

using Status = TransitionOutcome::Status;

class Audit : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    build_world();
    review_ = review_of(an_);
    ASSERT_EQ(act(review_, an_, submit(full_form())).status, Status::Accepted);
    wf::ActionRequest back;
    back.action = wf::Action::Return;
    back.reason = "Bổ sung kết quả công việc.";
    ASSERT_EQ(act(review_, binh_, back).status, Status::Accepted);
  }
  void superuser(const std::string& statement) {
    pqxx::connection c(url_);
    pqxx::work w(c);
    w.exec0("ALTER TABLE review_events DISABLE TRIGGER ALL");
    w.exec0(statement);
    w.exec0("ALTER TABLE review_events ENABLE TRIGGER ALL");
    w.commit();
  }
  wf::Id review_ = 0;
};

TEST_F(Audit, EveryReviewHasAnIntactChain) {
  const auto evs = store_->events(review_);
  ASSERT_EQ(evs.size(), 3u);
  EXPECT_EQ(evs[0].prev_hash, std::string(64, '0'));
  for (std::size_t i = 1; i < evs.size(); ++i) EXPECT_EQ(evs[i].prev_hash, evs[i - 1].hash);
  const auto report = store_->verify_audit();
  EXPECT_EQ(report.reviews_checked, 5);
  EXPECT_EQ(report.events_checked, 7);
  EXPECT_TRUE(report.breaks.empty());
}

TEST_F(Audit, EventsCannotBeUpdatedOrDeleted) {
  pqxx::connection c(url_);
  {
    pqxx::work w(c);
    EXPECT_THROW(w.exec0("UPDATE review_events SET payload = '{}'"), pqxx::sql_error);
  }
  {
    pqxx::work w(c);
    EXPECT_THROW(w.exec0("DELETE FROM review_events"), pqxx::sql_error);
  }
  {
    pqxx::work w(c);
    EXPECT_THROW(w.exec0("TRUNCATE review_events CASCADE"), pqxx::sql_error);
  }
  EXPECT_EQ(store_->events(review_).size(), 3u);
}

TEST_F(Audit, VerifierFindsAModifiedPayload) {
  superuser(
      "UPDATE review_events SET payload = '{\"action\":\"submit\",\"forged\":true}' "
      "WHERE review_id = " +
      std::to_string(review_) + " AND seq = 2");
  const auto report = store_->verify_audit();
  ASSERT_EQ(report.breaks.size(), 1u);
  EXPECT_EQ(report.breaks[0].review_id, review_);
  EXPECT_EQ(report.breaks[0].seq, 2);
  EXPECT_NE(report.breaks[0].reason_vi.find("Mã băm không khớp"), std::string::npos);
}

TEST_F(Audit, VerifierFindsARecomputedRowByItsBrokenLink) {
  // A forger who rewrites the row and its own hash still breaks the next link.
  superuser("UPDATE review_events SET hash = repeat('f', 64) WHERE review_id = " +
            std::to_string(review_) + " AND seq = 2");
  const auto report = store_->verify_audit();
  ASSERT_EQ(report.breaks.size(), 2u);
  EXPECT_EQ(report.breaks[0].seq, 2);  // its own hash no longer matches
  EXPECT_EQ(report.breaks[1].seq, 3);
  EXPECT_NE(report.breaks[1].reason_vi.find("Liên kết chuỗi bị đứt"), std::string::npos);
}

TEST_F(Audit, VerifierFindsADeletedEvent) {
  superuser("DELETE FROM review_events WHERE review_id = " + std::to_string(review_) +
            " AND seq = 2");
  const auto report = store_->verify_audit();
  ASSERT_FALSE(report.breaks.empty());
  EXPECT_EQ(report.breaks[0].seq, 3);
  EXPECT_NE(report.breaks[0].reason_vi.find("Thiếu sự kiện"), std::string::npos);
}

}  // namespace
}  // namespace kd::storage::test
