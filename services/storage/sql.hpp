// Every SQL statement of the storage adapter, as named constants. Statements
// are prepared on each pooled connection under their constant's name (see
// prepared_statements.cpp); none is ever assembled from strings at run time.
// Instants are passed and read as epoch seconds (to_timestamp / extract).
#pragma once

#include <string>
#include <string_view>

namespace kd::storage::sql {

struct Statement {
  std::string_view name;
  std::string_view text;
};

// The name a statement is prepared under.
inline std::string name(const Statement& s) { return std::string(s.name); }

// --- migrations (run with exec_params before the schema exists) ---
inline constexpr std::string_view kCreateMigrationTable = R"SQL(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version     integer PRIMARY KEY,
  name        text NOT NULL,
  checksum    text NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
))SQL";
// Serialises concurrent migrators (two processes starting at once).
inline constexpr std::string_view kMigrationLock = "SELECT pg_advisory_xact_lock(74202609)";
inline constexpr std::string_view kAppliedMigrations =
    "SELECT version, name, checksum FROM schema_migrations ORDER BY version";
inline constexpr std::string_view kSchemaVersion =
    "SELECT COALESCE(max(version), 0) FROM schema_migrations";
inline constexpr std::string_view kMigrationTableExists =
    "SELECT to_regclass('public.schema_migrations') IS NOT NULL";
inline constexpr std::string_view kRecordMigration =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, "
    "now())";

// --- prepared statements ---
inline constexpr Statement kPing{"ping", "SELECT 1"};

inline constexpr Statement kInsertUnit{"insert_unit", R"SQL(
INSERT INTO units (parent_id, code, name, kind, superior_name, place_name, head_title,
                   deputy_title, collective_body)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id)SQL"};
inline constexpr Statement kInsertPerson{"insert_person", R"SQL(
INSERT INTO people (full_name, unit_id, group_code, party_member, leader, position, peer_group)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id)SQL"};
inline constexpr Statement kInsertGrant{"insert_grant", R"SQL(
INSERT INTO role_grants (person_id, unit_id, role, valid_from, valid_until)
VALUES ($1, $2, $3, $4::date, $5::date) ON CONFLICT DO NOTHING)SQL"};
inline constexpr Statement kUpsertYearFacts{"upsert_year_facts", R"SQL(
INSERT INTO person_year_facts (person_id, year, facts) VALUES ($1, $2, $3::jsonb)
ON CONFLICT (person_id, year) DO UPDATE SET facts = EXCLUDED.facts)SQL"};
inline constexpr Statement kSelectUnits{"select_units", R"SQL(
SELECT id, parent_id, code, name, kind, superior_name, place_name, head_title, deputy_title,
       collective_body
FROM units ORDER BY id)SQL"};
inline constexpr Statement kSelectGrants{
    "select_grants",
    "SELECT person_id, unit_id, role, to_char(valid_from, 'YYYY-MM-DD'), "
    "to_char(valid_until, 'YYYY-MM-DD'), "
    "to_char(revoked_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') "
    "FROM role_grants ORDER BY person_id, unit_id, role, id"};
inline constexpr Statement kSelectPerson{"select_person", R"SQL(
SELECT id, full_name, unit_id, group_code, party_member, leader, position, peer_group
FROM people WHERE id = $1)SQL"};
inline constexpr Statement kSelectPeopleInUnits{"select_people_in_units", R"SQL(
SELECT id, full_name, unit_id, group_code, party_member, leader, position, peer_group
FROM people WHERE unit_id = ANY($1::bigint[]) AND deactivated_at IS NULL ORDER BY id)SQL"};

inline constexpr Statement kInsertAccount{"insert_account", R"SQL(
INSERT INTO accounts (person_id, username, password_hash) VALUES ($1, $2, $3) RETURNING id)SQL"};
inline constexpr Statement kSelectAccount{"select_account", R"SQL(
SELECT id, person_id, username, coalesce(password_hash, ''), auth_source, must_change_password,
       deactivated_at IS NULL
FROM accounts WHERE username = $1)SQL"};
inline constexpr Statement kInsertSession{"insert_session", R"SQL(
INSERT INTO sessions (token_sha256, account_id, expires_at) VALUES ($1, $2, to_timestamp($3)))SQL"};
inline constexpr Statement kSelectSession{"select_session", R"SQL(
SELECT a.id, a.person_id, a.username, floor(extract(epoch FROM s.expires_at))::bigint,
       a.must_change_password
FROM sessions s JOIN accounts a ON a.id = s.account_id
WHERE s.token_sha256 = $1 AND s.expires_at > to_timestamp($2) AND a.deactivated_at IS NULL)SQL"};
inline constexpr Statement kDeleteSession{"delete_session",
                                          "DELETE FROM sessions WHERE token_sha256 = $1"};

inline constexpr Statement kInsertCampaign{"insert_campaign", R"SQL(
INSERT INTO campaigns (unit_id, year, name, regime_id, regime_version, regime_snapshot,
                       special_agency, stage_due, status)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) RETURNING id)SQL"};
inline constexpr Statement kSelectCampaign{"select_campaign", R"SQL(
SELECT id, unit_id, year, name, regime_id, regime_version, special_agency, stage_due::text, status,
       regime_snapshot
FROM campaigns WHERE id = $1)SQL"};
inline constexpr Statement kLockCampaign{"lock_campaign", R"SQL(
SELECT id, unit_id, year, name, regime_id, regime_version, special_agency, stage_due::text, status,
       regime_snapshot
FROM campaigns WHERE id = $1 FOR UPDATE)SQL"};
// $1: bigint[] of unit ids, or NULL for every campaign.
inline constexpr Statement kSelectCampaigns{"select_campaigns", R"SQL(
SELECT id, unit_id, year, name, regime_id, regime_version, special_agency, stage_due::text, status
FROM campaigns WHERE $1::bigint[] IS NULL OR unit_id = ANY($1::bigint[]) ORDER BY id)SQL"};
inline constexpr Statement kUpdateCampaignStatus{"update_campaign_status",
                                                 "UPDATE campaigns SET status = $2 WHERE id = $1"};

inline constexpr Statement kInsertReview{"insert_review", R"SQL(
INSERT INTO reviews (campaign_id, person_id, unit_id, stage, workflow_version, version, form,
                     created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, 1, $6::jsonb, to_timestamp($7), to_timestamp($7)) RETURNING id)SQL"};
// Column order of review_rows is read by row_mapping.cpp (read_review_row).
inline constexpr Statement kSelectReviewRow{"select_review_row", R"SQL(
SELECT id, campaign_id, person_id, unit_id, stage, workflow_version, version, form, meeting,
       opinion, final_rating, not_rated, published_at, complaints, last_return_reason, facts,
       full_name, person_unit_id, group_code, party_member, leader, position, peer_group,
       unit_name, stage_since
FROM review_rows WHERE id = $1)SQL"};
inline constexpr Statement kSelectCampaignReviewRows{"select_campaign_review_rows", R"SQL(
SELECT id, campaign_id, person_id, unit_id, stage, workflow_version, version, form, meeting,
       opinion, final_rating, not_rated, published_at, complaints, last_return_reason, facts,
       full_name, person_unit_id, group_code, party_member, leader, position, peer_group,
       unit_name, stage_since
FROM review_rows WHERE campaign_id = $1 ORDER BY id)SQL"};
// Filters: $1 campaign, $2 stage, $3 unit ids (bigint[]), $4 person — each NULL for "any";
// $5 overdue only, $6 today; $7 limit, $8 offset.
inline constexpr Statement kListReviews{"list_reviews", R"SQL(
SELECT id, campaign_id, person_id, unit_id, stage, workflow_version, version, form, meeting,
       opinion, final_rating, not_rated, published_at, complaints, last_return_reason, facts,
       full_name, person_unit_id, group_code, party_member, leader, position, peer_group,
       unit_name, stage_since
FROM review_rows
WHERE ($1::bigint IS NULL OR campaign_id = $1::bigint)
  AND ($2::text IS NULL OR stage = $2::text)
  AND ($3::bigint[] IS NULL OR unit_id = ANY($3::bigint[]))
  AND ($4::bigint IS NULL OR person_id = $4::bigint)
  AND (NOT $5::boolean OR (stage_due IS NOT NULL AND stage_due < $6::date))
ORDER BY id LIMIT $7 OFFSET $8)SQL"};
inline constexpr Statement kCountReviews{"count_reviews", R"SQL(
SELECT count(*) FROM review_rows
WHERE ($1::bigint IS NULL OR campaign_id = $1::bigint)
  AND ($2::text IS NULL OR stage = $2::text)
  AND ($3::bigint[] IS NULL OR unit_id = ANY($3::bigint[]))
  AND ($4::bigint IS NULL OR person_id = $4::bigint)
  AND (NOT $5::boolean OR (stage_due IS NOT NULL AND stage_due < $6::date)))SQL"};
inline constexpr Statement kSelectReviewCampaign{"select_review_campaign",
                                                 "SELECT campaign_id FROM reviews WHERE id = $1"};
inline constexpr Statement kLockReview{"lock_review",
                                       "SELECT version FROM reviews WHERE id = $1 FOR UPDATE"};
inline constexpr Statement kLockCampaignReviews{
    "lock_campaign_reviews",
    "SELECT id FROM reviews WHERE campaign_id = $1 ORDER BY id FOR UPDATE"};
// The version check is repeated in the WHERE clause as a second line of defence.
inline constexpr Statement kUpdateReview{"update_review", R"SQL(
UPDATE reviews SET stage = $2, workflow_version = $3, version = version + 1, form = $4::jsonb,
       meeting = $5::jsonb, opinion = $6::jsonb, final_rating = $7, not_rated = $8,
       published_at = to_timestamp($9), complaints = $10, last_return_reason = $11,
       updated_at = to_timestamp($12)
WHERE id = $1 AND version = $13)SQL"};

inline constexpr Statement kSelectLastEvent{"select_last_event", R"SQL(
SELECT seq, hash FROM review_events WHERE review_id = $1 ORDER BY seq DESC LIMIT 1)SQL"};
inline constexpr Statement kInsertEvent{"insert_event", R"SQL(
INSERT INTO review_events (review_id, seq, actor_id, action, from_stage, to_stage, payload,
                           occurred_at, prev_hash, hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, to_timestamp($8), $9, $10) RETURNING id)SQL"};
inline constexpr Statement kSelectEvents{"select_events", R"SQL(
SELECT id, review_id, seq, actor_id, action, from_stage, to_stage, payload,
       floor(extract(epoch FROM occurred_at))::bigint, prev_hash, hash
FROM review_events WHERE review_id = $1 ORDER BY seq)SQL"};
inline constexpr Statement kSelectAllEvents{"select_all_events", R"SQL(
SELECT id, review_id, seq, actor_id, action, from_stage, to_stage, payload,
       floor(extract(epoch FROM occurred_at))::bigint, prev_hash, hash
FROM review_events ORDER BY review_id, seq)SQL"};

inline constexpr Statement kInsertOutbox{"insert_outbox", R"SQL(
INSERT INTO outbox (kind, review_id, campaign_id, payload, created_at, available_at)
VALUES ($1, $2, $3, $4::jsonb, to_timestamp($5), to_timestamp($5)))SQL"};

inline constexpr Statement kSelectIdempotency{"select_idempotency", R"SQL(
SELECT fingerprint, status, body FROM idempotency_keys WHERE account_id = $1 AND key = $2)SQL"};
inline constexpr Statement kInsertIdempotency{"insert_idempotency", R"SQL(
INSERT INTO idempotency_keys (account_id, key, fingerprint, status, body, created_at)
VALUES ($1, $2, $3, $4, $5, to_timestamp($6)) ON CONFLICT DO NOTHING)SQL"};

inline constexpr Statement kAll[] = {
    kPing,
    kInsertUnit,
    kInsertPerson,
    kInsertGrant,
    kUpsertYearFacts,
    kSelectUnits,
    kSelectGrants,
    kSelectPerson,
    kSelectPeopleInUnits,
    kInsertAccount,
    kSelectAccount,
    kInsertSession,
    kSelectSession,
    kDeleteSession,
    kInsertCampaign,
    kSelectCampaign,
    kLockCampaign,
    kSelectCampaigns,
    kUpdateCampaignStatus,
    kInsertReview,
    kSelectReviewRow,
    kSelectCampaignReviewRows,
    kListReviews,
    kCountReviews,
    kSelectReviewCampaign,
    kLockReview,
    kLockCampaignReviews,
    kUpdateReview,
    kSelectLastEvent,
    kInsertEvent,
    kSelectEvents,
    kSelectAllEvents,
    kInsertOutbox,
    kSelectIdempotency,
    kInsertIdempotency,
};

}  // namespace kd::storage::sql
