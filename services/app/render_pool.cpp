// The render worker pool of `serve`: the kiemdiem executable itself, run as `render-worker`.
#include <unistd.h>

#include <thread>

#include "services/app/commands.hpp"

namespace kd::app {

std::unique_ptr<kd::documents::WorkerPool> start_render_workers(
    const CommandLine& cl, const kd::config::Settings& s, Database& db,
    kd::storage::DocumentStore& documents) {
  kd::documents::PoolOptions opt;
  opt.workers = s.render_workers > 0
                    ? s.render_workers
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  opt.job_timeout_seconds = s.render_job_timeout_seconds;
  opt.backoff_seconds = s.render_retry_seconds;
  opt.max_attempts = s.render_max_attempts;
  char self[4096] = {};
  const auto n = readlink("/proc/self/exe", self, sizeof self - 1);
  opt.program = n > 0 ? std::string(self, static_cast<std::size_t>(n)) : std::string("kiemdiem");
  if (!cl.config_file.empty()) opt.args = {"--config", cl.config_file};
  opt.args.push_back("render-worker");
  opt.env = {{"KIEMDIEM_DATABASE_URL", db.url()}};
  auto pool = std::make_unique<kd::documents::WorkerPool>(documents, opt);
  pool->start();
  return pool;
}

}  // namespace kd::app
