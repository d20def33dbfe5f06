// The loop of one render worker process (`kiemdiem render-worker`): claim a job from the outbox
// (FOR UPDATE SKIP LOCKED), render its documents, store them and mark the job done in one
// transaction; on an error give the job back for a retry with backoff. Exits after
// `recycle_after` jobs (memory grows ~60 KB a document in libwkhtmltox) or when `stop` is set.
#pragma once

#include <atomic>
#include <string>

#include "services/documents/render_job.hpp"

namespace kd::documents {

struct WorkerOptions {
  std::string worker_id;       // unique per process start: the claim's owner
  int lease_seconds = 120;     // a claim older than this is a lost worker's
  int recycle_after = 500;     // jobs, then exit 0 (the supervisor starts a fresh process)
  double backoff_seconds = 2;  // retry after backoff * 2^(attempt-1)
  int max_attempts = 3;
  int idle_poll_ms = 200;
  int status_fd = -1;  // "job <id>\n" / "idle\n" lines for the supervisor (-1: none)
  // Test hook (integration tests only; `render-worker` sets it only with testing.enabled):
  // hang on jobs of this review while attempt <= n.
  wf::Id hang_review = 0;
  int hang_attempts = 0;
};

// Returns the number of jobs handled.
int run_render_worker(RenderContext&, const WorkerOptions&, const std::atomic<bool>& stop);

}  // namespace kd::documents
