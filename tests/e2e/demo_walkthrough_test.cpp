// End to end: the demo organisation, the real regime files and the real server,
// driven over HTTP. One review of the demo campaign goes through all five stages
// with a return, a batch decision refused by the quota and then accepted,
// publication, a complaint and its resolution, and closing.
#include <atomic>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include "services/api/server.hpp"
#include "services/demo/demo_data.hpp"
#include "services/storage/migrations.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/test_database.hpp"

namespace {

using kd::wf::Id;
using Object = Poco::JSON::Object::Ptr;

using Reply = kd::testing::HttpResult;

kd::wf::TimePoint at(int y, int m, int d, int hour_vietnam) {
  const auto days = kd::wf::Date::days_from_civil({y, m, d});
  return kd::wf::TimePoint(std::chrono::seconds(days * 86400 + (hour_vietnam - 7) * 3600));
}

class DemoWalkthrough : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ =
        std::make_unique<kd::storage::ConnectionPool>(kd::testing::migrated_database_url("e2e"), 4);
    store_ = std::make_unique<kd::storage::Store>(*pool_);
    store_->require_signatures(false);  // no documents are rendered here: walks unsigned
    catalog_ = kd::config::RegimeCatalog::load_dir(std::string(KD_SOURCE_DIR) + "/config/regimes");
    now_ = at(2026, 11, 26, 9);
    summary_ = kd::demo::load_demo(*store_, catalog_, now_.load());
    settings_.http_port = 0;
    settings_.http_threads = 4;
    server_ = std::make_unique<kd::api::ApiServer>(
        kd::api::ApiDeps{*store_, catalog_, settings_, [this] { return now_.load(); }});
    server_->start();
  }
  void TearDown() override { server_->stop(); }

  Reply call(const std::string& method, const std::string& path, const std::string& body,
             const std::string& token, const std::string& if_match = "") {
    std::map<std::string, std::string> headers;
    if (!if_match.empty()) headers["If-Match"] = if_match;
    return client_.call(method, path, body, headers, token);
  }

  std::string login(const std::string& user) { return client_.token(user); }

  Object review(Id id, const std::string& as) {
    const auto r = call("GET", "/api/v1/reviews/" + std::to_string(id), "", login(as));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  Reply act(const std::string& user, Id id, const std::string& action, const std::string& body) {
    const int version = review(id, user)->getValue<int>("version");
    return call("POST", "/api/v1/reviews/" + std::to_string(id) + "/actions/" + action, body,
                login(user), "\"" + std::to_string(version) + "\"");
  }

  // The demo review of a person, found by name through the campaign's list.
  Id review_of(const std::string& full_name) {
    const auto r = call(
        "GET", "/api/v1/campaigns/" + std::to_string(summary_.campaign_id) + "/reviews?limit=200",
        "", login("giamdoc"));
    EXPECT_EQ(r.status, 200) << r.body;
    const auto items = r.json()->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
      const auto item = items->getObject(static_cast<unsigned>(i));
      if (item->getObject("person")->getValue<std::string>("full_name") == full_name)
        return item->getValue<Id>("id");
    }
    ADD_FAILURE() << "no review for " << full_name;
    return 0;
  }

  static std::string form_body() {
    return R"({"form":{"sections":{)"
           R"("chinh_tri_tu_tuong":"Kiên định lập trường, chấp hành nghiêm chủ trương của Đảng.",)"
           R"("dao_duc_loi_song":"Sống giản dị, trung thực; giữ gìn đoàn kết nội bộ.",)"
           R"("tac_phong_le_loi":"Làm việc khoa học, đúng giờ; phối hợp tốt với đồng nghiệp.",)"
           R"("y_thuc_ky_luat":"Chấp hành nội quy, quy chế của cơ quan.",)"
           R"("ket_qua_nhiem_vu":"Hoàn thành 100% nhiệm vụ được giao, 3 việc vượt tiến độ.",)"
           R"("thai_do_phuc_vu":"Tận tình hướng dẫn người dân & doanh nghiệp <đúng quy trình>."},)"
           R"("self_rating":"HTXS","strengths":"Chủ động, sáng tạo.",)"
           R"("weaknesses":"Đôi lúc còn chậm cập nhật văn bản mới."}})";
  }

  std::string meeting_body(Id chair, Id secretary, const std::string& proposed) {
    return R"({"meeting":{"date":"2026-12-02","place":"Phòng họp tầng 3, Sở Nội vụ",)"
           R"("chair_id":)" +
           std::to_string(chair) + R"(,"secretary_id":)" + std::to_string(secretary) +
           R"(,"summoned":5,"present":4,"absent":[{"name":"Phan Văn Lực","reason":"Nghỉ phép"}],)"
           R"("comments":[{"author":"Trịnh Thị Lan Anh","text":"Nhất trí với bản tự đánh giá."}],)"
           R"("proposed_rating":")" +
           proposed +
           R"(","votes":{"in_favour":4,"against":0,"abstain":0},)"
           R"("conclusion":"Tập thể thống nhất đề nghị mức xếp loại như trên."}})";
  }

  Id person_id(const Object& review_json) {
    return review_json->getObject("person")->getValue<Id>("id");
  }

  std::unique_ptr<kd::storage::ConnectionPool> pool_;
  std::unique_ptr<kd::storage::Store> store_;
  kd::config::RegimeCatalog catalog_;
  kd::config::Settings settings_;
  std::atomic<kd::wf::TimePoint> now_;
  kd::demo::DemoSummary summary_;
  std::unique_ptr<kd::api::ApiServer> server_;
  kd::testing::HttpClient client_{[this] { return server_->port(); }, "kiemdiem2026"};
};

TEST_F(DemoWalkthrough, DemoLoadsOnceWithEveryRoleAndAnOpenCampaign) {
  EXPECT_FALSE(summary_.already_loaded);
  EXPECT_GE(summary_.people, 20);
  EXPECT_GE(summary_.reviews, 15);
  const auto again = kd::demo::load_demo(*store_, catalog_, now_.load());
  EXPECT_TRUE(again.already_loaded);
  EXPECT_EQ(again.campaign_id, summary_.campaign_id);
  for (const auto& l : kd::demo::demo_logins()) {
    const auto r =
        call("POST", "/api/v1/auth/login",
             R"({"username":")" + l.username + R"(","password":")" + l.password + "\"}", "");
    EXPECT_EQ(r.status, 200) << l.username << ": " << r.body;
  }
}

TEST_F(DemoWalkthrough, OneReviewGoesThroughEveryStageWithReturnQuotaComplaintAndClose) {
  const Id huy = review_of("Đỗ Quang Huy");
  const Id thao = review_of("Ngô Thị Phương Thảo");
  const Id head_id = person_id(review(review_of("Lê Minh Tuấn"), "giamdoc"));
  const Id secretary_id = person_id(review(thao, "giamdoc"));

  // The reviewee sees the self-assessment as their next task, with the sections to fill.
  auto tasks = call("GET", "/api/v1/me/tasks", "", login("nhanvien.tccb"));
  ASSERT_EQ(tasks.status, 200) << tasks.body;
  EXPECT_NE(tasks.body.find("\"submit\""), std::string::npos) << tasks.body;
  EXPECT_NE(tasks.body.find("chinh_tri_tu_tuong"), std::string::npos) << tasks.body;

  // 1. Self-assessment; the secretary returns it for completion; it comes back.
  auto r = act("nhanvien.tccb", huy, "submit", form_body());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("stage"), "collective_review");
  r = act("thuky.tccb", huy, "return", R"({"reason":"Bổ sung minh chứng kết quả nhiệm vụ."})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("stage"), "self_assessment");
  tasks = call("GET", "/api/v1/me/tasks", "", login("nhanvien.tccb"));
  EXPECT_NE(tasks.body.find("Bổ sung minh chứng"), std::string::npos) << tasks.body;
  r = act("nhanvien.tccb", huy, "submit", form_body());
  ASSERT_EQ(r.status, 200) << r.body;

  // 2. The meeting, recorded by the secretary.
  r = act("thuky.tccb", huy, "record_meeting", meeting_body(head_id, secretary_id, "HTXS"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("stage"), "head_opinion");

  // 3. The head's opinion.
  r = act("truongphong.tccb", huy, "give_opinion",
          R"({"opinion":{"comments":"Đồng ý đề nghị của tập thể.","proposed_rating":"HTXS"}})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("stage"), "committee_decision");

  // A colleague's review reaches the committee too. She is the unit's secretary, so the chair
  // records her meeting. Naming himself chair and secretary is refused, by the dry run and by
  // the action alike, and nothing changes; the department's secretary keeps the minutes.
  ASSERT_EQ(act("thuky.tccb", thao, "submit", form_body()).status, 200);
  const int thao_version = review(thao, "truongphong.tccb")->getValue<int>("version");
  const auto check =
      call("POST", "/api/v1/reviews/" + std::to_string(thao) + "/checks/record_meeting",
           meeting_body(head_id, head_id, "HTT"), login("truongphong.tccb"));
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_FALSE(check.json()->getValue<bool>("accepted"));
  EXPECT_NE(check.body.find("\"chair_is_secretary\""), std::string::npos) << check.body;
  r = act("truongphong.tccb", thao, "record_meeting", meeting_body(head_id, head_id, "HTT"));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("\"chair_is_secretary\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("Chủ trì và thư ký cuộc họp phải là hai người khác nhau"),
            std::string::npos)
      << r.body;
  // Nor may she keep the minutes of her own review.
  r = act("truongphong.tccb", thao, "record_meeting", meeting_body(head_id, secretary_id, "HTT"));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("\"reviewee_is_secretary\""), std::string::npos) << r.body;
  EXPECT_EQ(review(thao, "truongphong.tccb")->getValue<int>("version"), thao_version);
  const Id department_secretary = person_id(review(review_of("Vũ Thị Hồng Nhung"), "giamdoc"));
  r = act("truongphong.tccb", thao, "record_meeting",
          meeting_body(head_id, department_secretary, "HTT"));
  ASSERT_EQ(r.status, 200) << r.body;
  r = act("truongphong.tccb", thao, "give_opinion",
          R"({"opinion":{"comments":"Hoàn thành tốt.","proposed_rating":"HTT"}})");
  ASSERT_EQ(r.status, 200) << r.body;

  // 4. Batch decision: one HTXS against one HTT exceeds 20 % of HTT (limit 0): refused with the
  // numbers, nothing changes. Then the committee lowers the rating and the batch passes.
  const std::string decide_path =
      "/api/v1/campaigns/" + std::to_string(summary_.campaign_id) + "/decide";
  const int huy_version = review(huy, "phogiamdoc")->getValue<int>("version");
  r = call("POST", decide_path,
           R"({"items":[{"review_id":)" + std::to_string(huy) + R"(,"rating":"HTXS"},)" +
               R"({"review_id":)" + std::to_string(thao) + R"(,"rating":"HTT"}]})",
           login("phogiamdoc"));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "quota_exceeded");
  const auto line = r.json()->getArray("quota")->getObject(0);
  EXPECT_EQ(line->getValue<int>("htxs"), 1);
  EXPECT_EQ(line->getValue<int>("htt"), 1);
  EXPECT_EQ(line->getValue<int>("limit"), 0);
  EXPECT_EQ(review(huy, "phogiamdoc")->getValue<int>("version"), huy_version);
  EXPECT_EQ(review(huy, "phogiamdoc")->getValue<std::string>("stage"), "committee_decision");

  r = call("POST", decide_path,
           R"({"items":[{"review_id":)" + std::to_string(huy) + R"(,"rating":"HTT"},)" +
               R"({"review_id":)" + std::to_string(thao) + R"(,"rating":"HTT"}]})",
           login("phogiamdoc"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(review(huy, "phogiamdoc")->getValue<std::string>("stage"), "decided");
  EXPECT_EQ(review(huy, "phogiamdoc")->getValue<std::string>("rating"), "HTT");

  // 5. Publication of the batch.
  const std::string publish_path =
      "/api/v1/campaigns/" + std::to_string(summary_.campaign_id) + "/publish";
  r = call("POST", publish_path,
           R"({"review_ids":[)" + std::to_string(huy) + "," + std::to_string(thao) + "]}",
           login("phogiamdoc"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(review(huy, "nhanvien.tccb")->getValue<std::string>("stage"), "published");

  // The reviewee complains; the committee confirms the rating; it is published again.
  now_ = at(2026, 12, 5, 10);
  client_.forget_tokens();  // sessions expire: moving the clock means logging in again
  r = act("nhanvien.tccb", huy, "complain",
          R"({"reason":"Đề nghị xem xét lại mức xếp loại, kèm minh chứng vượt tiến độ."})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("stage"), "complaint");
  r = act("phogiamdoc", huy, "resolve_complaint",
          R"({"rating":"HTT","reason":"Giữ nguyên mức Hoàn thành tốt nhiệm vụ."})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("stage"), "decided");
  r = act("phogiamdoc", huy, "publish", "{}");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("stage"), "published");

  // A second complaint is refused; after the window the file is closed.
  r = act("nhanvien.tccb", huy, "complain", R"({"reason":"Khiếu nại lần hai."})");
  EXPECT_EQ(r.status, 422) << r.body;
  now_ = at(2027, 1, 20, 10);
  client_.forget_tokens();
  r = act("thuky.tccb", thao, "complain", R"({"reason":"Quá hạn kiến nghị."})");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("complaint_window_closed"), std::string::npos) << r.body;
  r = act("phogiamdoc", huy, "close", "{}");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("stage"), "closed");

  // The audit trail: every step, in order, hash-chained, and the verifier finds no break.
  const auto events =
      call("GET", "/api/v1/reviews/" + std::to_string(huy) + "/events", "", login("nhanvien.tccb"));
  ASSERT_EQ(events.status, 200) << events.body;
  const std::vector<std::string> expected = {
      "create",       "submit", "return",  "submit",   "record_meeting",
      "give_opinion", "decide", "publish", "complain", "resolve_complaint",
      "publish",      "close"};
  std::size_t pos = 0;
  for (const auto& action : expected) {
    pos = events.body.find("\"action\":\"" + action + "\"", pos);
    ASSERT_NE(pos, std::string::npos) << "missing " << action << " in " << events.body;
  }
  const auto audit = store_->verify_audit();
  EXPECT_TRUE(audit.breaks.empty());
  EXPECT_GE(audit.events_checked, 12);
}

}  // namespace
