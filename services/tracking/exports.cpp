#include "services/tracking/exports.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>

namespace kd::tracking {
namespace {

std::string csv_field(const Cell& c) {
  if (const auto* n = std::get_if<long long>(&c)) return std::to_string(*n);
  const std::string& s = std::get<std::string>(c);
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

// libxlsxwriter 1.1.4 writes to a file only: a private temporary one, removed afterwards.
std::filesystem::path temp_path() {
  std::random_device rd;
  return std::filesystem::temp_directory_path() /
         ("kd-export-" + std::to_string(::getpid()) + "-" + std::to_string(rd()) + ".xlsx");
}

}  // namespace

std::string to_csv(const Table& t) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark
  auto line = [&](const std::vector<Cell>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      out += csv_field(cells[i]);
    }
    out += "\r\n";
  };
  line(std::vector<Cell>(t.header.begin(), t.header.end()));
  for (const auto& r : t.rows) line(r);
  return out;
}

std::string to_xlsx(const Table& t) {
  const auto path = temp_path();
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("xlsx: cannot create " + path.string());
  const std::string sheet_name = t.title.empty() ? "Sheet1" : t.title;
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (std::size_t c = 0; c < t.header.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.header[c].c_str(), bold);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), 18, nullptr);
  }
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const Cell& cell = t.rows[r][c];
      if (const auto* n = std::get_if<long long>(&cell)) {
        worksheet_write_number(ws, row, col, static_cast<double>(*n), nullptr);
      } else {
        worksheet_write_string(ws, row, col, std::get<std::string>(cell).c_str(), nullptr);
      }
    }
  }
  worksheet_freeze_panes(ws, 1, 0);
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(err));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::error_code ec;
  std::filesystem::remove(path, ec);
  return bytes.str();
}

}  // namespace kd::tracking
