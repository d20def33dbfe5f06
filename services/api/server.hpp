// The HTTP API: Poco request handlers behind our own front (http_front.hpp), all routes under
// /api/v1 plus /healthz and /readyz. Errors are RFC 9457 application/problem+json with a
// stable `code` and a Vietnamese `detail`; HTTP statuses are chosen here and nowhere else.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "services/api/passwords.hpp"
#include "services/config/regime_catalog.hpp"
#include "services/config/settings.hpp"
#include "services/storage/store.hpp"
#include "workflow/clock.hpp"

namespace kd::api {

// The system clock (the default clock of the server; wf::Clock is the port).
kd::wf::TimePoint system_now();

class TestingClock;  // testing_clock.hpp

// Renders the self-assessment form of a review with `form` in place of the stored one, through
// the documents pipeline, and returns the PDF (nothing is stored). Wired by `serve`; unset, the
// preview route answers 503.
using FormPreview = std::function<std::string(kd::wf::Id review_id, const kd::wf::FormContent& form,
                                              kd::wf::Id actor_id, kd::wf::TimePoint now)>;

struct ApiDeps {
  kd::storage::Store& store;
  const kd::config::RegimeCatalog& regimes;
  const kd::config::Settings& settings;
  kd::wf::Clock clock = system_now;
  // Set only when testing.enabled: POST /api/v1/testing/clock moves it (and `clock` reads it).
  TestingClock* testing_clock = nullptr;
  FormPreview form_preview = nullptr;
  // The cost of hashing the passwords the API sets (tests pass Minimal).
  PasswordCost password_cost = PasswordCost::Interactive;
};

class ApiServer {
 public:
  explicit ApiServer(ApiDeps deps);
  ~ApiServer();
  void start();  // binds settings.http_host:settings.http_port (0 = ephemeral)
  void stop();
  int port() const;  // the bound port
  // The routes served, as "METHOD /api/v1/reviews/{id}" templates (for the OpenAPI check),
  // including those served only when testing.enabled.
  static std::vector<std::string> routes();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kd::api
