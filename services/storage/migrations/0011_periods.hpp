// 0011: the periodic scoring of Nghị định 335/2025: each agency's product catalogue versions,
// one row per person and period with its record, the period's append-only hash-chained
// events, evidence files stored once by SHA-256 and the links from periods to them, and the
// agencies' task-assignment systems that post tasks. Included by migrations_sql.hpp; never
// edit once applied.
#pragma once

#include <string_view>

namespace kd::storage::migrations {

inline constexpr std::string_view k0011Periods = R"SQL(
-- An agency's catalogue of products and works with their conversion factors K. A version
-- applies from valid_from until the next one; versions are never changed (triggers), a
-- correction is a new version. `content` is the canonical JSON of the version.
CREATE TABLE product_catalogue_versions (
  agency_id   bigint NOT NULL REFERENCES units(id),
  version     integer NOT NULL CHECK (version >= 1),
  valid_from  date NOT NULL,
  content     text NOT NULL,
  created_by  bigint NOT NULL REFERENCES people(id),
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (agency_id, version),
  UNIQUE (agency_id, valid_from)
);

-- One person's month or quarter under one regime (a Party member công chức may have the
-- state's months and the Party's quarters). `record` is the canonical JSON of the period record
-- (tasks, products, evidence, scores, comments, approvals, unlocks); stage and version are
-- repeated as columns for queries and the optimistic lock. total and band are the
-- evaluator's score once the period is scored (hundredths); presence says whether the
-- period counts for the year; agency names the agency that scored it (a transfer brings
-- the old agency's periods).
CREATE TABLE scoring_periods (
  id              bigserial PRIMARY KEY,
  person_id       bigint NOT NULL REFERENCES people(id),
  unit_id         bigint NOT NULL REFERENCES units(id),
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  kind            text NOT NULL CHECK (kind IN ('month', 'quarter')),
  idx             integer NOT NULL CHECK (idx BETWEEN 1 AND 12),
  regime_id       text NOT NULL,
  regime_version  integer NOT NULL,
  stage           text NOT NULL CHECK (stage IN ('open', 'tasks_registered', 'products_submitted',
                                                 'self_scored', 'manager_scored', 'approved',
                                                 'locked')),
  version         integer NOT NULL CHECK (version >= 1),
  presence        text NOT NULL DEFAULT 'worked'
                  CHECK (presence IN ('worked', 'absence', 'sick_leave', 'maternity',
                                      'not_employed')),
  agency          text NOT NULL DEFAULT '',
  record          text NOT NULL,
  total           bigint,
  band            text CHECK (band IN ('HTXS', 'HTT', 'HT', 'KHT')),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  UNIQUE (person_id, regime_id, year, kind, idx)
);
CREATE INDEX scoring_periods_unit_idx ON scoring_periods(unit_id, year, kind, idx);

-- The period's audit trail: append-only, each row's hash chaining to the previous event of
-- the same period (services/storage/period_store.hpp gives the encoding). A task-assignment
-- system acting is named by actor_system (actor_id NULL).
CREATE TABLE period_events (
  id            bigserial PRIMARY KEY,
  period_id     bigint NOT NULL REFERENCES scoring_periods(id),
  seq           integer NOT NULL CHECK (seq >= 1),
  actor_id      bigint REFERENCES people(id),
  actor_system  text NOT NULL DEFAULT '',
  action        text NOT NULL,
  from_stage    text NOT NULL,
  to_stage      text NOT NULL,
  payload       text NOT NULL,
  occurred_at   timestamptz NOT NULL,
  prev_hash     text NOT NULL CHECK (length(prev_hash) = 64),
  hash          text NOT NULL CHECK (length(hash) = 64),
  UNIQUE (period_id, seq)
);

-- Evidence of products, stored once by the SHA-256 of its bytes, never changed.
CREATE TABLE evidence_files (
  sha256       text PRIMARY KEY CHECK (length(sha256) = 64),
  media_type   text NOT NULL,
  size_bytes   integer NOT NULL CHECK (size_bytes > 0),
  content      bytea NOT NULL,
  uploaded_by  bigint NOT NULL REFERENCES people(id),
  uploaded_at  timestamptz NOT NULL
);

-- Which periods cite which stored file (who may read a file follows from the periods).
CREATE TABLE period_evidence (
  period_id  bigint NOT NULL REFERENCES scoring_periods(id),
  sha256     text NOT NULL REFERENCES evidence_files(sha256),
  PRIMARY KEY (period_id, sha256)
);
CREATE INDEX period_evidence_sha_idx ON period_evidence(sha256);

-- An agency's task-assignment system ("phần mềm giao nhiệm vụ"): it posts the tasks of the
-- people of its agency's subtree with its own bearer token, of which only the SHA-256 is kept.
CREATE TABLE task_systems (
  id            bigserial PRIMARY KEY,
  code          text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
  name          text NOT NULL,
  agency_id     bigint NOT NULL REFERENCES units(id),
  token_sha256  text NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
  created_by    bigint NOT NULL REFERENCES people(id),
  created_at    timestamptz NOT NULL,
  revoked_at    timestamptz
);

CREATE FUNCTION periods_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER period_events_no_update_delete BEFORE UPDATE OR DELETE ON period_events
  FOR EACH ROW EXECUTE FUNCTION periods_refuse_change();
CREATE TRIGGER period_events_no_truncate BEFORE TRUNCATE ON period_events
  FOR EACH STATEMENT EXECUTE FUNCTION periods_refuse_change();
CREATE TRIGGER evidence_files_no_update_delete BEFORE UPDATE OR DELETE ON evidence_files
  FOR EACH ROW EXECUTE FUNCTION periods_refuse_change();
CREATE TRIGGER catalogue_versions_no_update_delete
  BEFORE UPDATE OR DELETE ON product_catalogue_versions
  FOR EACH ROW EXECUTE FUNCTION periods_refuse_change();
)SQL";

}  // namespace kd::storage::migrations
