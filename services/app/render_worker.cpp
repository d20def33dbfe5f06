// `kiemdiem render-worker`: one render worker process (started by `serve`, see
// services/documents/worker_pool.hpp). libwkhtmltox is initialised once here and used from
// this thread only.
#include <Poco/Logger.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <iostream>

#include "services/app/commands.hpp"
#include "services/documents/render_worker.hpp"
#include "services/logging/log_setup.hpp"
#include "services/storage/document_store.hpp"
#include "services/storage/store.hpp"
#include "services/tracking/report/summary_report.hpp"
#include "services/tracking/service.hpp"

namespace kd::app {
namespace {

constexpr const char* kUsage =
    "Usage: kiemdiem [--config FILE] render-worker\n\n"
    "Renders the documents of queued render jobs until SIGTERM, or until it has handled\n"
    "render.recycle_after_jobs jobs. Started and supervised by `serve`, which passes the\n"
    "database in KIEMDIEM_DATABASE_URL (a worker never starts the embedded cluster).\n";

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

}  // namespace

int render_worker_command(const CommandLine& cl) {
  int code = 0;
  if (handle_usage(cl, {}, kUsage, &code)) return code;
  const auto settings = load_and_log(cl);
  // Its lines go through the supervisor's pipe into the server's log: named by this process.
  kd::logging::setup(settings.log_level, "worker " + std::to_string(getpid()));
  if (settings.database_url.empty()) {
    std::cerr << "kiemdiem: render-worker needs database.url (serve passes it in "
                 "KIEMDIEM_DATABASE_URL)\n";
    return 2;
  }
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);

  kd::storage::ConnectionPool pool(settings.database_url, 2);
  kd::storage::Store store(pool);
  kd::storage::DocumentStore documents(pool);
  const auto templates = kd::documents::TemplateSet::load(settings.templates_dir);
  const auto engine = kd::documents::make_pdf_engine(kd::documents::PageSettings{});
  kd::documents::DocumentRenderer renderer(templates, *engine);
  kd::documents::RenderContext ctx{store, documents, renderer, settings.documents_place};
  // Reports other modules render in this pipeline: the campaign summary.
  kd::tracking::register_summary_report(settings.holidays_dir, kd::tracking::rules_from(settings));

  kd::documents::WorkerOptions opt;
  opt.worker_id = env_or("KIEMDIEM_WORKER_ID", "render-worker:" + std::to_string(getpid()));
  opt.status_fd = std::atoi(env_or("KIEMDIEM_STATUS_FD", "-1").c_str());
  opt.lease_seconds = settings.render_job_timeout_seconds * 2 + 30;
  opt.recycle_after = settings.render_recycle_after_jobs;
  opt.backoff_seconds = settings.render_retry_seconds;
  opt.max_attempts = settings.render_max_attempts;
  auto& log = Poco::Logger::get("kiemdiem.render");
  // The supervision tests' hang hook: honoured only with testing.enabled, never in a normal
  // server (a stray environment variable must not stall a review's documents).
  const auto hang_review = env_or("KIEMDIEM_TEST_HANG_REVIEW", "0");
  if (settings.testing_enabled) {
    opt.hang_review = std::atoll(hang_review.c_str());
    opt.hang_attempts = std::atoi(env_or("KIEMDIEM_TEST_HANG_ATTEMPTS", "0").c_str());
    if (opt.hang_review != 0)
      log.warning("testing.enabled = true: test hook hangs on jobs of review " + hang_review);
  } else if (hang_review != "0") {
    log.warning("KIEMDIEM_TEST_HANG_REVIEW is ignored: testing.enabled is false");
  }
  log.information("render worker " + opt.worker_id + " ready (" + engine->name() + ", templates " +
                  templates.version().substr(0, 12) + ")");
  const int handled = kd::documents::run_render_worker(ctx, opt, g_stop);
  log.information("render worker " + opt.worker_id + " exiting after " + std::to_string(handled) +
                  " jobs");
  return 0;
}

}  // namespace kd::app
