// 0002: rendered documents (content stored once by SHA-256, records never overwritten),
// per-issuer per-year number sequences, and the claim columns of the render outbox.
#pragma once

#include <string_view>

namespace kd::storage::migrations {

inline constexpr std::string_view k0002Documents = R"SQL(
-- The bytes of a PDF, once per SHA-256 (hex) however many records point at them.
CREATE TABLE document_contents (
  sha256      text PRIMARY KEY CHECK (length(sha256) = 64),
  pdf         bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- One record per (subject, kind, version). subject: 'review:<id>' or, for a batch document,
-- 'batch:<campaign>:<action>:<epoch>:<actor>'. A re-render of the same snapshot adds a record
-- only when the bytes differ (UNIQUE below); nothing is ever updated or deleted (triggers).
CREATE TABLE documents (
  id                bigserial PRIMARY KEY,
  campaign_id       bigint NOT NULL REFERENCES campaigns(id),
  review_id         bigint REFERENCES reviews(id),
  subject           text NOT NULL,
  kind              text NOT NULL,
  version           integer NOT NULL CHECK (version >= 1),
  title             text NOT NULL,
  number            text NOT NULL DEFAULT '',
  sha256            text NOT NULL REFERENCES document_contents(sha256),
  size_bytes        integer NOT NULL,
  page_count        integer NOT NULL,
  template_version  text NOT NULL,
  snapshot          text NOT NULL,
  snapshot_sha256   text NOT NULL CHECK (length(snapshot_sha256) = 64),
  html              text NOT NULL,
  event_id          bigint REFERENCES review_events(id),
  created_at        timestamptz NOT NULL,
  UNIQUE (subject, kind, version),
  UNIQUE (subject, kind, snapshot_sha256, sha256)
);
CREATE INDEX documents_review_idx ON documents(review_id);

-- Every review a document is about (one, or each member of a batch).
CREATE TABLE document_reviews (
  document_id  bigint NOT NULL REFERENCES documents(id),
  review_id    bigint NOT NULL REFERENCES reviews(id),
  PRIMARY KEY (document_id, review_id)
);
CREATE INDEX document_reviews_review_idx ON document_reviews(review_id);

CREATE FUNCTION documents_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER documents_no_update_delete BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_refuse_change();
CREATE TRIGGER document_contents_no_update_delete BEFORE UPDATE OR DELETE ON document_contents
  FOR EACH ROW EXECUTE FUNCTION documents_refuse_change();

-- Numbers (số) per issuer and year: taken with INSERT .. ON CONFLICT DO UPDATE .. RETURNING,
-- which locks the row, so two transactions never get the same number; a subject keeps the
-- number it was given (document_numbers) through re-renders.
CREATE TABLE document_sequences (
  issuer       text NOT NULL,
  year         integer NOT NULL,
  last_number  integer NOT NULL CHECK (last_number >= 1),
  PRIMARY KEY (issuer, year)
);
CREATE TABLE document_numbers (
  subject  text NOT NULL,
  kind     text NOT NULL,
  issuer   text NOT NULL,
  year     integer NOT NULL,
  number   integer NOT NULL,
  PRIMARY KEY (subject, kind),
  UNIQUE (issuer, year, number)
);

-- Render jobs: a worker claims a row (claimed_by/claimed_at, attempts + 1) with
-- FOR UPDATE SKIP LOCKED; done_at on success; failed_at after the last attempt.
ALTER TABLE outbox ADD COLUMN claimed_by text;
ALTER TABLE outbox ADD COLUMN claimed_at timestamptz;
ALTER TABLE outbox ADD COLUMN failed_at timestamptz;
CREATE INDEX outbox_review_idx ON outbox(review_id);
)SQL";

}  // namespace kd::storage::migrations
