// The use case "sign document D as person P": in one transaction, the latest version of the
// document is loaded, the signer's role and the signing order are checked (minutes: only the
// secretary the meeting record names, then only its chair, never one person in both places,
// and no one when the review holds no meeting record; opinion form: the head; decision and
// result notice: the committee, at the unit or above), the signer's server-held key is
// unlocked with the PIN, the PDF is signed and checked against the trust anchors, and the
// signed file is stored as a new
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
  std::string signer_name;     // carried_signatures() only
  int chain_length = 0;        // carried_signatures() only: issuer certificates kept
};

struct SignRefusal {
  // stable: "not_found", "role_required", "same_signer", "wrong_order", "wrong_pin",
  // "key_locked", "certificate_revoked", "certificate_expired", "certificate_not_yet_valid", ...
  std::string code;
  std::string message_vi;
  int pin_attempts_left = -1;  // wrong_pin: wrong PINs still allowed before the lock
};

// A server-held key is locked after this many wrong PINs in a row (like a smart card) unless
// the settings say otherwise (signing.pin_max_failures).
inline constexpr int kDefaultPinMaxFailures = 5;

struct UnlockOutcome {
  bool found = false;       // the person has a key in use
  bool was_locked = false;  // it was locked (else only its count of wrong PINs was cleared)
  int pin_failures = 0;     // wrong PINs counted before the unlock
  wf::Id event_id = 0;      // the security event recorded (0: nothing to unlock)
};

struct KeyState {
  bool found = false;
  bool locked = false;
  int pin_failures = 0;
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
  std::string signature_value;         // raw signature over signed_attributes, or
  std::string cms_der;                 // a complete detached CMS (when not empty)
  std::vector<std::string> chain_der;  // issuer certificates the client sends (DER), optional
  wf::TimePoint now;
};

// The roles a document kind needs, in signing order, by their stable names (the rule:
// wf::signing_roles), and their Vietnamese names ("Thư ký", "Chủ trì", ...).
std::vector<std::string> required_roles(const std::string& kind);
std::string role_name_vi(const std::string& role);

class SignatureStore {
 public:
  SignatureStore(storage::ConnectionPool& pool, TrustAnchors anchors,
                 int pin_max_failures = kDefaultPinMaxFailures)
      : pool_(pool), anchors_(std::move(anchors)), pin_max_failures_(pin_max_failures) {}

  // Registers a person's server-held credential: the certificate and its key sealed under
  // the PIN (PKCS#12). An earlier credential of the person is revoked. Returns its id.
  wf::Id enroll(wf::Id person_id, X509* cert, EVP_PKEY* key, const std::vector<X509*>& chain,
                const std::string& pin);
  // The same with a container already sealed under the person's PIN (`kiemdiem ca init`).
  wf::Id enroll_sealed(wf::Id person_id, X509* cert, const Bytes& pkcs12);
  // SHA-256 of the person's credential in use, if any.
  std::optional<std::string> active_certificate(wf::Id person_id);
  // Revokes the person's credential in use (signing is then refused as revoked); false when
  // there was none.
  bool revoke(wf::Id person_id, const std::string& reason, wf::TimePoint now);

  // Images drawn in visible signatures (PNG; a person's blue signature, a unit's red seal).
  // The seal of a unit is used for its own documents and those of the units below it.
  // Throws std::invalid_argument when `png` is not a PNG image.
  void set_person_image(wf::Id person_id, const Bytes& png);
  void set_unit_seal(wf::Id unit_id, const Bytes& png);
  // The image registered for ("person" | "unit", id), if any.
  std::optional<Bytes> image(const std::string& owner_kind, wf::Id owner_id);

  // A wrong PIN is counted (committed, though nothing else is written); at the limit the key
  // is locked, with a security event, and every later attempt is refused as "key_locked"
  // without trying the PIN. A right PIN clears the count.
  SignOutcome sign_with_pin(const SignRequest&);

  // The administrator's unlock of a person's server-held key: clears the lock and the count
  // of wrong PINs; recorded in security_events when there was something to clear, with the
  // actor (0: the command line) and `detail`.
  UnlockOutcome unlock_key(wf::Id person_id, wf::Id actor_id, const std::string& detail,
                           wf::TimePoint now);
  KeyState key_state(wf::Id person_id);

  PrepareOutcome prepare_external(wf::Id document_id, wf::Id signer_id, wf::TimePoint now);
  SignOutcome complete_external(const CompleteRequest&);

  // Every signature of the document's subject and kind (every version), in order.
  std::vector<SignatureRecord> signatures(wf::Id document_id);
  // The signatures this very version carries (none for a re-rendered version), oldest first,
  // with the signers' names.
  std::vector<SignatureRecord> carried_signatures(wf::Id document_id);

 private:
  storage::ConnectionPool& pool_;
  TrustAnchors anchors_;
  int pin_max_failures_;
};

}  // namespace kd::signing
