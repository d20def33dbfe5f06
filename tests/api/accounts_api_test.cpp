// Accounts and roles through the API: administrators of a subtree create accounts with a
// one-time password, grant and revoke roles with terms, list who holds what; refused changes
// change nothing; a grant change never alters a decided review.
#include "tests/api/accounts_fixture.hpp"

#include <Poco/JSON/Array.h>

namespace kd::api::testing {
namespace {

TEST_F(AccountsApiTest, AnAdministratorCreatesAnAccountWithAOneTimePassword) {
  const auto r = as("hoa", "POST", "/api/v1/accounts",
                    R"({"person_id":)" + std::to_string(loc_) + R"(,"username":"loc.tccb"})");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto account = r.json()->getObject("account");
  EXPECT_EQ(account->getValue<std::string>("username"), "loc.tccb");
  EXPECT_EQ(account->getObject("person")->getValue<std::string>("full_name"), "Quách Văn Lộc");
  EXPECT_EQ(account->getObject("unit")->getValue<Id>("id"), unit_a_);
  EXPECT_TRUE(account->getValue<bool>("must_change_password"));
  EXPECT_TRUE(account->getValue<bool>("active"));
  const std::string otp = r.json()->getValue<std::string>("one_time_password");
  EXPECT_GE(otp.size(), 12u);

  // The person signs in with it.
  const auto login = login_as("loc.tccb", otp);
  EXPECT_EQ(login.status, 200) << login.body;

  // The same person twice, or the same name twice: 409, nothing more written.
  const auto events = admin_event_count();
  const auto twice = as("hoa", "POST", "/api/v1/accounts",
                        R"({"person_id":)" + std::to_string(loc_) + R"(,"username":"loc2"})");
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(twice.json()->getValue<std::string>("code"), "account_exists");
  const auto taken = as("hoa", "POST", "/api/v1/accounts",
                        R"({"person_id":)" + std::to_string(moc_) + R"(,"username":"loc.tccb"})");
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(taken.json()->getValue<std::string>("code"), "username_taken");
  EXPECT_EQ(taken.json()->getValue<std::string>("detail"),
            "Tên đăng nhập \"loc.tccb\" đã được dùng: hãy chọn tên khác.");
  const auto bad = as("hoa", "POST", "/api/v1/accounts",
                      R"({"person_id":)" + std::to_string(moc_) + R"(,"username":"Mộc"})");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(admin_event_count(), events);
}

TEST_F(AccountsApiTest, AUnitAdministratorManagesOnlyItsSubtree) {
  const auto outside = as("ich", "POST", "/api/v1/accounts",
                          R"({"person_id":)" + std::to_string(loc_) + R"(,"username":"loc"})");
  EXPECT_EQ(outside.status, 403) << outside.body;
  EXPECT_EQ(outside.json()->getValue<std::string>("code"), "forbidden");
  EXPECT_EQ(outside.json()->getValue<std::string>("detail"),
            "Chỉ quản trị viên của Phòng Tổ chức cán bộ hoặc đơn vị cấp trên mới được quản lý "
            "tài khoản và vai trò của Quách Văn Lộc.");
  EXPECT_EQ(admin_event_count(), 0);
  const auto inside = as("ich", "POST", "/api/v1/accounts",
                         R"({"person_id":)" + std::to_string(moc_) + R"(,"username":"moc"})");
  EXPECT_EQ(inside.status, 201) << inside.body;

  // Its lists hold its subtree only; another unit is refused.
  const auto accounts = as("ich", "GET", "/api/v1/accounts");
  ASSERT_EQ(accounts.status, 200) << accounts.body;
  const auto items = accounts.json()->getArray("items");
  for (std::size_t i = 0; i < items->size(); ++i) {
    EXPECT_EQ(items->getObject(i)->getObject("unit")->getValue<Id>("id"), unit_b_);
  }
  EXPECT_EQ(accounts.json()->getValue<int>("total"), 3);  // em, ich, moc
  EXPECT_EQ(as("ich", "GET", "/api/v1/accounts?unit=" + std::to_string(unit_a_)).status, 403);
  EXPECT_EQ(as("ich", "GET", "/api/v1/role-grants?unit=" + std::to_string(root_)).status, 403);
}

TEST_F(AccountsApiTest, RolesAreGrantedWithATermListedAndRevoked) {
  const auto granted = grant("hoa", khanh_, unit_a_, "deputy_head",
                             R"(,"valid_from":"2026-11-01","valid_until":"2027-10-31")");
  ASSERT_EQ(granted.status, 201) << granted.body;
  const auto g = granted.json();
  EXPECT_EQ(g->getValue<std::string>("role"), "deputy_head");
  EXPECT_EQ(g->getValue<std::string>("role_label_vi"), "Cấp phó của người đứng đầu");
  EXPECT_EQ(g->getValue<std::string>("valid_from"), "2026-11-01");
  EXPECT_EQ(g->getValue<std::string>("valid_until"), "2027-10-31");
  EXPECT_EQ(g->getValue<std::string>("status"), "in_force");
  EXPECT_EQ(g->getValue<Id>("granted_by"), hoa_);
  const Id grant_id = g->getValue<Id>("id");

  const std::string list = "/api/v1/role-grants?unit=" + std::to_string(unit_a_);
  const auto deputies = as("hoa", "GET", list + "&role=deputy_head");
  ASSERT_EQ(deputies.status, 200) << deputies.body;
  ASSERT_EQ(deputies.json()->getValue<int>("total"), 1);
  EXPECT_EQ(
      deputies.json()->getArray("items")->getObject(0)->getObject("person")->getValue<std::string>(
          "full_name"),
      "Đỗ Văn Khánh");

  // Paginated: the unit's 9 grants (8 from the fixture and this one), four at a time.
  const auto page = as("hoa", "GET", list + "&limit=4&offset=4");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.json()->getValue<int>("total"), 9);
  EXPECT_EQ(page.json()->getArray("items")->size(), 4u);
  EXPECT_EQ(page.json()->getValue<int>("offset"), 4);
  EXPECT_EQ(as("hoa", "GET", list + "&limit=4&offset=8").json()->getArray("items")->size(), 1u);
  EXPECT_EQ(as("hoa", "GET", list + "&limit=0").status, 400);

  const auto revoked =
      as("hoa", "POST", "/api/v1/role-grants/" + std::to_string(grant_id) + "/revoke",
         R"({"reason":"Điều động sang đơn vị khác."})");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.json()->getValue<std::string>("status"), "revoked");
  EXPECT_EQ(revoked.json()->getValue<std::string>("revoke_reason"), "Điều động sang đơn vị khác.");
  EXPECT_EQ(as("hoa", "GET", list + "&role=deputy_head").json()->getValue<int>("total"), 0);
  EXPECT_EQ(as("hoa", "GET", list + "&role=deputy_head&include_revoked=true")
                .json()
                ->getValue<int>("total"),
            1);
  const auto again =
      as("hoa", "POST", "/api/v1/role-grants/" + std::to_string(grant_id) + "/revoke", "{}");
  EXPECT_EQ(again.status, 422) << again.body;
  EXPECT_EQ(again.json()->getArray("errors")->getObject(0)->getValue<std::string>("code"),
            "already_revoked");
  EXPECT_EQ(as("hoa", "POST", "/api/v1/role-grants/999999/revoke", "{}").status, 404);
}

TEST_F(AccountsApiTest, ARevokedRoleStopsGivingAccessAtOnce) {
  // giang supervises the tree; once revoked, the review is no longer his to see.
  const std::string review = "/api/v1/reviews/" + std::to_string(review_an_);
  ASSERT_EQ(as("giang", "GET", review).status, 200);
  const auto grants =
      as("hoa", "GET", "/api/v1/role-grants?person=" + std::to_string(giang_) + "&role=supervisor");
  ASSERT_EQ(grants.json()->getValue<int>("total"), 1) << grants.body;
  const Id id = grants.json()->getArray("items")->getObject(0)->getValue<Id>("id");
  ASSERT_EQ(as("hoa", "POST", "/api/v1/role-grants/" + std::to_string(id) + "/revoke", "{}").status,
            200);
  EXPECT_EQ(as("giang", "GET", review).status, 403);
}

TEST_F(AccountsApiTest, RefusedGrantsChangeNothing) {
  const auto before = admin_event_count();
  const auto self = grant("hoa", hoa_, root_, "committee");
  EXPECT_EQ(self.status, 403) << self.body;
  const auto backwards = grant("hoa", khanh_, unit_a_, "secretary",
                               R"(,"valid_from":"2027-01-01","valid_until":"2026-12-31")");
  ASSERT_EQ(backwards.status, 422) << backwards.body;
  EXPECT_EQ(backwards.json()->getValue<std::string>("detail"),
            "Ngày kết thúc (31/12/2026) trước ngày bắt đầu (01/01/2027).");
  const auto twice = grant("hoa", binh_, unit_a_, "secretary");
  EXPECT_EQ(twice.status, 422) << twice.body;
  EXPECT_EQ(grant("hoa", khanh_, unit_a_, "reviewee").status, 422);
  EXPECT_EQ(grant("hoa", khanh_, unit_a_, "tong_thu_ky").status, 400);
  EXPECT_EQ(grant("hoa", khanh_, 999999, "secretary").status, 404);
  EXPECT_EQ(grant("hoa", 999999, unit_a_, "secretary").status, 404);
  EXPECT_EQ(grant("ich", khanh_, unit_a_, "secretary").status, 403);
  EXPECT_EQ(admin_event_count(), before);
  EXPECT_EQ(as("hoa", "GET", "/api/v1/role-grants?unit=" + std::to_string(unit_a_))
                .json()
                ->getValue<int>("total"),
            8);
}

TEST_F(AccountsApiTest, AGrantChangeNeverAltersADecidedReview) {
  walk_to_committee(review_an_);
  const std::string campaign = "/api/v1/campaigns/" + std::to_string(campaign_);
  const auto decided =
      as("dung", "POST", campaign + "/decide",
         R"({"items":[{"review_id":)" + std::to_string(review_an_) + R"(,"rating":"HTT"}]})");
  ASSERT_EQ(decided.status, 200) << decided.body;
  const std::string path = "/api/v1/reviews/" + std::to_string(review_an_);
  const auto before = as("an", "GET", path);
  ASSERT_EQ(before.status, 200);
  const auto events_before = as("an", "GET", path + "/events");

  // The head who gave the opinion and the committee who decided lose their roles; another
  // head is granted; the secretary's term is ended.
  for (const auto& [person, role] : std::vector<std::pair<Id, std::string>>{
           {chi_, "head"}, {dung_, "committee"}, {binh_, "secretary"}}) {
    const auto found =
        as("hoa", "GET", "/api/v1/role-grants?person=" + std::to_string(person) + "&role=" + role);
    ASSERT_EQ(found.json()->getValue<int>("total"), 1) << found.body;
    const Id id = found.json()->getArray("items")->getObject(0)->getValue<Id>("id");
    ASSERT_EQ(
        as("hoa", "POST", "/api/v1/role-grants/" + std::to_string(id) + "/revoke", "{}").status,
        200);
  }
  ASSERT_EQ(grant("hoa", khanh_, unit_a_, "head").status, 201);

  const auto after = as("an", "GET", path);
  ASSERT_EQ(after.status, 200);
  for (const char* key : {"stage", "rating"}) {
    EXPECT_EQ(after.json()->getValue<std::string>(key), before.json()->getValue<std::string>(key))
        << key;
  }
  EXPECT_EQ(after.json()->getValue<std::string>("stage"), "decided");
  EXPECT_EQ(after.json()->getValue<std::string>("rating"), "HTT");
  EXPECT_EQ(after.json()->getValue<int>("version"), before.json()->getValue<int>("version"));
  EXPECT_EQ(after.header("ETag"), before.header("ETag"));
  EXPECT_EQ(as("an", "GET", path + "/events").body, events_before.body);
  EXPECT_TRUE(store_->verify_audit().breaks.empty());
  // The decision is still listed with its rating in the campaign.
  const auto listed = as("hoa", "GET", campaign + "/reviews?stage=decided");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.json()->getValue<int>("total"), 1);
}

}  // namespace
}  // namespace kd::api::testing
