// Reading the personnel office's sheets: headers, cells, and every problem with its sheet,
// row, column and Vietnamese reason.
#include <gtest/gtest.h>

#include "tests/unit/workflow/org_import_fixture.hpp"

namespace kd::wf {
namespace {

using namespace test;

TEST(OrgFileReader, FindsTheHeaderBelowTitleRowsAndReadsEveryColumn) {
  OrgFileReader r = reader();
  r.begin_sheet("Nhân sự");
  r.add_row(1, {cell("DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2026")});
  r.add_row(2, {});
  r.add_row(3, people_header());
  r.add_row(4, person_cells("CB001", "Nguyễn Thị Lan", "SNV-TCCB"));
  r.end_sheet();
  const auto f = r.finish();
  ASSERT_TRUE(f.problems.empty()) << f.problems.front().message_vi;
  EXPECT_EQ(f.people_sheet, "Nhân sự");
  ASSERT_EQ(f.people.size(), 1u);
  const auto& p = f.people[0];
  EXPECT_EQ(p.row, 4);
  EXPECT_EQ(p.code, "CB001");
  EXPECT_EQ(p.full_name, "Nguyễn Thị Lan");
  EXPECT_EQ(p.birth_date, (Date{1985, 3, 14}));
  EXPECT_EQ(p.sex, Sex::Female);
  EXPECT_EQ(p.personal_id, "025185001234");
  EXPECT_EQ(p.unit_code, "SNV-TCCB");
  EXPECT_EQ(p.position, "Chuyên viên");
  EXPECT_EQ(p.title, "Chuyên viên chính");
  EXPECT_EQ(p.group, Group::CongChuc);
  EXPECT_EQ(p.leader, LeaderLevel::Deputy);
  EXPECT_TRUE(p.party_member);
  EXPECT_EQ(p.party_cell, "Chi bộ Phòng Tổ chức cán bộ");
  EXPECT_EQ(p.email, "lan.nt@snv.phutho.gov.vn");
  EXPECT_EQ(p.phone, "0912345678");
  EXPECT_EQ(p.unit_since, (Date{2015, 8, 1}));
  EXPECT_EQ(p.facts.leave_months, 2);
  EXPECT_EQ(p.facts.maternity, false);
  EXPECT_EQ(p.facts.disciplined, false);
}

TEST(OrgFileReader, HeadersMatchWhateverTheirCaseAndUnknownColumnsAreListed) {
  OrgFileReader r = reader();
  r.begin_sheet("Sheet1");
  r.add_row(1, {cell("STT"), cell("MÃ CÁN BỘ"), cell("Họ tên"), cell("Mã đơn vị"), cell("NHÓM"),
                cell("Quê quán")});
  r.add_row(2, {cell("1"), cell("CB9"), cell("Lê Văn Bình"), cell("U1"), cell("Viên chức"),
                cell("Phú Thọ")});
  r.end_sheet();
  const auto f = r.finish();
  ASSERT_TRUE(f.problems.empty());
  ASSERT_EQ(f.people.size(), 1u);
  EXPECT_EQ(f.people[0].full_name, "Lê Văn Bình");
  EXPECT_EQ(f.people[0].group, Group::VienChuc);
  ASSERT_EQ(f.ignored.size(), 1u);
  EXPECT_NE(f.ignored[0].find("\"Quê quán\""), std::string::npos);
  EXPECT_FALSE(f.has(PersonColumn::Email));
  EXPECT_TRUE(f.has(PersonColumn::Group));
}

TEST(OrgFileReader, AMissingRequiredColumnNamesItAndSkipsTheSheet) {
  OrgFileReader r = reader();
  r.begin_sheet("Nhân sự");
  r.add_row(1, {cell("Mã cán bộ"), cell("Họ và tên"), cell("Nhóm")});
  r.add_row(2, {cell("CB1"), cell("Lê Văn Bình"), cell("Công chức")});
  r.end_sheet();
  const auto f = r.finish();
  ASSERT_EQ(f.problems.size(), 1u);
  EXPECT_EQ(f.problems[0].code, "missing_column");
  EXPECT_EQ(f.problems[0].sheet, "Nhân sự");
  EXPECT_EQ(f.problems[0].row, 1);
  EXPECT_EQ(f.problems[0].column, "Mã đơn vị");
  EXPECT_TRUE(f.people.empty());
}

TEST(OrgFileReader, ASheetWithoutAHeaderIsLeftOutAndSaidSo) {
  OrgFileReader r = reader();
  r.begin_sheet("Ghi chú");
  for (int i = 1; i <= 12; ++i) r.add_row(i, {cell("ghi chú " + std::to_string(i))});
  r.end_sheet();
  const auto f = r.finish();
  EXPECT_TRUE(f.problems.empty());
  EXPECT_TRUE(f.people_sheet.empty());
  ASSERT_EQ(f.ignored.size(), 1u);
  EXPECT_NE(f.ignored[0].find("\"Ghi chú\""), std::string::npos);
}

TEST(OrgFileReader, EmptyRequiredCellsAreProblemsOfTheirRowAndColumn) {
  const auto f = people_file({person_cells("", "", "")});
  EXPECT_TRUE(has_problem(f.problems, "required", 2, "Mã cán bộ"));
  EXPECT_TRUE(has_problem(f.problems, "required", 2, "Họ và tên"));
  EXPECT_TRUE(has_problem(f.problems, "required", 2, "Mã đơn vị"));
}

TEST(OrgFileReader, DatesAreReadAsTextOrSpreadsheetSerialNumbers) {
  EXPECT_EQ(parse_import_date(cell("14/03/1985")), (Date{1985, 3, 14}));
  EXPECT_EQ(parse_import_date(cell("4/3/1985")), (Date{1985, 3, 4}));
  EXPECT_EQ(parse_import_date(cell("1985-03-14")), (Date{1985, 3, 14}));
  EXPECT_EQ(parse_import_date(cell("14.03.1985")), (Date{1985, 3, 14}));
  EXPECT_EQ(parse_import_date(number("31120")), (Date{1985, 3, 14}));
  EXPECT_EQ(parse_import_date(number("31120.5")), (Date{1985, 3, 14}));
  EXPECT_EQ(parse_import_date(number("61")), (Date{1900, 3, 1}));
  EXPECT_FALSE(parse_import_date(cell("31/02/1985")));
  EXPECT_FALSE(parse_import_date(cell("14/03/85")));
  EXPECT_FALSE(parse_import_date(cell("31120")));  // text, not a serial number
  EXPECT_FALSE(parse_import_date(cell("14/03-1985")));
  EXPECT_FALSE(parse_import_date(number("-5")));
}

TEST(OrgFileReader, ABadDateNamesItsColumn) {
  auto row = person_cells("CB1", "Lê Văn Bình", "U1");
  row[2] = cell("31/02/1985");
  auto late = person_cells("CB2", "Lê Văn Cường", "U1");
  late[2] = cell("01/01/2027");  // after today
  late[4] = cell("");
  auto before_birth = person_cells("CB3", "Lê Văn Dũng", "U1");
  before_birth[14] = cell("01/01/1980");
  const auto f = people_file({row, late, before_birth});
  ASSERT_TRUE(has_problem(f.problems, "bad_date", 2, "Ngày sinh"));
  EXPECT_NE(problem_at(f.problems, 2, "Ngày sinh").message_vi.find("31/02/1985"),
            std::string::npos);
  EXPECT_TRUE(has_problem(f.problems, "bad_date", 3, "Ngày sinh"));
  EXPECT_TRUE(has_problem(f.problems, "bad_date", 4, "Ngày bắt đầu công tác tại đơn vị"));
}

TEST(PersonalId, TwelveDigitsWhoseFourthGivesCenturyAndSex) {
  EXPECT_FALSE(personal_id_problem("025185001234", Date{1985, 3, 14}, Sex::Female));
  EXPECT_FALSE(personal_id_problem("001090001234", Date{1990, 1, 1}, Sex::Male));
  EXPECT_FALSE(personal_id_problem("001303001234", Date{2003, 1, 1}, Sex::Female));
  EXPECT_FALSE(personal_id_problem("001202001234", Date{2002, 1, 1}, Sex::Male));
  EXPECT_FALSE(personal_id_problem("001303001234", std::nullopt, std::nullopt));
  EXPECT_TRUE(personal_id_problem("02518500123", std::nullopt, std::nullopt));
  EXPECT_TRUE(personal_id_problem("0251850012345", std::nullopt, std::nullopt));
  EXPECT_TRUE(personal_id_problem("02518500123A", std::nullopt, std::nullopt));
  // Born in the 1900s but coded 2 (2000s, male).
  const auto century = personal_id_problem("025285001234", Date{1985, 3, 14}, Sex::Male);
  ASSERT_TRUE(century);
  EXPECT_NE(century->find("2000–2099"), std::string::npos);
  // Coded 0 (male) for a woman.
  const auto sex = personal_id_problem("025085001234", Date{1985, 3, 14}, Sex::Female);
  ASSERT_TRUE(sex);
  EXPECT_NE(sex->find("giới tính nam"), std::string::npos);
  // Year digits 86 for a person born in 1985.
  EXPECT_TRUE(personal_id_problem("025186001234", Date{1985, 3, 14}, Sex::Female));
  EXPECT_EQ(personal_id_century_digit(1999, Sex::Female), '1');
  EXPECT_EQ(personal_id_century_digit(2000, Sex::Male), '2');
  EXPECT_EQ(personal_id_century_digit(2100, Sex::Female), '5');
  EXPECT_FALSE(personal_id_century_digit(1899, Sex::Male));
}

TEST(OrgFileReader, PersonalIdsAreCheckedAgainstBirthAndSexAndRegainLostZeros) {
  auto shortid = person_cells("CB1", "Lê Văn Bình", "U1");
  shortid[4] = cell("02518500123");
  auto man = person_cells("CB2", "Lê Văn Cường", "U1");
  man[3] = cell("Nam");  // the ID's digit 4 is 1: a woman
  auto numeric = person_cells("CB3", "Lê Thị Hoa", "U1");
  numeric[4] = number("25185001234");  // 025185001234 typed in a number cell
  const auto f = people_file({shortid, man, numeric});
  EXPECT_TRUE(has_problem(f.problems, "bad_personal_id", 2, "Số định danh cá nhân"));
  EXPECT_TRUE(has_problem(f.problems, "bad_personal_id", 3, "Số định danh cá nhân"));
  EXPECT_FALSE(has_problem(f.problems, "bad_personal_id", 4, "Số định danh cá nhân"));
  EXPECT_EQ(f.people[2].personal_id, "025185001234");
}

TEST(OrgFileReader, DuplicateCodesAndIdsNameTheFirstRow) {
  auto a = person_cells("CB1", "Lê Văn Bình", "U1");
  auto b = person_cells("CB1", "Lê Văn Cường", "U1");
  b[4] = cell("");
  auto c = person_cells("CB3", "Lê Thị Hoa", "U1");  // same ID as a
  const auto f = people_file({a, b, c});
  ASSERT_TRUE(has_problem(f.problems, "duplicate_code", 3, "Mã cán bộ"));
  EXPECT_NE(problem_at(f.problems, 3, "Mã cán bộ").message_vi.find("dòng 2"), std::string::npos);
  EXPECT_TRUE(has_problem(f.problems, "duplicate_personal_id", 4, "Số định danh cá nhân"));

  const auto u =
      units_file({unit_cells("U1", "Sở Nội vụ", ""), unit_cells("U1", "Văn phòng", "U1")});
  EXPECT_TRUE(has_problem(u.problems, "duplicate_code", 3, "Mã đơn vị"));
}

TEST(OrgFileReader, ACycleInTheUnitTreeIsReportedOnEachOfItsRows) {
  const auto f = units_file({unit_cells("A", "Phòng A", "B"), unit_cells("B", "Phòng B", "C"),
                             unit_cells("C", "Phòng C", "A"), unit_cells("D", "Phòng D", "A"),
                             unit_cells("E", "Phòng E", "E")});
  EXPECT_TRUE(has_problem(f.problems, "unit_cycle", 2, "Mã đơn vị cấp trên"));
  EXPECT_TRUE(has_problem(f.problems, "unit_cycle", 3, "Mã đơn vị cấp trên"));
  EXPECT_TRUE(has_problem(f.problems, "unit_cycle", 4, "Mã đơn vị cấp trên"));
  EXPECT_FALSE(has_problem(f.problems, "unit_cycle", 5, "Mã đơn vị cấp trên"));
  EXPECT_TRUE(has_problem(f.problems, "unit_cycle", 6, "Mã đơn vị cấp trên"));
  EXPECT_NE(problem_at(f.problems, 2, "Mã đơn vị cấp trên").message_vi.find("A → B → C → A"),
            std::string::npos);
}

TEST(OrgFileReader, ValuesOutsideTheirListsAreRefusedWithWhatWasWritten) {
  auto row = person_cells("CB1", "Lê Văn Bình", "U1");
  row[3] = cell("Khác");
  row[8] = cell("Hợp đồng");
  row[9] = cell("Trưởng ban");
  row[10] = cell("Chưa");
  row[12] = cell("lan@");
  row[13] = cell("09-abc");
  row[15] = cell("13");
  row[16] = cell("hình như");
  const auto f = people_file({row});
  for (const char* column :
       {"Giới tính", "Nhóm", "Lãnh đạo", "Đảng viên", "Số tháng nghỉ trong năm", "Nghỉ thai sản"})
    EXPECT_TRUE(has_problem(f.problems, "bad_value", 2, column)) << column;
  EXPECT_TRUE(has_problem(f.problems, "bad_email", 2, "Email"));
  EXPECT_TRUE(has_problem(f.problems, "bad_phone", 2, "Điện thoại"));
  EXPECT_NE(problem_at(f.problems, 2, "Nhóm").message_vi.find("\"Hợp đồng\""), std::string::npos);
  EXPECT_EQ(problem_at(f.problems, 2, "Nhóm").sheet, "Nhân sự");
}

TEST(OrgFileReader, APartyCellNeedsAPartyMemberAndACodeHasNoSpaces) {
  auto row = person_cells("CB 1", "Lê Văn Bình", "U1");
  row[10] = cell("không");
  const auto f = people_file({row});
  EXPECT_TRUE(has_problem(f.problems, "bad_value", 2, "Chi bộ"));
  EXPECT_TRUE(has_problem(f.problems, "bad_code", 2, "Mã cán bộ"));
}

TEST(OrgFileReader, LeaderAndYesNoAcceptTheirSpellings) {
  auto head = person_cells("CB1", "Lê Văn Bình", "U1");
  head[9] = cell("Cấp trưởng");
  head[10] = cell("x");
  auto plain = person_cells("CB2", "Lê Văn Cường", "U1");
  plain[9] = cell("");
  plain[10] = cell("");
  plain[11] = cell("");
  plain[4] = cell("");
  const auto f = people_file({head, plain});
  ASSERT_TRUE(f.problems.empty()) << f.problems.front().message_vi;
  EXPECT_EQ(f.people[0].leader, LeaderLevel::Head);
  EXPECT_TRUE(f.people[0].party_member);
  EXPECT_EQ(f.people[1].leader, LeaderLevel::None);
  EXPECT_FALSE(f.people[1].party_member);
}

TEST(OrgFileReader, TooManyRowsIsOneProblem) {
  OrgFileReader r(test_fold, kToday, 2);
  r.begin_sheet("Đơn vị");
  r.add_row(1, units_header());
  for (int i = 2; i <= 6; ++i) r.add_row(i, unit_cells("U" + std::to_string(i), "Phòng", "ROOT"));
  r.end_sheet();
  const auto f = r.finish();
  ASSERT_EQ(f.problems.size(), 1u);
  EXPECT_EQ(f.problems[0].code, "too_many_rows");
  EXPECT_EQ(f.problems[0].row, 4);
  EXPECT_EQ(f.units.size(), 2u);
}

TEST(OrgFileReader, TwoPeopleSheetsAreRefused) {
  OrgFileReader r = reader();
  for (const char* name : {"Nhân sự", "Nhân sự (2)"}) {
    r.begin_sheet(name);
    r.add_row(1, people_header());
    r.end_sheet();
  }
  const auto f = r.finish();
  ASSERT_EQ(f.problems.size(), 1u);
  EXPECT_EQ(f.problems[0].code, "duplicate_sheet");
  EXPECT_EQ(f.problems[0].sheet, "Nhân sự (2)");
}

TEST(OrgFileReader, UnitsSheetReadsKindsAndTheNamesPrintedOnDocuments) {
  auto root = unit_cells("SNV", "Sở Nội vụ", "");
  root[3] = cell("Cơ quan");
  root[4] = cell("UBND TỈNH PHÚ THỌ");
  root[5] = cell("Phú Thọ");
  root[6] = cell("Giám đốc");
  root[7] = cell("Phó Giám đốc");
  auto ubnd = unit_cells("UBND", "Ủy ban nhân dân tỉnh Phú Thọ", "");
  ubnd[8] = cell("Ủy ban nhân dân");
  auto bad = unit_cells("SNV-X", "Phòng X", "SNV");
  bad[3] = cell("Ban");
  const auto f = units_file({root, bad, ubnd});
  ASSERT_EQ(f.units.size(), 3u);
  EXPECT_EQ(f.units[0].kind, "co_quan");
  EXPECT_EQ(f.units[0].superior_name, "UBND TỈNH PHÚ THỌ");
  EXPECT_EQ(f.units[0].place_name, "Phú Thọ");
  EXPECT_EQ(f.units[0].head_title, "Giám đốc");
  EXPECT_EQ(f.units[0].deputy_title, "Phó Giám đốc");
  EXPECT_EQ(f.units[0].collective_body, "");
  EXPECT_EQ(f.units[2].collective_body, "Ủy ban nhân dân");
  EXPECT_TRUE(has_problem(f.problems, "bad_value", 3, "Loại đơn vị"));
}

}  // namespace
}  // namespace kd::wf
