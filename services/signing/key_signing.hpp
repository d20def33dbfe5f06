// Raw signatures over the DER signed attributes, with the parameters PAdES needs:
// RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32) or ECDSA P-256 with SHA-256 (DER value).
#pragma once

#include "services/signing/cades.hpp"

namespace kd::signing {

// Signs `data` (hashing it with SHA-256 first) with a private key.
Bytes sign_data(EVP_PKEY* key, SignatureAlgorithm, std::string_view data);

// True when `signature` is a valid signature of `data` by the certificate's key.
bool verify_data(X509* cert, SignatureAlgorithm, std::string_view data, const Bytes& signature);

}  // namespace kd::signing
