// Server-held signing keys: each person's key and certificate in a PKCS#12 container
// encrypted under their signing PIN (AES-256-CBC, PBKDF2-HMAC-SHA-256). The key is
// unlocked for one signature and freed right after; the PIN is never stored or logged.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/signing/openssl_util.hpp"

namespace kd::signing {

struct UnlockedKey {
  X509Ptr cert;
  PkeyPtr key;
  std::vector<X509Ptr> chain;  // the issuers packed with it
};

// PKCS#12 DER. `chain` = issuers (the CA certificate).
Bytes seal_pkcs12(X509* cert, EVP_PKEY* key, const std::vector<X509*>& chain,
                  const std::string& pin, const std::string& friendly_name);

// std::nullopt for a wrong PIN or a damaged container (the two are not told apart).
std::optional<UnlockedKey> unlock_pkcs12(const Bytes& p12, const std::string& pin);

}  // namespace kd::signing
