// 0012: the organisation as the personnel office keeps it. People get their personal code
// (the identity across imports), birth date, sex, personal ID, title, leadership level, Party
// cell, phone, start date in their unit and a deactivation time (people and units are never
// deleted: a deactivated person keeps their reviews and documents); units get the names
// printed on documents (the superior body, the place) and a deactivation time; the dated
// history of each person's unit and position; and the imports, each stored at its preview
// with the file and a fingerprint of the organisation it was planned on, so that its commit
// refuses when the data changed since. Included by migrations_sql.hpp; never edit once
// applied.
#pragma once

#include <string_view>

namespace kd::storage::migrations {

inline constexpr std::string_view k0012OrgImport = R"SQL(
ALTER TABLE people
  ADD COLUMN code           text UNIQUE CHECK (code <> ''),
  ADD COLUMN birth_date     date,
  ADD COLUMN sex            text CHECK (sex IN ('male', 'female')),
  ADD COLUMN personal_id    text UNIQUE CHECK (personal_id ~ '^[0-9]{12}$'),
  ADD COLUMN title          text NOT NULL DEFAULT '',
  ADD COLUMN leader_level   text NOT NULL DEFAULT ''
                            CHECK (leader_level IN ('', 'leader', 'head', 'deputy')),
  ADD COLUMN party_cell     text NOT NULL DEFAULT '',
  ADD COLUMN phone          text NOT NULL DEFAULT '',
  ADD COLUMN unit_since     date,
  ADD COLUMN deactivated_at timestamptz;

-- The superior body and the place as printed on documents (also added, the same way, by the
-- documents' own migration when it comes first).
ALTER TABLE units
  ADD COLUMN IF NOT EXISTS superior_name text NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS place_name    text NOT NULL DEFAULT '',
  ADD COLUMN deactivated_at timestamptz;

-- An import of the organisation: stored when previewed (the file, what the preview showed,
-- the fingerprint of the organisation it was planned on), committed at most once.
CREATE TABLE org_imports (
  id            bigserial PRIMARY KEY,
  root_unit_id  bigint NOT NULL REFERENCES units(id),
  year          integer NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  file_name     text NOT NULL DEFAULT '',
  file          bytea NOT NULL,
  file_sha256   text NOT NULL CHECK (length(file_sha256) = 64),
  fingerprint   text NOT NULL CHECK (length(fingerprint) = 64),
  problems      integer NOT NULL CHECK (problems >= 0),
  preview       text NOT NULL,
  created_by    bigint NOT NULL REFERENCES people(id),
  created_at    timestamptz NOT NULL,
  committed_by  bigint REFERENCES people(id),
  committed_at  timestamptz,
  CHECK ((committed_by IS NULL) = (committed_at IS NULL))
);

-- Where a person worked and as what, dated: one open row (valid_until NULL) per person,
-- closed the day before the next one starts, or when the person is deactivated.
CREATE TABLE person_assignments (
  id           bigserial PRIMARY KEY,
  person_id    bigint NOT NULL REFERENCES people(id),
  unit_id      bigint NOT NULL REFERENCES units(id),
  position     text NOT NULL DEFAULT '',
  title        text NOT NULL DEFAULT '',
  valid_from   date NOT NULL,
  valid_until  date CHECK (valid_until IS NULL OR valid_until >= valid_from),
  import_id    bigint REFERENCES org_imports(id),
  recorded_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX person_assignments_open ON person_assignments(person_id)
  WHERE valid_until IS NULL;
CREATE INDEX person_assignments_person ON person_assignments(person_id, valid_from);

-- A person entered by any path starts with an open row: from their start date in the unit,
-- else from the day they are entered (an import then sets its own day and its id on it).
CREATE FUNCTION person_first_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_assignments (person_id, unit_id, position, title, valid_from, recorded_at)
  VALUES (NEW.id, NEW.unit_id, NEW.position, NEW.title,
          coalesce(NEW.unit_since, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date), now());
  RETURN NEW;
END $$;
CREATE TRIGGER people_first_assignment AFTER INSERT ON people
  FOR EACH ROW EXECUTE FUNCTION person_first_assignment();

-- People entered before this migration: their assignment as known from now on.
INSERT INTO person_assignments (person_id, unit_id, position, valid_from, recorded_at)
SELECT id, unit_id, position, CURRENT_DATE, now() FROM people;
)SQL";

}  // namespace kd::storage::migrations
