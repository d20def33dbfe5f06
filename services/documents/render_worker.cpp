#include "services/documents/render_worker.hpp"

#include <Poco/Logger.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace kd::documents {
namespace {

Poco::Logger& log() { return Poco::Logger::get("kiemdiem.render"); }

void report(int fd, const std::string& line) {
  if (fd < 0) return;
  const std::string text = line + "\n";
  [[maybe_unused]] const auto n = ::write(fd, text.data(), text.size());
}

}  // namespace

int run_render_worker(RenderContext& ctx, const WorkerOptions& opt, const std::atomic<bool>& stop) {
  int handled = 0;
  while (!stop && handled < opt.recycle_after) {
    const auto job = ctx.documents.claim_job(opt.worker_id, opt.lease_seconds);
    if (!job) {
      std::this_thread::sleep_for(std::chrono::milliseconds(opt.idle_poll_ms));
      continue;
    }
    report(opt.status_fd, "job " + std::to_string(job->id));
    ++handled;
    const auto t0 = std::chrono::steady_clock::now();
    if (opt.hang_review != 0 && job->review_id == opt.hang_review &&
        job->attempt <= opt.hang_attempts) {
      log().warning("test hook: hanging on job " + std::to_string(job->id));
      for (;;) std::this_thread::sleep_for(std::chrono::seconds(60));
    }
    try {
      const auto docs = render_job_documents(ctx, *job);
      std::vector<kd::storage::StoreResult> stored;
      const bool ok = ctx.documents.finish_job(*job, opt.worker_id, docs, &stored);
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - t0)
                          .count();
      int created = 0;
      for (const auto& s : stored) created += s.created ? 1 : 0;
      if (ok) {
        log().information("job " + std::to_string(job->id) + " review " +
                          std::to_string(job->review_id) + ": " + std::to_string(docs.size()) +
                          " documents (" + std::to_string(created) + " new) in " +
                          std::to_string(ms) + " ms");
      } else {
        log().warning("job " + std::to_string(job->id) + ": claim lost, result dropped");
      }
    } catch (const std::exception& e) {
      const std::string reason =
          std::string("lần thử ") + std::to_string(job->attempt) + ": lỗi tạo văn bản: " + e.what();
      const bool failed = ctx.documents.retry_job(*job, opt.worker_id, reason, opt.backoff_seconds,
                                                  opt.max_attempts);
      log().error("job " + std::to_string(job->id) + " review " + std::to_string(job->review_id) +
                  (failed ? " failed for good: " : " will be retried: ") + e.what());
    }
    report(opt.status_fd, "idle");
  }
  return handled;
}

}  // namespace kd::documents
