// What every handler may use: the store, the regimes, the settings, the clock and the signing
// trust (loaded once when the server is built).
#pragma once

#include <atomic>

#include "services/api/server.hpp"
#include "services/signing/signing_settings.hpp"
#include "workflow/password_policy.hpp"

namespace kd::api {

struct ApiContext {
  kd::storage::Store& store;
  const kd::config::RegimeCatalog& regimes;
  const kd::config::Settings& settings;
  kd::wf::Clock clock;
  TestingClock* testing_clock = nullptr;     // testing.enabled only (testing_handlers.cpp)
  FormPreview form_preview;                  // draft_handlers.cpp
  kd::signing::SigningTrust signing;         // signature_handlers.cpp
  std::atomic<bool> ready{false};            // true between start() and stop()
  kd::wf::PasswordPolicy password_policy{};  // from the settings, read at start-up
  PasswordCost password_cost = PasswordCost::Interactive;
};

}  // namespace kd::api
