// The storage test world plus the document renderer: one in-process libwkhtmltox engine per
// test process (ctest runs each test in its own process), and helpers to run render jobs.
#pragma once

#include <memory>

#include "services/documents/render_worker.hpp"
#include "services/storage/document_store.hpp"
#include "tests/integration/storage/storage_world.hpp"

namespace kd::documents::test {

namespace wf = kd::wf;
using kd::storage::TransitionOutcome;

inline PdfEngine& process_engine() {
  static const auto engine = make_pdf_engine(PageSettings{});
  return *engine;
}

class DocumentsTest : public kd::storage::test::StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    documents_ = std::make_unique<kd::storage::DocumentStore>(*pool_);
    templates_ = TemplateSet::load(std::string(KD_SOURCE_DIR) + "/templates");
    renderer_ = std::make_unique<DocumentRenderer>(templates_, process_engine());
  }

  RenderContext context() { return RenderContext{*store_, *documents_, *renderer_, "Hòa Bình"}; }

  // Runs every queued render job in this process (as one worker would).
  int run_jobs() {
    auto ctx = context();
    WorkerOptions opt;
    opt.worker_id = "test-worker";
    opt.idle_poll_ms = 1;
    int total = 0;
    for (;;) {
      opt.recycle_after = 1;
      const std::atomic<bool> stop{false};
      const auto before = count(
          "SELECT count(*) FROM outbox WHERE done_at IS NULL "
          "AND failed_at IS NULL AND available_at <= now()");
      if (before == 0) return total;
      total += run_render_worker(ctx, opt, stop);
    }
  }

  wf::ActionRequest meeting_request(wf::Rating r = wf::Rating::HTT) {
    wf::ActionRequest m;
    m.action = wf::Action::RecordMeeting;
    m.meeting = kd::storage::test::good_meeting(chi_, binh_, r);
    return m;
  }
  wf::ActionRequest opinion_request(wf::Rating r = wf::Rating::HTT) {
    wf::ActionRequest o;
    o.action = wf::Action::GiveOpinion;
    o.opinion =
        wf::Opinion{0, "Đồng chí An có tinh thần trách nhiệm cao; đề nghị xếp loại HTT.", r};
    return o;
  }

  // Five stages for `review`: submit, meeting, opinion, decision (batch), publication (batch).
  void walk_five_stages(wf::Id review, const wf::FormContent& form) {
    ASSERT_EQ(act(review, an_, submit(form)).status, TransitionOutcome::Status::Accepted);
    ASSERT_EQ(act(review, binh_, meeting_request()).status, TransitionOutcome::Status::Accepted);
    ASSERT_EQ(act(review, dung_, opinion_request()).status, TransitionOutcome::Status::Accepted);
    const auto decided =
        store_->decide_batch(campaign_, ha_, {{review, wf::Rating::HTT}}, false, "", now_);
    ASSERT_TRUE(decided.accepted);
    const auto published = store_->publish_batch(campaign_, ha_, {review}, now_);
    ASSERT_TRUE(published.accepted);
  }

  std::unique_ptr<kd::storage::DocumentStore> documents_;
  TemplateSet templates_;
  std::unique_ptr<DocumentRenderer> renderer_;
};

}  // namespace kd::documents::test
