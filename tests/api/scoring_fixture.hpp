// The API fixture with a catalog holding the state regime of Nghị định 335/2025 as shipped
// (config/regimes), the test regime limited to the years before it, and the steps of a
// period from its tasks to its lock through the API.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <Poco/JSON/Array.h>

#include "services/api/passwords.hpp"
#include "tests/api/api_fixture.hpp"

namespace kd::api::testing {

class ScoringApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    server_->stop();
    server_.reset();
    const auto dir =
        std::filesystem::temp_directory_path() / ("kd-api-periods-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto nd90 = test_regime();
    nd90.applies_to = {kd::wf::Applicability{kd::wf::Group::CongChuc, 0, 2025}};
    std::ofstream(dir / "test-nd90.v1.json") << kd::config::RegimeCatalog::to_json(nd90);
    std::filesystem::copy_file(std::string(KD_SOURCE_DIR) + "/config/regimes/nd335-2025.v1.json",
                               dir / "nd335-2025.v1.json");
    catalog_ = kd::config::RegimeCatalog::load_dir(dir.string());
    std::filesystem::remove_all(dir);
    server_ = std::make_unique<ApiServer>(ApiDeps{*store_, catalog_, settings_, test_now});
    server_->start();
  }

  // A công chức of `unit` (quota peer group "chuyen_vien") with an account and a member's role.
  Id add_civil_servant(const std::string& username, const std::string& name, Id unit) {
    kd::wf::Person p;
    p.full_name = name;
    p.unit_id = unit;
    p.group = kd::wf::Group::CongChuc;
    p.position = "Chuyên viên";
    p.peer_group = "chuyen_vien";
    const Id id = store_->create_person(p);
    store_->grant_role({id, unit, kd::wf::Role::Member});
    store_->create_account(id, username, hash_password(kPassword, PasswordCost::Minimal));
    return id;
  }

  // A 2026 campaign of the Sở under Nghị định 335/2025 (no collective meeting), opened by dung;
  // it becomes the fixture's campaign_.
  void open_nd335_campaign() {
    kd::wf::Campaign c;
    c.unit_id = root_;
    c.year = 2026;
    c.name = "Xếp loại chất lượng công chức năm 2026";
    c.regime_id = "nd335-2025";
    c.regime_version = 1;
    c.stage_due = {{kd::wf::Stage::SelfAssessment, {2026, 12, 1}},
                   {kd::wf::Stage::HeadOpinion, {2026, 12, 8}},
                   {kd::wf::Stage::CommitteeDecision, {2026, 12, 14}}};
    const auto* regime = catalog_.find("nd335-2025", 1);
    ASSERT_NE(regime, nullptr);
    campaign_ = store_->create_campaign(c, *regime);
    ASSERT_TRUE(store_->open_campaign(campaign_, dung_, test_now()).accepted);
  }

  // `who` submits the annual form of `review` proposing `rating`, and chi gives the opinion.
  void to_committee(const std::string& who, Id review, const std::string& rating) {
    auto r = act(who, review, "submit", version_of(review),
                 R"({"form":{"sections":{"uu_diem":"Hoàn thành đúng hạn các văn bản được giao.",)"
                 R"("han_che_khuyet_diem":"Có lúc chậm báo cáo."},"self_rating":")" +
                     rating + R"("}})");
    ASSERT_EQ(r.status, 200) << r.body;
    r = act("chi", review, "give_opinion", version_of(review), opinion_body(rating));
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_EQ(r.json()->getValue<std::string>("stage"), "committee_decision");
  }

  // `head` issues the catalogue of `unit` (one product, K = 1).
  void issue_catalogue(const std::string& head, Id unit) {
    const auto c = as(head, "POST", "/api/v1/units/" + std::to_string(unit) + "/catalogue/versions",
                      R"({"valid_from":"2026-01-01","decision":"Quyết định số 15/QĐ-SNV",
                          "products":[{"code":"VB-01","name":"Dự thảo văn bản hành chính",
                                       "group":"Văn bản","k":"1","unit":"văn bản"}]})");
    ASSERT_EQ(c.status, 201) << c.body;
  }

  // `head` opens a period ("2026-10") for the subtree of `unit`: the new periods' ids.
  std::vector<Id> open_period(const std::string& head, Id unit, const std::string& key) {
    const auto o = as(head, "POST", "/api/v1/units/" + std::to_string(unit) + "/periods/open",
                      R"({"period":")" + key + R"("})");
    EXPECT_EQ(o.status, 200) << o.body;
    std::vector<Id> ids;
    if (o.status != 200) return ids;
    const auto opened = o.json()->getArray("opened");
    for (unsigned i = 0; i < opened->size(); ++i) ids.push_back(opened->getElement<Id>(i));
    return ids;
  }

  // The id of `person`'s period `key`.
  Id period_of(const std::string& who, Id person, const std::string& key) {
    const auto list =
        as(who, "GET", "/api/v1/periods?person_id=" + std::to_string(person) + "&period=" + key);
    EXPECT_EQ(list.status, 200) << list.body;
    const auto items = list.json()->getArray("items");
    EXPECT_EQ(items->size(), 1u) << list.body;
    return items->size() == 1 ? items->getObject(0)->getValue<Id>("id") : 0;
  }

  HttpResult period_act(const std::string& who, Id period, const std::string& action, int version,
                        const std::string& body) {
    return as(who, "POST", "/api/v1/periods/" + std::to_string(period) + "/actions/" + action, body,
              {{"If-Match", "\"" + std::to_string(version) + "\""}});
  }

  // Every criterion at its maximum, except II.3 at `ii3` (with `reason` when withheld).
  static std::string full_scores(const std::string& ii3, const std::string& reason) {
    return R"({"I.1":{"points":"5"},"I.2":{"points":"5"},"II.1":{"points":"2.5"},)"
           R"("II.2":{"points":"2.5"},"II.3":{"points":")" +
           ii3 + R"(","reason":")" + reason +
           R"("},"II.4":{"points":"2.5"},"III.1":{"points":"2.5"},"III.2":{"points":"2.5"},)"
           R"("III.3":{"points":"2.5"},"III.4":{"points":"2.5"}})";
  }

  // The steps of a period up to `last` ("register_tasks" … "lock"): `person` registers
  // `assigned` units of VB-01 and completes `completed` of them (a dispatch number as the
  // evidence), self-scores
  // in full; `manager` scores II.3 at `ii3`, then approves and locks.
  void walk_period(Id period, const std::string& person, const std::string& manager,
                   const std::string& last, const std::string& assigned = "4",
                   const std::string& completed = "4", const std::string& ii3 = "2.5") {
    const std::string withheld = ii3 == "2.5" ? "" : "Chậm báo cáo tiến độ.";
    const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> steps = {
        {person,
         {"register_tasks",
          R"({"tasks":[{"key":"t1","title":"Dự thảo văn bản","product_code":"VB-01","assigned":")" +
              assigned + R"("}]})"}},
        {person,
         {"submit_products", R"({"products":{"t1":{"completed":")" + completed +
                                 R"(","evidence":[{"kind":"document","name":"Văn bản đã ban hành",)"
                                 R"("document_number":"Số: 125/SNV-TCCB"}]}}})"}},
        {person, {"self_score", R"({"scores":)" + full_scores("2.5", "") + "}"}},
        {manager,
         {"score", R"({"scores":)" + full_scores(ii3, withheld) +
                       R"(,"comment":"Hoàn thành nhiệm vụ được giao."})"}},
        {manager, {"approve", "{}"}},
        {manager, {"lock", "{}"}},
    };
    int version = 1;
    for (const auto& [who, step] : steps) {
      const auto r = period_act(who, period, step.first, version++, step.second);
      ASSERT_EQ(r.status, 200) << step.first << ": " << r.body;
      if (step.first == last) return;
    }
  }
};

}  // namespace kd::api::testing
