// Signing for the demo: the local test CA (services/signing/local_ca.hpp) issues every demo
// person with a login a certificate with their Vietnamese name and a key sealed under the
// demo signing PIN, registers it as their server-held credential, and gives each person a
// drawn signature image and each agency (co_quan) a drawn red seal. Idempotent: run by
// `kiemdiem ca init`, `kiemdiem demo` and `kiemdiem serve --demo`; what is there is kept
// (a person is re-issued only when their certificate is missing or from another root; a
// certificate revoked with `kiemdiem ca revoke` stays revoked until its files are deleted).
#pragma once

#include <string>

#include "services/signing/certificate_authority.hpp"
#include "services/storage/store.hpp"

namespace kd::demo {

// The demo signing PIN (README, tests/browser).
inline constexpr const char* kDemoSigningPin = "123456";

struct DemoSigningSummary {
  std::string ca_dir;
  std::string ca_name;
  bool ca_created = false;
  int certificates_issued = 0;   // new files under <ca_dir>/people
  int credentials_enrolled = 0;  // new server-held credentials in the database
  int images_registered = 0;     // signature and seal images added
  int revoked_kept = 0;          // people whose certificate `ca revoke` revoked: not re-enrolled
  bool demo_loaded = false;      // the demo people exist in the database
};

// Without `store` only the CA and the people's files are made (the database is not
// reachable, e.g. while `serve` holds the embedded cluster).
DemoSigningSummary provision_demo_signing(
    kd::storage::Store* store, const std::string& ca_dir, kd::wf::TimePoint now,
    kd::signing::KeyType type = kd::signing::KeyType::EcdsaP256,
    const std::string& pin = kDemoSigningPin);

}  // namespace kd::demo
