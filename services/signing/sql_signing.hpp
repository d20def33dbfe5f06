// SQL of the signature store (signature_store.cpp), run with exec_params inside its
// transactions. Tables: migrations/0003_signatures.hpp and 0002_documents.hpp.
#pragma once

#include <string_view>

namespace kd::signing::sql_signing {

// --- credentials ---
inline constexpr std::string_view kRevokeCredentials = R"SQL(
UPDATE signing_credentials SET revoked_at = now(), revocation_reason = 'superseded'
WHERE person_id = $1 AND revoked_at IS NULL)SQL";
inline constexpr std::string_view kInsertCredential = R"SQL(
INSERT INTO signing_credentials (person_id, cert_pem, cert_sha256, serial, key_type, not_before,
                                 not_after, pkcs12)
VALUES ($1, $2, $3, $4, $5, to_timestamp($6), to_timestamp($7), $8)
RETURNING id)SQL";
// Locked: wrong PINs are counted one attempt at a time.
inline constexpr std::string_view kActiveCredential = R"SQL(
SELECT pkcs12, cert_sha256, cert_pem, id, pin_failures, locked_at IS NOT NULL
FROM signing_credentials
WHERE person_id = $1 AND revoked_at IS NULL FOR UPDATE)SQL";
// --- wrong PINs and the lock (signing.pin_max_failures) ---
// $1 credential, $2 failures, $3 locked at (epoch) or NULL.
inline constexpr std::string_view kSetPinFailures = R"SQL(
UPDATE signing_credentials SET pin_failures = $2, locked_at = to_timestamp($3) WHERE id = $1)SQL";
// $1 person, $2 locked (bool): the person's key in use, locked for the update.
inline constexpr std::string_view kCredentialLock = R"SQL(
SELECT id, pin_failures, locked_at IS NOT NULL FROM signing_credentials
WHERE person_id = $1 AND revoked_at IS NULL FOR UPDATE)SQL";
// $1 kind, $2 person, $3 actor (NULL: the server or the command line), $4 credential,
// $5 detail, $6 epoch.
inline constexpr std::string_view kInsertSecurityEvent = R"SQL(
INSERT INTO security_events (kind, person_id, actor_id, credential_id, detail, occurred_at)
VALUES ($1, $2, $3, $4, $5, to_timestamp($6)) RETURNING id)SQL";
// The person's latest credential: revoked (and why) when no credential is in use.
inline constexpr std::string_view kLatestCredential = R"SQL(
SELECT revoked_at IS NOT NULL, revocation_reason FROM signing_credentials
WHERE person_id = $1 ORDER BY id DESC LIMIT 1)SQL";
// $2 epoch, $3 reason.
inline constexpr std::string_view kRevokeCredential = R"SQL(
UPDATE signing_credentials SET revoked_at = to_timestamp($2), revocation_reason = $3
WHERE person_id = $1 AND revoked_at IS NULL RETURNING id)SQL";
inline constexpr std::string_view kActiveFingerprint = R"SQL(
SELECT cert_sha256 FROM signing_credentials WHERE person_id = $1 AND revoked_at IS NULL)SQL";

inline constexpr std::string_view kPersonName = "SELECT full_name FROM people WHERE id = $1";

// "Your signature is awaited", to the next signer in the document's order (the chair once the
// secretary has signed the minutes): the signing inbox, in the signature's transaction.
// $1 key (one per signed version and role), $2 recipient, $3 review, $4 campaign, $5 stage,
// $6 subject, $7 body, $8 epoch.
inline constexpr std::string_view kNotifyNextSigner = R"SQL(
INSERT INTO notifications (key, recipient_id, kind, review_id, campaign_id, stage, stage_entry_seq,
                           subject, body, created_at)
VALUES ($1, $2, 'signature_requested', $3, $4, $5, 0, $6, $7, to_timestamp($8))
ON CONFLICT (key) DO NOTHING)SQL";

// --- signature and seal images ---
inline constexpr std::string_view kUpsertImage = R"SQL(
INSERT INTO signature_images (owner_kind, owner_id, png, updated_at) VALUES ($1, $2, $3, now())
ON CONFLICT (owner_kind, owner_id) DO UPDATE SET png = EXCLUDED.png, updated_at = now())SQL";
inline constexpr std::string_view kImage = R"SQL(
SELECT png FROM signature_images WHERE owner_kind = $1 AND owner_id = $2)SQL";
inline constexpr std::string_view kPersonImage = R"SQL(
SELECT png FROM signature_images WHERE owner_kind = 'person' AND owner_id = $1)SQL";
// The seal of unit $1 or of its nearest ancestor that has one (the agency's seal).
inline constexpr std::string_view kUnitSeal = R"SQL(
WITH RECURSIVE up(id, depth) AS (
  SELECT id, 0 FROM units WHERE id = $1
  UNION ALL
  SELECT u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.id
  WHERE u.parent_id IS NOT NULL)
SELECT i.png FROM up JOIN signature_images i ON i.owner_kind = 'unit' AND i.owner_id = up.id
ORDER BY up.depth LIMIT 1)SQL";

inline constexpr std::string_view kActiveCertificate = R"SQL(
SELECT cert_pem FROM signing_credentials WHERE person_id = $1 AND revoked_at IS NULL)SQL";

// --- external signing sessions ---
inline constexpr std::string_view kInsertSession = R"SQL(
INSERT INTO signing_sessions (id, document_id, role, signer_id, prepared_pdf, byte_range,
                              signed_attributes, cert_der, chain_der, algorithm, field_name,
                              signing_time, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6::bigint[], $7, $8,
        ARRAY(SELECT decode(x, 'hex') FROM unnest($13::text[]) WITH ORDINALITY AS c(x, n)
              ORDER BY n),
        $9, $10, to_timestamp($11), to_timestamp($11), to_timestamp($12)))SQL";
inline constexpr std::string_view kLockSession = R"SQL(
SELECT document_id, role, signer_id, prepared_pdf, array_to_string(byte_range, ','),
       signed_attributes, cert_der, field_name, algorithm,
       floor(extract(epoch FROM expires_at))::bigint, completed_at,
       array_to_string(ARRAY(SELECT encode(x, 'hex') FROM unnest(chain_der) WITH ORDINALITY
                             AS c(x, n) ORDER BY n), ',')
FROM signing_sessions WHERE id = $1 FOR UPDATE)SQL";
inline constexpr std::string_view kCompleteSession =
    "UPDATE signing_sessions SET completed_at = to_timestamp($2) WHERE id = $1";

// --- documents ---
inline constexpr std::string_view kDocumentSubject =
    "SELECT subject, kind FROM documents WHERE id = $1";
inline constexpr std::string_view kLockSubject =
    "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))";
// The latest version of (subject, kind), with its bytes.
inline constexpr std::string_view kLatestVersion = R"SQL(
SELECT d.id, d.campaign_id, d.review_id, c.pdf
FROM documents d JOIN document_contents c ON c.sha256 = d.sha256
WHERE d.subject = $1 AND d.kind = $2 ORDER BY d.version DESC LIMIT 1)SQL";
inline constexpr std::string_view kDocumentReviews =
    "SELECT review_id FROM document_reviews WHERE document_id = $1 ORDER BY review_id";
inline constexpr std::string_view kLockReview =
    "SELECT version FROM reviews WHERE id = $1 FOR UPDATE";
inline constexpr std::string_view kInsertContent = R"SQL(
INSERT INTO document_contents (sha256, pdf) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING)SQL";
// The signed file as the next version of the signed document: the same subject, kind, title,
// number, snapshot and HTML; new bytes. $1 source, $2 sha256, $3 size, $4 event, $5 epoch.
inline constexpr std::string_view kInsertSignedVersion = R"SQL(
INSERT INTO documents (campaign_id, review_id, subject, kind, version, title, number, sha256,
                       size_bytes, page_count, template_version, snapshot, snapshot_sha256, html,
                       event_id, created_at)
SELECT s.campaign_id, s.review_id, s.subject, s.kind,
       (SELECT max(version) + 1 FROM documents WHERE subject = s.subject AND kind = s.kind),
       s.title, s.number, $2, $3, s.page_count, s.template_version, s.snapshot,
       s.snapshot_sha256, s.html, coalesce($4::bigint, s.event_id), to_timestamp($5)
FROM documents s WHERE s.id = $1
RETURNING id)SQL";
inline constexpr std::string_view kLinkReview = R"SQL(
INSERT INTO document_reviews (document_id, review_id) VALUES ($1, $2) ON CONFLICT DO NOTHING)SQL";

// --- signatures ---
// The roles whose signatures version $1 carries: the signatures that produced it and,
// through their source versions, every earlier one. A re-rendered version carries none.
inline constexpr std::string_view kCarriedRoles = R"SQL(
WITH RECURSIVE carried(source, role, signer_id) AS (
  SELECT source_document_id, role, signer_id FROM document_signatures WHERE signed_document_id = $1
  UNION ALL
  SELECT g.source_document_id, g.role, g.signer_id
  FROM document_signatures g JOIN carried c ON g.signed_document_id = c.source)
SELECT role, signer_id FROM carried)SQL";
inline constexpr std::string_view kInsertSignature = R"SQL(
INSERT INTO document_signatures (source_document_id, signed_document_id, subject, kind, role,
                                 signer_id, cert_sha256, method, field_name, sha256_before,
                                 sha256_after, signed_at, cert_der, chain_der)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, to_timestamp($12), $13,
        ARRAY(SELECT decode(x, 'hex') FROM unnest($14::text[]) WITH ORDINALITY AS c(x, n)
              ORDER BY n))
RETURNING id, source_document_id, signed_document_id, kind, role, signer_id, cert_sha256, method,
          field_name, sha256_before, sha256_after,
          floor(extract(epoch FROM signed_at))::bigint)SQL";
// Every signature of the subject and kind of document $1.
inline constexpr std::string_view kSignaturesOfDocument = R"SQL(
SELECT g.id, g.source_document_id, g.signed_document_id, g.kind, g.role, g.signer_id,
       g.cert_sha256, g.method, g.field_name, g.sha256_before, g.sha256_after,
       floor(extract(epoch FROM g.signed_at))::bigint
FROM document_signatures g JOIN documents d ON d.subject = g.subject AND d.kind = g.kind
WHERE d.id = $1 ORDER BY g.id)SQL";
// The signatures version $1 carries (see kCarriedRoles), oldest first, with the signer's
// name and the number of certificates kept with each (the signer's and its chain).
inline constexpr std::string_view kCarriedSignatures = R"SQL(
WITH RECURSIVE carried AS (
  SELECT g.* FROM document_signatures g WHERE g.signed_document_id = $1
  UNION ALL
  SELECT g.* FROM document_signatures g JOIN carried c ON g.signed_document_id = c.source_document_id)
SELECT c.id, c.source_document_id, c.signed_document_id, c.kind, c.role, c.signer_id,
       c.cert_sha256, c.method, c.field_name, c.sha256_before, c.sha256_after,
       floor(extract(epoch FROM c.signed_at))::bigint, p.full_name,
       coalesce(array_length(c.chain_der, 1), 0)
FROM carried c JOIN people p ON p.id = c.signer_id ORDER BY c.id)SQL";

}  // namespace kd::signing::sql_signing
