// 0013: administration of accounts and roles.
//   - role_grants get an id, who granted them and when, and a revocation (who, when, why); a
//     revoked grant is kept (it counted for the days before its revocation). The deputy head
//     becomes a role. One grant not revoked per person, unit, role and first day.
//   - accounts get their state: a one-time password that must be changed before anything else,
//     the time of the last password change, deactivation (who, when), who created them, and
//     where the password is checked (local: argon2id here; ldap: the agency's directory, no
//     password kept here).
//   - admin_events: every administrative change (account created, password reset, account
//     deactivated, role granted or revoked, password changed) with who, when, the state before
//     and after, in ONE append-only chain of SHA-256 hashes (services/storage/admin_log.hpp
//     gives the encoding), checked by `kiemdiem verify-audit`.
// Never edit once applied.
#pragma once

#include <string_view>

namespace kd::storage::migrations {

inline constexpr std::string_view k0013Accounts = R"SQL(
ALTER TABLE role_grants DROP CONSTRAINT role_grants_pkey;
ALTER TABLE role_grants DROP CONSTRAINT role_grants_role_check;
ALTER TABLE role_grants
  ADD COLUMN id bigserial PRIMARY KEY,
  ADD COLUMN granted_by bigint REFERENCES people(id),
  ADD COLUMN granted_at timestamptz,
  ADD COLUMN revoked_by bigint REFERENCES people(id),
  ADD COLUMN revoked_at timestamptz,
  ADD COLUMN revoke_reason text NOT NULL DEFAULT '',
  ADD CONSTRAINT role_grants_role_check
    CHECK (role IN ('reviewee', 'member', 'secretary', 'chair', 'head', 'deputy_head',
                    'committee', 'supervisor', 'admin'));
CREATE UNIQUE INDEX role_grants_current_idx
  ON role_grants (person_id, unit_id, role, coalesce(valid_from, '-infinity'::date))
  WHERE revoked_at IS NULL;
CREATE INDEX role_grants_unit_idx ON role_grants (unit_id);

ALTER TABLE accounts
  ALTER COLUMN password_hash DROP NOT NULL,
  ADD COLUMN auth_source text NOT NULL DEFAULT 'local' CHECK (auth_source IN ('local', 'ldap')),
  ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
  ADD COLUMN password_changed_at timestamptz,
  ADD COLUMN created_by bigint REFERENCES people(id),
  ADD COLUMN deactivated_at timestamptz,
  ADD COLUMN deactivated_by bigint REFERENCES people(id),
  ADD CONSTRAINT accounts_password_check
    CHECK (auth_source = 'ldap' OR password_hash IS NOT NULL);
CREATE INDEX sessions_account_idx ON sessions (account_id);

CREATE TABLE admin_events (
  id           bigserial PRIMARY KEY,
  seq          bigint NOT NULL UNIQUE CHECK (seq >= 1),
  actor_id     bigint REFERENCES people(id),  -- NULL: the command line
  action       text NOT NULL CHECK (action <> ''),
  subject      text NOT NULL,                  -- "account:12", "role_grant:7"
  person_id    bigint REFERENCES people(id),   -- the person concerned
  unit_id      bigint REFERENCES units(id),    -- the unit of the change (for scoped listing)
  before       text NOT NULL,                  -- canonical JSON, "null" when created
  after        text NOT NULL,                  -- canonical JSON
  occurred_at  timestamptz NOT NULL,
  prev_hash    text NOT NULL CHECK (length(prev_hash) = 64),
  hash         text NOT NULL CHECK (length(hash) = 64)
);
CREATE INDEX admin_events_person_idx ON admin_events (person_id, seq);
CREATE INDEX admin_events_unit_idx ON admin_events (unit_id, seq);
CREATE TRIGGER admin_events_no_update_delete BEFORE UPDATE OR DELETE ON admin_events
  FOR EACH ROW EXECUTE FUNCTION review_events_refuse_change();
CREATE TRIGGER admin_events_no_truncate BEFORE TRUNCATE ON admin_events
  FOR EACH STATEMENT EXECUTE FUNCTION review_events_refuse_change();
)SQL";

}  // namespace kd::storage::migrations
