// CAdES detached signatures for PAdES (ETSI EN 319 122 / 319 142), assembled by hand
// so the SignerInfo holds exactly: content-type, message-digest and
// signing-certificate-v2 — and no signingTime (OpenSSL's CMS_sign always adds one;
// PAdES baseline puts the time in the PDF signature dictionary /M instead).
//
// Signing is two steps so the private key may live elsewhere (USB token, remote
// service): signed_attributes() gives the DER that is signed, the key holder returns
// the signature value, assemble_signed_data() builds the CMS around it.
#pragma once

#include <string>
#include <vector>

#include "services/signing/openssl_util.hpp"

namespace kd::signing {

// The two algorithms ND/TT 15/2025 accepts (with SHA-256): RSA >= 2048 with RSASSA-PSS
// (MGF1-SHA-256, salt 32), ECDSA P-256.
enum class SignatureAlgorithm { RsaPssSha256, EcdsaP256Sha256 };

// Stable name for APIs: "RSASSA-PSS-SHA256" / "ECDSA-P256-SHA256".
const char* algorithm_name(SignatureAlgorithm);

// The algorithm for a certificate's key; throws std::invalid_argument for any other key
// (RSA below 2048 bits, another curve, DSA, ...).
SignatureAlgorithm algorithm_for(X509* signer_cert);

// The signed attributes as a DER SET OF Attribute (tag 0x31): what the key signs.
// `content_digest` is the SHA-256 of the signed byte ranges.
Bytes signed_attributes(const Bytes& content_digest, X509* signer_cert);

// ContentInfo(SignedData) DER, detached, with the signer certificate first and then
// `chain` (intermediates; the root may be included).
Bytes assemble_signed_data(X509* signer_cert, const std::vector<X509*>& chain,
                           const Bytes& signed_attributes_set, SignatureAlgorithm,
                           const Bytes& signature_value);

}  // namespace kd::signing
