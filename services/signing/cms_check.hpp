// Cryptographic checks of one detached CMS signature over the signed bytes, with
// OpenSSL 3: the signature over the signed attributes, the message digest against the
// content, the signing-certificate(-v2) binding, and the signer's chain to the trust
// anchors at the signing time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/signing/openssl_util.hpp"

namespace kd::signing {

struct TrustAnchors {
  std::vector<X509Ptr> roots;
  std::vector<CrlPtr> crls;  // when given, revocation is checked against them
};

enum class ChainStatus { Trusted, Untrusted, Expired, NotYetValid, Revoked, Invalid };
const char* to_code(ChainStatus);  // "trusted", "untrusted", ...

struct CmsFindings {
  bool parsed = false;
  std::string parse_error;
  bool signer_found = false;
  bool signature_valid = false;  // over the signed attributes (or the content when none)
  bool digest_matches = false;   // messageDigest == hash(content)
  std::string digest_algorithm;  // "sha256"
  std::string signature_algorithm;
  bool has_signed_attributes = false;
  bool has_signing_time_attribute = false;
  std::optional<long long> cms_signing_time;
  bool has_signing_certificate = false;  // v1 or v2 attribute
  bool signing_certificate_matches = false;
  bool certificates_damaged = false;       // an embedded certificate fails its issuer's signature
  bool certificates_unverifiable = false;  // an embedded certificate has no known issuer
  bool envelope_consistent = true;  // eContentType id-data; digestAlgorithms has the signer's
  X509Ptr signer;
  ChainStatus chain = ChainStatus::Invalid;
  std::string chain_detail;  // OpenSSL's reason, in English, for logs
  std::string anchor_name;   // CN of the trust anchor reached
};

// `content` is the concatenation of the signed byte ranges; `check_time` the instant
// the certificate must have been valid at (the signing time).
CmsFindings check_cms(const Bytes& cms_der, const Bytes& content, const TrustAnchors&,
                      long long check_time);

// The chain status of one certificate at `when` (CRLs checked when the anchors carry any),
// with `intermediates` as untrusted helpers; `issuers` (when given) receives the path found
// from the certificate's issuer up to the anchor.
ChainStatus certificate_status(X509* cert, const std::vector<X509*>& intermediates,
                               const TrustAnchors&, long long when,
                               std::vector<X509Ptr>* issuers = nullptr);

// Every certificate a DER CMS carries (empty when it does not parse).
std::vector<X509Ptr> cms_certificates(const Bytes& cms_der);

}  // namespace kd::signing
