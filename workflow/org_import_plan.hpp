// What an imported file changes in the organisation: the plan the store carries out, and
// what the administrator sees before committing it (new, changed, moved, unchanged and
// deactivated units and people, per row, each with the fields that change).
//
// Identity is the code: a unit's code, a person's personal code (mã cán bộ). Importing the
// same file twice plans nothing the second time. The file describes the administrator's
// scope, the subtree under `root`:
//   - with a units sheet, the file is the whole subtree below `root`: its units are created,
//     renamed or moved (each names its superior: a unit of the file, or `root`), and the
//     units of the subtree it lacks are deactivated (never deleted); `root` itself may be a
//     row, to set its names, but it is never moved or deactivated by its own administrator;
//   - with a people sheet, the file is everyone working in the subtree: people it lacks are
//     deactivated (never deleted: their reviews and documents stay; people never given a
//     personal code are left as they are), people it names are
//     created, changed or moved; a deactivated person may come back (a transfer in), but a
//     person still active in a unit outside the scope is refused — that unit's administrator
//     releases them first;
//   - a column the sheet lacks leaves that field as it is.
// Problems that need the organisation (unknown unit, unit or person outside the scope, an
// ID already held by someone else) are added to the file's own; a plan with problems is
// shown but never written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflow/org_import.hpp"
#include "workflow/organisation.hpp"

namespace kd::wf {

struct UnitState {
  std::string code;
  std::string name;
  std::string parent_code;  // "" for a unit without a superior
  std::string kind = "don_vi";
  std::string superior_name;
  std::string place_name;
  std::string head_title;
  std::string deputy_title;
  std::string collective_body;
  bool active = true;
};

struct PersonState {
  std::string code;
  std::string full_name;
  std::optional<Date> birth_date;
  std::optional<Sex> sex;
  std::string personal_id;
  std::string unit_code;
  std::string position;
  std::string title;
  Group group = Group::CongChuc;
  LeaderLevel leader = LeaderLevel::None;
  bool party_member = false;
  std::string party_cell;
  std::string email;
  std::string phone;
  std::optional<Date> unit_since;
  bool active = true;
};

struct CurrentUnit {
  Id id = 0;
  std::optional<Id> parent_id;
  UnitState state;  // parent_code filled by the loader
};

struct CurrentPerson {
  Id id = 0;
  Id unit_id = 0;
  PersonState state;    // unit_code filled by the loader
  ImportedFacts facts;  // of the import's year; unset = no facts recorded
};

struct CurrentOrg {
  std::vector<CurrentUnit> units;
  std::vector<CurrentPerson> people;
};

enum class ChangeKind { New, Changed, Moved, Unchanged, Deactivated };
std::string_view to_string(ChangeKind);  // "new", "changed", "moved", "unchanged", "deactivated"

struct FieldChange {
  std::string field;  // the template's header ("Chức vụ"), or "Trạng thái"
  std::string before;
  std::string after;
};

struct RowChange {
  ChangeKind kind = ChangeKind::Unchanged;
  std::string sheet;  // "" and row 0 for what the file lacks (deactivated)
  int row = 0;
  std::optional<Id> id;  // the existing unit or person
  std::string code;
  std::string name;
  std::vector<FieldChange> fields;
};

struct UnitWrite {
  std::optional<Id> id;  // none: created
  UnitState after;
};

struct PersonWrite {
  std::optional<Id> id;  // none: created
  PersonState after;
  // The unit or position changed (or the person is new or back): the dated history gets a
  // row from `assignment_from`.
  bool assignment_changed = false;
  Date assignment_from;
  std::optional<ImportedFacts> facts;  // the year's facts to record (merged over the stored)
};

struct ImportCounts {
  int created = 0;
  int changed = 0;
  int moved = 0;
  int unchanged = 0;
  int deactivated = 0;
};

struct OrgImportPlan {
  std::vector<RowChange> units;
  std::vector<RowChange> people;
  ImportCounts unit_counts;
  ImportCounts person_counts;
  std::vector<ImportProblem> problems;  // the file's and the plan's
  std::vector<std::string> ignored;
  // What to write, superiors before the units below them; none when there are problems.
  std::vector<UnitWrite> unit_writes;
  std::vector<PersonWrite> person_writes;

  bool ok() const { return problems.empty(); }
  bool changes() const { return !unit_writes.empty() || !person_writes.empty(); }
};

// `root` is the unit the administrator manages (it must be in `current`); `today` dates the
// history rows of people whose file gives no start date in their new unit. The `actor`, when
// given, may not deactivate themselves (a problem, not a lock-out). People without a personal
// code (entered before, never through a file) are not deactivated by a file that lacks them:
// they are counted in `ignored`; a unit the file drops must not keep anyone.
OrgImportPlan plan_org_import(const OrgFile&, const CurrentOrg&, Id root, const Date& today,
                              std::optional<Id> actor = std::nullopt);

// "dd/mm/yyyy".
std::string to_vn_date(const Date&);

}  // namespace kd::wf
