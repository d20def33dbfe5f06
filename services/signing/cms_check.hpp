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
  // Revocation lists: a certificate's revocation is checked against the lists its issuer
  // signed; for an issuer with no list here, it is reported as not checked.
  std::vector<CrlPtr> crls;
};

enum class ChainStatus { Trusted, Untrusted, Expired, NotYetValid, Revoked, Invalid };
const char* to_code(ChainStatus);  // "trusted", "untrusted", ...

// A certificate of a trusted chain whose revocation could not be checked.
struct UncheckedRevocation {
  std::string subject;  // CN of the certificate
  std::string issuer;   // CN of its issuer (which signed no revocation list we hold)
};

// The chain of one certificate to the trust anchors at an instant.
struct ChainCheck {
  ChainStatus status = ChainStatus::Invalid;
  // Why the chain is not trusted (stable code, empty when trusted): "issuer_unknown",
  // "self_signed", "certificate_expired", "certificate_not_yet_valid", "certificate_revoked",
  // "certificate_signature_invalid", "issuer_not_a_ca", "issuer_cannot_sign_certificates",
  // "invalid_purpose", "unhandled_critical_extension", "path_length_exceeded",
  // "chain_too_long", "chain_error".
  std::string reason;
  std::string detail;            // OpenSSL's words, in English, for logs
  std::string anchor_name;       // CN of the trust anchor reached
  std::vector<X509Ptr> issuers;  // the path from the certificate's issuer up to the anchor
  std::vector<UncheckedRevocation> revocation_unchecked;
};

// The chain of `cert` at `when` (validity periods), with `intermediates` as untrusted
// helpers; revocation as the revocation lists of the anchors say now (a certificate on its
// issuer's list is revoked, whatever the list's dates).
ChainCheck check_chain(X509* cert, const std::vector<X509*>& intermediates, const TrustAnchors&,
                       long long when);

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
  ChainCheck chain;
};

// `content` is the concatenation of the signed byte ranges; `check_time` the instant
// the certificate must have been valid at (the signing time).
CmsFindings check_cms(const Bytes& cms_der, const Bytes& content, const TrustAnchors&,
                      long long check_time);

// check_chain's status alone; `issuers` (when given) receives the path found from the
// certificate's issuer up to the anchor.
ChainStatus certificate_status(X509* cert, const std::vector<X509*>& intermediates,
                               const TrustAnchors&, long long when,
                               std::vector<X509Ptr>* issuers = nullptr);

// Every certificate a DER CMS carries (empty when it does not parse).
std::vector<X509Ptr> cms_certificates(const Bytes& cms_der);

}  // namespace kd::signing
