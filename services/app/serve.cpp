#include <Poco/Logger.h>
#include <signal.h>

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>

#include "services/api/server.hpp"
#include "services/api/static_files.hpp"
#include "services/api/testing_clock.hpp"
#include "services/app/commands.hpp"
#include "services/app/form_preview.hpp"
#include "services/app/systemd_notify.hpp"
#include "services/config/regime_catalog.hpp"
#include "services/pgcluster/cluster_watch.hpp"
#include "services/storage/document_store.hpp"
#include "services/storage/store.hpp"
#include "services/tracking/runtime.hpp"

namespace kd::app {
namespace {

constexpr const char* kUsage =
    "Usage: kiemdiem [--config FILE] serve [--demo]\n\n"
    "Runs the HTTP API until SIGINT (Ctrl-C) or SIGTERM. With database.url empty, creates\n"
    "(first run) and starts a private PostgreSQL cluster under <data.dir>/pg and stops it on\n"
    "exit; if that server stops behind its back it is started again, and when it cannot be,\n"
    "serve exits with status 75 so that a supervisor restarts the program. Applies pending\n"
    "migrations and loads the regimes from regimes.dir first.\n\n"
    "  --demo   also load the demo organisation (once) and print the demo logins\n";

// EX_TEMPFAIL: the database went away and could not be brought back; a supervisor that
// restarts the program (systemd Restart=on-failure, a container runtime) may well succeed.
constexpr int kExitDatabaseLost = 75;

std::string login_hint(const std::string& base) {
  for (const auto& route : kd::api::ApiServer::routes())
    if (route.find("login") != std::string::npos)
      return route.substr(0, route.find(' ')) + " " + base + route.substr(route.find(' ') + 1);
  return "";
}

// The clock of this run: the system clock, or with testing.enabled a clock that
// KIEMDIEM_FAKE_NOW sets and POST /api/v1/testing/clock moves (testing_clock.hpp).
std::unique_ptr<kd::api::TestingClock> testing_clock(const kd::config::Settings& settings,
                                                     Poco::Logger& log) {
  const char* fake = std::getenv("KIEMDIEM_FAKE_NOW");
  if (!settings.testing_enabled) {
    if (fake && *fake)
      log.warning(
          "KIEMDIEM_FAKE_NOW is ignored: testing.enabled is false (the real clock is used)");
    return nullptr;
  }
  log.warning(
      "testing.enabled = true: the clock can be moved by anyone through POST "
      "/api/v1/testing/clock. Never use this setting outside tests.");
  auto clock = std::make_unique<kd::api::TestingClock>();
  if (fake && *fake) {
    const auto t = kd::api::parse_iso_time(fake);
    if (!t)
      throw kd::config::ConfigError("KIEMDIEM_FAKE_NOW",
                                    "expected an ISO 8601 time with a zone such as "
                                    "2026-12-10T09:00:00+07:00, got '" +
                                        std::string(fake) + "'");
    clock->set(*t);
    log.warning("the clock starts at " + kd::wf::to_iso_vietnam(clock->now()) +
                " (KIEMDIEM_FAKE_NOW)");
  }
  return clock;
}

}  // namespace

int serve_command(const CommandLine& cl) {
  int code = 0;
  if (handle_usage(cl, {"--demo"}, kUsage, &code)) return code;

  // Blocked in every thread started from here on; sigwait below takes them. SIGUSR2 is sent
  // by the cluster watch when the embedded database is lost for good.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  const auto settings = load_and_log(cl);
  auto& log = Poco::Logger::get("kiemdiem");
  Database db(settings);
  db.migrate();
  const auto catalog = kd::config::RegimeCatalog::load_dir(settings.regimes_dir);
  log.information("loaded " + std::to_string(catalog.all().size()) + " regime versions from " +
                  settings.regimes_dir);
  kd::storage::Store store(db.pool());
  store.require_signatures(settings.signing_required);
  if (!settings.signing_required)
    log.warning(
        "signing.required is false: the head's opinion and publication do not wait for the "
        "digital signatures of the minutes and the decision");
  const auto test_clock = testing_clock(settings, log);
  const kd::wf::Clock clock =
      test_clock ? test_clock->as_clock() : kd::wf::Clock(kd::api::system_now);

  std::optional<kd::demo::DemoSummary> demo;
  if (has_flag(cl, "--demo")) {
    demo = kd::demo::load_demo(store, catalog, clock());
    // The demo people's signing keys (PIN 123456), signature images and seals.
    const auto signing = provision_demo_signing(cl, settings, store, clock());
    log.information("demo signing: test CA in " + signing.ca_dir + ", " +
                    std::to_string(signing.credentials_enrolled) + " credentials enrolled");
  }

  // Reminders and escalation: the holiday calendar is checked here, before serving.
  kd::tracking::TrackingRuntime tracking(settings, store, clock);
  kd::storage::DocumentStore documents(db.pool());
  // The PDF preview of a form being written: the documents pipeline, nothing stored.
  // Without the templates the API still runs and the preview answers 503.
  std::unique_ptr<kd::app::FormPreviewer> previewer;
  try {
    previewer = std::make_unique<kd::app::FormPreviewer>(settings, store, documents);
  } catch (const std::exception& e) {
    log.warning(std::string("PDF preview of drafts is off: ") + e.what());
  }
  kd::api::ApiDeps deps{store, catalog, settings, clock};
  deps.testing_clock = test_clock.get();
  if (previewer) {
    deps.form_preview = [p = previewer.get()](kd::wf::Id review, const kd::wf::FormContent& form,
                                              kd::wf::Id actor, kd::wf::TimePoint now) {
      return p->render(review, form, actor, now);
    };
  }
  kd::api::ApiServer server(std::move(deps));
  server.start();
  tracking.start();
  auto render_workers = start_render_workers(cl, settings, db, documents);
  // The embedded cluster is ours to keep running (cluster_watch.hpp).
  std::atomic<bool> database_lost{false};
  std::unique_ptr<kd::pg::ClusterWatch> watch;
  if (db.cluster() != nullptr) {
    watch = std::make_unique<kd::pg::ClusterWatch>(*db.cluster(), kd::pg::WatchOptions{}, [&] {
      database_lost = true;
      kill(getpid(), SIGUSR2);
    });
    watch->start();
  }
  const std::string host = settings.http_host == "0.0.0.0" ? "127.0.0.1" : settings.http_host;
  const std::string base = "http://" + host + ":" + std::to_string(server.port());
  log.information("listening on " + base);
  notify_ready("serving on " + base);  // systemd Type=notify: start-up is complete

  std::cout << "\nkiemdiem is running at " << base << "/api/v1  (health: " << base
            << "/healthz; Ctrl-C stops it)\n";
  if (kd::api::web_root_usable(settings.web_root)) std::cout << "Giao diện web: " << base << "/\n";
  if (demo) {
    if (demo->already_loaded) {
      std::cout << "Demo data: already loaded (campaign #" << demo->campaign_id << ")\n\n";
    } else {
      std::cout << "Demo data loaded: " << demo->people << " people, " << demo->reviews
                << " reviews in campaign #" << demo->campaign_id << "\n\n";
    }
    print_demo_logins(std::cout, demo->logins.empty() ? kd::demo::demo_logins() : demo->logins);
    if (const auto hint = login_hint(base); !hint.empty())
      std::cout << "\nLog in: " << hint << " with {\"username\": ..., \"password\": ...}\n";
  }
  std::cout << std::endl;

  int sig = 0;
  do {
    sigwait(&stop_signals, &sig);
  } while (sig == SIGUSR2 && !database_lost);
  if (watch) watch->stop();
  if (database_lost) {
    log.critical("stopping: the embedded PostgreSQL server is gone and could not be restarted");
  } else {
    log.information(std::string("received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") +
                    ", stopping");
  }
  notify_stopping();
  tracking.stop();
  server.stop();
  render_workers->stop();
  db.stop();
  if (database_lost) return kExitDatabaseLost;
  log.information("stopped cleanly");
  return 0;
}

}  // namespace kd::app
