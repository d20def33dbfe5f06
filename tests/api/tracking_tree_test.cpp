// Supervisor queries on a generated tree of 3,000 reviews return the counts a
// straightforward recount in the test gives, and the CSV and XLSX exports read
// back to the same rows.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>

#include "services/tracking/holidays.hpp"
#include "tests/api/tracking_fixture.hpp"

namespace kd::api::testing {
namespace {

namespace wf = kd::wf;

constexpr int kPeople = 3000;
constexpr int kUnits = 60;

class TrackingTree : public TrackingApiTest {
 protected:
  void SetUp() override {
    TrackingApiTest::SetUp();
    big_ = store_->create_unit({0, root_, "BIG", "Sở Tài chính", "co_quan"});
    const std::string big = std::to_string(big_);
    exec("INSERT INTO units (parent_id, code, name, kind) SELECT " + big +
         ", 'BIG-' || g, 'Phòng số ' || g, 'don_vi' FROM generate_series(1, " +
         std::to_string(kUnits) + ") g");
    // Names with every kind of Vietnamese letter, groups and peer groups cycling.
    exec(
        "INSERT INTO people (full_name, unit_id, group_code, peer_group) SELECT "
        "(ARRAY['Nguyễn','Trần','Lê','Phạm','Đặng'])[1 + g % 5] || ' Thị Ướt Ợ ' || g, "
        "(SELECT id FROM units WHERE code = 'BIG-' || (1 + g % " +
        std::to_string(kUnits) +
        ")), (ARRAY['cong_chuc','vien_chuc','can_bo'])[1 + g % 3], 'nhom_' || (g % 4) "
        "FROM generate_series(1, " +
        std::to_string(kPeople) + ") g");
    exec(
        "INSERT INTO role_grants (person_id, unit_id, role) SELECT min(id), unit_id, 'head' "
        "FROM people WHERE unit_id IN (SELECT id FROM units WHERE parent_id = " +
        big + ") GROUP BY unit_id");
    exec(
        "INSERT INTO role_grants (person_id, unit_id, role) SELECT max(id), unit_id, "
        "'secretary' FROM people WHERE unit_id IN (SELECT id FROM units WHERE parent_id = " +
        big + ") GROUP BY unit_id");
    sup_ =
        add_person("sup", "Đinh Công Giám Sát", big_, {wf::Role::Supervisor, wf::Role::Committee});
    branch_ = query("SELECT id FROM units WHERE code = 'BIG-1'")[0][0].as<Id>();
    add_person("sup1", "Mạc Thị Nhánh", branch_, {wf::Role::Supervisor});

    wf::Campaign c;
    c.unit_id = big_;
    c.year = 2026;
    c.name = "Đánh giá, xếp loại chất lượng năm 2026 – Sở Tài chính";
    c.regime_id = "test-nd90";
    c.stage_due = {{wf::Stage::SelfAssessment, {2026, 11, 13}},
                   {wf::Stage::CollectiveReview, {2026, 11, 20}},
                   {wf::Stage::HeadOpinion, {2026, 11, 25}},
                   {wf::Stage::CommitteeDecision, {2026, 12, 1}},
                   {wf::Stage::Decided, {2026, 12, 10}}};
    due_ = c.stage_due;
    campaign_big_ = store_->create_campaign(c, test_regime());
    const auto t0 = std::chrono::duration_cast<std::chrono::seconds>(
                        (test_now() - std::chrono::hours(24 * 25)).time_since_epoch())
                        .count();
    const auto opened =
        store_->open_campaign(campaign_big_, dung_, wf::TimePoint(std::chrono::seconds(t0)));
    ASSERT_TRUE(opened.accepted);
    ASSERT_EQ(opened.reviews_created, kPeople + 2);  // + the two supervisors
    // Spread the files over the stages, with ratings once decided, and an event each
    // (seq 2) on one of 20 consecutive days: the audit chain is not what is tested here.
    const std::string cid = std::to_string(campaign_big_);
    exec(
        "UPDATE reviews SET stage = (ARRAY['self_assessment','collective_review','head_opinion',"
        "'committee_decision','decided','published','closed'])[1 + id % 7], final_rating = CASE "
        "WHEN id % 7 >= 4 THEN (ARRAY['HTXS','HTT','HT','KHT'])[1 + (id / 7) % 4] END "
        "WHERE campaign_id = " +
        cid);
    exec(
        "INSERT INTO review_events (review_id, seq, actor_id, action, from_stage, to_stage, "
        "payload, occurred_at, prev_hash, hash) SELECT id, 2, person_id, 'test', "
        "'self_assessment', stage, '{}', to_timestamp(" +
        std::to_string(t0) +
        ") + ((id % 20) || ' days')::interval, repeat('0', 64), repeat('1', 64) FROM reviews "
        "WHERE campaign_id = " +
        cid + " AND stage <> 'self_assessment'");
  }

  struct Recount {
    int total = 0, overdue = 0, stalled = 0;
    std::map<std::string, int> stage, stage_overdue, stage_stalled;
    std::map<Id, std::map<std::string, int>> decided_by_unit;
  };

  // The expected figures, counted directly from the rows: due dates from the campaign,
  // working days from the shipped calendar.
  Recount recount(const std::string& unit_filter) {
    const auto cal = kd::tracking::load_holidays(settings_.holidays_dir);
    const wf::Date today = wf::vietnam_date(test_now());
    Recount rc;
    const auto rows = query(
        "SELECT r.stage, r.unit_id, r.final_rating, "
        "floor(extract(epoch FROM max(e.occurred_at)))::bigint FROM reviews r JOIN review_events "
        "e ON e.review_id = r.id WHERE r.campaign_id = " +
        std::to_string(campaign_big_) + unit_filter + " GROUP BY r.id");
    for (const auto& row : rows) {
      const std::string stage = row[0].as<std::string>();
      const bool acting = stage != "published" && stage != "closed";
      ++rc.total;
      ++rc.stage[stage];
      const auto due = due_.find(*wf::parse_stage(stage));
      if (acting && due != due_.end() && due->second < today) {
        ++rc.overdue;
        ++rc.stage_overdue[stage];
      }
      const wf::Date last =
          wf::vietnam_date(wf::TimePoint(std::chrono::seconds(row[3].as<std::int64_t>())));
      if (acting && cal.working_days_between(last, today) >= 5) {
        ++rc.stalled;
        ++rc.stage_stalled[stage];
      }
      if (!row[2].is_null() && stage != "complaint") {
        ++rc.decided_by_unit[row[1].as<Id>()][row[2].as<std::string>()];
      }
    }
    return rc;
  }

  Id big_ = 0, branch_ = 0, sup_ = 0, campaign_big_ = 0;
  std::map<wf::Stage, wf::Date> due_;
};

TEST_F(TrackingTree, TheSummaryEqualsARecountOfThreeThousandReviews) {
  const std::string q = "?campaign_id=" + std::to_string(campaign_big_);
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = as("sup", "GET", "/api/v1/tracking/summary" + q);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  ASSERT_EQ(r.status, 200) << r.body;
  std::cout << "[ measure  ] summary of " << kPeople + 2 << " reviews: " << ms << " ms\n";
  const auto s = r.json();
  Recount rc = recount("");
  EXPECT_EQ(s->getValue<int>("total"), rc.total);
  EXPECT_EQ(s->getValue<int>("overdue"), rc.overdue);
  EXPECT_EQ(s->getValue<int>("stalled"), rc.stalled);
  EXPECT_GT(rc.overdue, 0);
  EXPECT_GT(rc.stalled, 0);
  EXPECT_LT(rc.stalled, rc.total);
  const auto stages = s->getArray("stages");
  for (std::size_t i = 0; i < stages->size(); ++i) {
    const auto line = stages->getObject(static_cast<unsigned>(i));
    const std::string stage = line->getValue<std::string>("stage");
    EXPECT_EQ(line->getValue<int>("count"), rc.stage[stage]) << stage;
    EXPECT_EQ(line->getValue<int>("overdue"), rc.stage_overdue[stage]) << stage;
    EXPECT_EQ(line->getValue<int>("stalled"), rc.stage_stalled[stage]) << stage;
  }
  // Self-assessment files are as old as the campaign: 25 calendar days.
  EXPECT_EQ(stages->getObject(0)->getValue<int>("oldest_age_days"), 25);
  const auto units = s->getObject("ratings")->getArray("by_unit");
  const std::size_t units_rated = rc.decided_by_unit.size();  // before operator[] below
  EXPECT_GE(units_rated, static_cast<std::size_t>(kUnits));
  std::size_t with_ratings = 0;
  for (std::size_t i = 0; i < units->size(); ++i) {
    const auto u = units->getObject(static_cast<unsigned>(i));
    const auto& expected = rc.decided_by_unit[u->getValue<Id>("unit_id")];
    const auto decided = u->getObject("decided");
    for (const char* rating : {"HTXS", "HTT", "HT", "KHT"}) {
      const auto it = expected.find(rating);
      EXPECT_EQ(decided->getValue<int>(rating), it == expected.end() ? 0 : it->second);
    }
    if (!expected.empty()) ++with_ratings;
  }
  EXPECT_EQ(with_ratings, units_rated);
  EXPECT_GE(s->getArray("quota")->size(), 4u);  // one line per peer group

  // The stalled list, page by page, holds exactly the recounted files.
  std::set<Id> seen;
  for (int offset = 0;; offset += 500) {
    const auto page = as("sup", "GET",
                         "/api/v1/tracking/reviews" + q +
                             "&status=stalled&limit=500&offset=" + std::to_string(offset));
    ASSERT_EQ(page.status, 200);
    const auto items = page.json()->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
      EXPECT_TRUE(seen.insert(items->getObject(static_cast<unsigned>(i))->getValue<Id>("review_id"))
                      .second);
    }
    if (items->size() < 500) break;
  }
  EXPECT_EQ(static_cast<int>(seen.size()), rc.stalled);
}

TEST_F(TrackingTree, ABranchSupervisorGetsTheBranchOnlyAndTheRecountAgrees) {
  EXPECT_EQ(as("sup1", "GET", "/api/v1/tracking/summary?unit_id=" + std::to_string(big_)).status,
            403);
  const auto r = as("sup1", "GET", "/api/v1/tracking/summary");
  ASSERT_EQ(r.status, 200) << r.body;
  Recount rc = recount(" AND r.unit_id = " + std::to_string(branch_));
  EXPECT_EQ(r.json()->getValue<int>("total"), rc.total);
  EXPECT_EQ(rc.total, kPeople / kUnits + 1);  // + sup1 herself
  EXPECT_EQ(r.json()->getValue<int>("overdue"), rc.overdue);
}

TEST_F(TrackingTree, ExportsReadBackToTheSameRows) {
  const std::string q = "&campaign_id=" + std::to_string(campaign_big_) + "&status=all&sort=person";
  const auto list = as("sup", "GET", "/api/v1/tracking/reviews?limit=1" + q);
  const int total = list.json()->getValue<int>("total");
  EXPECT_EQ(total, kPeople + 2);

  auto r = as("sup", "GET", "/api/v1/tracking/reviews/export?format=csv" + q);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(r.header("Content-Disposition").find(".csv"), std::string::npos);
  ASSERT_EQ(r.body.substr(0, 3), "\xEF\xBB\xBF");  // BOM
  const auto rows = parse_csv(r.body.substr(3));
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(total) + 1);
  EXPECT_EQ(rows[0][0], "Mã hồ sơ");
  EXPECT_EQ(rows[0][5], "Người phải xử lý");
  for (const auto& row : rows) ASSERT_EQ(row.size(), 12u);
  const std::string first_name =
      list.json()->getArray("items")->getObject(0)->getValue<std::string>("person_name");
  EXPECT_EQ(rows[1][1], first_name);
  EXPECT_NE(rows[1][2].find("Phòng số"), std::string::npos);

  r = as("sup", "GET", "/api/v1/tracking/reviews/export?format=xlsx" + q);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.substr(0, 2), "PK");  // a ZIP archive
  const std::string sheet = zip_member(r.body, "xl/worksheets/sheet1.xml");
  const std::string strings = zip_member(r.body, "xl/sharedStrings.xml");
  ASSERT_FALSE(sheet.empty());
  EXPECT_EQ(count_of(sheet, "<row "), static_cast<std::size_t>(total) + 1);
  EXPECT_NE(strings.find("Người phải xử lý"), std::string::npos);
  EXPECT_NE(strings.find(first_name), std::string::npos);
  EXPECT_NE(strings.find("Phòng số 1"), std::string::npos);

  r = as("sup", "GET",
         "/api/v1/tracking/ratings/export?format=csv&campaign_id=" + std::to_string(campaign_big_));
  ASSERT_EQ(r.status, 200);
  const auto ratings = parse_csv(r.body.substr(3));
  EXPECT_EQ(ratings.size(), static_cast<std::size_t>(kUnits) + 2);  // header, 60 rooms, BIG
  EXPECT_EQ(ratings[0][2], "HTXS (quyết định)");
}

}  // namespace
}  // namespace kd::api::testing
