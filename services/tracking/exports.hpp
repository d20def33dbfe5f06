// Exports of the supervisor lists: CSV (UTF-8 with a byte-order mark so that
// spreadsheet programs show Vietnamese correctly; RFC 4180 quoting; CRLF) and
// XLSX (libxlsxwriter). A table is a header row and text/number cells.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace kd::tracking {

using Cell = std::variant<std::string, long long>;

struct Table {
  std::string title;  // the sheet name (XLSX), at most 31 characters
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
};

std::string to_csv(const Table&);
// The bytes of an .xlsx workbook with one sheet. Throws std::runtime_error.
std::string to_xlsx(const Table&);

}  // namespace kd::tracking
