// The organisation imported from the personnel office's workbook over HTTP: preview, commit,
// re-import, transfers with their history, a stale preview refused, problems with their
// sheet, row and column, and only administrators of the unit (or above).
#include <Poco/JSON/Array.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

#include "services/api/passwords.hpp"
#include "services/orgimport/org_file.hpp"
#include "tests/api/api_fixture.hpp"

namespace kd::api::testing {
namespace {

namespace wf = kd::wf;

using Rows = std::vector<std::vector<std::string>>;

// A workbook with the units sheet and the people sheet, written by libxlsxwriter.
std::string workbook(const Rows& units, const Rows& people) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("org-import-api-" + std::to_string(::getpid()) + ".xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  const auto sheet = [&](const char* name, const std::vector<std::string>& header,
                         const Rows& rows) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name);
    for (lxw_col_t c = 0; c < header.size(); ++c)
      worksheet_write_string(ws, 0, c, header[c].c_str(), nullptr);
    for (lxw_row_t r = 0; r < rows.size(); ++r)
      for (lxw_col_t c = 0; c < rows[r].size(); ++c)
        worksheet_write_string(ws, r + 1, c, rows[r][c].c_str(), nullptr);
  };
  if (!units.empty())
    sheet("Đơn vị",
          {"Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Loại đơn vị",
           "Tên cơ quan cấp trên (ghi trên văn bản)", "Địa danh (ghi trên văn bản)",
           "Chức danh người đứng đầu (ký văn bản)", "Chức danh cấp phó (ký thay)",
           "Tập thể lãnh đạo (ký thay mặt)"},
          units);
  sheet("Nhân sự",
        {"Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân", "Mã đơn vị",
         "Chức vụ", "Nhóm", "Ngày bắt đầu công tác tại đơn vị"},
        people);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  std::filesystem::remove(path);
  return out.str();
}

const Rows kUnits = {
    {"SNV", "Sở Nội vụ", "", "Cơ quan", "UBND TỈNH PHÚ THỌ", "Phú Thọ", "Giám đốc", "Phó Giám đốc",
     ""},
    {"SNV-TCCB", "Phòng Tổ chức cán bộ", "SNV", "Đơn vị", "", "", "", "", ""},
    {"SNV-CCHC", "Phòng Cải cách hành chính", "SNV", "Đơn vị", "", "", "", "", ""},
    {"SNV-TT", "Thanh tra Sở", "SNV", "Đơn vị", "", "", "", "", ""},
};

const Rows kPeople = {
    {"CB-AN", "Nguyễn Văn An", "14/03/1985", "Nam", "025085001234", "SNV-TCCB", "Chuyên viên",
     "Công chức", "01/08/2015"},
    {"CB001", "Bùi Thị Hạnh", "02/09/1990", "Nữ", "025190004321", "SNV-TT", "Thanh tra viên",
     "Công chức", "01/03/2020"},
    {"CB002", "Lê Quang Vinh", "20/12/2001", "Nam", "", "SNV-CCHC", "Chuyên viên", "Viên chức", ""},
};

class OrgImportApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    wf::Person p;
    p.full_name = "Lý Thị Ngọc Ánh";
    p.unit_id = root_;
    p.group = wf::Group::CongChuc;
    admin_ = store_->create_person(p);
    store_->grant_role({admin_, root_, wf::Role::Admin});
    store_->create_account(admin_, "anh", hash_password(kPassword, PasswordCost::Minimal));
    store_->grant_role({em_, unit_b_, wf::Role::Admin});  // administers Phòng B only
    // an already has a personal code: the file moves and keeps him.
    exec("UPDATE people SET code = 'CB-AN' WHERE id = " + std::to_string(an_));
    exec("UPDATE person_assignments SET valid_from = '2015-08-01' WHERE person_id = " +
         std::to_string(an_));
    settings_.max_body_bytes = 1 << 20;
    restart_server();
  }

  void exec(const std::string& sql) {
    pqxx::connection c(pool_->url());
    pqxx::work w(c);
    w.exec0(sql);
    w.commit();
  }
  std::string one(const std::string& sql) {
    pqxx::connection c(pool_->url());
    pqxx::read_transaction t(c);
    const auto r = t.exec1(sql);
    return r[0].is_null() ? "NULL" : r[0].as<std::string>();
  }
  long count(const std::string& sql) { return std::stol(one(sql)); }

  HttpResult upload(const std::string& user, Id unit, const std::string& bytes,
                    const std::string& query = "") {
    return as(user, "POST", "/api/v1/units/" + std::to_string(unit) + "/imports" + query, bytes);
  }
  HttpResult commit(const std::string& user, Id import) {
    return as(user, "POST", "/api/v1/imports/" + std::to_string(import) + "/commit");
  }
  static int counted(const HttpResult& r, const std::string& what, const std::string& kind) {
    return r.json()->getObject("counts")->getObject(what)->getValue<int>(kind);
  }

  Id admin_ = 0;
};

TEST_F(OrgImportApi, PreviewWritesNothingCommitWritesItAllAndReimportChangesNothing) {
  const auto file = workbook(kUnits, kPeople);
  const auto preview = upload("anh", root_, file);
  ASSERT_EQ(preview.status, 201) << preview.body;
  const auto json = preview.json();
  EXPECT_TRUE(json->getValue<bool>("can_commit")) << preview.body;
  EXPECT_EQ(counted(preview, "units", "new"), 1);
  EXPECT_EQ(counted(preview, "units", "changed"), 1);  // SNV: the names printed on documents
  EXPECT_EQ(counted(preview, "people", "new"), 2);
  EXPECT_EQ(counted(preview, "people", "changed"), 1);  // CB-AN: his details
  EXPECT_EQ(json->getArray("problems")->size(), 0u);
  const Id import = json->getValue<Id>("id");
  EXPECT_EQ(preview.header("Location"), "/api/v1/imports/" + std::to_string(import));
  // Nothing is written until the commit.
  EXPECT_EQ(count("SELECT count(*) FROM units WHERE code = 'SNV-TT'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM people WHERE code IN ('CB001', 'CB002')"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM person_assignments WHERE import_id IS NOT NULL"), 0);

  const auto stored = as("anh", "GET", "/api/v1/imports/" + std::to_string(import));
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.json()->getValue<std::string>("status"), "previewed");

  const auto done = commit("anh", import);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()->getValue<std::string>("status"), "committed");
  EXPECT_EQ(one("SELECT superior_name || '|' || place_name FROM units WHERE code = 'SNV'"),
            "UBND TỈNH PHÚ THỌ|Phú Thọ");
  EXPECT_EQ(one("SELECT head_title || '|' || deputy_title || '|' || collective_body FROM units "
                "WHERE code = 'SNV'"),
            "Giám đốc|Phó Giám đốc|");
  EXPECT_EQ(one("SELECT p.full_name || '|' || u.code || '|' || p.personal_id || '|' || p.sex "
                "FROM people p JOIN units u ON u.id = p.unit_id WHERE p.code = 'CB001'"),
            "Bùi Thị Hạnh|SNV-TT|025190004321|female");
  EXPECT_EQ(one("SELECT a.valid_from::text FROM person_assignments a JOIN people p ON "
                "p.id = a.person_id WHERE p.code = 'CB001' AND a.valid_until IS NULL"),
            "2020-03-01");
  EXPECT_EQ(commit("anh", import).status, 409);  // once

  // The same file again: nothing to change, nothing written.
  const long people_before = count("SELECT count(*) FROM people");
  const long history_before = count("SELECT count(*) FROM person_assignments");
  const auto again = upload("anh", root_, file);
  ASSERT_EQ(again.status, 201) << again.body;
  for (const char* kind : {"new", "changed", "moved", "deactivated"}) {
    EXPECT_EQ(counted(again, "units", kind), 0) << kind;
    EXPECT_EQ(counted(again, "people", kind), 0) << kind;
  }
  EXPECT_EQ(counted(again, "people", "unchanged"), 3);
  EXPECT_EQ(again.json()->getArray("people")->size(), 0u);
  ASSERT_EQ(commit("anh", again.json()->getValue<Id>("id")).status, 200);
  EXPECT_EQ(count("SELECT count(*) FROM people"), people_before);
  EXPECT_EQ(count("SELECT count(*) FROM person_assignments"), history_before);
}

TEST_F(OrgImportApi, AMoveKeepsReviewsAndDatesTheHistoryAndAnAbsentPersonIsDeactivated) {
  ASSERT_EQ(
      commit("anh", upload("anh", root_, workbook(kUnits, kPeople)).json()->getValue<Id>("id"))
          .status,
      200);
  Rows people = kPeople;
  people[0][5] = "SNV-CCHC";  // an moves to Phòng B on 01/11/2026
  people[0][8] = "01/11/2026";
  people.pop_back();  // CB002 left
  const auto preview = upload("anh", root_, workbook(kUnits, people));
  ASSERT_EQ(preview.status, 201) << preview.body;
  EXPECT_EQ(counted(preview, "people", "moved"), 1);
  EXPECT_EQ(counted(preview, "people", "deactivated"), 1);
  const auto rows = preview.json()->getArray("people");
  bool saw_move = false;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const auto r = rows->getObject(i);
    if (r->getValue<std::string>("code") != "CB-AN") continue;
    saw_move = true;
    EXPECT_EQ(r->getValue<std::string>("change"), "moved");
    EXPECT_EQ(r->getValue<int>("row"), 2);
    EXPECT_EQ(r->getValue<std::string>("sheet"), "Nhân sự");
  }
  EXPECT_TRUE(saw_move) << preview.body;
  ASSERT_EQ(commit("anh", preview.json()->getValue<Id>("id")).status, 200);

  // His review stays his, in the unit that reviews him this year.
  EXPECT_EQ(count("SELECT count(*) FROM reviews WHERE person_id = " + std::to_string(an_) +
                  " AND unit_id = " + std::to_string(unit_a_)),
            1);
  EXPECT_EQ(one("SELECT unit_id FROM people WHERE id = " + std::to_string(an_)),
            std::to_string(unit_b_));
  const auto history = as("dung", "GET", "/api/v1/people/" + std::to_string(an_) + "/assignments");
  ASSERT_EQ(history.status, 200) << history.body;
  const auto items = history.json()->getArray("items");
  ASSERT_GE(items->size(), 2u);
  const auto last = items->getObject(items->size() - 1);
  EXPECT_EQ(last->getValue<std::string>("unit_code"), "SNV-CCHC");
  EXPECT_EQ(last->getValue<std::string>("valid_from"), "2026-11-01");
  EXPECT_TRUE(last->isNull("valid_until"));
  EXPECT_EQ(items->getObject(items->size() - 2)->getValue<std::string>("valid_until"),
            "2026-10-31");
  // CB002 is kept, deactivated: no longer among the unit's people (a campaign opened now
  // does not review them).
  EXPECT_EQ(one("SELECT deactivated_at IS NOT NULL FROM people WHERE code = 'CB002'"), "t");
  const Id cb002 = std::stol(one("SELECT id FROM people WHERE code = 'CB002'"));
  for (const auto& p : store_->people_in_units({unit_b_})) EXPECT_NE(p.id, cb002);
  EXPECT_EQ(count("SELECT count(*) FROM person_assignments a JOIN people p ON p.id = a.person_id "
                  "WHERE p.code = 'CB002' AND a.valid_until IS NULL"),
            0);
}

TEST_F(OrgImportApi, ACommitAfterTheDataChangedIsRefusedAndWritesNothing) {
  const auto preview = upload("anh", root_, workbook(kUnits, kPeople));
  ASSERT_EQ(preview.status, 201);
  exec("UPDATE people SET position = 'Phó Trưởng phòng' WHERE id = " + std::to_string(binh_));
  const auto refused = commit("anh", preview.json()->getValue<Id>("id"));
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.json()->getValue<std::string>("code"), "organisation_changed");
  EXPECT_EQ(refused.header("Content-Type"), "application/problem+json; charset=utf-8");
  EXPECT_EQ(count("SELECT count(*) FROM units WHERE code = 'SNV-TT'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM people WHERE code IS NOT NULL AND code <> 'CB-AN'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM org_imports WHERE committed_at IS NOT NULL"), 0);
}

TEST_F(OrgImportApi, ProblemsNameSheetRowAndColumnAndTheCommitIsRefused) {
  Rows people = kPeople;
  people[1][2] = "31/02/1990";
  people[2][5] = "SNV-KHONGCO";
  people[0][4] = "025185001234";  // digit 4 says a woman; an is a man
  const auto preview = upload("anh", root_, workbook(kUnits, people));
  ASSERT_EQ(preview.status, 201) << preview.body;
  EXPECT_FALSE(preview.json()->getValue<bool>("can_commit"));
  const auto problems = preview.json()->getArray("problems");
  ASSERT_EQ(problems->size(), 3u) << preview.body;
  std::map<std::string, Poco::JSON::Object::Ptr> by_code;
  for (std::size_t i = 0; i < problems->size(); ++i)
    by_code[problems->getObject(i)->getValue<std::string>("code")] = problems->getObject(i);
  ASSERT_TRUE(by_code.count("bad_date"));
  EXPECT_EQ(by_code["bad_date"]->getValue<std::string>("sheet"), "Nhân sự");
  EXPECT_EQ(by_code["bad_date"]->getValue<int>("row"), 3);
  EXPECT_EQ(by_code["bad_date"]->getValue<std::string>("column"), "Ngày sinh");
  ASSERT_TRUE(by_code.count("unknown_unit"));
  EXPECT_EQ(by_code["unknown_unit"]->getValue<int>("row"), 4);
  ASSERT_TRUE(by_code.count("bad_personal_id"));
  EXPECT_NE(by_code["bad_personal_id"]->getValue<std::string>("detail").find("giới tính nữ"),
            std::string::npos);
  const auto refused = commit("anh", preview.json()->getValue<Id>("id"));
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json()->getValue<std::string>("code"), "import_has_problems");
  EXPECT_EQ(refused.json()->getArray("errors")->size(), 3u);
  EXPECT_EQ(count("SELECT count(*) FROM units WHERE code = 'SNV-TT'"), 0);
}

TEST_F(OrgImportApi, OnlyAnAdministratorOfTheUnitOrAboveMayImport) {
  const auto file = workbook(kUnits, kPeople);
  const auto reviewee = upload("an", root_, file);
  EXPECT_EQ(reviewee.status, 403);
  EXPECT_EQ(reviewee.json()->getValue<std::string>("code"), "forbidden");
  EXPECT_EQ(upload("dung", root_, file).status, 403);  // committee, not administrator
  EXPECT_EQ(upload("em", root_, file).status, 403);    // administrator of Phòng B only
  EXPECT_EQ(as("an", "GET", "/api/v1/imports/template").status, 403);
  EXPECT_EQ(upload("anh", 999999, file).status, 404);

  const auto preview = upload("anh", root_, file);
  ASSERT_EQ(preview.status, 201);
  const std::string path = "/api/v1/imports/" + preview.json()->getValue<std::string>("id");
  EXPECT_EQ(as("em", "GET", path).status, 403);
  EXPECT_EQ(as("em", "POST", path + "/commit").status, 403);
  EXPECT_EQ(as("an", "POST", path + "/commit").status, 403);
  EXPECT_EQ(count("SELECT count(*) FROM units WHERE code = 'SNV-TT'"), 0);
  EXPECT_EQ(as("anh", "GET", "/api/v1/imports/424242").status, 404);

  // The administrator of Phòng B imports Phòng B's people: within their subtree.
  const auto own = upload("em", unit_b_,
                          "\xEF\xBB\xBFMã cán bộ;Họ và tên;Mã đơn vị;Nhóm\r\n"
                          "CB900;Đinh Thị Thu;SNV-CCHC;Công chức\r\n",
                          "?file_name=phong-b.csv");
  ASSERT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(counted(own, "people", "new"), 1);
  // ... but not into Phòng A.
  const auto outside = upload("em", unit_b_,
                              "Mã cán bộ,Họ và tên,Mã đơn vị,Nhóm\nCB901,Đinh Văn Tú,SNV-TCCB,"
                              "Công chức\n",
                              "?file_name=phong-b.csv");
  ASSERT_EQ(outside.status, 201);
  const auto p = outside.json()->getArray("problems")->getObject(0);
  EXPECT_EQ(p->getValue<std::string>("code"), "unknown_unit");
  EXPECT_EQ(p->getValue<std::string>("sheet"), "phong-b.csv");
}

TEST_F(OrgImportApi, TheTemplateIsAWorkbookTheImportReads) {
  const auto r = as("anh", "GET", "/api/v1/imports/template");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(r.header("Content-Disposition").find(".xlsx"), std::string::npos);
  const auto file = kd::orgimport::read_org_file(r.body, "", wf::Date{2026, 11, 20});
  EXPECT_TRUE(file.problems.empty());
  EXPECT_EQ(file.people.size(), 1u);
  EXPECT_EQ(file.units.size(), 1u);
}

}  // namespace
}  // namespace kd::api::testing
