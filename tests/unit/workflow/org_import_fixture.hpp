// Rows of the personnel office's sheets for the import tests, in the template's columns.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "workflow/org_import.hpp"
#include "workflow/org_import_plan.hpp"

namespace kd::wf::test {

inline const Date kToday{2026, 11, 20};

// The adapter folds with ICU; the tests need only ASCII and the few capitals they write.
inline std::string test_fold(const std::string& in) {
  std::string s;
  bool space = false;
  for (char c : in) {
    if (c == ' ' || c == '\t') {
      space = !s.empty();
      continue;
    }
    if (space) s.push_back(' ');
    space = false;
    s.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  for (const auto& [up, low] : std::vector<std::pair<std::string, std::string>>{
           {"Đ", "đ"}, {"Ã", "ã"}, {"Á", "á"}, {"Ộ", "ộ"}, {"Ó", "ó"}}) {
    for (auto at = s.find(up); at != std::string::npos; at = s.find(up))
      s.replace(at, up.size(), low);
  }
  return s;
}

inline OrgFileReader reader() { return OrgFileReader(test_fold, kToday); }
inline ImportCell cell(std::string s) { return ImportCell{std::move(s), false}; }
inline ImportCell number(std::string s) { return ImportCell{std::move(s), true}; }

inline std::vector<ImportCell> people_header() {
  std::vector<ImportCell> h;
  for (const auto& [c, name] : person_columns()) h.push_back(cell(name));
  return h;
}

inline std::vector<ImportCell> units_header() {
  std::vector<ImportCell> h;
  for (const auto& [c, name] : unit_columns()) h.push_back(cell(name));
  return h;
}

// A full row in the template's order (index = column): a deputy head, Party member.
inline std::vector<ImportCell> person_cells(std::string code, std::string name, std::string unit) {
  return {cell(std::move(code)),
          cell(std::move(name)),
          cell("14/03/1985"),
          cell("Nữ"),
          cell("025185001234"),
          cell(std::move(unit)),
          cell("Chuyên viên"),
          cell("Chuyên viên chính"),
          cell("Công chức"),
          cell("Cấp phó"),
          cell("Có"),
          cell("Chi bộ Phòng Tổ chức cán bộ"),
          cell("lan.nt@snv.phutho.gov.vn"),
          cell("0912345678"),
          cell("01/08/2015"),
          cell("2"),
          cell("Không"),
          cell("Không")};
}

inline std::vector<ImportCell> unit_cells(std::string code, std::string name, std::string parent) {
  return {cell(std::move(code)),
          cell(std::move(name)),
          cell(std::move(parent)),
          cell(""),
          cell(""),
          cell(""),
          cell(""),
          cell(""),
          cell("")};
}

inline OrgFile people_file(const std::vector<std::vector<ImportCell>>& rows,
                           std::vector<ImportCell> header = people_header()) {
  OrgFileReader r = reader();
  r.begin_sheet("Nhân sự");
  r.add_row(1, header);
  int n = 2;
  for (const auto& row : rows) r.add_row(n++, row);
  r.end_sheet();
  return r.finish();
}

inline OrgFile units_file(const std::vector<std::vector<ImportCell>>& rows) {
  OrgFileReader r = reader();
  r.begin_sheet("Đơn vị");
  r.add_row(1, units_header());
  int n = 2;
  for (const auto& row : rows) r.add_row(n++, row);
  r.end_sheet();
  return r.finish();
}

// Both sheets in one workbook.
inline OrgFile org_file(const std::vector<std::vector<ImportCell>>& units,
                        const std::vector<std::vector<ImportCell>>& people) {
  OrgFileReader r = reader();
  r.begin_sheet("Đơn vị");
  r.add_row(1, units_header());
  int n = 2;
  for (const auto& row : units) r.add_row(n++, row);
  r.end_sheet();
  r.begin_sheet("Nhân sự");
  r.add_row(1, people_header());
  n = 2;
  for (const auto& row : people) r.add_row(n++, row);
  r.end_sheet();
  return r.finish();
}

inline bool has_problem(const std::vector<ImportProblem>& ps, const std::string& code, int row,
                        const std::string& column) {
  for (const auto& p : ps)
    if (p.code == code && p.row == row && p.column == column) return true;
  return false;
}

inline ImportProblem problem_at(const std::vector<ImportProblem>& ps, int row,
                                const std::string& column) {
  for (const auto& p : ps)
    if (p.row == row && p.column == column) return p;
  return {};
}

}  // namespace kd::wf::test
