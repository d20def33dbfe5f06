// The supervisor API over HTTP: scope refusals (a supervisor of one subtree never
// sees another), the inbox with read/unread, the campaign timeline, a person's
// rating history, and the parameters each route refuses.
#include <gtest/gtest.h>

#include "services/storage/store.hpp"
#include "services/tracking/scheduler.hpp"
#include "services/tracking/service.hpp"
#include "tests/api/tracking_fixture.hpp"

namespace kd::api::testing {
namespace {

namespace wf = kd::wf;
namespace trk = kd::tracking;

class TrackingApi : public TrackingApiTest {
 protected:
  void SetUp() override {
    TrackingApiTest::SetUp();
    // hoa supervises Phòng B only; lan is head of Phòng B.
    hoa_ = add_person("hoa", "Bùi Thị Hoa", unit_b_, {wf::Role::Supervisor});
  }
  // Runs one scheduler scan at the fixture's clock (no e-mail).
  int scan() {
    trk::TrackingStore tracking(*pool_);
    const auto cal = trk::holiday_calendar(settings_.holidays_dir);
    trk::SchedulerOptions o;
    trk::Scheduler s(tracking, *store_, *cal, test_now, nullptr, o);
    return s.tick().notices;
  }
  Id hoa_ = 0;
};

TEST_F(TrackingApi, ASupervisorOfOneSubtreeNeverSeesAnother) {
  const std::string a = std::to_string(unit_a_), b = std::to_string(unit_b_);
  for (const std::string& path :
       {"/api/v1/tracking/summary?unit_id=" + a, "/api/v1/tracking/reviews?unit_id=" + a,
        "/api/v1/tracking/reviews/export?format=csv&unit_id=" + a,
        "/api/v1/tracking/ratings/export?format=xlsx&unit_id=" + a,
        "/api/v1/tracking/summary?unit_id=" + std::to_string(root_),
        "/api/v1/people/" + std::to_string(an_) + "/ratings"}) {
    const auto r = as("hoa", "GET", path);
    EXPECT_EQ(r.status, 403) << path << " " << r.body;
    EXPECT_EQ(r.body.find("Nguyễn Văn An"), std::string::npos) << path;
  }
  // Her own subtree: only Phòng B's review (Hoàng Thị Em; hoa joined after the campaign opened).
  auto r = as("hoa", "GET", "/api/v1/tracking/summary");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<int>("total"), 1);
  r = as("hoa", "GET", "/api/v1/tracking/reviews?status=all&unit_id=" + b);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<int>("total"), 1);
  EXPECT_NE(r.body.find("Hoàng Thị Em"), std::string::npos);
  EXPECT_EQ(r.body.find("Phòng Tổ chức cán bộ"), std::string::npos);
  r = as("hoa", "GET", "/api/v1/tracking/reviews/export?format=csv&status=all");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(parse_csv(r.body).size(), 2u);  // header + Em
  // The root's supervisor sees everything; a plain member sees no tracking at all.
  r = as("giang", "GET", "/api/v1/tracking/summary");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<int>("total"), 7);
  EXPECT_EQ(as("an", "GET", "/api/v1/tracking/summary").status, 403);
  EXPECT_EQ(as("em", "GET", "/api/v1/tracking/reviews?unit_id=" + b).status, 403);
  EXPECT_EQ(as("giang", "GET", "/api/v1/tracking/summary?unit_id=999999").status, 404);
  EXPECT_EQ(call("GET", "/api/v1/tracking/summary").status, 401);
}

TEST_F(TrackingApi, TheLateListSaysWhoMustActSinceWhenAndHowLate) {
  // 20/11/2026: self-assessment was due 18/11, every file is still at it.
  const auto r =
      as("giang", "GET",
         "/api/v1/tracking/reviews?status=overdue&sort=person&unit_id=" + std::to_string(unit_a_));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json();
  EXPECT_EQ(body->getValue<int>("total"), 4);
  const auto items = body->getArray("items");
  ASSERT_EQ(items->size(), 4u);
  const auto first = items->getObject(0);  // sorted by name: Lê Minh Chí first (byte order)
  EXPECT_EQ(first->getValue<std::string>("stage"), "self_assessment");
  EXPECT_EQ(first->getValue<std::string>("due"), "2026-11-18");
  EXPECT_TRUE(first->getValue<bool>("overdue"));
  EXPECT_EQ(first->getValue<int>("overdue_working_days"), 2);
  EXPECT_EQ(first->getValue<std::string>("since"), "2026-11-20T10:00:00+07:00");
  const auto must = first->getObject("must_act");
  EXPECT_EQ(must->getValue<std::string>("role"), "reviewee");
  EXPECT_EQ(must->getArray("people")->getObject(0)->getValue<Id>("id"),
            first->getValue<Id>("person_id"));
  EXPECT_EQ(first->getValue<int>("reminders_sent"), 0);

  auto bad = as("giang", "GET", "/api/v1/tracking/reviews?sort=salary");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()->getValue<std::string>("code"), "invalid_parameter");
  EXPECT_EQ(as("giang", "GET", "/api/v1/tracking/reviews?status=late&limit=0").status, 400);
  EXPECT_EQ(as("giang", "GET", "/api/v1/tracking/reviews?stage=done").status, 400);
  EXPECT_EQ(as("giang", "GET", "/api/v1/tracking/reviews/export?format=pdf").status, 400);
}

TEST_F(TrackingApi, TheInboxListsTheEscalationsAndMarksThemRead) {
  EXPECT_GT(scan(), 0);
  EXPECT_EQ(scan(), 0);  // nothing twice
  auto r = as("chi", "GET", "/api/v1/me/notifications");
  ASSERT_EQ(r.status, 200) << r.body;
  auto box = r.json();
  // Chí heads Phòng A: the overdue files of An, Bình and Khánh reach him (his own goes above).
  EXPECT_EQ(box->getValue<int>("total"), 3);
  EXPECT_EQ(box->getValue<int>("unread"), 3);
  const auto first = box->getArray("items")->getObject(0);
  EXPECT_EQ(first->getValue<std::string>("kind"), "overdue_head");
  EXPECT_NE(first->getValue<std::string>("subject").find("Quá hạn: hồ sơ của"), std::string::npos);
  EXPECT_FALSE(first->getValue<bool>("read"));
  const std::string id = std::to_string(first->getValue<Id>("id"));

  EXPECT_EQ(as("an", "POST", "/api/v1/me/notifications/" + id + "/read").status, 404);
  r = as("chi", "POST", "/api/v1/me/notifications/" + id + "/read");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("read_at"), "2026-11-20T10:00:00+07:00");
  r = as("chi", "GET", "/api/v1/me/notifications?unread=true&limit=1");
  box = r.json();
  EXPECT_EQ(box->getValue<int>("total"), 2);
  EXPECT_EQ(box->getArray("items")->size(), 1u);
  // The late list counts what was sent for each file's current stage.
  r = as("giang", "GET", "/api/v1/tracking/reviews?status=overdue&sort=person");
  EXPECT_NE(r.body.find("\"reminders_sent\":1"), std::string::npos) << r.body;
}

TEST_F(TrackingApi, TheTimelineShowsFixedAndPlannedDatesBeforeTheFinalDate) {
  const auto r = as("giang", "GET", "/api/v1/campaigns/" + std::to_string(campaign_) + "/timeline");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto t = r.json();
  EXPECT_EQ(t->getValue<std::string>("final_deadline"), "2026-12-15");
  const auto stages = t->getArray("stages");
  ASSERT_EQ(stages->size(), 5u);
  EXPECT_EQ(stages->getObject(0)->getValue<std::string>("due"), "2026-11-18");
  EXPECT_TRUE(stages->getObject(0)->getValue<bool>("fixed"));
  EXPECT_EQ(stages->getObject(4)->getValue<std::string>("stage"), "decided");
  EXPECT_EQ(stages->getObject(4)->getValue<std::string>("due"), "2026-12-15");
  EXPECT_FALSE(stages->getObject(4)->getValue<bool>("fixed"));
  EXPECT_EQ(t->getArray("provisional_calendar_years")->size(), 1u);  // 2026 awaits its notice
}

TEST_F(TrackingApi, ARatingHistoryAcrossYearsCountsRepeatedKht) {
  // Two earlier years for An, both KHT, written straight into the tables.
  for (int year : {2024, 2025}) {
    exec(
        "INSERT INTO campaigns (unit_id, year, name, regime_id, regime_version, regime_snapshot, "
        "status) VALUES (" +
        std::to_string(root_) + ", " + std::to_string(year) + ", 'Năm " + std::to_string(year) +
        "', 'test-nd90', 1, '{}', 'closed')");
    exec(
        "INSERT INTO reviews (campaign_id, person_id, unit_id, stage, workflow_version, "
        "final_rating, created_at, updated_at) SELECT id, " +
        std::to_string(an_) + ", " + std::to_string(unit_a_) +
        ", 'closed', 1, 'KHT', now(), now() FROM campaigns WHERE "
        "year = " +
        std::to_string(year));
  }
  auto r = as("giang", "GET", "/api/v1/people/" + std::to_string(an_) + "/ratings");
  ASSERT_EQ(r.status, 200) << r.body;
  auto h = r.json();
  EXPECT_EQ(h->getArray("items")->size(), 3u);
  EXPECT_EQ(h->getArray("items")->getObject(0)->getValue<int>("year"), 2024);
  EXPECT_EQ(h->getArray("items")->getObject(0)->getValue<std::string>("rating"), "KHT");
  EXPECT_EQ(h->getValue<int>("kht_years"), 2);
  EXPECT_EQ(h->getValue<int>("consecutive_kht_years"), 2);
  EXPECT_EQ(as("an", "GET", "/api/v1/people/" + std::to_string(an_) + "/ratings").status, 200);
  EXPECT_EQ(as("em", "GET", "/api/v1/people/" + std::to_string(an_) + "/ratings").status, 403);
  EXPECT_EQ(as("giang", "GET", "/api/v1/people/999999/ratings").status, 404);
}

TEST_F(TrackingApi, TheSummaryReportIsQueuedForTheDocumentPipelineWithinScope) {
  const std::string base = "/api/v1/campaigns/" + std::to_string(campaign_) + "/summary-report";
  // Hoa supervises Phòng B only: not the campaign's root, not Phòng A.
  EXPECT_EQ(as("hoa", "POST", base).status, 403);
  EXPECT_EQ(as("hoa", "GET", base + "?unit_id=" + std::to_string(unit_a_)).status, 403);
  EXPECT_EQ(as("an", "POST", base).status, 403);
  auto r = as("hoa", "GET", base + "/pdf?unit_id=" + std::to_string(unit_b_));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "document_not_found");

  r = as("giang", "POST", base);
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(r.header("Location"), base + "?unit_id=" + std::to_string(root_));
  const auto job = r.json()->getObject("job");
  ASSERT_FALSE(job.isNull());
  EXPECT_EQ(job->getValue<std::string>("state"), "queued");
  EXPECT_EQ(job->getValue<std::string>("as_of"), "2026-11-20T10:00:00+07:00");  // the clock
  EXPECT_TRUE(r.json()->isNull("document"));
  // The job is an outbox row of the document pipeline, with the figures' time.
  const auto row = query(
      "SELECT kind, review_id IS NULL, payload->>'report', "
      "(payload->>'as_of')::bigint FROM outbox WHERE id = " +
      std::to_string(job->getValue<Id>("id")));
  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row[0][0].as<std::string>(), "render_document");
  EXPECT_TRUE(row[0][1].as<bool>());
  EXPECT_EQ(row[0][2].as<std::string>(), "campaign_summary");
  EXPECT_EQ(row[0][3].as<std::int64_t>(), test_now().time_since_epoch().count());
  r = as("giang", "GET", base);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()->getObject("job")->getValue<std::string>("state"), "queued");
}

}  // namespace
}  // namespace kd::api::testing
