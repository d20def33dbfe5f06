#include "services/orgimport/org_file.hpp"

#include "services/orgimport/sheet_reader.hpp"
#include "services/orgimport/text_fold.hpp"

namespace kd::orgimport {

kd::wf::OrgFile read_org_file(const std::string& bytes, const std::string& csv_sheet,
                              const kd::wf::Date& today) {
  kd::wf::OrgFileReader reader(fold_text, today);
  RowSink sink;
  sink.begin_sheet = [&](const std::string& name) { reader.begin_sheet(name); };
  sink.row = [&](int n, const std::vector<kd::wf::ImportCell>& cells) { reader.add_row(n, cells); };
  sink.end_sheet = [&] { reader.end_sheet(); };
  try {
    if (looks_like_xlsx(bytes))
      read_xlsx(bytes, sink);
    else
      read_csv(bytes, csv_sheet, sink);
  } catch (const UnreadableFile& e) {
    kd::wf::OrgFile file;
    file.problems.push_back(kd::wf::ImportProblem{"unreadable_file", "", 0, "", e.what()});
    return file;
  }
  auto file = reader.finish();
  if (file.units_sheet.empty() && file.people_sheet.empty() && file.problems.empty())
    file.problems.push_back(kd::wf::ImportProblem{
        "no_sheet", "", 0, "",
        "Tệp không có trang danh sách đơn vị (cột \"Tên đơn vị\") hay danh sách cán bộ (cột "
        "\"Mã cán bộ\"): dùng tệp mẫu."});
  return file;
}

}  // namespace kd::orgimport
