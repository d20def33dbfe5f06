// The demo organisation: a provincial department (Sở Nội vụ) with a few units,
// ~20 people with Vietnamese names covering every role, accounts with known
// passwords, and a 2026 campaign under ND 90 opened for everyone.
#pragma once

#include <string>
#include <vector>

#include "services/config/regime_catalog.hpp"
#include "services/storage/store.hpp"

namespace kd::demo {

struct DemoLogin {
  std::string username;
  std::string password;
  std::string full_name;
  std::string roles_vi;  // "Thư ký", "Trưởng phòng", ...
};

struct DemoSummary {
  bool already_loaded = false;  // the demo was there before: nothing was changed
  kd::wf::Id campaign_id = 0;
  int people = 0;
  int reviews = 0;
  std::vector<DemoLogin> logins;
};

// Idempotent: loads the demo once; a second call reports already_loaded.
DemoSummary load_demo(kd::storage::Store&, const kd::config::RegimeCatalog&, kd::wf::TimePoint now);

// The demo logins (fixed data, so the README and tests can list them).
const std::vector<DemoLogin>& demo_logins();

}  // namespace kd::demo
