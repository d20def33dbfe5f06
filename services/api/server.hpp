// The HTTP API (Poco HTTPServer). All routes under /api/v1 plus /healthz and
// /readyz. Errors are RFC 9457 application/problem+json with a stable `code`
// and a Vietnamese `detail`; HTTP statuses are chosen here and nowhere else.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "services/config/regime_catalog.hpp"
#include "services/config/settings.hpp"
#include "services/storage/store.hpp"
#include "workflow/calendar.hpp"

namespace kd::api {

// Injected time source so tests can move the clock.
using Clock = std::function<kd::wf::TimePoint()>;
kd::wf::TimePoint system_now();

struct ApiDeps {
  kd::storage::Store& store;
  const kd::config::RegimeCatalog& regimes;
  const kd::config::Settings& settings;
  Clock clock = system_now;
};

class ApiServer {
 public:
  explicit ApiServer(ApiDeps deps);
  ~ApiServer();
  void start();  // binds settings.http_host:settings.http_port (0 = ephemeral)
  void stop();
  int port() const;  // the bound port
  // The routes served, as "METHOD /api/v1/reviews/{id}" templates (for the OpenAPI check).
  static std::vector<std::string> routes();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kd::api
