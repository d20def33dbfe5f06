#include "tests/api/api_fixture.hpp"

#include "services/api/passwords.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

namespace kd::api::testing {

namespace wf = kd::wf;

wf::Regime test_regime() {
  wf::Regime r;
  r.id = "test-nd90";
  r.version = 1;
  r.title = "Quy định thử nghiệm (theo Nghị định 90/2020/NĐ-CP)";
  r.groups = {wf::Group::CongChuc};
  r.stages = {wf::Stage::SelfAssessment, wf::Stage::CollectiveReview,
              wf::Stage::HeadOpinion,    wf::Stage::CommitteeDecision,
              wf::Stage::Decided,        wf::Stage::Published,
              wf::Stage::Complaint,      wf::Stage::Closed};
  wf::FormSpec form;
  form.code = "mau_02";
  form.title = "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC";
  form.sections = {{"chinh_tri_tu_tuong", "Chính trị tư tưởng", true, false},
                   {"dao_duc_loi_song", "Đạo đức, lối sống", true, false}};
  r.forms[wf::Group::CongChuc] = form;
  r.quorum = {2, 3, false};
  r.deadlines.stage_working_days = {{wf::Stage::SelfAssessment, 5}};
  return r;
}

wf::TimePoint test_now() {
  const auto days = wf::Date::days_from_civil({2026, 11, 20});
  return wf::TimePoint(std::chrono::seconds(days * 86400 + 3 * 3600));
}

void ApiTest::SetUp() {
  const std::string url = kd::testing::migrated_database_url("api");
  pool_ = std::make_unique<kd::storage::ConnectionPool>(url, 6);
  store_ = std::make_unique<kd::storage::Store>(*pool_);
  store_->require_signatures(false);  // no documents are rendered here: walks unsigned

  // A catalog holding the test regime, loaded the way the program loads one.
  const kd::testing::TempDir dir("kd-api-regimes");
  kd::testing::write_file(dir.file("test-nd90.v1.json"),
                          kd::config::RegimeCatalog::to_json(test_regime()));
  catalog_ = kd::config::RegimeCatalog::load_dir(dir.path);

  auto& s = *store_;
  root_ = s.create_unit({0, std::nullopt, "SNV", "Sở Nội vụ", "co_quan"});
  unit_a_ = s.create_unit({0, root_, "SNV-TCCB", "Phòng Tổ chức cán bộ", "don_vi"});
  unit_b_ = s.create_unit({0, root_, "SNV-CCHC", "Phòng Cải cách hành chính", "don_vi"});
  auto person = [&](const std::string& name, Id unit, bool leader, const std::string& position) {
    wf::Person p;
    p.full_name = name;
    p.unit_id = unit;
    p.group = wf::Group::CongChuc;
    p.leader = leader;
    p.position = position;
    p.peer_group = "chuyen_vien";
    return s.create_person(p);
  };
  an_ = person("Nguyễn Văn An", unit_a_, false, "Chuyên viên");
  binh_ = person("Trần Thị Bình", unit_a_, false, "Chuyên viên");
  chi_ = person("Lê Minh Chí", unit_a_, true, "Trưởng phòng");
  khanh_ = person("Đỗ Văn Khánh", unit_a_, false, "Chuyên viên");
  dung_ = person("Phạm Quốc Dũng", root_, true, "Giám đốc");
  em_ = person("Hoàng Thị Em", unit_b_, false, "Chuyên viên");
  giang_ = person("Vũ Trường Giang", root_, false, "Thanh tra viên");
  const std::vector<wf::RoleGrant> grants = {
      {an_, unit_a_, wf::Role::Reviewee},    {an_, unit_a_, wf::Role::Member},
      {binh_, unit_a_, wf::Role::Member},    {binh_, unit_a_, wf::Role::Secretary},
      {chi_, unit_a_, wf::Role::Member},     {chi_, unit_a_, wf::Role::Head},
      {chi_, unit_a_, wf::Role::Chair},      {khanh_, unit_a_, wf::Role::Member},
      {dung_, root_, wf::Role::Committee},   {em_, unit_b_, wf::Role::Member},
      {giang_, root_, wf::Role::Supervisor},
  };
  for (const auto& g : grants) s.grant_role(g);
  const std::map<std::string, Id> accounts = {{"an", an_},       {"binh", binh_}, {"chi", chi_},
                                              {"khanh", khanh_}, {"dung", dung_}, {"em", em_},
                                              {"giang", giang_}};
  for (const auto& [username, id] : accounts) {
    s.create_account(id, username, hash_password(kPassword, PasswordCost::Minimal));
  }

  // khanh was disciplined this year: only KHT is allowed (a second guard to trip).
  wf::YearFacts disciplined;
  disciplined.disciplined = true;
  s.set_year_facts(khanh_, 2026, disciplined);

  wf::Campaign c;
  c.unit_id = root_;
  c.year = 2026;
  c.name = "Đánh giá, xếp loại chất lượng năm 2026";
  c.regime_id = "test-nd90";
  c.regime_version = 1;
  c.stage_due = {{wf::Stage::SelfAssessment, {2026, 11, 18}},
                 {wf::Stage::CollectiveReview, {2026, 11, 30}},
                 {wf::Stage::HeadOpinion, {2026, 12, 5}},
                 {wf::Stage::CommitteeDecision, {2026, 12, 10}}};
  campaign_ = s.create_campaign(c, test_regime());
  const auto opened = s.open_campaign(campaign_, dung_, test_now());
  ASSERT_TRUE(opened.accepted);
  review_an_ = review_of(an_);

  settings_.holidays_dir = std::string(KD_SOURCE_DIR) + "/config/holidays";  // timeline checks
  settings_.common_passwords_file = std::string(KD_SOURCE_DIR) + "/config/common-passwords.txt";
  settings_.http_host = "127.0.0.1";
  settings_.http_port = 0;
  settings_.http_threads = 4;
  settings_.max_body_bytes = 64 * 1024;
  ApiDeps deps{*store_, catalog_, settings_, test_now};
  deps.password_cost = PasswordCost::Minimal;  // one-time passwords hashed fast in tests
  server_ = std::make_unique<ApiServer>(std::move(deps));
  server_->start();
}

void ApiTest::restart_server() {
  server_->stop();
  ApiDeps deps{*store_, catalog_, settings_, test_now};
  deps.password_cost = PasswordCost::Minimal;  // one-time passwords hashed fast in tests
  server_ = std::make_unique<ApiServer>(std::move(deps));
  server_->start();
}

void ApiTest::TearDown() {
  if (server_) server_->stop();
  server_.reset();
  store_.reset();
  pool_.reset();
}

HttpResult ApiTest::call(const std::string& method, const std::string& path,
                         const std::string& body, const std::map<std::string, std::string>& headers,
                         const std::string& token) {
  return client_.call(method, path, body, headers, token);
}

std::string ApiTest::token(const std::string& username) { return client_.token(username); }

HttpResult ApiTest::as(const std::string& username, const std::string& method,
                       const std::string& path, const std::string& body,
                       std::map<std::string, std::string> headers) {
  return client_.as(username, method, path, body, std::move(headers));
}

HttpResult ApiTest::act(const std::string& username, Id review, const std::string& action,
                        int version, const std::string& body,
                        std::map<std::string, std::string> headers) {
  return client_.act(username, review, action, version, body, std::move(headers));
}

int ApiTest::version_of(Id review) {
  const auto r = store_->get_review(review);
  EXPECT_TRUE(r.has_value());
  return r ? r->version : -1;
}

std::size_t ApiTest::event_count(Id review) { return store_->events(review).size(); }

Id ApiTest::review_of(Id person) {
  kd::storage::ReviewFilter f;
  f.person_id = person;
  f.campaign_id = campaign_;
  f.today = {2026, 11, 20};
  const auto page = store_->list_reviews(f, 10, 0);
  EXPECT_EQ(page.items.size(), 1u);
  return page.items.empty() ? 0 : page.items.front().review.id;
}

std::string ApiTest::complete_form_body() {
  return R"({"form":{"sections":{"chinh_tri_tu_tuong":"Lập trường chính trị vững vàng.",)"
         R"("dao_duc_loi_song":"Giữ gìn đạo đức, lối sống lành mạnh."},)"
         R"("self_rating":"HTT","strengths":"Hoàn thành đúng hạn.","weaknesses":"Còn chậm."}})";
}

std::string ApiTest::meeting_body() const {
  return R"({"meeting":{"date":"2026-11-21","place":"Phòng họp số 2","chair_id":)" +
         std::to_string(chi_) + R"(,"secretary_id":)" + std::to_string(binh_) +
         R"(,"summoned":4,"present":4,"comments":[{"author":"Đỗ Văn Khánh","text":"Nhất trí."}],)"
         R"("proposed_rating":"HTT","votes":{"in_favour":4,"against":0,"abstain":0},)"
         R"("conclusion":"Đề nghị xếp loại Hoàn thành tốt nhiệm vụ."}})";
}

std::string ApiTest::opinion_body(const std::string& rating) const {
  return R"({"opinion":{"comments":"Đồng ý với kết quả họp.","proposed_rating":")" + rating +
         R"("}})";
}

void ApiTest::walk_to_committee(Id review) {
  auto r = act("an", review, "submit", version_of(review), complete_form_body());
  ASSERT_EQ(r.status, 200) << r.body;
  r = act("binh", review, "record_meeting", version_of(review), meeting_body());
  ASSERT_EQ(r.status, 200) << r.body;
  r = act("chi", review, "give_opinion", version_of(review), opinion_body("HTT"));
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json()->getValue<std::string>("stage"), "committee_decision");
}

}  // namespace kd::api::testing
