// SQL of the organisation import (org_import_store.cpp). Times are epoch seconds; lists of
// rows travel as parallel arrays (unnest), so 10,000 people are one statement, not 10,000.
#pragma once

#include <string_view>

#include "services/storage/sql.hpp"

namespace kd::storage::sql_org_import {

using sql::Statement;

inline constexpr Statement kSelectUnits{"oi_select_units", R"SQL(
SELECT u.id, u.parent_id, u.code, u.name, u.kind, u.superior_name, u.place_name,
       u.deactivated_at IS NULL, coalesce(p.code, ''), u.head_title, u.deputy_title,
       u.collective_body
FROM units u LEFT JOIN units p ON p.id = u.parent_id
ORDER BY u.id)SQL"};

// $1 the import's year.
inline constexpr Statement kSelectPeople{"oi_select_people", R"SQL(
SELECT p.id, p.unit_id, coalesce(p.code, ''), p.full_name, to_char(p.birth_date, 'YYYY-MM-DD'),
       coalesce(p.sex, ''), coalesce(p.personal_id, ''), u.code, p.position, p.title, p.group_code,
       CASE WHEN p.leader_level = '' AND p.leader THEN 'leader' ELSE p.leader_level END,
       p.party_member, p.party_cell, p.email, p.phone, to_char(p.unit_since, 'YYYY-MM-DD'),
       p.deactivated_at IS NULL,
       f.facts ->> 'leave_months', f.facts ->> 'maternity', f.facts ->> 'disciplined'
FROM people p
JOIN units u ON u.id = p.unit_id
LEFT JOIN person_year_facts f ON f.person_id = p.id AND f.year = $1
ORDER BY p.id)SQL"};

// Units, one by one (superiors first). $1 parent code ('' = none), $2 code, $3 name, $4 kind,
// $5 superior name, $6 place name, $7 head title, $8 deputy title, $9 collective body.
inline constexpr Statement kInsertUnit{"oi_insert_unit", R"SQL(
INSERT INTO units (parent_id, code, name, kind, superior_name, place_name, head_title,
                   deputy_title, collective_body)
VALUES ((SELECT id FROM units WHERE code = $1), $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id)SQL"};

// $1 id, then as kInsertUnit ($2 … $10), $11 active, $12 now.
inline constexpr Statement kUpdateUnit{"oi_update_unit", R"SQL(
UPDATE units SET parent_id = (SELECT id FROM units WHERE code = $2), code = $3, name = $4,
       kind = $5, superior_name = $6, place_name = $7, head_title = $8, deputy_title = $9,
       collective_body = $10,
       deactivated_at = CASE WHEN $11::boolean THEN NULL
                             ELSE coalesce(deactivated_at, to_timestamp($12::bigint)) END
WHERE id = $1)SQL"};

// The people columns, as parallel arrays in this order (see kInsertPeople):
//   code, full_name, birth_date, sex, personal_id, unit_code, position, title, group_code,
//   leader_level, party_member, party_cell, email, phone, unit_since
inline constexpr Statement kInsertPeople{"oi_insert_people", R"SQL(
INSERT INTO people (code, full_name, birth_date, sex, personal_id, unit_id, position, title,
                    group_code, leader, leader_level, party_member, party_cell, email, phone,
                    unit_since)
SELECT n.code, n.full_name, n.birth_date, n.sex, n.personal_id, u.id, n.position, n.title,
       n.group_code, n.leader_level <> '', n.leader_level, n.party_member, n.party_cell, n.email,
       n.phone, n.unit_since
FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[],
            $8::text[], $9::text[], $10::text[], $11::boolean[], $12::text[], $13::text[],
            $14::text[], $15::date[])
     AS n(code, full_name, birth_date, sex, personal_id, unit_code, position, title, group_code,
          leader_level, party_member, party_cell, email, phone, unit_since)
JOIN units u ON u.code = n.unit_code
RETURNING id, code)SQL"};

// $1 ids, $2..$16 the columns of kInsertPeople, $17 active flags, $18 now.
inline constexpr Statement kUpdatePeople{"oi_update_people", R"SQL(
UPDATE people p
SET code = n.code, full_name = n.full_name, birth_date = n.birth_date, sex = n.sex,
    personal_id = n.personal_id, unit_id = u.id, position = n.position, title = n.title,
    group_code = n.group_code, leader = n.leader_level <> '', leader_level = n.leader_level,
    party_member = n.party_member, party_cell = n.party_cell, email = n.email, phone = n.phone,
    unit_since = n.unit_since,
    deactivated_at = CASE WHEN n.active THEN NULL
                          ELSE coalesce(p.deactivated_at, to_timestamp($18::bigint)) END
FROM unnest($1::bigint[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[],
            $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::boolean[],
            $13::text[], $14::text[], $15::text[], $16::date[], $17::boolean[])
     AS n(id, code, full_name, birth_date, sex, personal_id, unit_code, position, title,
          group_code, leader_level, party_member, party_cell, email, phone, unit_since, active)
JOIN units u ON u.code = n.unit_code
WHERE p.id = n.id)SQL"};

// History: $1 person ids, $2 the day the next assignment starts (or the person left).
inline constexpr Statement kCloseAssignments{"oi_close_assignments", R"SQL(
UPDATE person_assignments a
SET valid_until = greatest(a.valid_from, n.day - 1)
FROM unnest($1::bigint[], $2::date[]) AS n(person_id, day)
WHERE a.person_id = n.person_id AND a.valid_until IS NULL)SQL"};

// $1 person ids, $2 first days, $3 import id, $4 now: the people's current unit and position.
// A person just created has the open row the insert trigger gave them: it takes the import's.
inline constexpr Statement kOpenAssignments{"oi_open_assignments", R"SQL(
INSERT INTO person_assignments AS a (person_id, unit_id, position, title, valid_from, import_id,
                                     recorded_at)
SELECT p.id, p.unit_id, p.position, p.title, n.day, $3, to_timestamp($4::bigint)
FROM unnest($1::bigint[], $2::date[]) AS n(person_id, day)
JOIN people p ON p.id = n.person_id
ON CONFLICT (person_id) WHERE valid_until IS NULL
DO UPDATE SET unit_id = EXCLUDED.unit_id, position = EXCLUDED.position, title = EXCLUDED.title,
              valid_from = EXCLUDED.valid_from, import_id = EXCLUDED.import_id,
              recorded_at = EXCLUDED.recorded_at)SQL"};

// $1 person ids, $2 year, $3 the facts to set (JSON objects), merged over the stored ones.
inline constexpr Statement kMergeYearFacts{"oi_merge_year_facts", R"SQL(
INSERT INTO person_year_facts AS f (person_id, year, facts)
SELECT n.person_id, $2, n.facts::jsonb FROM unnest($1::bigint[], $3::text[]) AS n(person_id, facts)
ON CONFLICT (person_id, year) DO UPDATE SET facts = f.facts || EXCLUDED.facts)SQL"};

// $1 root unit, $2 year, $3 file name, $4 file, $5 its SHA-256, $6 fingerprint, $7 problems,
// $8 preview, $9 created by, $10 now.
inline constexpr Statement kInsertImport{"oi_insert_import", R"SQL(
INSERT INTO org_imports (root_unit_id, year, file_name, file, file_sha256, fingerprint, problems,
                         preview, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, to_timestamp($10::bigint)) RETURNING id)SQL"};

inline constexpr Statement kSetImportPreview{
    "oi_set_import_preview", "UPDATE org_imports SET preview = $2, problems = $3 WHERE id = $1"};

// A preview writes what the commit would, then undoes it.
inline constexpr std::string_view kSavepoint = "SAVEPOINT planned_commit";
inline constexpr std::string_view kRollbackToSavepoint = "ROLLBACK TO SAVEPOINT planned_commit";

// A commit holds off every other writer of the organisation until it ends, so what it
// compared with the preview is what it writes over (not preparable: run as text).
inline constexpr std::string_view kLockOrganisation =
    "LOCK TABLE units, people, person_year_facts IN SHARE ROW EXCLUSIVE MODE";

// $1 id; $2 lock it (true) for the commit.
inline constexpr Statement kSelectImport{"oi_select_import", R"SQL(
SELECT id, root_unit_id, year, file_name, file, fingerprint, problems, preview,
       coalesce(committed_by, 0), floor(extract(epoch FROM committed_at))::bigint
FROM org_imports WHERE id = $1)SQL"};
inline constexpr Statement kLockImport{"oi_lock_import", R"SQL(
SELECT id FROM org_imports WHERE id = $1 FOR UPDATE)SQL"};

inline constexpr Statement kCommitImport{"oi_commit_import", R"SQL(
UPDATE org_imports SET committed_by = $2, committed_at = to_timestamp($3::bigint), preview = $4
WHERE id = $1)SQL"};

// A person's dated history, oldest first.
inline constexpr Statement kSelectAssignments{"oi_select_assignments", R"SQL(
SELECT a.unit_id, u.code, u.name, a.position, a.title, to_char(a.valid_from, 'YYYY-MM-DD'),
       to_char(a.valid_until, 'YYYY-MM-DD'), coalesce(a.import_id, 0)
FROM person_assignments a JOIN units u ON u.id = a.unit_id
WHERE a.person_id = $1 ORDER BY a.valid_from, a.id)SQL"};

inline constexpr Statement kAll[] = {
    kSelectUnits,      kSelectPeople,     kInsertUnit,      kUpdateUnit,     kInsertPeople,
    kUpdatePeople,     kCloseAssignments, kOpenAssignments, kMergeYearFacts, kInsertImport,
    kSetImportPreview, kSelectImport,     kLockImport,      kCommitImport,   kSelectAssignments,
};

}  // namespace kd::storage::sql_org_import
