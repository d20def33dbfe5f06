#include <algorithm>
#include <functional>

#include <Poco/JSON/Array.h>
#include <pqxx/pqxx>

#include "tests/api/accounts_fixture.hpp"

namespace kd::api::testing {
namespace {

TEST_F(ApiTest, AnotherUnitsMemberCannotSeeOrActOnAReview) {
  const std::string path = "/api/v1/reviews/" + std::to_string(review_an_);
  const auto get = as("em", "GET", path);
  EXPECT_EQ(get.status, 403);
  EXPECT_EQ(get.json()->getValue<std::string>("code"), "forbidden");
  EXPECT_EQ(as("em", "GET", path + "/events").status, 403);
  const auto post = act("em", review_an_, "submit", 1, complete_form_body());
  EXPECT_EQ(post.status, 403);
  EXPECT_EQ(version_of(review_an_), 1);
  EXPECT_EQ(event_count(review_an_), 1u);
}

TEST_F(ApiTest, WrongRoleIsRefusedWith403AndChangesNothing) {
  ASSERT_EQ(act("an", review_an_, "submit", 1, complete_form_body()).status, 200);
  const auto events = event_count(review_an_);
  // khanh is a member of the unit, not its secretary.
  const auto r = act("khanh", review_an_, "record_meeting", 2, meeting_body());
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "forbidden");
  EXPECT_EQ(version_of(review_an_), 2);
  EXPECT_EQ(event_count(review_an_), events);
}

TEST_F(ApiTest, SupervisorSeesTheSubtreeButCannotAct) {
  const auto get = as("giang", "GET", "/api/v1/reviews/" + std::to_string(review_an_));
  ASSERT_EQ(get.status, 200) << get.body;
  EXPECT_EQ(get.json()->getArray("allowed_actions")->size(), 0u);
  EXPECT_EQ(act("giang", review_an_, "submit", 1, complete_form_body()).status, 403);
  EXPECT_EQ(version_of(review_an_), 1);
}

TEST_F(ApiTest, OnlyTheCommitteeOrAdminCreatesCampaigns) {
  const std::string body = R"({"unit_id":)" + std::to_string(unit_a_) +
                           R"(,"year":2027,"regime_id":"test-nd90","regime_version":1})";
  const auto r = as("khanh", "POST", "/api/v1/campaigns", body);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(store_->list_campaigns({}).size(), 1u);
}

TEST_F(ApiTest, ReviewListsAreScopedToTheCallersUnits) {
  const std::string path = "/api/v1/campaigns/" + std::to_string(campaign_) + "/reviews";
  const auto em = as("em", "GET", path);
  ASSERT_EQ(em.status, 200) << em.body;
  const auto items = em.json()->getArray("items");
  ASSERT_EQ(items->size(), 1u);  // only Phòng B, which has one person
  EXPECT_EQ(items->getObject(0)->getObject("unit")->getValue<Id>("id"), unit_b_);

  const auto giang = as("giang", "GET", path);
  ASSERT_EQ(giang.status, 200);
  EXPECT_EQ(giang.json()->getValue<int>("total"), 7);  // the whole tree
}

}  // namespace
}  // namespace kd::api::testing

namespace kd::api::testing {
namespace {

// Every route of accounts and roles × every role of the fixture. Each caller acts on its own
// targets (people, accounts and grants made for it), one in Phòng A and one in Phòng B, so the
// cells are independent: only an administrator at or above the target's unit succeeds; a
// refused request writes nothing (the administrative log counts only the successes).
TEST_F(AccountsApiTest, AccountAndRoleRoutesAnswerEveryRoleAsScoped) {
  const std::vector<std::string> users = {"an", "binh",  "chi", "khanh", "dung",
                                          "em", "giang", "ich", "hoa"};
  struct Targets {
    Id person_a = 0, person_b = 0;    // no account
    Id account_a = 0, account_b = 0;  // accounts of other people
    Id grant_a = 0, grant_b = 0;      // grants of other people
  };
  std::map<std::string, Targets> targets;
  int day = 1;
  for (const auto& u : users) {
    auto person = [&](const std::string& name, Id unit) {
      kd::wf::Person p;
      p.full_name = name;
      p.unit_id = unit;
      p.group = kd::wf::Group::CongChuc;
      return store_->create_person(p);
    };
    Targets t;
    t.person_a = person("Người thử A " + u, unit_a_);
    t.person_b = person("Người thử B " + u, unit_b_);
    const Id holder_a = person("Chủ tài khoản A " + u, unit_a_);
    const Id holder_b = person("Chủ tài khoản B " + u, unit_b_);
    t.account_a = store_->create_account(holder_a, "a." + u, "x");
    t.account_b = store_->create_account(holder_b, "b." + u, "x");
    const kd::wf::Date first{2027, 1, day};
    store_->grant_role({holder_a, unit_a_, kd::wf::Role::Secretary, first, first});
    store_->grant_role({holder_b, unit_b_, kd::wf::Role::Secretary, first, first});
    auto grant_id = [&](Id person) {
      auto conn = pool_->acquire();
      pqxx::read_transaction t(*conn);
      return t.exec_params1("SELECT id FROM role_grants WHERE person_id = $1", person)[0].as<Id>();
    };
    t.grant_a = grant_id(holder_a);
    t.grant_b = grant_id(holder_b);
    targets[u] = t;
    ++day;
  }

  struct Row {
    std::string method;
    std::function<std::string(const std::string&)> path;
    std::function<std::string(const std::string&)> body;
    int ok;       // the administrator's status
    bool unit_b;  // the target is in Phòng B (ich administers it too)
  };
  const auto fixed = [](const std::string& p) { return [p](const std::string&) { return p; }; };
  const auto none = [](const std::string&) { return std::string(); };
  int n = 0;
  auto day_of = [&](const std::string& u) {
    return std::to_string(
        1 + static_cast<int>(std::find(users.begin(), users.end(), u) - users.begin()));
  };
  const std::vector<Row> rows = {
      {"POST", fixed("/api/v1/accounts"),
       [&](const std::string& u) {
         return R"({"person_id":)" + std::to_string(targets[u].person_a) +
                R"(,"username":"new.a.)" + u + R"("})";
       },
       201, false},
      {"POST", fixed("/api/v1/accounts"),
       [&](const std::string& u) {
         return R"({"person_id":)" + std::to_string(targets[u].person_b) +
                R"(,"username":"new.b.)" + u + R"("})";
       },
       201, true},
      {"GET", fixed("/api/v1/accounts?unit=" + std::to_string(unit_a_)), none, 200, false},
      {"GET", fixed("/api/v1/accounts?unit=" + std::to_string(unit_b_)), none, 200, true},
      {"POST",
       [&](const std::string& u) {
         return "/api/v1/accounts/" + std::to_string(targets[u].account_a) + "/password-reset";
       },
       none, 200, false},
      {"POST",
       [&](const std::string& u) {
         return "/api/v1/accounts/" + std::to_string(targets[u].account_b) + "/password-reset";
       },
       none, 200, true},
      {"POST",
       [&](const std::string& u) {
         return "/api/v1/accounts/" + std::to_string(targets[u].account_a) + "/deactivate";
       },
       fixed(R"({"reason":"Nghỉ hưu."})"), 200, false},
      {"POST",
       [&](const std::string& u) {
         return "/api/v1/accounts/" + std::to_string(targets[u].account_b) + "/deactivate";
       },
       fixed(R"({"reason":"Nghỉ hưu."})"), 200, true},
      {"POST", fixed("/api/v1/role-grants"),
       [&](const std::string& u) {
         return R"({"person_id":)" + std::to_string(loc_) + R"(,"unit_id":)" +
                std::to_string(unit_a_) + R"(,"role":"chair","valid_from":"2027-02-)" +
                (day_of(u).size() == 1 ? "0" : "") + day_of(u) + R"(","valid_until":"2027-02-)" +
                (day_of(u).size() == 1 ? "0" : "") + day_of(u) + R"("})";
       },
       201, false},
      {"POST", fixed("/api/v1/role-grants"),
       [&](const std::string& u) {
         return R"({"person_id":)" + std::to_string(moc_) + R"(,"unit_id":)" +
                std::to_string(unit_b_) + R"(,"role":"chair","valid_from":"2027-02-)" +
                (day_of(u).size() == 1 ? "0" : "") + day_of(u) + R"(","valid_until":"2027-02-)" +
                (day_of(u).size() == 1 ? "0" : "") + day_of(u) + R"("})";
       },
       201, true},
      {"GET", fixed("/api/v1/role-grants?unit=" + std::to_string(unit_a_)), none, 200, false},
      {"GET", fixed("/api/v1/role-grants?unit=" + std::to_string(unit_b_)), none, 200, true},
      {"POST",
       [&](const std::string& u) {
         return "/api/v1/role-grants/" + std::to_string(targets[u].grant_a) + "/revoke";
       },
       none, 200, false},
      {"POST",
       [&](const std::string& u) {
         return "/api/v1/role-grants/" + std::to_string(targets[u].grant_b) + "/revoke";
       },
       none, 200, true},
  };
  long writes = 0;
  for (const auto& row : rows) {
    for (const auto& u : users) {
      const bool admin = u == "hoa" || (u == "ich" && row.unit_b);
      const int expected = admin ? row.ok : 403;
      const std::string path = row.path(u);
      const auto r = as(u, row.method, path, row.body(u));
      EXPECT_EQ(r.status, expected) << row.method << " " << path << " as " << u << ": " << r.body;
      if (expected == 403) {
        EXPECT_EQ(r.json()->getValue<std::string>("code"), "forbidden") << path << " as " << u;
      }
      if (admin && row.method == "POST") ++writes;
      ++n;
    }
    // Without a token: 401 whatever the route.
    EXPECT_EQ(call(row.method, row.path("hoa"), row.body("hoa")).status, 401) << row.path("hoa");
  }
  EXPECT_EQ(n, static_cast<int>(rows.size() * users.size()));
  EXPECT_EQ(admin_event_count(), writes);
}

}  // namespace
}  // namespace kd::api::testing
