#include "services/codec/task_csv.hpp"

#include <cstdio>
#include <map>

#include "workflow/calendar.hpp"
#include "workflow/points.hpp"

namespace kd::codec {
namespace {

namespace wf = kd::wf;

enum class Column { ExternalId, Title, ProductCode, Assigned, Due, Completed };

const std::map<std::string, Column>& column_names() {
  static const std::map<std::string, Column> names = {
      {"external_id", Column::ExternalId},
      {"mã", Column::ExternalId},
      {"title", Column::Title},
      {"nhiệm vụ", Column::Title},
      {"product_code", Column::ProductCode},
      {"mã sản phẩm", Column::ProductCode},
      {"assigned", Column::Assigned},
      {"số lượng giao", Column::Assigned},
      {"due", Column::Due},
      {"hạn hoàn thành", Column::Due},
      {"completed", Column::Completed},
      {"số lượng hoàn thành", Column::Completed},
  };
  return names;
}

// ASCII letters lowercased, spaces around trimmed ("Mã Sản phẩm " reads as "mã sản phẩm" only
// when the Vietnamese letters are already lowercase, as spreadsheets write them).
std::string fold(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// Splits the text into records of fields (RFC 4180 quoting; CRLF or LF line ends).
struct Record {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

bool split(const std::string& text, char sep, std::vector<Record>& out, std::string& error) {
  Record rec;
  std::string field;
  bool quoted = false;
  bool any = false;
  std::size_t line = 1;
  rec.line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      quoted = true;
      any = true;
    } else if (c == sep) {
      rec.fields.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      rec.fields.push_back(std::move(field));
      field.clear();
      if (any || rec.fields.size() > 1 || !rec.fields[0].empty()) out.push_back(std::move(rec));
      rec = Record{};
      rec.line = ++line;
      any = false;
    } else {
      field.push_back(c);
      any = true;
    }
  }
  if (quoted) {
    error = "Dòng " + std::to_string(rec.line) + ": thiếu dấu \" đóng.";
    return false;
  }
  rec.fields.push_back(std::move(field));
  if (any || rec.fields.size() > 1 || !rec.fields[0].empty()) out.push_back(std::move(rec));
  return true;
}

wf::Refusal invalid(std::string message, std::string field) {
  return wf::Refusal{wf::RefusalKind::GuardFailed, "csv_invalid", std::move(message),
                     std::move(field)};
}

std::optional<wf::Date> parse_date(const std::string& s) {
  if (auto d = wf::parse_iso_date(s)) return d;
  int day = 0, month = 0, year = 0;
  char a = 0, b = 0;
  if (std::sscanf(s.c_str(), "%2d%c%2d%c%4d", &day, &a, &month, &b, &year) == 5 && a == '/' &&
      b == '/') {
    const wf::Date d{year, month, day};
    if (wf::is_valid(d)) return d;
  }
  return std::nullopt;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

TaskCsv parse_task_csv(const std::string& input, std::size_t max_rows) {
  TaskCsv out;
  std::string text = input.rfind("\xEF\xBB\xBF", 0) == 0 ? input.substr(3) : input;
  const auto header_end = text.find('\n');
  const std::string header_line = text.substr(0, header_end);
  const char sep = header_line.find(';') != std::string::npos ? ';' : ',';
  std::vector<Record> records;
  std::string error;
  if (!split(text, sep, records, error)) {
    out.refusals.push_back(invalid(error, "file"));
    return out;
  }
  if (records.empty()) {
    out.refusals.push_back(invalid("Tệp CSV rỗng: cần dòng tiêu đề và các dòng nhiệm vụ.", "file"));
    return out;
  }
  std::vector<Column> columns;
  std::map<Column, bool> present;
  for (const auto& name : records[0].fields) {
    const auto it = column_names().find(fold(name));
    if (it == column_names().end()) {
      out.refusals.push_back(invalid("Cột \"" + trim(name) + "\" không được hỗ trợ.", "line 1"));
      continue;
    }
    columns.push_back(it->second);
    present[it->second] = true;
  }
  for (auto [c, label] : {std::pair{Column::ExternalId, "Mã"}, std::pair{Column::Title, "Nhiệm vụ"},
                          std::pair{Column::ProductCode, "Mã sản phẩm"},
                          std::pair{Column::Assigned, "Số lượng giao"}}) {
    if (!present[c])
      out.refusals.push_back(invalid(std::string("Thiếu cột \"") + label + "\".", "line 1"));
  }
  if (!out.refusals.empty()) return out;
  if (records.size() - 1 > max_rows) {
    out.refusals.push_back(invalid(
        "Tệp có quá nhiều dòng (tối đa " + std::to_string(max_rows) + " nhiệm vụ).", "file"));
    return out;
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    const std::string at = "line " + std::to_string(rec.line);
    const std::string dong = "Dòng " + std::to_string(rec.line);
    if (rec.fields.size() != columns.size()) {
      out.refusals.push_back(invalid(dong + ": có " + std::to_string(rec.fields.size()) +
                                         " cột, tiêu đề có " + std::to_string(columns.size()) + ".",
                                     at));
      continue;
    }
    wf::ImportedTask t;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const std::string v = trim(rec.fields[i]);
      switch (columns[i]) {
        case Column::ExternalId:
          t.external_id = v;
          break;
        case Column::Title:
          t.title = v;
          break;
        case Column::ProductCode:
          t.product_code = v;
          break;
        case Column::Assigned:
        case Column::Completed: {
          if (v.empty() && columns[i] == Column::Completed) break;
          const auto q = wf::parse_scaled(v, 2);
          if (!q) {
            out.refusals.push_back(
                invalid(dong + ": số lượng \"" + v +
                            "\" không hợp lệ (số không âm, tối đa 2 chữ số thập phân).",
                        at + (columns[i] == Column::Assigned ? ".assigned" : ".completed")));
          } else if (columns[i] == Column::Assigned) {
            t.assigned = *q;
          } else {
            t.completed = *q;
          }
          break;
        }
        case Column::Due:
          if (v.empty()) break;
          if (auto d = parse_date(v)) {
            t.due = d;
          } else {
            out.refusals.push_back(
                invalid(dong + ": hạn \"" + v + "\" không phải ngày (dd/mm/yyyy).", at + ".due"));
          }
          break;
      }
    }
    out.tasks.push_back(std::move(t));
  }
  return out;
}

}  // namespace kd::codec
