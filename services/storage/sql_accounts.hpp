// SQL of the administration of accounts and roles (account_admin.cpp) and of the
// administrative log (admin_log.cpp), 0013. Prepared on every pooled connection
// (prepared_statements.cpp). Instants are epoch seconds; days are ISO dates.
#pragma once

#include "services/storage/sql.hpp"

namespace kd::storage::sql_accounts {

using sql::Statement;

// --- accounts ---

#define KD_ACCOUNT_COLUMNS                                                             \
  "a.id, a.person_id, a.username, coalesce(a.password_hash, ''), a.auth_source, "      \
  "a.must_change_password, a.deactivated_at IS NULL, p.full_name, p.unit_id, u.name, " \
  "floor(extract(epoch FROM a.created_at))::bigint, "                                  \
  "floor(extract(epoch FROM a.password_changed_at))::bigint, "                         \
  "floor(extract(epoch FROM a.deactivated_at))::bigint"

// $1 account id. Locked: the change that reads it writes it.
inline constexpr Statement kLockAccount{"account_lock", "SELECT " KD_ACCOUNT_COLUMNS R"SQL(
FROM accounts a JOIN people p ON p.id = a.person_id JOIN units u ON u.id = p.unit_id
WHERE a.id = $1 FOR UPDATE OF a)SQL"};

// $1 account id.
inline constexpr Statement kSelectAccount{"account_select", "SELECT " KD_ACCOUNT_COLUMNS R"SQL(
FROM accounts a JOIN people p ON p.id = a.person_id JOIN units u ON u.id = p.unit_id
WHERE a.id = $1)SQL"};

// $1 person: whether the person has an account not deactivated.
inline constexpr Statement kPersonHasAccount{"account_person_has", R"SQL(
SELECT EXISTS (SELECT 1 FROM accounts WHERE person_id = $1 AND deactivated_at IS NULL))SQL"};

// $1 username: whether it is taken (deactivated accounts keep their name).
inline constexpr Statement kUsernameTaken{"account_username_taken",
                                          "SELECT EXISTS (SELECT 1 FROM accounts WHERE username = "
                                          "$1)"};

// $1 person, $2 username, $3 hash, $4 must change, $5 created by, $6 epoch seconds.
inline constexpr Statement kInsertAccount{"account_insert", R"SQL(
INSERT INTO accounts (person_id, username, password_hash, must_change_password, created_by,
                      created_at)
VALUES ($1, $2, $3, $4, $5, to_timestamp($6)) RETURNING id)SQL"};

// $1 account, $2 hash, $3 must change, $4 epoch seconds.
inline constexpr Statement kSetPassword{"account_set_password", R"SQL(
UPDATE accounts SET password_hash = $2, must_change_password = $3,
                    password_changed_at = to_timestamp($4)
WHERE id = $1)SQL"};

// $1 account, $2 by, $3 epoch seconds.
inline constexpr Statement kDeactivate{"account_deactivate", R"SQL(
UPDATE accounts SET deactivated_at = to_timestamp($3), deactivated_by = $2 WHERE id = $1)SQL"};

// $1 account: every session ends.
inline constexpr Statement kDeleteSessions{"account_delete_sessions",
                                           "DELETE FROM sessions WHERE account_id = $1"};

// $1 account, $2 the session kept (its token's SHA-256).
inline constexpr Statement kDeleteOtherSessions{
    "account_delete_other_sessions",
    "DELETE FROM sessions WHERE account_id = $1 AND token_sha256 <> $2"};

// $1 units (bigint[]), $2 limit, $3 offset: the accounts of people of those units.
inline constexpr Statement kListAccounts{"account_list", "SELECT " KD_ACCOUNT_COLUMNS R"SQL(
FROM accounts a JOIN people p ON p.id = a.person_id JOIN units u ON u.id = p.unit_id
WHERE p.unit_id = ANY($1::bigint[])
ORDER BY u.id, p.full_name, a.id LIMIT $2 OFFSET $3)SQL"};
inline constexpr Statement kCountAccounts{"account_count", R"SQL(
SELECT count(*) FROM accounts a JOIN people p ON p.id = a.person_id
WHERE p.unit_id = ANY($1::bigint[]))SQL"};

// --- role grants ---

#define KD_GRANT_COLUMNS                                                                      \
  "g.id, g.person_id, p.full_name, g.unit_id, u.name, g.role, "                               \
  "to_char(g.valid_from, 'YYYY-MM-DD'), to_char(g.valid_until, 'YYYY-MM-DD'), g.granted_by, " \
  "floor(extract(epoch FROM g.granted_at))::bigint, g.revoked_by, "                           \
  "floor(extract(epoch FROM g.revoked_at))::bigint, g.revoke_reason, "                        \
  "to_char(g.revoked_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')"

// $1 person, $2 unit, $3 role, $4 first day, $5 last day, $6 by, $7 epoch seconds.
inline constexpr Statement kInsertGrant{"grant_insert", R"SQL(
INSERT INTO role_grants (person_id, unit_id, role, valid_from, valid_until, granted_by,
                         granted_at)
VALUES ($1, $2, $3, $4::date, $5::date, $6, to_timestamp($7)) RETURNING id)SQL"};

// $1 grant. Locked.
inline constexpr Statement kLockGrant{"grant_lock", "SELECT " KD_GRANT_COLUMNS R"SQL(
FROM role_grants g JOIN people p ON p.id = g.person_id JOIN units u ON u.id = g.unit_id
WHERE g.id = $1 FOR UPDATE OF g)SQL"};

// $1 grant.
inline constexpr Statement kSelectGrant{"grant_select", "SELECT " KD_GRANT_COLUMNS R"SQL(
FROM role_grants g JOIN people p ON p.id = g.person_id JOIN units u ON u.id = g.unit_id
WHERE g.id = $1)SQL"};

// $1 grant, $2 by, $3 epoch seconds, $4 reason.
inline constexpr Statement kRevokeGrant{"grant_revoke", R"SQL(
UPDATE role_grants SET revoked_by = $2, revoked_at = to_timestamp($3), revoke_reason = $4
WHERE id = $1)SQL"};

// $1 units (bigint[]), $2 role or NULL, $3 person or NULL, $4 also revoked ones, $5 limit,
// $6 offset: the grants in those units, newest first within a unit.
inline constexpr Statement kListGrants{"grant_list", "SELECT " KD_GRANT_COLUMNS R"SQL(
FROM role_grants g JOIN people p ON p.id = g.person_id JOIN units u ON u.id = g.unit_id
WHERE g.unit_id = ANY($1::bigint[]) AND ($2::text IS NULL OR g.role = $2)
  AND ($3::bigint IS NULL OR g.person_id = $3) AND ($4 OR g.revoked_at IS NULL)
ORDER BY g.unit_id, p.full_name, g.role, g.id LIMIT $5 OFFSET $6)SQL"};
inline constexpr Statement kCountGrants{"grant_count", R"SQL(
SELECT count(*) FROM role_grants g
WHERE g.unit_id = ANY($1::bigint[]) AND ($2::text IS NULL OR g.role = $2)
  AND ($3::bigint IS NULL OR g.person_id = $3) AND ($4 OR g.revoked_at IS NULL))SQL"};

// --- the administrative log ---

// One writer at a time appends to the chain (transaction-scoped advisory lock).
inline constexpr Statement kLockAdminLog{"admin_log_lock",
                                         "SELECT pg_advisory_xact_lock(74202614)"};
inline constexpr Statement kLastAdminEvent{"admin_log_last",
                                           "SELECT seq, hash FROM admin_events ORDER BY seq DESC "
                                           "LIMIT 1"};
// $1 seq … $12 hash.
inline constexpr Statement kInsertAdminEvent{"admin_log_insert", R"SQL(
INSERT INTO admin_events (seq, actor_id, action, subject, person_id, unit_id, before, after,
                          occurred_at, prev_hash, hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, to_timestamp($9), $10, $11) RETURNING id)SQL"};

#define KD_ADMIN_EVENT_COLUMNS                                              \
  "id, seq, actor_id, action, subject, person_id, unit_id, before, after, " \
  "floor(extract(epoch FROM occurred_at))::bigint, prev_hash, hash"

inline constexpr Statement kAllAdminEvents{
    "admin_log_all", "SELECT " KD_ADMIN_EVENT_COLUMNS " FROM admin_events ORDER BY seq"};

// $1 units (bigint[]), $2 limit, $3 offset: newest first.
inline constexpr Statement kListAdminEvents{"admin_log_list",
                                            "SELECT " KD_ADMIN_EVENT_COLUMNS R"SQL(
FROM admin_events WHERE unit_id = ANY($1::bigint[]) ORDER BY seq DESC LIMIT $2 OFFSET $3)SQL"};
inline constexpr Statement kCountAdminEvents{
    "admin_log_count", "SELECT count(*) FROM admin_events WHERE unit_id = ANY($1::bigint[])"};

inline constexpr Statement kAll[] = {
    kLockAccount,      kPersonHasAccount, kUsernameTaken,       kInsertAccount,  kSetPassword,
    kDeactivate,       kDeleteSessions,   kDeleteOtherSessions, kListAccounts,   kCountAccounts,
    kInsertGrant,      kLockGrant,        kRevokeGrant,         kListGrants,     kCountGrants,
    kLockAdminLog,     kLastAdminEvent,   kInsertAdminEvent,    kAllAdminEvents, kListAdminEvents,
    kCountAdminEvents, kSelectAccount,    kSelectGrant,
};

}  // namespace kd::storage::sql_accounts
