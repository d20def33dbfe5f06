// The administrative log: every change to accounts and roles (account created, password reset
// or changed, account deactivated, role granted or revoked) with who, when, and the state
// before and after, in ONE append-only chain (admin_events, 0013; triggers refuse UPDATE,
// DELETE and TRUNCATE). Appends are serialised by a transaction-scoped advisory lock and
// written in the transaction of the change they record.
//
// Each event's hash is the lowercase hex SHA-256 of this byte string:
//
//   "kd-admin-audit-v1\n"
//   then, for each field below in this order, <decimal byte length> ":" <bytes> "\n"
//     seq          decimal, 1, 2, ... over the whole log
//     actor_id     decimal, or "" for the command line
//     action       "account_created", "password_reset", "password_changed",
//                  "account_deactivated", "role_granted", "role_revoked"
//     subject      "account:<id>" or "role_grant:<id>"
//     person_id    decimal, or "" (the person concerned)
//     unit_id      decimal, or "" (the unit of the change)
//     before       canonical JSON (kd::codec::canonical), "null" for a creation
//     after        canonical JSON
//     occurred_at  seconds since the Unix epoch (UTC), decimal
//     prev_hash    hex hash of the previous event; 64 '0' for seq 1
//
// Changing this encoding breaks every stored chain: add "kd-admin-audit-v2" instead.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "services/storage/store.hpp"

namespace kd::storage {

struct AdminEvent {
  Id id = 0;
  long seq = 0;
  std::optional<Id> actor_id;
  std::string action;
  std::string subject;
  std::optional<Id> person_id;
  std::optional<Id> unit_id;
  std::string before = "null";
  std::string after = "null";
  wf::TimePoint occurred_at;
  std::string prev_hash;
  std::string hash;
};

struct AdminAuditBreak {
  long seq = 0;
  std::string reason_vi;
};

struct AdminAuditReport {
  long events_checked = 0;
  std::vector<AdminAuditBreak> breaks;
};

namespace admin_log {

std::string canonical_encoding(const AdminEvent&);
std::string event_hash(const AdminEvent&);

// Checks a log ordered by seq: a gap (seq not previous + 1, first not 1), a broken link
// (prev_hash not the previous hash) and a hash mismatch (content changed). Reasons in Vietnamese.
std::vector<AdminAuditBreak> verify_chain(const std::vector<AdminEvent>& ordered);

// Appends `e` (seq, prev_hash and hash are filled in) inside `w`; returns it as stored.
AdminEvent append(pqxx::work& w, AdminEvent e);

// Reads and checks the whole log (one read transaction).
AdminAuditReport verify(ConnectionPool&);

// The events of changes in `units`, newest first.
Page<AdminEvent> list(ConnectionPool&, const std::vector<Id>& units, int limit, int offset);

}  // namespace admin_log
}  // namespace kd::storage
