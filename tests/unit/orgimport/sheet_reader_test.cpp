// The readers on real files: workbooks written here with libxlsxwriter (shared strings, and
// inline strings in its constant-memory mode), CSV as spreadsheets export it, and the
// template the API hands out.
#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "services/orgimport/org_file.hpp"
#include "services/orgimport/org_template.hpp"
#include "services/orgimport/sheet_reader.hpp"
#include "services/orgimport/text_fold.hpp"

namespace kd::orgimport {
namespace {

namespace wf = kd::wf;

const wf::Date kToday{2026, 11, 20};

struct Sheet {
  std::string name;
  std::vector<std::pair<int, std::vector<wf::ImportCell>>> rows;
};

std::vector<Sheet> collect(const std::function<void(const RowSink&)>& read) {
  std::vector<Sheet> sheets;
  RowSink sink;
  sink.begin_sheet = [&](const std::string& n) { sheets.push_back(Sheet{n, {}}); };
  sink.row = [&](int r, const std::vector<wf::ImportCell>& c) {
    sheets.back().rows.push_back({r, c});
  };
  sink.end_sheet = [] {};
  read(sink);
  return sheets;
}

// Writes a workbook with `fill` and returns its bytes.
std::string workbook(const std::function<void(lxw_workbook*)>& fill, bool constant_memory = false) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("orgimport-test-" + std::to_string(::getpid()) + ".xlsx");
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  fill(wb);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  std::filesystem::remove(path);
  return out.str();
}

void people_sheet(lxw_workbook* wb, const char* name = "Nhân sự") {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  const char* header[] = {
      "Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân",
      "Mã đơn vị", "Nhóm",      "Đảng viên"};
  for (lxw_col_t c = 0; c < 8; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
  worksheet_write_string(ws, 1, 0, "CB001", nullptr);
  worksheet_write_string(ws, 1, 1, "Nguyễn Thị Lan", nullptr);
  worksheet_write_number(ws, 1, 2, 31120, date);  // 14/03/1985
  worksheet_write_string(ws, 1, 3, "Nữ", nullptr);
  worksheet_write_number(ws, 1, 4, 25185001234, nullptr);  // leading 0 lost in a number
  worksheet_write_string(ws, 1, 5, "SNV-TCCB", nullptr);
  worksheet_write_string(ws, 1, 6, "Công chức", nullptr);
  worksheet_write_boolean(ws, 1, 7, 1, nullptr);
  // Row 4 (row 3 left empty), cells B and F only: positions come from the references.
  worksheet_write_string(ws, 3, 0, "CB002", nullptr);
  worksheet_write_string(ws, 3, 1, "Trần Văn Nam", nullptr);
  worksheet_write_string(ws, 3, 5, "SNV-VP", nullptr);
  worksheet_write_string(ws, 3, 6, "Viên chức", nullptr);
}

TEST(XlsxReader, ReadsSheetsRowsSharedStringsNumbersAndDates) {
  const auto bytes = workbook([](lxw_workbook* wb) {
    lxw_worksheet* units = workbook_add_worksheet(wb, "Đơn vị");
    worksheet_write_string(units, 0, 0, "Mã đơn vị", nullptr);
    worksheet_write_string(units, 0, 1, "Tên đơn vị", nullptr);
    worksheet_write_string(units, 1, 0, "SNV", nullptr);
    worksheet_write_string(units, 1, 1, "Sở Nội vụ", nullptr);
    worksheet_write_formula_str(units, 2, 1, "=B2&\" (2)\"", nullptr, "Sở Nội vụ (2)");
    people_sheet(wb);
  });
  const auto sheets = collect([&](const RowSink& s) { read_xlsx(bytes, s); });
  ASSERT_EQ(sheets.size(), 2u);
  EXPECT_EQ(sheets[0].name, "Đơn vị");
  EXPECT_EQ(sheets[1].name, "Nhân sự");
  ASSERT_EQ(sheets[0].rows.size(), 3u);
  EXPECT_EQ(sheets[0].rows[1].second[1].text, "Sở Nội vụ");
  EXPECT_FALSE(sheets[0].rows[1].second[1].number);
  EXPECT_EQ(sheets[0].rows[2].second[1].text, "Sở Nội vụ (2)");  // a formula's cached value
  const auto& people = sheets[1].rows;
  ASSERT_EQ(people.size(), 3u);
  EXPECT_EQ(people[1].first, 2);
  EXPECT_EQ(people[1].second[2].text, "31120");
  EXPECT_TRUE(people[1].second[2].number);
  EXPECT_EQ(people[1].second[4].text, "25185001234");
  EXPECT_EQ(people[1].second[7].text, "1");
  EXPECT_EQ(people[2].first, 4);
  EXPECT_EQ(people[2].second[5].text, "SNV-VP");
  EXPECT_EQ(people[2].second[2].text, "");
}

TEST(XlsxReader, ReadsInlineStringsOfAStreamedWorkbook) {
  const auto bytes = workbook([](lxw_workbook* wb) { people_sheet(wb); }, true);
  const auto sheets = collect([&](const RowSink& s) { read_xlsx(bytes, s); });
  ASSERT_EQ(sheets.size(), 1u);
  ASSERT_GE(sheets[0].rows.size(), 2u);
  EXPECT_EQ(sheets[0].rows[1].second[1].text, "Nguyễn Thị Lan");
}

TEST(OrgFile, AWorkbookBecomesCheckedRowsWithDatesAndLostZerosRestored) {
  const auto bytes = workbook([](lxw_workbook* wb) { people_sheet(wb); });
  const auto file = read_org_file(bytes, "", kToday);
  ASSERT_TRUE(file.problems.empty()) << file.problems.front().message_vi;
  ASSERT_EQ(file.people.size(), 2u);
  EXPECT_EQ(file.people[0].birth_date, (wf::Date{1985, 3, 14}));
  EXPECT_EQ(file.people[0].personal_id, "025185001234");
  EXPECT_TRUE(file.people[0].party_member);
  EXPECT_EQ(file.people[1].row, 4);
  EXPECT_EQ(file.people[1].group, wf::Group::VienChuc);
}

TEST(OrgFile, ProblemsNameTheSheetRowAndColumnOfTheWorkbook) {
  const auto bytes = workbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "DS cán bộ");
    const char* header[] = {"MÃ CÁN BỘ", "HỌ VÀ TÊN", "NGÀY SINH", "MÃ ĐƠN VỊ", "NHÓM"};
    for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(ws, 2, c, header[c], nullptr);
    worksheet_write_string(ws, 3, 0, "CB1", nullptr);
    worksheet_write_string(ws, 3, 1, "Lê Văn Bình", nullptr);
    worksheet_write_string(ws, 3, 2, "30/02/1990", nullptr);
    worksheet_write_string(ws, 3, 3, "U1", nullptr);
    worksheet_write_string(ws, 3, 4, "CÔNG CHỨC", nullptr);
  });
  const auto file = read_org_file(bytes, "", kToday);
  ASSERT_EQ(file.problems.size(), 1u);
  const auto& p = file.problems[0];
  EXPECT_EQ(p.code, "bad_date");
  EXPECT_EQ(p.sheet, "DS cán bộ");
  EXPECT_EQ(p.row, 4);
  EXPECT_EQ(p.column, "Ngày sinh");
  EXPECT_EQ(p.message_vi,
            "Dòng 4: Ngày sinh \"30/02/1990\" không phải là ngày (ghi theo dạng dd/mm/yyyy).");
  EXPECT_EQ(file.people[0].group, wf::Group::CongChuc);  // capitals folded
}

TEST(OrgFile, ANonWorkbookIsOneProblemOfTheFile) {
  const auto file = read_org_file(std::string("PK\x03\x04garbage", 11), "", kToday);
  ASSERT_EQ(file.problems.size(), 1u);
  EXPECT_EQ(file.problems[0].code, "unreadable_file");
  EXPECT_EQ(file.problems[0].row, 0);
}

TEST(CsvReader, ReadsSemicolonsBomQuotesAndLineBreaksInFields) {
  const std::string csv =
      "\xEF\xBB\xBFMã cán bộ;Họ và tên;Chức vụ\r\n"
      "CB1;\"Lê Văn \"\"Bình\"\"\";\"Phó Trưởng phòng;\nkiêm Chánh Văn phòng\"\r\n"
      "CB2;  Trần Văn Nam  ;\r\n";
  const auto sheets = collect([&](const RowSink& s) { read_csv(csv, "nhansu.csv", s); });
  ASSERT_EQ(sheets.size(), 1u);
  EXPECT_EQ(sheets[0].name, "nhansu.csv");
  const auto& rows = sheets[0].rows;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].second[0].text, "Mã cán bộ");
  EXPECT_EQ(rows[1].second[1].text, "Lê Văn \"Bình\"");
  EXPECT_EQ(rows[1].second[2].text, "Phó Trưởng phòng;\nkiêm Chánh Văn phòng");
  EXPECT_EQ(rows[2].first, 3);
  EXPECT_EQ(rows[2].second[1].text, "Trần Văn Nam");
  EXPECT_EQ(rows[2].second[2].text, "");
}

TEST(CsvReader, CommasWithoutBomAndDecomposedLettersComeOutNfc) {
  // "Nguyễn" typed with combining marks: e + U+0302 + U+0303.
  const std::string csv = "Mã cán bộ,Họ và tên\nCB1,Nguye\xCC\x82\xCC\x83n Văn A\n";
  const auto sheets = collect([&](const RowSink& s) { read_csv(csv, "x.csv", s); });
  ASSERT_EQ(sheets[0].rows.size(), 2u);
  EXPECT_EQ(sheets[0].rows[1].second[1].text, "Nguyễn Văn A");
}

TEST(CsvReader, NotUtf8OrAnOpenQuoteIsUnreadable) {
  EXPECT_THROW(collect([](const RowSink& s) { read_csv("Mã;H\xE4\n", "x.csv", s); }),
               UnreadableFile);
  EXPECT_THROW(collect([](const RowSink& s) { read_csv("a;\"b\nc\n", "x.csv", s); }),
               UnreadableFile);
  const auto file = read_org_file("Mã cán bộ;H\xE4\n", "x.csv", kToday);
  ASSERT_EQ(file.problems.size(), 1u);
  EXPECT_EQ(file.problems[0].code, "unreadable_file");
  EXPECT_NE(file.problems[0].message_vi.find("UTF-8"), std::string::npos);
}

TEST(CsvReader, APeopleCsvIsReadLikeItsSheet) {
  const std::string csv =
      "Mã cán bộ;Họ và tên;Mã đơn vị;Nhóm;Số định danh cá nhân;Ngày sinh;Giới tính\n"
      "CB1;Lê Văn Bình;U1;Công chức;025285001234;14/03/1985;Nam\n";
  const auto file = read_org_file(csv, "nhansu.csv", kToday);
  ASSERT_EQ(file.problems.size(), 1u);
  EXPECT_EQ(file.problems[0].code, "bad_personal_id");
  EXPECT_EQ(file.problems[0].sheet, "nhansu.csv");
  EXPECT_EQ(file.problems[0].row, 2);
  EXPECT_EQ(file.problems[0].column, "Số định danh cá nhân");
}

TEST(TextFold, FoldsVietnameseCapitalsAndSpaces) {
  EXPECT_EQ(fold_text("  MÃ   CÁN BỘ "), "mã cán bộ");
  EXPECT_EQ(fold_text("ĐẢNG VIÊN"), "đảng viên");
  EXPECT_EQ(clean_text("\xC2\xA0Nữ "), "Nữ");
}

TEST(OrgTemplate, TheTemplateReadsBackWithItsExampleRowsAndNoProblem) {
  const auto bytes = org_template_xlsx();
  const auto file = read_org_file(bytes, "", kToday);
  ASSERT_TRUE(file.problems.empty()) << file.problems.front().message_vi;
  EXPECT_EQ(file.units_sheet, "Đơn vị");
  EXPECT_EQ(file.people_sheet, "Nhân sự");
  ASSERT_EQ(file.units.size(), 1u);
  EXPECT_EQ(file.units[0].superior_name, "UBND TỈNH PHÚ THỌ");
  ASSERT_EQ(file.people.size(), 1u);
  EXPECT_EQ(file.people[0].birth_date, (wf::Date{1985, 5, 12}));
  EXPECT_EQ(file.people[0].unit_since, (wf::Date{2015, 9, 1}));
  EXPECT_EQ(file.people[0].personal_id, "025085001234");
  EXPECT_EQ(file.person_columns.size(), wf::person_columns().size());
  EXPECT_EQ(file.unit_columns.size(), wf::unit_columns().size());
  ASSERT_EQ(file.ignored.size(), 1u);  // the instructions sheet
  EXPECT_NE(file.ignored[0].find("Hướng dẫn"), std::string::npos);
}

}  // namespace
}  // namespace kd::orgimport
