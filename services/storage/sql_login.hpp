// SQL of the failed-login counters (login_failures.cpp). Times are epoch seconds.
#pragma once

#include <string_view>

namespace kd::storage::sql_login {

// $1 scopes, $2 keys (parallel arrays).
inline constexpr std::string_view kBlockedUntil = R"SQL(
SELECT coalesce(floor(extract(epoch FROM max(blocked_until)))::bigint, 0)
FROM login_failures f
JOIN unnest($1::text[], $2::text[]) AS k(scope, key) ON f.scope = k.scope AND f.key = k.key)SQL";

// $1 scope, $2 key, $3 now, $4 seconds after which a run of failures is forgotten.
inline constexpr std::string_view kCountFailure = R"SQL(
INSERT INTO login_failures AS f (scope, key, failures, last_failure_at)
VALUES ($1, $2, 1, to_timestamp($3::bigint))
ON CONFLICT (scope, key) DO UPDATE
SET failures = CASE WHEN f.last_failure_at < to_timestamp($3::bigint - $4::bigint) THEN 1 ELSE f.failures + 1 END,
    blocked_until = CASE WHEN f.last_failure_at < to_timestamp($3::bigint - $4::bigint) THEN NULL
                         ELSE f.blocked_until END,
    last_failure_at = to_timestamp($3::bigint)
RETURNING failures)SQL";

// $1 scope, $2 key, $3 blocked until (epoch).
inline constexpr std::string_view kBlock = R"SQL(
UPDATE login_failures SET blocked_until = to_timestamp($3::bigint) WHERE scope = $1 AND key = $2)SQL";

// $1 now, $2 seconds: runs nobody will count again.
inline constexpr std::string_view kForgetOld = R"SQL(
DELETE FROM login_failures
WHERE last_failure_at < to_timestamp($1::bigint - $2::bigint)
  AND (blocked_until IS NULL OR blocked_until < to_timestamp($1::bigint)))SQL";

inline constexpr std::string_view kClear = R"SQL(
DELETE FROM login_failures WHERE scope = $1 AND key = $2)SQL";

}  // namespace kd::storage::sql_login
