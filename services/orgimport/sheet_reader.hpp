// Reading the personnel office's files sheet by sheet and row by row, without holding a whole
// sheet: XLSX (Office Open XML workbooks, through Poco's Zip and SAX parser) and CSV.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "workflow/org_import.hpp"

namespace kd::orgimport {

// Where the rows go (wf::OrgFileReader, or a test).
struct RowSink {
  std::function<void(const std::string& sheet)> begin_sheet;
  std::function<void(int row, const std::vector<kd::wf::ImportCell>&)> row;
  std::function<void()> end_sheet;
};

// A file that cannot be read as what it claims to be; the message is Vietnamese.
struct UnreadableFile : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Every worksheet of the workbook, in the workbook's order, named as the workbook names
// them. Shared strings, inline strings and numbers (flagged `number`: dates are serial
// numbers) are read; formulas give their cached value. Text is NFC and trimmed. A part
// larger than `max_part_bytes` once inflated is refused (a file made to exhaust memory).
void read_xlsx(const std::string& bytes, const RowSink&,
               std::size_t max_part_bytes = std::size_t{256} << 20);

// One sheet named `sheet`: UTF-8 with or without a BOM, fields separated by ';' or ','
// (whichever the first line has more of, outside quotes), quoted with '"' ("" inside),
// CRLF or LF line ends. Row numbers are the records' (a quoted line break stays in its
// record).
void read_csv(const std::string& bytes, const std::string& sheet, const RowSink&);

// XLSX when the bytes start as a ZIP archive does, else CSV.
bool looks_like_xlsx(const std::string& bytes);

}  // namespace kd::orgimport
