#include "services/orgimport/org_template.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "workflow/org_import.hpp"

namespace kd::orgimport {
namespace {

namespace wf = kd::wf;

// What each column holds, for the instructions sheet.
const char* const kUnitNotes[] = {
    "Bắt buộc. Mã ổn định của đơn vị, không có khoảng trắng (ví dụ SNV-VP).",
    "Bắt buộc. Tên đầy đủ của đơn vị.",
    "Mã của đơn vị cấp trên: một đơn vị trong trang này, hoặc đơn vị bạn quản trị. Để trống "
    "chỉ cho chính đơn vị bạn quản trị.",
    "\"Cơ quan\" hoặc \"Đơn vị\" (để trống: đơn vị).",
    "Tên cơ quan cấp trên in ở đầu văn bản, chữ in hoa (ví dụ UBND TỈNH PHÚ THỌ).",
    "Địa danh ghi trước ngày tháng của văn bản (ví dụ Phú Thọ).",
    "Chức danh người đứng đầu ghi ở chữ ký văn bản (ví dụ Giám đốc, Chủ tịch). Để trống: ghi "
    "chức vụ của người ký.",
    "Chức danh cấp phó ký thay người đứng đầu (ví dụ Phó Giám đốc): văn bản ghi \"KT. GIÁM ĐỐC\" "
    "trên \"PHÓ GIÁM ĐỐC\".",
    "Chỉ ghi cho cơ quan làm việc theo chế độ tập thể, tên tập thể ký thay mặt (ví dụ Ủy ban nhân "
    "dân: \"TM. ỦY BAN NHÂN DÂN\"). Để trống cho cơ quan làm việc theo chế độ thủ trưởng.",
};

const char* const kPersonNotes[] = {
    "Bắt buộc. Mã cán bộ do cơ quan quản lý, không đổi qua các lần nhập.",
    "Bắt buộc.",
    "Ngày/tháng/năm (dd/mm/yyyy) hoặc ô kiểu ngày.",
    "Nam hoặc Nữ.",
    "12 chữ số của căn cước công dân; chữ số thứ 4 phải khớp thế kỷ sinh và giới tính, chữ "
    "số 5–6 là hai số cuối năm sinh. Ghi ở dạng văn bản để giữ số 0 ở đầu.",
    "Bắt buộc. Mã đơn vị nơi người này công tác (trong trang Đơn vị, hoặc đã có).",
    "Ví dụ: Chuyên viên, Phó Trưởng phòng.",
    "Chức danh nghề nghiệp hoặc ngạch, ví dụ Chuyên viên chính (01.002).",
    "Bắt buộc. Cán bộ, Công chức hoặc Viên chức.",
    "Không, Cấp trưởng, Cấp phó (hoặc Có).",
    "Có hoặc Không.",
    "Tên chi bộ, chỉ ghi cho đảng viên.",
    "Địa chỉ thư điện tử công vụ.",
    "Số điện thoại, ghi ở dạng văn bản.",
    "Ngày bắt đầu công tác tại đơn vị hiện tại: ngày của dòng lịch sử công tác khi chuyển đơn vị.",
    "Số nguyên từ 0 đến 12, trong năm đánh giá.",
    "Có hoặc Không, trong năm đánh giá.",
    "Có hoặc Không: bị kỷ luật từ khiển trách trở lên trong năm đánh giá.",
};

double serial(int y, int m, int d) {
  return static_cast<double>(wf::Date::days_from_civil(wf::Date{y, m, d}) + 25569);
}

std::filesystem::path temp_path() {
  static int n = 0;
  return std::filesystem::temp_directory_path() /
         ("kiemdiem-template-" + std::to_string(::getpid()) + "-" + std::to_string(++n) + ".xlsx");
}

}  // namespace

std::string org_template_xlsx() {
  const auto path = temp_path();
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("xlsx: cannot create " + path.string());
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_text_wrap(head);
  format_set_bg_color(head, 0xDDEBF7);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);

  lxw_worksheet* units = workbook_add_worksheet(wb, kUnitsSheet);
  lxw_col_t c = 0;
  for (const auto& [col, header] : wf::unit_columns()) {
    worksheet_write_string(units, 0, c, header.c_str(), head);
    worksheet_set_column(units, c, c, col == wf::UnitColumn::Name ? 32 : 22, text);
    ++c;
  }
  const char* unit_example[] = {"SNV-VP",          "Văn phòng Sở",        "SNV",
                                "Đơn vị",          "UBND TỈNH PHÚ THỌ",   "Phú Thọ",
                                "Chánh Văn phòng", "Phó Chánh Văn phòng", ""};
  for (lxw_col_t i = 0; i < 9; ++i)
    if (*unit_example[i]) worksheet_write_string(units, 1, i, unit_example[i], text);
  worksheet_freeze_panes(units, 1, 0);

  lxw_worksheet* people = workbook_add_worksheet(wb, kPeopleSheet);
  c = 0;
  for (const auto& [col, header] : wf::person_columns()) {
    worksheet_write_string(people, 0, c, header.c_str(), head);
    const bool is_date = col == wf::PersonColumn::BirthDate || col == wf::PersonColumn::UnitSince;
    worksheet_set_column(people, c, c, col == wf::PersonColumn::FullName ? 26 : 16,
                         is_date ? date : text);
    ++c;
  }
  worksheet_set_row(people, 0, 45, nullptr);
  const char* person_example[] = {"CB0001",
                                  "Nguyễn Văn An",
                                  nullptr,
                                  "Nam",
                                  "025085001234",
                                  "SNV-VP",
                                  "Chuyên viên",
                                  "Chuyên viên (01.003)",
                                  "Công chức",
                                  "Không",
                                  "Có",
                                  "Chi bộ Văn phòng",
                                  "an.nv@snv.phutho.gov.vn",
                                  "0912345678",
                                  nullptr,
                                  "0",
                                  "Không",
                                  "Không"};
  for (lxw_col_t i = 0; i < 18; ++i)
    if (person_example[i]) worksheet_write_string(people, 1, i, person_example[i], text);
  worksheet_write_number(people, 1, 2, serial(1985, 5, 12), date);
  worksheet_write_number(people, 1, 14, serial(2015, 9, 1), date);
  worksheet_freeze_panes(people, 1, 2);

  lxw_worksheet* help = workbook_add_worksheet(wb, "Hướng dẫn");
  worksheet_set_column(help, 0, 0, 12, nullptr);
  worksheet_set_column(help, 1, 1, 36, nullptr);
  worksheet_set_column(help, 2, 2, 90, wrap);
  worksheet_write_string(help, 0, 0, "Trang", head);
  worksheet_write_string(help, 0, 1, "Cột", head);
  worksheet_write_string(help, 0, 2, "Cách ghi", head);
  lxw_row_t r = 1;
  std::size_t i = 0;
  for (const auto& [col, header] : wf::unit_columns()) {
    worksheet_write_string(help, r, 0, kUnitsSheet, nullptr);
    worksheet_write_string(help, r, 1, header.c_str(), nullptr);
    worksheet_write_string(help, r++, 2, kUnitNotes[i++], wrap);
  }
  i = 0;
  for (const auto& [col, header] : wf::person_columns()) {
    worksheet_write_string(help, r, 0, kPeopleSheet, nullptr);
    worksheet_write_string(help, r, 1, header.c_str(), nullptr);
    worksheet_write_string(help, r++, 2, kPersonNotes[i++], wrap);
  }
  worksheet_write_string(
      help, ++r, 2,
      "Mỗi lần nhập là toàn bộ đơn vị bạn quản trị: người không có trong tệp được ngừng theo dõi "
      "(không bị xóa; hồ sơ đánh giá được giữ nguyên). Nhập lại cùng một tệp không thay đổi gì. "
      "Cột không có trong tệp thì thông tin đó được giữ nguyên.",
      wrap);

  const lxw_error err = workbook_close(wb);
  std::error_code ec;
  if (err != LXW_NO_ERROR) {
    std::filesystem::remove(path, ec);
    throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(err));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path, ec);
  return bytes.str();
}

}  // namespace kd::orgimport
