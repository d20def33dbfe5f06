// A season under Nghị định 335/2025, over HTTP against a real server and PostgreSQL: Phòng
// Quản lý công chức (30 công chức: its head and 29 staff) scored for the twelve months of
// 2026, the year aggregated, decided under the HTXS quota with the exception for an
// outstanding organisation, and published; the documents rendered by the real engine and read
// back with pdftotext.
//
// Each month: the head opens the period, the Sở's task-assignment system posts everyone's
// tasks in one request (4 units of VB-01, K = 1), each person reports what was done (with a
// dispatch number as evidence) and self-scores in full, the head scores the staff, the
// director scores the head and approves and locks everyone.
//   staff 0–4   4 of 4 done every month: 100            -> HTXS
//   staff 5–7   2 of 4: (50 + 50 + 50) / 3 × 70 % + 30 = 65 -> HT
//   staff 8     3 of 4: 82,50, but disciplined in 2026  -> KHT (ground beside the score)
//   staff 9     4 of 4 in January and February, 3 of 4 after: (2 × 100 + 10 × 82,5) / 12
//               = 85,416… -> 85,42 -> HTT
//   staff 10    3 of 4, on maternity leave in May and June (left out): 82,50 over 10 months
//   staff 11–28 3 of 4: 82,50 -> HTT
//   the head    2 of 4, d = đ = e = 100 %: (50 × 3 + 100 × 3) / 6 × 70 % + 30 = 82,50 -> HTT
// The staff's peer group has 5 HTXS and 20 HTT: the quota allows floor(20 × 20 %) = 4, the
// exception (exception_cap_percent 25) floor(20 × 25 %) = 5.
#include <chrono>
#include <set>

#include <Poco/JSON/Array.h>
#include <pqxx/pqxx>

#include "services/documents/pdf_engine.hpp"
#include "services/documents/render_job.hpp"
#include "services/documents/template_set.hpp"
#include "services/storage/document_store.hpp"
#include "tests/api/scoring_fixture.hpp"
#include "tests/integration/documents/pdf_tools.hpp"

namespace kd::api::testing {
namespace {

namespace wf = kd::wf;
namespace docs = kd::documents;

constexpr int kStaff = 29;
const std::string kDecision = "Quyết định số 20/QĐ-UBND ngày 08/12/2026";

// 08/12/2026 09:00 in Hà Nội: December's period is scored ahead of the 15/12 deadline.
wf::TimePoint season_now() {
  const auto days = wf::Date::days_from_civil({2026, 12, 8});
  return wf::TimePoint(std::chrono::seconds(days * 86400 + 2 * 3600));
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

class SeasonTest : public ScoringApiTest {
 protected:
  void SetUp() override {
    ScoringApiTest::SetUp();
    server_->stop();
    server_.reset();
    settings_.http_threads = 4;
    server_ = std::make_unique<ApiServer>(ApiDeps{*store_, catalog_, settings_, season_now});
    server_->start();

    // The unit, its head, its staff; dung heads the Sở (scores the head, approves and locks).
    unit_ = store_->create_unit({0, root_, "SNV-QLCC", "Phòng Quản lý công chức", "don_vi"});
    store_->grant_role({dung_, root_, wf::Role::Head});
    wf::Person head;
    head.full_name = "Đinh Văn Thành";
    head.unit_id = unit_;
    head.group = wf::Group::CongChuc;
    head.leader = true;
    head.position = "Trưởng phòng";
    head.peer_group = "lanh_dao_phong";
    head_ = store_->create_person(head);
    store_->grant_role({head_, unit_, wf::Role::Head});
    store_->grant_role({head_, unit_, wf::Role::Member});
    store_->create_account(head_, "thanh", hash_password(kPassword, PasswordCost::Minimal));
    static const char* kNames[] = {
        "Nguyễn Thị Ánh", "Trần Quốc Bảo",   "Lê Thị Cúc",  "Phạm Văn Đức",  "Hoàng Thị Én",
        "Vũ Minh Giáp",   "Đặng Thị Hằng",   "Bùi Văn Ích", "Đỗ Thị Kiều",   "Hồ Văn Lộc",
        "Ngô Thị Mơ",     "Dương Văn Nghĩa", "Lý Thị Oanh", "Mai Văn Phúc",  "Trịnh Thị Quyên",
        "Đinh Văn Rạng",  "Lương Thị Sương", "Tạ Văn Tùng", "Phan Thị Uyên", "Châu Văn Vĩnh",
        "Kiều Thị Xuân",  "Lâm Văn Yên",     "Quách Thị Ý", "Tôn Thất Ấn",   "Âu Thị Ổi",
        "Huỳnh Văn Ước",  "Khổng Thị Ửng",   "Thái Văn Ẩn", "Giang Thị Ưng"};
    for (int i = 0; i < kStaff; ++i) {
      staff_.push_back(add_civil_servant("cc" + two(i), kNames[i], unit_));
      usernames_[staff_.back()] = "cc" + two(i);
    }
    usernames_[head_] = "thanh";
    wf::YearFacts disciplined;
    disciplined.disciplined = true;
    store_->set_year_facts(staff_[8], 2026, disciplined);
  }

  // Units of VB-01 done by `i` (staff index, -1 = the head) in `month`.
  static std::string done(int i, int month) {
    if (i < 0) return "2";
    if (i <= 4) return "4";
    if (i <= 7) return "2";
    if (i == 9 && month <= 2) return "4";
    return "3";
  }
  static bool on_leave(int i, int month) { return i == 10 && (month == 5 || month == 6); }

  // A period action with the period's current version taken from the answer before.
  void step(const std::string& who, Id period, int& version, const std::string& action,
            const std::string& body) {
    const auto r = period_act(who, period, action, version, body);
    ASSERT_EQ(r.status, 200) << who << " " << action << " " << period << ": " << r.body;
    ++version;
  }

  void score_month(int month, const std::string& system_token) {
    const std::string key = "2026-" + two(month);
    const auto opened = open_period("thanh", unit_, key);
    ASSERT_EQ(opened.size(), static_cast<std::size_t>(kStaff + 1)) << key;
    // Everyone's tasks in one request from the task-assignment system.
    std::string assignments;
    std::vector<std::pair<int, Id>> people;  // staff index (-1: head), person id
    people.emplace_back(-1, head_);
    for (int i = 0; i < kStaff; ++i) people.emplace_back(i, staff_[i]);
    for (const auto& [i, id] : people) {
      if (on_leave(i, month)) continue;
      assignments += std::string(assignments.empty() ? "" : ",") + R"({"person_id":)" +
                     std::to_string(id) + R"(,"tasks":[{"external_id":"VB-)" + key + "-" +
                     std::to_string(id) + R"(","title":"Dự thảo văn bản tháng )" + two(month) +
                     R"(","product_code":"VB-01","assigned":"4"}]})";
    }
    const auto posted = call("POST", "/api/v1/integrations/tasks",
                             R"({"period":")" + key + R"(","assignments":[)" + assignments + "]}",
                             {}, system_token);
    ASSERT_EQ(posted.status, 200) << posted.body;
    const std::string self =
        R"({"scores":)" + full_scores("2.5", "") +
        R"(,"strengths":"Chủ động, đúng hạn.","shortcomings":"Có việc còn chậm."})";
    for (const auto& [i, id] : people) {
      const std::string who = usernames_[id];
      const Id period = period_of("thanh", id, key);
      int version = 2;  // opened, then the imported tasks
      if (on_leave(i, month)) {
        const auto r =
            as("thanh", "POST", "/api/v1/periods/" + std::to_string(period) + "/presence",
               R"({"presence":"maternity","note":"Nghỉ thai sản từ 01/5/2026"})",
               {{"If-Match", "\"1\""}});
        ASSERT_EQ(r.status, 200) << r.body;
        continue;
      }
      step(who, period, version, "submit_products",
           R"({"products":{"qlvb:VB-)" + key + "-" + std::to_string(id) + R"(":{"completed":")" +
               done(i, month) +
               R"(","evidence":[{"kind":"document","name":"Văn bản đã ban hành",)"
               R"("document_number":"Số: )" +
               std::to_string(100 + month) + R"(/SNV-QLCC"}]}}})");
      step(who, period, version, "self_score", self);
      const std::string scorer = i < 0 ? "dung" : "thanh";
      step(scorer, period, version, "score",
           R"({"scores":)" + full_scores("2.5", "") +
               (i < 0 ? R"(,"leader":{"d":100,"dd":100,"e":100})" : "") +
               R"(,"comment":"Hoàn thành nhiệm vụ được giao."})");
      step("dung", period, version, "approve", "{}");
      step("dung", period, version, "lock", "{}");
    }
  }

  // Every queued render job, in this process (as one render worker would).
  int render_all() {
    kd::storage::DocumentStore store(*pool_);
    const auto templates = docs::TemplateSet::load(std::string(KD_SOURCE_DIR) + "/templates");
    // One engine per process (libwkhtmltox is initialised once and used from this thread).
    static const auto engine = docs::make_pdf_engine(docs::PageSettings{});
    docs::DocumentRenderer renderer(templates, *engine);
    docs::RenderContext ctx{*store_, store, renderer, "Hòa Bình"};
    {
      // The jobs were queued at the test's clock (December 2026); the database's clock is the
      // machine's: make them due now, as they would be on the day.
      pqxx::connection c(pool_->url());
      pqxx::work w(c);
      w.exec("UPDATE outbox SET available_at = now() WHERE done_at IS NULL");
      w.commit();
    }
    int n = 0;
    while (const auto job = store.claim_job("season-test", 120)) {
      const auto rendered = docs::render_job_documents(ctx, *job);
      EXPECT_TRUE(store.finish_job(*job, "season-test", rendered, nullptr));
      ++n;
    }
    return n;
  }

  // The text of the review's latest document of `kind`, as pdftotext reads it.
  std::string pdf_text_of(const std::string& who, Id review, const std::string& kind) {
    const auto list = as(who, "GET", "/api/v1/reviews/" + std::to_string(review) + "/documents");
    EXPECT_EQ(list.status, 200) << list.body;
    const auto items = list.json()->getArray("items");
    Id id = 0;
    for (unsigned i = 0; i < items->size(); ++i) {
      if (items->getObject(i)->getValue<std::string>("kind") == kind)
        id = items->getObject(i)->getValue<Id>("id");
    }
    EXPECT_NE(id, 0) << kind << " of review " << review << ": " << list.body;
    if (id == 0) return "";
    const auto pdf = as(who, "GET", "/api/v1/documents/" + std::to_string(id) + "/pdf");
    EXPECT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
    const auto path = docs::test::write_file(
        "mua-danh-gia-" + kind + "-" + std::to_string(review) + ".pdf", pdf.body);
    EXPECT_EQ(docs::test::run("qpdf --check '" + path.string() + "'").code, 0) << path;
    return docs::test::flat(docs::test::pdf_text(path));
  }

  Id unit_ = 0, head_ = 0;
  std::vector<Id> staff_;
  std::map<Id, std::string> usernames_;
};

TEST_F(SeasonTest, TwelveMonthsOfAUnitOfThirtyAggregatedDecidedUnderTheQuotaAndPublished) {
  const auto t0 = std::chrono::steady_clock::now();
  // The campaign of the unit, the Sở's catalogue and its task-assignment system.
  wf::Campaign c;
  c.unit_id = unit_;
  c.year = 2026;
  c.name = "Xếp loại chất lượng công chức năm 2026 - Phòng Quản lý công chức";
  c.regime_id = "nd335-2025";
  c.regime_version = 1;
  c.stage_due = {{wf::Stage::SelfAssessment, {2026, 12, 9}},
                 {wf::Stage::HeadOpinion, {2026, 12, 11}},
                 {wf::Stage::CommitteeDecision, {2026, 12, 14}}};
  campaign_ = store_->create_campaign(c, *catalog_.find("nd335-2025", 1));
  ASSERT_TRUE(store_->open_campaign(campaign_, dung_, season_now()).accepted);
  issue_catalogue("dung", root_);
  const auto reg = as("dung", "POST", "/api/v1/units/" + std::to_string(root_) + "/task-systems",
                      R"({"code":"qlvb","name":"Hệ thống quản lý văn bản và điều hành"})");
  ASSERT_EQ(reg.status, 201) << reg.body;
  const std::string system_token = reg.json()->getValue<std::string>("token");

  for (int month = 1; month <= 12; ++month) {
    score_month(month, system_token);
    if (HasFatalFailure()) return;
  }
  const auto scored = std::chrono::steady_clock::now();

  // The years as the person's page shows them.
  const auto year_of = [&](Id person) {
    const auto r = as("dung", "GET", "/api/v1/people/" + std::to_string(person) + "/years/2026");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()->getObject("result");
  };
  EXPECT_EQ(year_of(staff_[0])->getValue<std::string>("score"), "100");
  EXPECT_EQ(year_of(staff_[5])->getValue<std::string>("score"), "65");
  EXPECT_EQ(year_of(staff_[5])->getValue<std::string>("rating"), "HT");
  EXPECT_EQ(year_of(staff_[8])->getValue<std::string>("by_score"), "HTT");
  EXPECT_EQ(year_of(staff_[8])->getValue<std::string>("rating"), "KHT");
  EXPECT_EQ(year_of(staff_[9])->getValue<std::string>("score"), "85.42");
  EXPECT_EQ(year_of(staff_[10])->getValue<int>("months_counted"), 10);
  EXPECT_EQ(year_of(head_)->getValue<std::string>("score"), "82.5");

  // The supervisor before the decision: every period locked, the quota broken by one.
  const auto sup =
      as("giang", "GET",
         "/api/v1/tracking/periods/summary?year=2026&unit_id=" + std::to_string(unit_));
  ASSERT_EQ(sup.status, 200) << sup.body;
  const auto totals = sup.json()->getObject("totals");
  EXPECT_EQ(totals->getValue<int>("periods"), 12 * (kStaff + 1));
  EXPECT_EQ(totals->getValue<int>("not_worked"), 2);  // the two months of maternity leave
  EXPECT_EQ(totals->getValue<int>("not_locked"), 0);
  EXPECT_EQ(totals->getValue<int>("overdue"), 0);
  const auto agency = sup.json()->getObject("quota")->getArray("agencies")->getObject(0);
  EXPECT_EQ(agency->getValue<int>("ready"), kStaff + 1);
  for (unsigned i = 0; i < agency->getArray("lines")->size(); ++i) {
    const auto line = agency->getArray("lines")->getObject(i);
    if (line->getValue<std::string>("peer_group") != "chuyen_vien") continue;
    EXPECT_EQ(line->getValue<int>("htxs"), 5);
    EXPECT_EQ(line->getValue<int>("htt"), 20);
    EXPECT_EQ(line->getValue<int>("limit"), 4);
    EXPECT_FALSE(line->getValue<bool>("ok"));
    EXPECT_EQ(line->getValue<int>("exception_limit"), 5);
    EXPECT_TRUE(line->getValue<bool>("within_exception"));
  }

  // The annual reviews: each submits; the head gives the staff's opinions, the director his.
  std::vector<Id> all = staff_;
  all.push_back(head_);
  std::string items;
  for (Id person : all) {
    const Id review = review_of(person);
    const auto result = year_of(person);
    const std::string rating = result->getValue<std::string>("rating");
    auto r = act(usernames_[person], review, "submit", version_of(review),
                 R"({"form":{"sections":{"uu_diem":"Hoàn thành các văn bản được giao đúng hạn.",)"
                 R"("han_che_khuyet_diem":"Có lúc chậm báo cáo."},"self_rating":")" +
                     rating + R"("}})");
    ASSERT_EQ(r.status, 200) << r.body;
    r = act(person == head_ ? "dung" : "thanh", review, "give_opinion", version_of(review),
            opinion_body(rating));
    ASSERT_EQ(r.status, 200) << usernames_[person] << ": " << r.body;
    items +=
        std::string(items.empty() ? "" : ",") + R"({"review_id":)" + std::to_string(review) + "}";
  }
  // The batch: refused by the quota, then decided under the exception with its decision.
  const std::string path = "/api/v1/campaigns/" + std::to_string(campaign_) + "/decide";
  auto r = as("dung", "POST", path, R"({"items":[)" + items + "]}");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("vượt giới hạn 4 (20% của 20 người"), std::string::npos) << r.body;
  r = as(
      "dung", "POST", path,
      R"({"items":[)" + items +
          R"(],"quota_override":true,"override_reason":"Phòng được tặng Bằng khen của Bộ trưởng",)"
          R"("quota_decision":")" +
          kDecision + R"("})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getArray("decided")->size(), all.size());
  r = as("dung", "POST", "/api/v1/campaigns/" + std::to_string(campaign_) + "/publish", "{}");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getArray("published")->size(), all.size());
  const auto decided = std::chrono::steady_clock::now();

  // The documents, rendered and read back.
  EXPECT_GT(render_all(), 0);
  const auto rendered = std::chrono::steady_clock::now();
  const Id review9 = review_of(staff_[9]);
  const auto form = pdf_text_of("cc09", review9, "final_form");
  for (const std::string expected :
       {"PHIẾU XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC", "Năm 2026", "Họ và tên: Hồ Văn Lộc",
        "Đơn vị công tác: Phòng Quản lý công chức",
        "I. TỔNG HỢP KẾT QUẢ THEO DÕI, ĐÁNH GIÁ TRONG NĂM", "Tháng 01/2026 100,00",
        "Tháng 02/2026 100,00", "Tháng 03/2026 82,50", "Tháng 12/2026 82,50", "Điểm bình quân năm",
        "85,42", "12 kỳ, 12 tháng công tác",
        "Mức xếp loại theo điểm bình quân: Hoàn thành tốt nhiệm vụ",
        "Xếp loại chất lượng: Hoàn thành tốt nhiệm vụ"}) {
    EXPECT_NE(form.find(expected), std::string::npos) << expected << "\n" << form;
  }
  const auto leave = pdf_text_of("cc10", review_of(staff_[10]), "final_form");
  EXPECT_NE(leave.find("Tháng 05/2026 Nghỉ thai sản: không tính vào điểm bình quân"),
            std::string::npos)
      << leave;
  EXPECT_NE(leave.find("10 kỳ, 10 tháng công tác"), std::string::npos) << leave;
  const auto kht = pdf_text_of("cc08", review_of(staff_[8]), "final_form");
  EXPECT_NE(kht.find("Mức xếp loại theo điểm bình quân: Hoàn thành tốt nhiệm vụ"),
            std::string::npos)
      << kht;
  EXPECT_NE(kht.find("Căn cứ xếp loại Không hoàn thành nhiệm vụ"), std::string::npos) << kht;
  EXPECT_NE(kht.find("Xếp loại chất lượng: Không hoàn thành nhiệm vụ"), std::string::npos) << kht;
  const auto decision = pdf_text_of("dung", review9, "decision");
  EXPECT_NE(decision.find("Hồ Văn Lộc"), std::string::npos) << decision;
  EXPECT_NE(decision.find("Đinh Văn Thành"), std::string::npos) << decision;
  const auto notice = pdf_text_of("cc09", review9, "result_notice");
  EXPECT_NE(notice.find("Hoàn thành tốt nhiệm vụ"), std::string::npos) << notice;
  const auto list = pdf_text_of("dung", review9, "public_list");
  for (Id person : all) {
    const auto name = store_->get_person(person)->full_name;
    EXPECT_NE(list.find(name), std::string::npos) << name << "\n" << list;
  }

  const auto ms = [](auto a, auto b) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
  };
  std::cout << "season: 12 months scored in " << ms(t0, scored) << " ms, decided and published in "
            << ms(scored, decided) << " ms, documents rendered in " << ms(decided, rendered)
            << " ms\n";
}

}  // namespace
}  // namespace kd::api::testing
