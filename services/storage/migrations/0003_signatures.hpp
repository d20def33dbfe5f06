// 0003: digital signatures — people's signing credentials (certificate, and the key as a
// PKCS#12 container encrypted under their signing PIN, or no key at all for an external
// token), signature and seal images, the signatures made on documents (each signed file is
// a new document version; the unsigned one stays), and external-signing sessions.
#pragma once

#include <string_view>

namespace kd::storage::migrations {

inline constexpr std::string_view k0003Signatures = R"SQL(
CREATE TABLE signing_credentials (
  id                 bigserial PRIMARY KEY,
  person_id          bigint NOT NULL REFERENCES people(id),
  cert_pem           text NOT NULL,
  cert_sha256        text NOT NULL UNIQUE CHECK (length(cert_sha256) = 64),
  serial             text NOT NULL,
  key_type           text NOT NULL CHECK (key_type IN ('rsa2048', 'ecdsa-p256', 'external')),
  not_before         timestamptz NOT NULL,
  not_after          timestamptz NOT NULL,
  pkcs12             bytea,  -- NULL: the key lives outside the server (USB token, remote signing)
  revoked_at         timestamptz,
  revocation_reason  text NOT NULL DEFAULT '',
  created_at         timestamptz NOT NULL DEFAULT now()
);
-- At most one credential in use per person.
CREATE UNIQUE INDEX signing_credentials_active_idx ON signing_credentials(person_id)
  WHERE revoked_at IS NULL;

-- Images drawn in the visible signature: a person's handwritten signature (blue PNG) or a
-- unit's seal (red PNG).
CREATE TABLE signature_images (
  owner_kind  text NOT NULL CHECK (owner_kind IN ('person', 'unit')),
  owner_id    bigint NOT NULL,
  png         bytea NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_kind, owner_id)
);

-- One row per signature: `signed_document_id` is the new version the signature produced,
-- `source_document_id` the version that was signed. Append-only.
CREATE TABLE document_signatures (
  id                  bigserial PRIMARY KEY,
  source_document_id  bigint NOT NULL REFERENCES documents(id),
  signed_document_id  bigint NOT NULL UNIQUE REFERENCES documents(id),
  subject             text NOT NULL,
  kind                text NOT NULL,
  role                text NOT NULL,
  signer_id           bigint NOT NULL REFERENCES people(id),
  cert_sha256         text NOT NULL,
  method              text NOT NULL CHECK (method IN ('server_key', 'external')),
  field_name          text NOT NULL,
  sha256_before       text NOT NULL,
  sha256_after        text NOT NULL,
  signed_at           timestamptz NOT NULL
);
CREATE INDEX document_signatures_subject_idx ON document_signatures(subject, kind);
CREATE TRIGGER document_signatures_no_update_delete BEFORE UPDATE OR DELETE
  ON document_signatures FOR EACH ROW EXECUTE FUNCTION documents_refuse_change();

-- External signing: the prepared file waits here between `prepare` and `complete`.
CREATE TABLE signing_sessions (
  id                 text PRIMARY KEY,
  document_id        bigint NOT NULL REFERENCES documents(id),
  role               text NOT NULL,
  signer_id          bigint NOT NULL REFERENCES people(id),
  prepared_pdf       bytea NOT NULL,
  byte_range         bigint[] NOT NULL,
  signed_attributes  bytea NOT NULL,
  cert_der           bytea NOT NULL,
  chain_der          bytea[] NOT NULL,
  algorithm          text NOT NULL,
  field_name         text NOT NULL,
  signing_time       timestamptz NOT NULL,
  created_at         timestamptz NOT NULL,
  expires_at         timestamptz NOT NULL,
  completed_at       timestamptz
);
)SQL";

}  // namespace kd::storage::migrations
