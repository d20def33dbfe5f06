// The SQL migrations, embedded in the program as raw strings (the program never
// reads the source tree at run time). Each entry is applied once, in order, in
// its own transaction; its SHA-256 is recorded in schema_migrations.
//
// NEVER edit an entry once it has been applied anywhere: add a new one. The
// migration runner refuses to start when an applied text has changed.
#pragma once

#include <array>
#include <string_view>

#include "services/storage/migrations/0002_documents.hpp"
#include "services/storage/migrations/0003_signatures.hpp"
#include "services/storage/migrations/0004_tracking.hpp"
#include "services/storage/migrations/0005_document_snapshots.hpp"
#include "services/storage/migrations/0006_drafts.hpp"
#include "services/storage/migrations/0007_signature_chain.hpp"
#include "services/storage/migrations/0008_signature_requests.hpp"
#include "services/storage/migrations/0009_role_terms.hpp"
#include "services/storage/migrations/0010_abuse_limits.hpp"
#include "services/storage/migrations/0011_periods.hpp"
#include "services/storage/migrations/0012_org_import.hpp"
#include "services/storage/migrations/0013_accounts.hpp"
#include "services/storage/migrations/0014_unit_documents.hpp"

namespace kd::storage::migrations {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// 0001: organisation, accounts, campaigns, reviews, the append-only audit trail,
// the outbox and idempotency keys.
inline constexpr std::string_view k0001Initial = R"SQL(
CREATE TABLE units (
  id         bigserial PRIMARY KEY,
  parent_id  bigint REFERENCES units(id),
  code       text NOT NULL UNIQUE,
  name       text NOT NULL,
  kind       text NOT NULL DEFAULT 'don_vi'
);
CREATE INDEX units_parent_idx ON units(parent_id);

CREATE TABLE people (
  id            bigserial PRIMARY KEY,
  full_name     text NOT NULL,
  unit_id       bigint NOT NULL REFERENCES units(id),
  group_code    text NOT NULL CHECK (group_code IN ('can_bo', 'cong_chuc', 'vien_chuc', 'dang_vien')),
  party_member  boolean NOT NULL DEFAULT false,
  leader        boolean NOT NULL DEFAULT false,
  position      text NOT NULL DEFAULT '',
  peer_group    text NOT NULL DEFAULT ''
);
CREATE INDEX people_unit_idx ON people(unit_id);

CREATE TABLE role_grants (
  person_id  bigint NOT NULL REFERENCES people(id),
  unit_id    bigint NOT NULL REFERENCES units(id),
  role       text NOT NULL CHECK (role IN ('reviewee', 'member', 'secretary', 'chair', 'head',
                                           'committee', 'supervisor', 'admin')),
  PRIMARY KEY (person_id, unit_id, role)
);

CREATE TABLE person_year_facts (
  person_id  bigint NOT NULL REFERENCES people(id),
  year       integer NOT NULL,
  facts      jsonb NOT NULL,
  PRIMARY KEY (person_id, year)
);

CREATE TABLE accounts (
  id             bigserial PRIMARY KEY,
  person_id      bigint NOT NULL REFERENCES people(id),
  username       text NOT NULL UNIQUE,
  password_hash  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Only the SHA-256 (hex) of a bearer token is stored.
CREATE TABLE sessions (
  token_sha256  text PRIMARY KEY CHECK (length(token_sha256) = 64),
  account_id    bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  expires_at    timestamptz NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_expiry_idx ON sessions(expires_at);

-- A campaign pins its regime: regime_snapshot is the regime's JSON text at creation,
-- kept byte-exact (text, not jsonb) so the rules of a running campaign never change.
CREATE TABLE campaigns (
  id               bigserial PRIMARY KEY,
  unit_id          bigint NOT NULL REFERENCES units(id),
  year             integer NOT NULL,
  name             text NOT NULL,
  regime_id        text NOT NULL,
  regime_version   integer NOT NULL,
  regime_snapshot  text NOT NULL,
  special_agency   boolean NOT NULL DEFAULT false,
  stage_due        jsonb NOT NULL DEFAULT '{}'::jsonb,
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- Stages are stored by their stable names, never by the machine's positional ids.
CREATE TABLE reviews (
  id                  bigserial PRIMARY KEY,
  campaign_id         bigint NOT NULL REFERENCES campaigns(id),
  person_id           bigint NOT NULL REFERENCES people(id),
  unit_id             bigint NOT NULL REFERENCES units(id),
  stage               text NOT NULL CHECK (stage IN ('self_assessment', 'collective_review',
                        'head_opinion', 'committee_decision', 'decided', 'published',
                        'complaint', 'closed')),
  workflow_version    integer NOT NULL,
  version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  form                jsonb NOT NULL DEFAULT '{}'::jsonb,
  meeting             jsonb,
  opinion             jsonb,
  final_rating        text CHECK (final_rating IN ('HTXS', 'HTT', 'HT', 'KHT')),
  not_rated           boolean NOT NULL DEFAULT false,
  published_at        timestamptz,
  complaints          integer NOT NULL DEFAULT 0,
  last_return_reason  text NOT NULL DEFAULT '',
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  UNIQUE (campaign_id, person_id)
);
CREATE INDEX reviews_campaign_stage_idx ON reviews(campaign_id, stage);
CREATE INDEX reviews_unit_idx ON reviews(unit_id);
CREATE INDEX reviews_person_idx ON reviews(person_id);

-- The audit trail. Append-only (the triggers below refuse UPDATE, DELETE and
-- TRUNCATE); each row's hash chains to the previous event of the same review
-- (see services/storage/audit_chain.hpp for the exact encoding).
CREATE TABLE review_events (
  id           bigserial PRIMARY KEY,
  review_id    bigint NOT NULL REFERENCES reviews(id),
  seq          integer NOT NULL CHECK (seq >= 1),
  actor_id     bigint NOT NULL,
  action       text NOT NULL,
  from_stage   text NOT NULL DEFAULT '',
  to_stage     text NOT NULL,
  payload      text NOT NULL,
  occurred_at  timestamptz NOT NULL,
  prev_hash    text NOT NULL CHECK (length(prev_hash) = 64),
  hash         text NOT NULL CHECK (length(hash) = 64),
  UNIQUE (review_id, seq)
);

CREATE FUNCTION review_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'review_events is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER review_events_no_update_delete BEFORE UPDATE OR DELETE ON review_events
  FOR EACH ROW EXECUTE FUNCTION review_events_refuse_change();
CREATE TRIGGER review_events_no_truncate BEFORE TRUNCATE ON review_events
  FOR EACH STATEMENT EXECUTE FUNCTION review_events_refuse_change();

-- Work for later (document rendering): written in the same transaction as the event.
CREATE TABLE outbox (
  id            bigserial PRIMARY KEY,
  kind          text NOT NULL,
  review_id     bigint REFERENCES reviews(id),
  campaign_id   bigint REFERENCES campaigns(id),
  payload       jsonb NOT NULL,
  created_at    timestamptz NOT NULL,
  available_at  timestamptz NOT NULL,
  attempts      integer NOT NULL DEFAULT 0,
  last_error    text,
  done_at       timestamptz
);
CREATE INDEX outbox_pending_idx ON outbox(available_at) WHERE done_at IS NULL;

-- First answer of a request sent with an Idempotency-Key. status is the HTTP status
-- of that answer, body its text; fingerprint identifies the request (method, path, body).
CREATE TABLE idempotency_keys (
  account_id   bigint NOT NULL REFERENCES accounts(id),
  key          text NOT NULL,
  fingerprint  text NOT NULL,
  status       integer NOT NULL,
  body         text NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (account_id, key)
);

-- One row per review with what lists and loads need (person, unit, facts of the
-- campaign year, the due date of the current stage, the time of the latest event).
CREATE VIEW review_rows AS
SELECT r.id, r.campaign_id, r.person_id, r.unit_id, r.stage, r.workflow_version, r.version,
       r.form::text AS form, r.meeting::text AS meeting, r.opinion::text AS opinion,
       r.final_rating, r.not_rated,
       floor(extract(epoch FROM r.published_at))::bigint AS published_at,
       r.complaints, r.last_return_reason,
       f.facts::text AS facts,
       p.full_name, p.unit_id AS person_unit_id, p.group_code, p.party_member, p.leader,
       p.position, p.peer_group,
       u.name AS unit_name,
       floor(extract(epoch FROM coalesce(
         (SELECT max(e.occurred_at) FROM review_events e WHERE e.review_id = r.id),
         r.created_at)))::bigint AS stage_since,
       (c.stage_due ->> r.stage)::date AS stage_due
FROM reviews r
JOIN people p ON p.id = r.person_id
JOIN units u ON u.id = r.unit_id
JOIN campaigns c ON c.id = r.campaign_id
LEFT JOIN person_year_facts f ON f.person_id = r.person_id AND f.year = c.year;
)SQL";

// Later migrations live in their own headers (migrations/NNNN_name.hpp), included
// above this list; add one line per migration, in version order.
inline constexpr Migration kAll[] = {
    {1, "0001_initial", k0001Initial},
    {2, "0002_documents", k0002Documents},
    {3, "0003_signatures", k0003Signatures},
    {4, "0004_tracking", k0004Tracking},
    {5, "0005_document_snapshots", k0005DocumentSnapshots},
    {6, "0006_drafts", k0006Drafts},
    {7, "0007_signature_chain", k0007SignatureChain},
    {8, "0008_signature_requests", k0008SignatureRequests},
    {9, "0009_role_terms", k0009RoleTerms},
    {10, "0010_abuse_limits", k0010AbuseLimits},
    {11, "0011_periods", k0011Periods},
    {12, "0012_org_import", k0012OrgImport},
    {13, "0013_accounts", k0013Accounts},
    {14, "0014_unit_documents", k0014UnitDocuments},
};

}  // namespace kd::storage::migrations
