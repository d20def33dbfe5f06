// 0010: limits against guessing. A server-held signing key counts wrong PINs in a row and is
// locked at signing.pin_max_failures until an administrator unlocks it; locks and unlocks are
// recorded in the append-only security_events. Failed logins are counted per account name
// (its SHA-256, so unknown names are stored like known ones) and per client address, and
// slowed down (login_failures). Never edit once applied.
#pragma once

#include <string_view>

namespace kd::storage::migrations {

inline constexpr std::string_view k0010AbuseLimits = R"SQL(
ALTER TABLE signing_credentials
  ADD COLUMN pin_failures integer NOT NULL DEFAULT 0 CHECK (pin_failures >= 0),
  ADD COLUMN locked_at timestamptz;

CREATE TABLE security_events (
  id             bigserial PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('signing_key_locked', 'signing_key_unlocked')),
  person_id      bigint NOT NULL REFERENCES people(id),  -- whose key
  actor_id       bigint REFERENCES people(id),           -- NULL: the server itself, or the CLI
  credential_id  bigint REFERENCES signing_credentials(id),
  detail         text NOT NULL DEFAULT '',
  occurred_at    timestamptz NOT NULL
);
CREATE INDEX security_events_person_idx ON security_events(person_id, id);
CREATE TRIGGER security_events_no_update_delete BEFORE UPDATE OR DELETE ON security_events
  FOR EACH ROW EXECUTE FUNCTION documents_refuse_change();

CREATE TABLE login_failures (
  scope            text NOT NULL CHECK (scope IN ('account', 'address')),
  key              text NOT NULL,
  failures         integer NOT NULL CHECK (failures >= 1),
  last_failure_at  timestamptz NOT NULL,
  blocked_until    timestamptz,
  PRIMARY KEY (scope, key)
);
CREATE INDEX login_failures_last_idx ON login_failures(last_failure_at);
)SQL";

}  // namespace kd::storage::migrations
