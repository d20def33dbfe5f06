// End to end: the demo department's decision as it is printed. The demo organisation says
// where the department stands (under UBND tỉnh Phú Thọ, in Phú Thọ) and how it signs (a Giám
// đốc, a Phó Giám đốc signing for him): one review is decided over HTTP, its documents are
// rendered in this process (as one render worker would) and read back with pdftotext.
#include <atomic>
#include <map>
#include <memory>
#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "services/api/server.hpp"
#include "services/demo/demo_data.hpp"
#include "services/documents/pdf_engine.hpp"
#include "services/documents/render_job.hpp"
#include "services/documents/template_set.hpp"
#include "services/storage/document_store.hpp"
#include "tests/integration/documents/pdf_tools.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/test_database.hpp"

namespace {

namespace docs = kd::documents;
using kd::wf::Id;
using Reply = kd::testing::HttpResult;

kd::wf::TimePoint at(int y, int m, int d, int hour_vietnam) {
  const auto days = kd::wf::Date::days_from_civil({y, m, d});
  return kd::wf::TimePoint(std::chrono::seconds(days * 86400 + (hour_vietnam - 7) * 3600));
}

class DemoDocuments : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ =
        std::make_unique<kd::storage::ConnectionPool>(kd::testing::migrated_database_url("e2e"), 4);
    store_ = std::make_unique<kd::storage::Store>(*pool_);
    store_->require_signatures(false);  // the decision is read, not signed
    catalog_ = kd::config::RegimeCatalog::load_dir(std::string(KD_SOURCE_DIR) + "/config/regimes");
    summary_ = kd::demo::load_demo(*store_, catalog_, now_);
    settings_.http_port = 0;
    settings_.http_threads = 2;
    server_ = std::make_unique<kd::api::ApiServer>(
        kd::api::ApiDeps{*store_, catalog_, settings_, [this] { return now_; }});
    server_->start();
  }
  void TearDown() override { server_->stop(); }

  Reply call(const std::string& method, const std::string& path, const std::string& body,
             const std::string& user, const std::string& if_match = "") {
    std::map<std::string, std::string> headers;
    if (!if_match.empty()) headers["If-Match"] = if_match;
    return client_.call(method, path, body, headers, client_.token(user));
  }

  Id review_of(const std::string& full_name) {
    const auto r = call(
        "GET", "/api/v1/campaigns/" + std::to_string(summary_.campaign_id) + "/reviews?limit=200",
        "", "giamdoc");
    EXPECT_EQ(r.status, 200) << r.body;
    const auto items = r.json()->getArray("items");
    for (unsigned i = 0; i < items->size(); ++i) {
      const auto item = items->getObject(i);
      if (item->getObject("person")->getValue<std::string>("full_name") == full_name)
        return item->getValue<Id>("id");
    }
    ADD_FAILURE() << "no review for " << full_name;
    return 0;
  }

  Id person_of(Id review) {
    const auto r = call("GET", "/api/v1/reviews/" + std::to_string(review), "", "giamdoc");
    return r.json()->getObject("person")->getValue<Id>("id");
  }

  void act(const std::string& user, Id id, const std::string& action, const std::string& body) {
    const auto got = call("GET", "/api/v1/reviews/" + std::to_string(id), "", user);
    const int version = got.json()->getValue<int>("version");
    const auto r = call("POST", "/api/v1/reviews/" + std::to_string(id) + "/actions/" + action,
                        body, user, "\"" + std::to_string(version) + "\"");
    ASSERT_EQ(r.status, 200) << action << ": " << r.body;
  }

  // Đỗ Quang Huy's review through the first three stages, then decided by `decider`: the text
  // of the decision, flattened.
  std::string decision_decided_by(const std::string& decider) {
    const Id huy = review_of("Đỗ Quang Huy");
    const Id chair = person_of(review_of("Lê Minh Tuấn"));
    const Id secretary = person_of(review_of("Ngô Thị Phương Thảo"));
    act("nhanvien.tccb", huy, "submit",
        R"({"form":{"sections":{"chinh_tri_tu_tuong":"Kiên định lập trường.",)"
        R"("dao_duc_loi_song":"Sống giản dị, trung thực.","tac_phong_le_loi":"Làm việc khoa học.",)"
        R"("y_thuc_ky_luat":"Chấp hành nội quy.","ket_qua_nhiem_vu":"Hoàn thành 100% nhiệm vụ.",)"
        R"("thai_do_phuc_vu":"Tận tình với người dân."},"self_rating":"HTT",)"
        R"("strengths":"Chủ động.","weaknesses":"Còn chậm cập nhật văn bản mới."}})");
    act("thuky.tccb", huy, "record_meeting",
        R"({"meeting":{"date":"2026-11-26","place":"Phòng họp tầng 3, Sở Nội vụ","chair_id":)" +
            std::to_string(chair) + R"(,"secretary_id":)" + std::to_string(secretary) +
            R"(,"summoned":5,"present":5,"absent":[],"comments":[],"proposed_rating":"HTT",)"
            R"("votes":{"in_favour":5,"against":0,"abstain":0},)"
            R"("conclusion":"Tập thể thống nhất đề nghị mức Hoàn thành tốt nhiệm vụ."}})");
    act("truongphong.tccb", huy, "give_opinion",
        R"({"opinion":{"comments":"Đồng ý đề nghị của tập thể.","proposed_rating":"HTT"}})");
    const auto decided =
        call("POST", "/api/v1/campaigns/" + std::to_string(summary_.campaign_id) + "/decide",
             R"({"items":[{"review_id":)" + std::to_string(huy) + R"(,"rating":"HTT"}]})", decider);
    EXPECT_EQ(decided.status, 200) << decided.body;

    kd::storage::DocumentStore documents(*pool_);
    const auto templates = docs::TemplateSet::load(std::string(KD_SOURCE_DIR) + "/templates");
    static const auto engine = docs::make_pdf_engine(docs::PageSettings{});
    docs::DocumentRenderer renderer(templates, *engine);
    docs::RenderContext ctx{*store_, documents, renderer, settings_.documents_place};
    {
      // Queued at the test's clock; the database's is the machine's: due now.
      pqxx::connection c(pool_->url());
      pqxx::work w(c);
      w.exec("UPDATE outbox SET available_at = now() WHERE done_at IS NULL");
      w.commit();
    }
    while (const auto job = documents.claim_job("demo-documents", 120)) {
      const auto rendered = docs::render_job_documents(ctx, *job);
      EXPECT_TRUE(documents.finish_job(*job, "demo-documents", rendered, nullptr));
    }
    std::string pdf;
    for (const auto& d : documents.review_documents(huy))
      if (d.kind == "decision") pdf = *documents.pdf(d.id);
    EXPECT_FALSE(pdf.empty()) << "no decision rendered";
    if (pdf.empty()) return "";
    return docs::test::flat(docs::test::pdf_text(docs::test::write_file("decision.pdf", pdf)));
  }

  std::unique_ptr<kd::storage::ConnectionPool> pool_;
  std::unique_ptr<kd::storage::Store> store_;
  kd::config::RegimeCatalog catalog_;
  kd::config::Settings settings_;
  kd::wf::TimePoint now_ = at(2026, 11, 26, 9);
  kd::demo::DemoSummary summary_;
  std::unique_ptr<kd::api::ApiServer> server_;
  kd::testing::HttpClient client_{[this] { return server_->port(); }, "kiemdiem2026"};
};

TEST_F(DemoDocuments, TheDeputyDirectorSignsForTheDirectorUnderThePeoplesCommitteeOfPhuTho) {
  const auto text = decision_decided_by("phogiamdoc");
  ASSERT_NE(text.find("UBND TỈNH PHÚ THỌ"), std::string::npos) << text;
  ASSERT_NE(text.find("SỞ NỘI VỤ"), std::string::npos) << text;
  EXPECT_LT(text.find("UBND TỈNH PHÚ THỌ"), text.find("SỞ NỘI VỤ")) << text;
  EXPECT_NE(text.find("Phú Thọ, ngày 26 tháng 11 năm 2026"), std::string::npos) << text;
  EXPECT_NE(text.find("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Trần Thị Minh Nguyệt"), std::string::npos) << text;
  EXPECT_EQ(text.find("TM."), std::string::npos) << text;
  EXPECT_EQ(text.find("Hòa Bình"), std::string::npos) << text;
}

TEST_F(DemoDocuments, TheDirectorSignsInHisOwnTitle) {
  const auto text = decision_decided_by("giamdoc");
  EXPECT_NE(text.find("GIÁM ĐỐC Nguyễn Văn Hùng"), std::string::npos) << text;
  EXPECT_EQ(text.find("KT."), std::string::npos) << text;
  EXPECT_EQ(text.find("TM."), std::string::npos) << text;
}

}  // namespace
