// The supervisors' view of the periods over HTTP, against a real server and PostgreSQL, on
// 20/11/2026 with the shipped holiday calendar. October 2026 (ends Saturday 31/10) is due
// self-scored by 04/11, scored by 09/11, approved by 11/11 and locked by 13/11 (3, 6, 8 and
// 10 working days, nd335-2025.v1.json). In Phòng Tổ chức cán bộ: an locked at 100 points
// (HTXS), binh locked at 82,50 (3 of 4 units done: (75 + 75 + 75) / 3 × 70 % + 30; HTT),
// khanh self-scored and waiting for chi's score (due 09/11: 9 working days late), chi's own
// period still open (due 04/11: 12 working days late).
#include <Poco/JSON/Array.h>

#include "tests/api/scoring_fixture.hpp"
#include "tests/api/tracking_fixture.hpp"

namespace kd::api::testing {
namespace {

class PeriodSupervisionApiTest : public ScoringApiTest {
 protected:
  void SetUp() override {
    ScoringApiTest::SetUp();
    issue_catalogue("chi", unit_a_);
    ASSERT_EQ(open_period("chi", unit_a_, "2026-10").size(), 4u);  // an, binh, chi, khanh
    walk_period(period_of("an", an_, "2026-10"), "an", "chi", "lock");
    walk_period(period_of("binh", binh_, "2026-10"), "binh", "chi", "lock", "4", "3");
    walk_period(period_of("khanh", khanh_, "2026-10"), "khanh", "chi", "self_score");
  }

  static int band(const Poco::JSON::Object::Ptr& o, const std::string& code) {
    return o->getObject("bands")->getValue<int>(code);
  }
};

TEST_F(PeriodSupervisionApiTest, PerUnitTheStagesTheOverdueAndTheBands) {
  const auto r = as("giang", "GET", "/api/v1/tracking/periods/summary?year=2026");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto o = r.json();
  EXPECT_EQ(o->getValue<std::string>("as_of"), "2026-11-20T10:00:00+07:00");
  const auto units = o->getArray("units");
  ASSERT_EQ(units->size(), 1u) << r.body;  // only Phòng A has periods
  const auto a = units->getObject(0);
  EXPECT_EQ(a->getValue<Id>("unit_id"), unit_a_);
  EXPECT_EQ(a->getValue<std::string>("unit_name"), "Phòng Tổ chức cán bộ");
  EXPECT_EQ(a->getValue<int>("periods"), 4);
  EXPECT_EQ(a->getValue<int>("not_scored"), 2);  // khanh self-scored, chi open
  EXPECT_EQ(a->getValue<int>("not_approved"), 2);
  EXPECT_EQ(a->getValue<int>("not_locked"), 2);
  EXPECT_EQ(a->getValue<int>("overdue"), 2);
  EXPECT_EQ(band(a, "HTXS"), 1);
  EXPECT_EQ(band(a, "HTT"), 1);
  EXPECT_EQ(band(a, "HT"), 0);
  EXPECT_EQ(o->getObject("totals")->getValue<int>("late_people"), 1);  // chi
  const auto groups = o->getArray("groups");
  ASSERT_EQ(groups->size(), 1u);
  EXPECT_EQ(groups->getObject(0)->getValue<std::string>("group"), "chuyen_vien");
  EXPECT_EQ(band(groups->getObject(0), "HTXS"), 1);
  EXPECT_EQ(band(groups->getObject(0), "HTT"), 1);

  // The overdue periods, most late first, one per page.
  auto page = as("giang", "GET", "/api/v1/tracking/periods/overdue?limit=1");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.json()->getValue<int>("total"), 2);
  auto item = page.json()->getArray("items")->getObject(0);
  EXPECT_EQ(item->getValue<Id>("person_id"), chi_);
  EXPECT_EQ(item->getValue<std::string>("stage"), "open");
  EXPECT_EQ(item->getValue<std::string>("next_stage"), "self_scored");
  EXPECT_EQ(item->getValue<std::string>("due"), "2026-11-04");
  EXPECT_EQ(item->getValue<int>("working_days_late"), 12);
  EXPECT_EQ(item->getValue<std::string>("period_label"), "Tháng 10/2026");
  page = as("giang", "GET", "/api/v1/tracking/periods/overdue?limit=1&offset=1");
  ASSERT_EQ(page.json()->getArray("items")->size(), 1u);
  item = page.json()->getArray("items")->getObject(0);
  EXPECT_EQ(item->getValue<std::string>("person_name"), "Đỗ Văn Khánh");
  EXPECT_EQ(item->getValue<std::string>("next_stage"), "manager_scored");
  EXPECT_EQ(item->getValue<std::string>("due"), "2026-11-09");
  EXPECT_EQ(item->getValue<int>("working_days_late"), 9);
  const auto must = item->getArray("must_act");
  ASSERT_EQ(must->size(), 1u);
  EXPECT_EQ(must->getObject(0)->getValue<std::string>("name"), "Lê Minh Chí");

  // The late scorer: chi, on his own period and on khanh's score.
  const auto late = as("giang", "GET", "/api/v1/tracking/periods/late");
  ASSERT_EQ(late.status, 200) << late.body;
  ASSERT_EQ(late.json()->getValue<int>("total"), 1);
  const auto chi = late.json()->getArray("items")->getObject(0);
  EXPECT_EQ(chi->getValue<std::string>("person_name"), "Lê Minh Chí");
  EXPECT_EQ(chi->getValue<int>("overdue_periods"), 2);
  EXPECT_EQ(chi->getValue<int>("max_working_days_late"), 12);

  // One period only: September has none.
  const auto sept = as("giang", "GET", "/api/v1/tracking/periods/summary?period=2026-09");
  ASSERT_EQ(sept.status, 200) << sept.body;
  EXPECT_EQ(sept.json()->getArray("units")->size(), 0u);
  EXPECT_EQ(sept.json()->getValue<std::string>("period"), "2026-09");
}

TEST_F(PeriodSupervisionApiTest, HtxsAgainstTheQuotaBeforeTheDecision) {
  const auto r = as("giang", "GET", "/api/v1/tracking/periods/summary");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto quota = r.json()->getObject("quota");
  EXPECT_EQ(quota->getObject("rule")->getValue<int>("htxs_percent_of_htt"), 20);
  EXPECT_EQ(quota->getObject("rule")->getValue<int>("exception_cap_percent"), 25);
  const auto agencies = quota->getArray("agencies");
  ASSERT_EQ(agencies->size(), 1u) << r.body;
  const auto snv = agencies->getObject(0);
  EXPECT_EQ(snv->getValue<std::string>("agency_name"), "Sở Nội vụ");
  EXPECT_EQ(snv->getValue<int>("people"), 4);
  EXPECT_EQ(snv->getValue<int>("ready"), 2);      // an and binh: every period worked locked
  EXPECT_EQ(snv->getValue<int>("not_ready"), 2);  // khanh and chi
  EXPECT_FALSE(snv->getValue<bool>("ok"));
  const auto line = snv->getArray("lines")->getObject(0);
  EXPECT_EQ(line->getValue<std::string>("peer_group"), "chuyen_vien");
  EXPECT_EQ(line->getValue<int>("htxs"), 1);
  EXPECT_EQ(line->getValue<int>("htt"), 1);
  EXPECT_EQ(line->getValue<int>("limit"), 0);            // floor(1 × 20 %)
  EXPECT_EQ(line->getValue<int>("exception_limit"), 0);  // floor(1 × 25 %)
  EXPECT_FALSE(line->getValue<bool>("ok"));
  EXPECT_FALSE(line->getValue<bool>("within_exception"));

  // The same lines as a spreadsheet.
  const auto x = as("giang", "GET", "/api/v1/tracking/periods/quota/export?format=xlsx");
  ASSERT_EQ(x.status, 200) << x.body;
  EXPECT_EQ(x.header("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const std::string strings = zip_member(x.body, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("Sở Nội vụ"), std::string::npos) << strings;
  EXPECT_NE(strings.find("Giới hạn khi áp dụng ngoại lệ"), std::string::npos);
  EXPECT_NE(strings.find("chuyen_vien"), std::string::npos);
}

TEST_F(PeriodSupervisionApiTest, ExportsInCsvAndXlsx) {
  const auto csv = as("giang", "GET", "/api/v1/tracking/periods/overdue/export?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  ASSERT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u);  // the byte-order mark
  const auto rows = parse_csv(csv.body.substr(3));
  ASSERT_EQ(rows.size(), 3u);  // header, chi, khanh
  EXPECT_EQ(rows[0].back(), "Người phải xử lý");
  EXPECT_EQ(rows[1][1], "Tháng 10/2026");
  EXPECT_EQ(rows[1][2], "Lê Minh Chí");
  EXPECT_EQ(rows[2][2], "Đỗ Văn Khánh");
  EXPECT_EQ(rows[2][7], "9");
  EXPECT_EQ(rows[2][8], "Lê Minh Chí");

  const auto units = as("giang", "GET", "/api/v1/tracking/periods/units/export");
  ASSERT_EQ(units.status, 200) << units.body;
  const auto unit_rows = parse_csv(units.body.substr(3));
  ASSERT_EQ(unit_rows.size(), 2u);
  EXPECT_EQ(unit_rows[1][1], "Phòng Tổ chức cán bộ");
  EXPECT_EQ(unit_rows[1][8], "1");  // HTXS
  EXPECT_EQ(unit_rows[1][9], "1");  // HTT

  const auto late = as("giang", "GET", "/api/v1/tracking/periods/late/export?format=xlsx");
  ASSERT_EQ(late.status, 200);
  EXPECT_NE(zip_member(late.body, "xl/sharedStrings.xml").find("Lê Minh Chí"), std::string::npos);
  EXPECT_EQ(as("giang", "GET", "/api/v1/tracking/periods/late/export?format=pdf").status, 400);
}

TEST_F(PeriodSupervisionApiTest, ASupervisorSeesTheirSubtreeOnly) {
  const std::string root = std::to_string(root_);
  // A member supervises nothing; the head of Phòng A not the Sở; an unknown unit.
  for (const auto& [who, path, status] : std::vector<std::tuple<std::string, std::string, int>>{
           {"em", "/api/v1/tracking/periods/summary", 403},
           {"em", "/api/v1/tracking/periods/overdue/export", 403},
           {"chi", "/api/v1/tracking/periods/summary?unit_id=" + root, 403},
           {"chi", "/api/v1/tracking/periods/late?unit_id=" + root, 403},
           {"giang", "/api/v1/tracking/periods/summary?unit_id=999999", 404}}) {
    const auto r = as(who, "GET", path);
    EXPECT_EQ(r.status, status) << who << " " << path << " " << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/problem+json; charset=utf-8") << path;
    EXPECT_EQ(r.body.find("Nguyễn Văn An"), std::string::npos) << path;
  }
  // The head of Phòng A sees Phòng A; the Sở's supervisor asking for Phòng B sees nothing.
  auto r = as("chi", "GET", "/api/v1/tracking/periods/summary");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getObject("totals")->getValue<int>("periods"), 4);
  r = as("giang", "GET", "/api/v1/tracking/periods/summary?unit_id=" + std::to_string(unit_b_));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getObject("totals")->getValue<int>("periods"), 0);
  EXPECT_EQ(r.json()->getObject("quota")->getArray("agencies")->size(), 0u);
}

}  // namespace
}  // namespace kd::api::testing
