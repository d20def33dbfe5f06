#include <Poco/Logger.h>
#include <signal.h>

#include <iostream>
#include <optional>

#include "services/api/server.hpp"
#include "services/app/commands.hpp"
#include "services/config/regime_catalog.hpp"
#include "services/storage/document_store.hpp"
#include "services/storage/store.hpp"
#include "services/tracking/runtime.hpp"

namespace kd::app {
namespace {

constexpr const char* kUsage =
    "Usage: kiemdiem [--config FILE] serve [--demo]\n\n"
    "Runs the HTTP API until SIGINT (Ctrl-C) or SIGTERM. With database.url empty, creates\n"
    "(first run) and starts a private PostgreSQL cluster under <data.dir>/pg and stops it on\n"
    "exit. Applies pending migrations and loads the regimes from regimes.dir first.\n\n"
    "  --demo   also load the demo organisation (once) and print the demo logins\n";

std::string login_hint(const std::string& base) {
  for (const auto& route : kd::api::ApiServer::routes())
    if (route.find("login") != std::string::npos)
      return route.substr(0, route.find(' ')) + " " + base + route.substr(route.find(' ') + 1);
  return "";
}

}  // namespace

int serve_command(const CommandLine& cl) {
  int code = 0;
  if (handle_usage(cl, {"--demo"}, kUsage, &code)) return code;

  // Blocked in every thread started from here on; sigwait below takes them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
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

  std::optional<kd::demo::DemoSummary> demo;
  if (has_flag(cl, "--demo")) demo = kd::demo::load_demo(store, catalog, kd::api::system_now());

  // Reminders and escalation (issue 5): the holiday calendar is checked here, before serving.
  kd::tracking::TrackingRuntime tracking(settings, store, kd::api::system_now);
  kd::api::ApiServer server(kd::api::ApiDeps{store, catalog, settings});
  server.start();
  tracking.start();
  kd::storage::DocumentStore documents(db.pool());
  auto render_workers = start_render_workers(cl, settings, db, documents);
  const std::string host = settings.http_host == "0.0.0.0" ? "127.0.0.1" : settings.http_host;
  const std::string base = "http://" + host + ":" + std::to_string(server.port());
  log.information("listening on " + base);

  std::cout << "\nkiemdiem is running at " << base << "/api/v1  (health: " << base
            << "/healthz; Ctrl-C stops it)\n";
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
  sigwait(&stop_signals, &sig);
  log.information(std::string("received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") + ", stopping");
  tracking.stop();
  server.stop();
  render_workers->stop();
  db.stop();
  log.information("stopped cleanly");
  return 0;
}

}  // namespace kd::app
