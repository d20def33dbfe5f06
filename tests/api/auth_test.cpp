#include "tests/api/api_fixture.hpp"

namespace kd::api::testing {
namespace {

TEST_F(ApiTest, LoginReturnsATokenAnExpiryInVietnamTimeAndThePerson) {
  const auto r =
      call("POST", "/api/v1/auth/login", R"({"username":"an","password":")" + kPassword + R"("})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto o = r.json();
  EXPECT_EQ(o->getValue<std::string>("token").size(), 43u);  // 32 bytes, base64url, no padding
  EXPECT_EQ(o->getValue<std::string>("token_type"), "Bearer");
  // 480 minutes after 2026-11-20 10:00 +07:00.
  EXPECT_EQ(o->getValue<std::string>("expires_at"), "2026-11-20T18:00:00+07:00");
  EXPECT_EQ(o->getObject("person")->getValue<std::string>("full_name"), "Nguyễn Văn An");
  EXPECT_FALSE(r.header("X-Request-Id").empty());
}

TEST_F(ApiTest, WrongPasswordIs401ProblemAndUnknownUserLooksTheSame) {
  const auto wrong = call("POST", "/api/v1/auth/login", R"({"username":"an","password":"sai"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.header("Content-Type").rfind("application/problem+json", 0), 0u);
  const auto o = wrong.json();
  EXPECT_EQ(o->getValue<std::string>("code"), "invalid_credentials");
  EXPECT_EQ(o->getValue<std::string>("type"), "https://kiemdiem.vn/problems/invalid_credentials");
  EXPECT_EQ(o->getValue<int>("status"), 401);
  EXPECT_EQ(o->getValue<std::string>("instance"), "/api/v1/auth/login");
  const auto unknown =
      call("POST", "/api/v1/auth/login", R"({"username":"khong-co","password":"sai"})");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.json()->getValue<std::string>("detail"), o->getValue<std::string>("detail"));
}

TEST_F(ApiTest, LoginWithoutPasswordIs400) {
  const auto r = call("POST", "/api/v1/auth/login", R"({"username":"an"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "invalid_field");
}

TEST_F(ApiTest, NoTokenOrBadTokenIs401) {
  const auto none = call("GET", "/api/v1/me/tasks");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.json()->getValue<std::string>("code"), "unauthenticated");
  EXPECT_FALSE(none.header("WWW-Authenticate").empty());
  const auto bad = call("GET", "/api/v1/me/tasks", "", {}, "not-a-real-token");
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.json()->getValue<std::string>("code"), "invalid_token");
  const auto basic = call("GET", "/api/v1/me/tasks", "", {{"Authorization", "Basic YW46eA=="}});
  EXPECT_EQ(basic.status, 401);
}

TEST_F(ApiTest, LogoutEndsTheSession) {
  const std::string t = token("an");
  EXPECT_EQ(call("GET", "/api/v1/me/tasks", "", {}, t).status, 200);
  EXPECT_EQ(call("POST", "/api/v1/auth/logout", "", {}, t).status, 204);
  EXPECT_EQ(call("GET", "/api/v1/me/tasks", "", {}, t).status, 401);
}

}  // namespace
}  // namespace kd::api::testing
