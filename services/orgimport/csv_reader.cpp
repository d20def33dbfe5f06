#include "services/orgimport/sheet_reader.hpp"
#include "services/orgimport/text_fold.hpp"
#include "services/text/utf8_text.hpp"

namespace kd::orgimport {
namespace {

// The separator the first line uses more of, outside quotes (',' on a tie).
char separator(const std::string& text, std::size_t from) {
  int commas = 0, semicolons = 0;
  bool quoted = false;
  for (std::size_t i = from; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

}  // namespace

void read_csv(const std::string& bytes, const std::string& sheet, const RowSink& sink) {
  const std::size_t start = bytes.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  if (!kd::text::is_valid_utf8(std::string_view(bytes).substr(start)))
    throw UnreadableFile(
        "Tệp CSV không phải văn bản UTF-8: trong Excel chọn \"Lưu dưới dạng\" → \"CSV UTF-8 "
        "(phân cách bằng dấu phẩy)\".");
  const char sep = separator(bytes, start);
  sink.begin_sheet(sheet);
  std::vector<kd::wf::ImportCell> cells;
  std::string field;
  bool quoted = false;
  bool was_quoted = false;
  int record = 1;
  const auto end_field = [&] {
    cells.push_back(kd::wf::ImportCell{clean_text(field), false});
    field.clear();
    was_quoted = false;
  };
  const auto end_record = [&] {
    end_field();
    sink.row(record++, cells);
    cells.clear();
  };
  for (std::size_t i = start; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (quoted) {
      if (c == '"' && i + 1 < bytes.size() && bytes[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == sep) {
      end_field();
    } else if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') {
      continue;
    } else if (c == '\n' || c == '\r') {
      end_record();
    } else {
      field.push_back(c);
    }
  }
  if (quoted)
    throw UnreadableFile("Tệp CSV thiếu dấu \" đóng ở dòng " + std::to_string(record) + ".");
  if (!field.empty() || !cells.empty()) end_record();
  sink.end_sheet();
}

}  // namespace kd::orgimport
