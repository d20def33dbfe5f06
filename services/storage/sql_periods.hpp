// SQL of the period store (period_store.cpp): periods, their events, catalogue versions,
// evidence files and task-assignment systems (0011). Prepared on every pooled connection
// (prepared_statements.cpp).
#pragma once

#include "services/storage/sql.hpp"

namespace kd::storage::sql_periods {

using sql::Statement;

// Columns of a period, in the order row_to_period reads them.
#define KD_PERIOD_COLUMNS                                                                  \
  "id, person_id, unit_id, year, kind, idx, regime_id, regime_version, stage, version, "   \
  "presence, agency, record, total, band, floor(extract(epoch FROM created_at))::bigint, " \
  "floor(extract(epoch FROM updated_at))::bigint"

// $1 person … $13 epoch seconds. Nothing when the person already has that period.
inline constexpr Statement kInsertPeriod{"period_insert", R"SQL(
INSERT INTO scoring_periods (person_id, unit_id, year, kind, idx, regime_id, regime_version,
                             stage, version, presence, agency, record, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, to_timestamp($13), to_timestamp($13))
ON CONFLICT (person_id, regime_id, year, kind, idx) DO NOTHING
RETURNING id)SQL"};

// The record holds its own id: written once the id is known.
inline constexpr Statement kSetPeriodRecord{"period_set_record", R"SQL(
UPDATE scoring_periods SET record = $2 WHERE id = $1)SQL"};

inline constexpr Statement kSelectPeriod{
    "period_select", "SELECT " KD_PERIOD_COLUMNS " FROM scoring_periods WHERE id = $1"};
inline constexpr Statement kLockPeriod{"period_lock", "SELECT " KD_PERIOD_COLUMNS
                                                      " FROM scoring_periods WHERE id = $1 "
                                                      "FOR UPDATE"};

// $1 person, $2 regime, $3 year, $4 kind, $5 index.
inline constexpr Statement kFindPeriod{"period_find", R"SQL(
SELECT id FROM scoring_periods
WHERE person_id = $1 AND regime_id = $2 AND year = $3 AND kind = $4 AND idx = $5)SQL"};

// A person's periods of one year under one regime: $1 person, $2 regime, $3 year.
inline constexpr Statement kYearPeriods{"period_year", "SELECT " KD_PERIOD_COLUMNS R"SQL(
FROM scoring_periods WHERE person_id = $1 AND regime_id = $2 AND year = $3
ORDER BY kind, idx)SQL"};

// The year facts of a person ({} when none).
inline constexpr Statement kYearFacts{"period_year_facts", R"SQL(
SELECT facts::text FROM person_year_facts WHERE person_id = $1 AND year = $2)SQL"};

// $1 id, $2 stage, $3 new version, $4 record, $5 total, $6 band, $7 presence, $8 agency,
// $9 epoch, $10 old version.
inline constexpr Statement kUpdatePeriod{"period_update", R"SQL(
UPDATE scoring_periods
SET stage = $2, version = $3, record = $4, total = $5, band = $6, presence = $7, agency = $8,
    updated_at = to_timestamp($9)
WHERE id = $1 AND version = $10)SQL"};

// Filters: $1 unit ids (NULL = any), $2 person (NULL = any), $3 year, $4 kind, $5 index,
// $6 stage; $7 limit, $8 offset. Ordered by period then person.
inline constexpr Statement kListPeriods{"period_list", "SELECT " KD_PERIOD_COLUMNS R"SQL(
FROM scoring_periods
WHERE ($1::bigint[] IS NULL OR unit_id = ANY($1::bigint[]))
  AND ($2::bigint IS NULL OR person_id = $2)
  AND ($3::integer IS NULL OR year = $3)
  AND ($4::text IS NULL OR kind = $4)
  AND ($5::integer IS NULL OR idx = $5)
  AND ($6::text IS NULL OR stage = $6)
ORDER BY year, kind, idx, person_id
LIMIT $7 OFFSET $8)SQL"};
inline constexpr Statement kCountPeriods{"period_count", R"SQL(
SELECT count(*) FROM scoring_periods
WHERE ($1::bigint[] IS NULL OR unit_id = ANY($1::bigint[]))
  AND ($2::bigint IS NULL OR person_id = $2)
  AND ($3::integer IS NULL OR year = $3)
  AND ($4::text IS NULL OR kind = $4)
  AND ($5::integer IS NULL OR idx = $5)
  AND ($6::text IS NULL OR stage = $6))SQL"};

// --- events ---
inline constexpr Statement kEventTip{"period_event_tip", R"SQL(
SELECT seq, hash FROM period_events WHERE period_id = $1 ORDER BY seq DESC LIMIT 1)SQL"};
inline constexpr Statement kInsertEvent{"period_event_insert", R"SQL(
INSERT INTO period_events (period_id, seq, actor_id, actor_system, action, from_stage, to_stage,
                           payload, occurred_at, prev_hash, hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, to_timestamp($9), $10, $11) RETURNING id)SQL"};
inline constexpr Statement kSelectEvents{"period_events_select", R"SQL(
SELECT id, period_id, seq, coalesce(actor_id, 0), actor_system, action, from_stage, to_stage,
       payload, floor(extract(epoch FROM occurred_at))::bigint, prev_hash, hash
FROM period_events WHERE period_id = $1 ORDER BY seq)SQL"};

// --- product catalogues ---
inline constexpr Statement kSelectCatalogue{"catalogue_select", R"SQL(
SELECT content FROM product_catalogue_versions WHERE agency_id = $1 ORDER BY version)SQL"};
// The nearest of the given units (ordered from the person's unit upwards) with a catalogue.
inline constexpr Statement kCatalogueAgencies{"catalogue_agencies", R"SQL(
SELECT DISTINCT agency_id FROM product_catalogue_versions WHERE agency_id = ANY($1::bigint[]))SQL"};
// Serialises the versions of one agency's catalogue.
inline constexpr Statement kLockUnit{"catalogue_lock_unit",
                                     "SELECT id FROM units WHERE id = $1 FOR UPDATE"};
inline constexpr Statement kInsertCatalogueVersion{"catalogue_insert", R"SQL(
INSERT INTO product_catalogue_versions (agency_id, version, valid_from, content, created_by,
                                        created_at)
VALUES ($1, $2, $3::date, $4, $5, to_timestamp($6)))SQL"};

// --- evidence ---
inline constexpr Statement kInsertEvidence{"evidence_insert", R"SQL(
INSERT INTO evidence_files (sha256, media_type, size_bytes, content, uploaded_by, uploaded_at)
VALUES ($1, $2, $3, $4, $5, to_timestamp($6))
ON CONFLICT (sha256) DO NOTHING)SQL"};
inline constexpr Statement kSelectEvidence{"evidence_select", R"SQL(
SELECT sha256, media_type, content, uploaded_by, floor(extract(epoch FROM uploaded_at))::bigint
FROM evidence_files WHERE sha256 = $1)SQL"};
inline constexpr Statement kKnownEvidence{"evidence_known", R"SQL(
SELECT sha256 FROM evidence_files WHERE sha256 = ANY($1::text[]))SQL"};
inline constexpr Statement kLinkEvidence{"evidence_link", R"SQL(
INSERT INTO period_evidence (period_id, sha256) SELECT $1, unnest($2::text[])
ON CONFLICT DO NOTHING)SQL"};
inline constexpr Statement kEvidencePeriods{"evidence_periods", R"SQL(
SELECT period_id FROM period_evidence WHERE sha256 = $1 ORDER BY period_id)SQL"};

// --- task-assignment systems ---
inline constexpr Statement kInsertSystem{"task_system_insert", R"SQL(
INSERT INTO task_systems (code, name, agency_id, token_sha256, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, to_timestamp($6))
ON CONFLICT (code) DO NOTHING RETURNING id)SQL"};
inline constexpr Statement kSystemByToken{"task_system_by_token", R"SQL(
SELECT id, code, name, agency_id FROM task_systems
WHERE token_sha256 = $1 AND revoked_at IS NULL)SQL"};

inline constexpr Statement kAll[] = {
    kInsertPeriod,
    kSetPeriodRecord,
    kSelectPeriod,
    kLockPeriod,
    kFindPeriod,
    kYearPeriods,
    kYearFacts,
    kUpdatePeriod,
    kListPeriods,
    kCountPeriods,
    kEventTip,
    kInsertEvent,
    kSelectEvents,
    kSelectCatalogue,
    kCatalogueAgencies,
    kLockUnit,
    kInsertCatalogueVersion,
    kInsertEvidence,
    kSelectEvidence,
    kKnownEvidence,
    kLinkEvidence,
    kEvidencePeriods,
    kInsertSystem,
    kSystemByToken,
};

#undef KD_PERIOD_COLUMNS

}  // namespace kd::storage::sql_periods
