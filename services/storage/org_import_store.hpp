// Storage of the organisation import: the organisation as the plan reads it (with its
// fingerprint), the plan's writes, the stored imports and the people's dated history. Every
// function runs inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "workflow/org_import_plan.hpp"

namespace kd::storage::org_import {

// Every unit and person, with the facts of `year`.
wf::CurrentOrg load_current(pqxx::transaction_base&, int year);

// SHA-256 (hex) of everything load_current read: any change to a unit, a person or the year's
// facts changes it.
std::string fingerprint(const wf::CurrentOrg&);

// Carries out the plan's writes (units superiors first, then people in bulk, their history and
// the year's facts). `import_id` marks the history rows; `today` dates a departure.
void apply(pqxx::transaction_base&, const wf::OrgImportPlan&, int year, wf::Id import_id,
           const wf::Date& today, wf::TimePoint now);

struct StoredImport {
  wf::Id id = 0;
  wf::Id root_unit_id = 0;
  int year = 0;
  std::string file_name;
  std::string file;
  std::string fingerprint;
  int problems = 0;
  std::string preview;  // JSON text, as the preview showed it (committed: with the commit)
  wf::Id committed_by = 0;
  std::optional<wf::TimePoint> committed_at;
};

wf::Id insert_import(pqxx::transaction_base&, const StoredImport&, wf::Id created_by,
                     wf::TimePoint now);
void set_preview(pqxx::transaction_base&, wf::Id id, const std::string& preview, int problems);
// Blocks every other writer of units, people and their facts until the transaction ends.
void lock_organisation(pqxx::transaction_base&);
// A savepoint before the planned writes of a preview, and back to it (also after a failed
// statement).
void mark_planned(pqxx::transaction_base&);
void undo_planned(pqxx::transaction_base&);
// With `for_update`, the row is locked until the transaction ends.
std::optional<StoredImport> load_import(pqxx::transaction_base&, wf::Id id, bool for_update);
void mark_committed(pqxx::transaction_base&, wf::Id id, wf::Id by, wf::TimePoint now,
                    const std::string& preview);

struct Assignment {
  wf::Id unit_id = 0;
  std::string unit_code;
  std::string unit_name;
  std::string position;
  std::string title;
  wf::Date from;
  std::optional<wf::Date> until;  // none: current
  wf::Id import_id = 0;           // 0: not from an import
};

std::vector<Assignment> assignments(pqxx::transaction_base&, wf::Id person_id);

}  // namespace kd::storage::org_import
