// The document store: immutable records, content once by SHA-256, versions only when the bytes
// differ, numbers that never repeat, render jobs that are never claimed twice.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "tests/integration/documents/documents_world.hpp"

namespace kd::documents::test {
namespace {

class DocumentStoreTest : public DocumentsTest {};

TEST_F(DocumentStoreTest, ReRenderingTheSameSnapshotGivesTheSameBytesAndNoNewRecord) {
  build_world();
  const auto review = review_of(an_);
  ASSERT_EQ(act(review, an_, submit(kd::storage::test::full_form())).status,
            TransitionOutcome::Status::Accepted);
  run_jobs();
  auto docs = documents_->review_documents(review);
  ASSERT_EQ(docs.size(), 1u);
  // Render again from the same data, a second later: byte-identical, so nothing is added.
  const auto event = store_->events(review).back();
  auto ctx = context();
  const auto input = load_input(ctx, review, DocumentKind::SelfAssessment, event);
  ASSERT_TRUE(input);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const auto again = renderer_->render(*input);
  EXPECT_EQ(again.sha256, docs[0].sha256);
  EXPECT_EQ(again.snapshot_sha256, docs[0].snapshot_sha256);
  const auto r = documents_->store(to_new_document(
      *input, again, subject_for(DocumentKind::SelfAssessment, event, campaign_), event.id));
  EXPECT_FALSE(r.created);
  EXPECT_EQ(r.document_id, docs[0].id);
  EXPECT_EQ(count("SELECT count(*) FROM documents"), 1);
  // Other bytes for the same data (a new template or engine): a new version beside the first.
  auto changed = to_new_document(*input, again, docs[0].subject, event.id);
  changed.pdf += "\n%changed";
  changed.sha256 = std::string(64, 'a');
  const auto r2 = documents_->store(changed);
  EXPECT_TRUE(r2.created);
  docs = documents_->review_documents(review);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].version, 1);
  EXPECT_EQ(docs[1].version, 2);
  EXPECT_EQ(count("SELECT count(*) FROM document_contents"), 2);
}

TEST_F(DocumentStoreTest, DocumentsAreNeverOverwrittenOrDeleted) {
  build_world();
  const auto review = review_of(an_);
  ASSERT_EQ(act(review, an_, submit(kd::storage::test::full_form())).status,
            TransitionOutcome::Status::Accepted);
  run_jobs();
  pqxx::connection c(url_);
  for (const char* sql : {"UPDATE documents SET title = 'x'", "DELETE FROM documents",
                          "UPDATE document_contents SET pdf = 'x'"}) {
    pqxx::work w(c);
    EXPECT_THROW(w.exec(sql), pqxx::sql_error) << sql;
  }
}

TEST_F(DocumentStoreTest, NumbersNeverRepeatUnderConcurrency) {
  build_world();
  std::vector<std::thread> threads;
  std::vector<std::vector<int>> got(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      kd::storage::ConnectionPool pool(url_, 1);
      kd::storage::DocumentStore store(pool);
      for (int i = 0; i < 25; ++i)
        got[t].push_back(
            store.number_for("review:" + std::to_string(t * 100 + i), "decision", "SNV", 2026));
    });
  }
  for (auto& th : threads) th.join();
  std::set<int> all;
  for (const auto& g : got) all.insert(g.begin(), g.end());
  EXPECT_EQ(all.size(), 100u);
  EXPECT_EQ(*all.begin(), 1);
  EXPECT_EQ(*all.rbegin(), 100);
  // A subject keeps its number; another year or issuer starts again at 1.
  EXPECT_EQ(documents_->number_for("review:0", "decision", "SNV", 2026), got[0][0]);
  EXPECT_EQ(documents_->number_for("review:0", "result_notice", "SNV", 2027), 1);
}

TEST_F(DocumentStoreTest, ConcurrentClaimersNeverTakeTheSameJob) {
  build_world(30);
  for (const auto person : extra_)
    ASSERT_EQ(act(review_of(person), person, submit(kd::storage::test::full_form())).status,
              TransitionOutcome::Status::Accepted);
  std::vector<std::thread> threads;
  std::vector<std::vector<kd::wf::Id>> got(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      kd::storage::ConnectionPool pool(url_, 1);
      kd::storage::DocumentStore store(pool);
      while (const auto job = store.claim_job("claimer-" + std::to_string(t), 600))
        got[t].push_back(job->id);
    });
  }
  for (auto& th : threads) th.join();
  std::set<kd::wf::Id> all;
  std::size_t total = 0;
  for (const auto& g : got) {
    all.insert(g.begin(), g.end());
    total += g.size();
  }
  EXPECT_EQ(total, 30u);
  EXPECT_EQ(all.size(), 30u);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE attempts <> 1"), 0);
}

}  // namespace
}  // namespace kd::documents::test
