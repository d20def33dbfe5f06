// The use case "sign document D as person P": in one transaction, the latest version of the
// document is loaded, the signer's role and the signing order are checked (minutes: the
// secretary, then the chair named by the meeting record — the unit's grants when the review
// has none; opinion form: the head; decision and result notice: the committee, at the unit or
// above), the signer's server-held key is unlocked with the PIN, the PDF is
// signed and checked against the trust anchors, and the signed file is stored as a new
// version of the document (the unsigned one stays) with its signature row and an audit
// event on the review's hash chain. A refusal (wrong role, wrong order, wrong PIN...) is a
// value with a stable code and a Vietnamese reason, and nothing is written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/signing/cms_check.hpp"
#include "services/signing/openssl_util.hpp"
#include "services/storage/connection_pool.hpp"
#include "workflow/calendar.hpp"
#include "workflow/organisation.hpp"

namespace kd::signing {

struct SignRequest {
  wf::Id document_id = 0;  // any version of the document; the latest is signed
  wf::Id signer_id = 0;    // person
  std::string pin;
  wf::TimePoint now;
};

struct SignatureRecord {
  wf::Id id = 0;
  wf::Id source_document_id = 0;
  wf::Id signed_document_id = 0;
  std::string kind;
  std::string role;  // "secretary" | "chair" | "head" | "committee"
  wf::Id signer_id = 0;
  std::string cert_sha256;
  std::string method;  // "server_key" | "external"
  std::string field_name;
  std::string sha256_before;
  std::string sha256_after;
  std::int64_t signed_at = 0;  // epoch seconds
};

struct SignRefusal {
  std::string code;  // stable: "not_found", "role_required", "wrong_order", "wrong_pin", ...
  std::string message_vi;
};

struct SignOutcome {
  std::optional<SignatureRecord> signature;
  std::optional<SignRefusal> refusal;
  wf::Id event_id = 0;  // the audit event (when the document is about one review)
};

// External signing (the key never reaches the server): `prepare_external` checks the signer
// as for a server-held key, prepares the file with the signer's registered certificate and
// keeps it in a session (signing_sessions) for kExternalSessionSeconds; the key holder signs
// `signed_attributes` (SHA-256, then `algorithm`) or builds a detached CMS over the byte
// ranges (`content_digest`), and `complete_external` embeds it, checks it against the trust
// anchors, and records it exactly like a server-held signature (method "external").
inline constexpr long long kExternalSessionSeconds = 15 * 60;

struct ExternalPrepared {
  std::string session_id;
  wf::Id document_id = 0;  // the version being signed
  std::string role;
  std::string signed_attributes;  // DER
  std::string content_digest;     // SHA-256 of the byte ranges (raw)
  std::string algorithm;          // "ECDSA-P256-SHA256" | "RSASSA-PSS-SHA256"
  std::int64_t expires_at = 0;
};

struct PrepareOutcome {
  std::optional<ExternalPrepared> prepared;
  std::optional<SignRefusal> refusal;
};

struct CompleteRequest {
  std::string session_id;
  wf::Id signer_id = 0;
  std::string signature_value;  // raw signature over signed_attributes, or
  std::string cms_der;          // a complete detached CMS (when not empty)
  wf::TimePoint now;
};

class SignatureStore {
 public:
  SignatureStore(storage::ConnectionPool& pool, TrustAnchors anchors)
      : pool_(pool), anchors_(std::move(anchors)) {}

  // Registers a person's server-held credential: the certificate and its key sealed under
  // the PIN (PKCS#12). An earlier credential of the person is revoked. Returns its id.
  wf::Id enroll(wf::Id person_id, X509* cert, EVP_PKEY* key, const std::vector<X509*>& chain,
                const std::string& pin);

  SignOutcome sign_with_pin(const SignRequest&);

  PrepareOutcome prepare_external(wf::Id document_id, wf::Id signer_id, wf::TimePoint now);
  SignOutcome complete_external(const CompleteRequest&);

  // Every signature of the document's subject and kind (every version), in order.
  std::vector<SignatureRecord> signatures(wf::Id document_id);

 private:
  storage::ConnectionPool& pool_;
  TrustAnchors anchors_;
};

}  // namespace kd::signing
