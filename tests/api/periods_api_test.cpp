// The periods of the 100-point scoring over HTTP, against a real server and PostgreSQL: a
// month opened for a unit, tasks registered, a product reported with a stored PDF as its
// evidence, self-scored, scored by the manager with a withheld point and a deduction,
// approved and locked, then the person's year; every refused request changes nothing; tasks
// posted by an agency's task-assignment system with its own token.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include <Poco/JSON/Array.h>

#include "tests/api/api_fixture.hpp"

namespace kd::api::testing {
namespace {

namespace wf = kd::wf;

// The fixture's organisation with a catalog holding the state regime of Nghị định 335/2025
// as shipped (config/regimes), and the test regime limited to the years before it.
class PeriodsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    server_->stop();
    server_.reset();
    const auto dir =
        std::filesystem::temp_directory_path() / ("kd-api-periods-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto nd90 = test_regime();
    nd90.applies_to = {wf::Applicability{wf::Group::CongChuc, 0, 2025}};
    std::ofstream(dir / "test-nd90.v1.json") << kd::config::RegimeCatalog::to_json(nd90);
    std::filesystem::copy_file(std::string(KD_SOURCE_DIR) + "/config/regimes/nd335-2025.v1.json",
                               dir / "nd335-2025.v1.json");
    catalog_ = kd::config::RegimeCatalog::load_dir(dir.string());
    std::filesystem::remove_all(dir);
    server_ = std::make_unique<ApiServer>(ApiDeps{*store_, catalog_, settings_, test_now});
    server_->start();
  }

  // chi (head of Phòng Tổ chức cán bộ) issues the unit's catalogue and opens February 2026.
  void open_february() {
    const auto c =
        as("chi", "POST", "/api/v1/units/" + std::to_string(unit_a_) + "/catalogue/versions",
           R"({"valid_from":"2026-01-01","decision":"Quyết định số 15/QĐ-SNV",
                          "products":[{"code":"VB-01","name":"Dự thảo văn bản hành chính",
                                       "group":"Văn bản","k":"1","unit":"văn bản"}]})");
    ASSERT_EQ(c.status, 201) << c.body;
    const auto o = as("chi", "POST", "/api/v1/units/" + std::to_string(unit_a_) + "/periods/open",
                      R"({"period":"2026-02"})");
    ASSERT_EQ(o.status, 200) << o.body;
    EXPECT_EQ(o.json()->getArray("opened")->size(), 4u);  // an, binh, chi, khanh
    const auto list = as("an", "GET", "/api/v1/periods?person_id=" + std::to_string(an_));
    ASSERT_EQ(list.status, 200) << list.body;
    const auto items = list.json()->getArray("items");
    ASSERT_EQ(items->size(), 1u);
    period_ = items->getObject(0)->getValue<Id>("id");
    EXPECT_EQ(items->getObject(0)->getValue<std::string>("stage"), "open");
  }

  HttpResult period_act(const std::string& who, const std::string& action, int version,
                        const std::string& body) {
    return as(who, "POST", "/api/v1/periods/" + std::to_string(period_) + "/actions/" + action,
              body, {{"If-Match", "\"" + std::to_string(version) + "\""}});
  }

  std::string upload_pdf() {
    const auto r =
        as("an", "POST", "/api/v1/evidence", "%PDF-1.4\n% du-thao-huong-dan.pdf\n%%EOF\n");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()->getValue<std::string>("sha256");
  }

  static std::string full_scores(const std::string& ii3, const std::string& reason) {
    return R"({"I.1":{"points":"5"},"I.2":{"points":"5"},"II.1":{"points":"2.5"},)"
           R"("II.2":{"points":"2.5"},"II.3":{"points":")" +
           ii3 + R"(","reason":")" + reason +
           R"("},"II.4":{"points":"2.5"},"III.1":{"points":"2.5"},"III.2":{"points":"2.5"},)"
           R"("III.3":{"points":"2.5"},"III.4":{"points":"2.5"}})";
  }

  // Every step of February for an, as the first test takes it, up to the lock.
  void lock_february() {
    const std::string sha = upload_pdf();
    const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> steps = {
        {"an",
         {"register_tasks",
          R"({"tasks":[{"key":"t1","title":"Dự thảo hướng dẫn","product_code":"VB-01",)"
          R"("assigned":"4"}]})"}},
        {"an",
         {"submit_products",
          R"({"products":{"t1":{"completed":"4","evidence":[{"kind":"file","sha256":")" + sha +
              R"(","name":"du-thao.pdf"}]}}})"}},
        {"an", {"self_score", R"({"scores":)" + full_scores("2.5", "") + "}"}},
        {"chi", {"score", R"({"scores":)" + full_scores("2.5", "") + "}"}},
        {"chi", {"approve", "{}"}},
        {"chi", {"lock", "{}"}},
    };
    int version = 1;
    for (const auto& [who, step] : steps) {
      const auto r = period_act(who, step.first, version++, step.second);
      ASSERT_EQ(r.status, 200) << step.first << ": " << r.body;
    }
  }

  Id period_ = 0;
};

TEST_F(PeriodsApiTest, AMonthFromOpeningToLockingGivesTheHandComputedTotalAndTheYear) {
  open_february();
  auto r = period_act("an", "register_tasks", 1,
                      R"({"tasks":[{"key":"t1","title":"Dự thảo hướng dẫn đánh giá công chức",
                                    "product_code":"VB-01","assigned":"4","due":"2026-02-20"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("ETag"), "\"2\"");
  EXPECT_EQ(r.json()->getValue<std::string>("stage"), "tasks_registered");

  const std::string sha = upload_pdf();
  r = period_act("an", "submit_products", 2,
                 R"({"products":{"t1":{"completed":"4","evidence":[{"kind":"file","sha256":")" +
                     sha + R"(","name":"du-thao-huong-dan.pdf"}]}}})");
  ASSERT_EQ(r.status, 200) << r.body;
  // The manager reads the evidence of the period they score.
  EXPECT_EQ(as("chi", "GET", "/api/v1/evidence/" + sha).status, 200);
  EXPECT_EQ(as("em", "GET", "/api/v1/evidence/" + sha).status, 403);

  // The check answers with the live totals the self-score leads to, and changes nothing.
  const auto check =
      as("an", "POST", "/api/v1/periods/" + std::to_string(period_) + "/checks/self_score",
         R"({"scores":)" + full_scores("2.5", "") + "}");
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_TRUE(check.json()->getValue<bool>("accepted"));
  EXPECT_EQ(check.json()->getObject("score")->getValue<std::string>("total"), "100.00");
  EXPECT_EQ(check.json()->getObject("score")->getValue<std::string>("band"), "HTXS");
  EXPECT_EQ(as("an", "GET", "/api/v1/periods/" + std::to_string(period_)).header("ETag"), "\"3\"");

  r = period_act("an", "self_score", 3,
                 R"({"scores":)" + full_scores("2.5", "") +
                     R"(,"strengths":"Hoàn thành đúng hạn.","shortcomings":"Chưa chủ động."})");
  ASSERT_EQ(r.status, 200) << r.body;
  // A point withheld needs its reason.
  r = period_act("chi", "score", 4, R"({"scores":)" + full_scores("2", "") + "}");
  EXPECT_EQ(r.status, 422) << r.body;
  r = period_act(
      "chi", "score", 4,
      R"({"scores":)" + full_scores("2", "Một lần chậm báo cáo tiến độ.") +
          R"(,"deductions":{"t1":[{"kind":"quality","note":"Dự thảo phải sửa lần hai."}]},
                      "comment":"Hoàn thành tốt nhiệm vụ."})");
  ASSERT_EQ(r.status, 200) << r.body;
  r = period_act("chi", "approve", 5, "{}");
  ASSERT_EQ(r.status, 200) << r.body;
  r = period_act("chi", "lock", 6, "{}");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto locked = r.json();
  EXPECT_EQ(locked->getValue<std::string>("stage"), "locked");
  // Assigned 4 × K 1 = 4, completed 4, quality 4 − 0,25 = 3,75: a = 100 %, b = 93,75 %,
  // c = 100 %: (100 + 93,75 + 100) / 3 × 70 % = 68,541… -> 68,54. General 30 − 0,5 = 29,5.
  const auto manager = locked->getObject("scores")->getObject("manager");
  EXPECT_EQ(manager->getValue<std::string>("b"), "93.75");
  EXPECT_EQ(manager->getValue<std::string>("task"), "68.54");
  EXPECT_EQ(manager->getValue<std::string>("general"), "29.50");
  EXPECT_EQ(manager->getValue<std::string>("total"), "98.04");
  EXPECT_EQ(locked->getValue<std::string>("band"), "HTXS");

  // The audit trail: open plus six actions, chained.
  const auto events = as("an", "GET", "/api/v1/periods/" + std::to_string(period_) + "/events");
  ASSERT_EQ(events.status, 200) << events.body;
  const auto items = events.json()->getArray("items");
  ASSERT_EQ(items->size(), 7u);
  EXPECT_EQ(items->getObject(0)->getValue<std::string>("action"), "open");
  EXPECT_EQ(items->getObject(6)->getValue<std::string>("action"), "lock");
  EXPECT_EQ(items->getObject(6)->getValue<std::string>("actor_name"), "Lê Minh Chí");
  for (unsigned i = 1; i < items->size(); ++i) {
    EXPECT_EQ(items->getObject(i)->getValue<std::string>("prev_hash"),
              items->getObject(i - 1)->getValue<std::string>("hash"));
  }

  // The year: the mean of the periods worked (February only so far).
  const auto year = as("an", "GET", "/api/v1/people/" + std::to_string(an_) + "/years/2026");
  ASSERT_EQ(year.status, 200) << year.body;
  const auto result = year.json()->getObject("result");
  EXPECT_TRUE(result->getValue<bool>("ready"));
  EXPECT_EQ(result->getValue<std::string>("score"), "98.04");
  EXPECT_EQ(result->getValue<std::string>("rating"), "HTXS");
  EXPECT_EQ(year.json()->getObject("regime")->getValue<std::string>("id"), "nd335-2025");
}

TEST_F(PeriodsApiTest, ARefusedRequestChangesNothing) {
  open_february();
  const std::string tasks =
      R"({"tasks":[{"key":"t1","title":"Dự thảo hướng dẫn","product_code":"VB-01","assigned":"4"}]})";
  // No If-Match, a stale one, a colleague, a product outside the catalogue.
  auto r = as("an", "POST",
              "/api/v1/periods/" + std::to_string(period_) + "/actions/register_tasks", tasks);
  EXPECT_EQ(r.status, 428) << r.body;
  r = period_act("an", "register_tasks", 7, tasks);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "stale_version");
  r = period_act("em", "register_tasks", 1, tasks);
  EXPECT_EQ(r.status, 403) << r.body;
  r = period_act(
      "an", "register_tasks", 1,
      R"({"tasks":[{"key":"t1","title":"Việc khác","product_code":"XX-99","assigned":"1"}]})");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
  // Evidence that was never uploaded.
  ASSERT_EQ(period_act("an", "register_tasks", 1, tasks).status, 200);
  r = period_act("an", "submit_products", 2,
                 R"({"products":{"t1":{"completed":"4","evidence":[{"kind":"file","sha256":")" +
                     std::string(64, 'a') + R"(","name":"khong-co.pdf"}]}}})");
  EXPECT_EQ(r.status, 422) << r.body;
  const auto now = as("an", "GET", "/api/v1/periods/" + std::to_string(period_));
  EXPECT_EQ(now.header("ETag"), "\"2\"");
  EXPECT_EQ(now.json()->getValue<std::string>("stage"), "tasks_registered");
  const auto events = as("an", "GET", "/api/v1/periods/" + std::to_string(period_) + "/events");
  EXPECT_EQ(events.json()->getArray("items")->size(), 2u);
}

TEST_F(PeriodsApiTest, ATaskAssignmentSystemPostsTasksWithItsOwnTokenIdempotently) {
  open_february();
  const auto reg = as("chi", "POST", "/api/v1/units/" + std::to_string(unit_a_) + "/task-systems",
                      R"({"code":"qlvb","name":"Hệ thống quản lý văn bản và điều hành"})");
  ASSERT_EQ(reg.status, 201) << reg.body;
  const std::string system_token = reg.json()->getValue<std::string>("token");
  const std::string body =
      R"({"period":"2026-02","assignments":[{"person_id":)" + std::to_string(an_) +
      R"(,"tasks":[{"external_id":"VB-2026-118","title":"Trả lời kiến nghị cử tri",
                                          "product_code":"VB-01","assigned":"2","due":"2026-02-25"}]}]})";
  EXPECT_EQ(call("POST", "/api/v1/integrations/tasks", body).status, 401);
  EXPECT_EQ(call("POST", "/api/v1/integrations/tasks", body, {}, token("chi")).status, 401);
  auto r = call("POST", "/api/v1/integrations/tasks", body, {}, system_token);
  ASSERT_EQ(r.status, 200) << r.body;
  auto result = r.json()->getArray("results")->getObject(0);
  EXPECT_EQ(result->getValue<int>("created"), 1);
  const int version = result->getValue<int>("version");
  // The same batch again changes nothing.
  r = call("POST", "/api/v1/integrations/tasks", body, {}, system_token);
  ASSERT_EQ(r.status, 200) << r.body;
  result = r.json()->getArray("results")->getObject(0);
  EXPECT_EQ(result->getValue<int>("created"), 0);
  EXPECT_EQ(result->getValue<int>("unchanged"), 1);
  EXPECT_EQ(result->getValue<int>("version"), version);
  const auto period = as("an", "GET", "/api/v1/periods/" + std::to_string(period_)).json();
  const auto tasks = period->getObject("record")->getArray("tasks");
  ASSERT_EQ(tasks->size(), 1u);
  EXPECT_EQ(tasks->getObject(0)->getValue<std::string>("key"), "qlvb:VB-2026-118");
  EXPECT_EQ(tasks->getObject(0)->getValue<std::string>("title"), "Trả lời kiến nghị cử tri");
  EXPECT_EQ(tasks->getObject(0)->getValue<std::string>("origin"), "import:qlvb");
}

TEST_F(PeriodsApiTest, TheAnnualRatingUnderTheScoringRegimeFollowsTheLockedPeriods) {
  // A 2026 campaign of the Sở under Nghị định 335/2025: no collective meeting.
  wf::Campaign c;
  c.unit_id = root_;
  c.year = 2026;
  c.name = "Xếp loại chất lượng công chức năm 2026";
  c.regime_id = "nd335-2025";
  c.regime_version = 1;
  c.stage_due = {{wf::Stage::SelfAssessment, {2026, 12, 1}},
                 {wf::Stage::HeadOpinion, {2026, 12, 8}},
                 {wf::Stage::CommitteeDecision, {2026, 12, 14}}};
  const auto* regime = catalog_.find("nd335-2025", 1);
  ASSERT_NE(regime, nullptr);
  campaign_ = store_->create_campaign(c, *regime);
  ASSERT_TRUE(store_->open_campaign(campaign_, dung_, test_now()).accepted);
  const Id review = review_of(an_);
  open_february();

  auto r = act("an", review, "submit", version_of(review),
               R"({"form":{"sections":{"uu_diem":"Hoàn thành đúng hạn các văn bản."},)"
               R"("self_rating":"HTXS"}})");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json()->getValue<std::string>("stage"), "head_opinion");
  // February is still open: the head cannot propose a rating yet, and nothing changes.
  const int before = version_of(review);
  r = act("chi", review, "give_opinion", before, opinion_body("HTXS"));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("period_not_locked"), std::string::npos) << r.body;
  EXPECT_EQ(version_of(review), before);

  // Locked at 100 points: the year's mean is 100, so only HTXS follows from it.
  lock_february();
  r = act("chi", review, "give_opinion", before, opinion_body("HTT"));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("rating_not_allowed"), std::string::npos) << r.body;
  r = act("chi", review, "give_opinion", before, opinion_body("HTXS"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("stage"), "committee_decision");
}

}  // namespace
}  // namespace kd::api::testing
