// The signing adapter's settings, read once at start from the same properties file:
//   signing.trust_anchors  comma-separated PEM files of trusted roots
//                          (default: <data.dir>/ca/ca.pem, the `kiemdiem ca init` root)
//   signing.crls           comma-separated PEM CRL files (default: <data.dir>/ca/crl.pem if
//   present) signing.ca_dir         where `ca init` keeps the test CA (default: <data.dir>/ca)
// KIEMDIEM_SIGNING_TRUST_ANCHORS overrides signing.trust_anchors.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/signing/cms_check.hpp"

namespace kd::signing {

struct SigningSettings {
  std::vector<std::string> trust_anchor_files;
  std::vector<std::string> crl_files;
  std::string ca_dir;
};

// `config_file` may be empty. Throws std::runtime_error naming the key on a bad value.
SigningSettings load_signing_settings(const std::string& config_file, const std::string& data_dir);

// The anchors and CRLs of the settings; a listed file that is missing or unreadable throws.
TrustAnchors load_trust_anchors(const SigningSettings&);

// A copy of the anchors sharing their certificates and lists (reference counts, no parsing).
TrustAnchors share(const TrustAnchors&);

// What the server signs and verifies with, loaded once at start: the anchors and CRLs of the
// settings, or why there are none (signing and verification then answer 503). A change of the
// files takes effect at the next start.
struct SigningTrust {
  std::optional<TrustAnchors> anchors;
  std::string unavailable;  // why `anchors` is empty
};
SigningTrust load_signing_trust(const std::string& config_file, const std::string& data_dir);

}  // namespace kd::signing
