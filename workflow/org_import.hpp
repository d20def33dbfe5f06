// The organisation and its people as the personnel office keeps them: a workbook (or CSV
// file) with a sheet of units and a sheet of people, read row by row into checked rows.
//
// A sheet is recognised by its header row (the first row, among its first 10 non-empty
// ones, that names the columns): "Mã cán bộ" and another of the template's columns make it the
// people sheet, "Tên đơn vị" and another the units sheet; other sheets are left out and said so.
// Headers are compared after the adapter's folding (NFC, lowercase, spaces collapsed), so "MÃ CÁN
// BỘ" and "Mã cán bộ" are one column; unknown columns are left out and listed. A column absent from
// the sheet leaves that field of existing people as it is; a column present with an empty cell
// clears it.
//
// Every problem names its sheet, its row (as the spreadsheet numbers it) and its column
// (the template's header), with a Vietnamese reason. Cross-row rules (duplicate codes and
// personal IDs, a cycle in the unit tree) are checked by finish(); the rules that need the
// current organisation (unknown unit, scope, transfers) by plan_org_import.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "workflow/calendar.hpp"
#include "workflow/personal_id.hpp"
#include "workflow/vocabulary.hpp"

namespace kd::wf {

struct ImportProblem {
  std::string code;    // stable: "unknown_unit", "duplicate_code", "bad_date", ...
  std::string sheet;   // the sheet's name in the file ("" for the file as a whole)
  int row = 0;         // 1-based row of the sheet; 0 for the sheet or file as a whole
  std::string column;  // the template's header ("Ngày sinh"); "" for the whole row
  std::string message_vi;
};

// One cell as the adapter read it: text in NFC with spaces trimmed; `number` when the
// spreadsheet stored a number (dates are serial numbers, IDs may have lost leading zeros).
struct ImportCell {
  std::string text;
  bool number = false;
};

// "Lãnh đạo": không / có / cấp trưởng / cấp phó.
enum class LeaderLevel { None, Leader, Head, Deputy };
std::string_view to_string(LeaderLevel);  // "", "leader", "head", "deputy"
std::optional<LeaderLevel> parse_leader_level(std::string_view);

enum class UnitColumn {
  Code,
  Name,
  ParentCode,
  Kind,
  SuperiorName,
  PlaceName,
  HeadTitle,
  DeputyTitle,
  CollectiveBody,
};
enum class PersonColumn {
  Code,
  FullName,
  BirthDate,
  Sex,
  PersonalId,
  UnitCode,
  Position,
  Title,
  Group,
  Leader,
  PartyMember,
  PartyCell,
  Email,
  Phone,
  UnitSince,
  LeaveMonths,
  Maternity,
  Disciplined,
};

// The template's header of each column, in its order.
const std::vector<std::pair<UnitColumn, std::string>>& unit_columns();
const std::vector<std::pair<PersonColumn, std::string>>& person_columns();
const std::string& header_of(UnitColumn);
const std::string& header_of(PersonColumn);

struct UnitRow {
  int row = 0;
  std::string code;
  std::string name;
  std::string parent_code;    // "" = the top of the file's tree
  std::string kind;           // "co_quan" | "don_vi"
  std::string superior_name;  // the superior body as printed on documents ("UBND TỈNH PHÚ THỌ")
  std::string place_name;     // the place in "Phú Thọ, ngày … tháng … năm …"
  std::string head_title;     // "Giám đốc": the head signs under it (Unit::head_title)
  std::string deputy_title;   // "Phó Giám đốc": a deputy signs "KT. GIÁM ĐỐC" over it
  std::string collective_body;  // "Ủy ban nhân dân" for a body led collectively; "" otherwise
};

// The facts of the year a row may carry (the year is the import's).
struct ImportedFacts {
  std::optional<int> leave_months;
  std::optional<bool> maternity;
  std::optional<bool> disciplined;
};

struct PersonRow {
  int row = 0;
  std::string code;  // the personal code (mã cán bộ): the identity across imports
  std::string full_name;
  std::optional<Date> birth_date;
  std::optional<Sex> sex;
  std::string personal_id;  // 12 digits or ""
  std::string unit_code;
  std::string position;  // chức vụ
  std::string title;     // chức danh, ngạch
  Group group = Group::CongChuc;
  LeaderLevel leader = LeaderLevel::None;
  bool party_member = false;
  std::string party_cell;  // chi bộ
  std::string email;
  std::string phone;
  std::optional<Date> unit_since;  // started work in the unit
  ImportedFacts facts;
};

struct OrgFile {
  std::string units_sheet;   // "" when the file has no units sheet
  std::string people_sheet;  // "" when the file has no people sheet
  std::vector<UnitRow> units;
  std::vector<PersonRow> people;
  std::vector<PersonColumn> person_columns;  // the people columns the file has
  std::vector<UnitColumn> unit_columns;
  std::vector<std::string> ignored;  // sheets and columns left out, said in Vietnamese
  std::vector<ImportProblem> problems;

  bool has(PersonColumn c) const;
  bool has(UnitColumn c) const;
};

// Lowercase (every Vietnamese letter), NFC, trimmed, inner spaces collapsed: the adapter's.
using TextFold = std::function<std::string(const std::string&)>;

// Fed sheet by sheet, row by row, by a file reader; keeps only the checked rows.
class OrgFileReader {
 public:
  // `today` bounds dates (no birth in the future); at most `max_rows` data rows in all.
  OrgFileReader(TextFold fold, Date today, std::size_t max_rows = 100000);

  void begin_sheet(const std::string& name);
  void add_row(int number, const std::vector<ImportCell>& cells);
  void end_sheet();
  // The file with the cross-row problems added. Call once.
  OrgFile finish();

 private:
  enum class Kind { Unknown, Units, People, Skipped };
  void find_header(int number, const std::vector<ImportCell>& cells);
  void add_unit(int number, const std::vector<ImportCell>& cells);
  void add_person(int number, const std::vector<ImportCell>& cells);
  void problem(std::string code, int row, std::string column, std::string message);

  TextFold fold_;
  Date today_;
  std::size_t max_rows_;
  std::size_t rows_ = 0;
  OrgFile file_;
  std::string sheet_;
  Kind kind_ = Kind::Unknown;
  int rows_seen_ = 0;
  std::vector<int> column_of_;  // cell index -> column (as int), -1 = left out
};

// A date as a cell holds it: dd/mm/yyyy (also with '-' or '.'), yyyy-mm-dd, or a
// spreadsheet serial number (days since 30/12/1899) when the cell is a number.
std::optional<Date> parse_import_date(const ImportCell&);

}  // namespace kd::wf
