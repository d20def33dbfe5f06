// First sign-in with a one-time password, password changes against the policy, resets and
// deactivations by an administrator, and the sessions they end.
#include <Poco/JSON/Array.h>

#include "tests/api/accounts_fixture.hpp"

namespace kd::api::testing {
namespace {

class FirstSignIn : public AccountsApiTest {
 protected:
  // loc's new account; returns the one-time password.
  std::string create_loc() {
    const auto r = as("hoa", "POST", "/api/v1/accounts",
                      R"({"person_id":)" + std::to_string(loc_) + R"(,"username":"loc.tccb"})");
    EXPECT_EQ(r.status, 201) << r.body;
    account_ = r.json()->getObject("account")->getValue<Id>("id");
    return r.json()->getValue<std::string>("one_time_password");
  }
  std::string login_token(const std::string& user, const std::string& password) {
    const auto r = login_as(user, password);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()->optValue<std::string>("token", "");
  }
  HttpResult change(const std::string& token, const std::string& current, const std::string& next) {
    return call("POST", "/api/v1/auth/password",
                R"({"current_password":")" + current + R"(","new_password":")" + next + R"("})", {},
                token);
  }
  Id account_ = 0;
};

TEST_F(FirstSignIn, AOneTimePasswordMustBeChangedBeforeAnythingElse) {
  const std::string otp = create_loc();
  const auto login = login_as("loc.tccb", otp);
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_TRUE(login.json()->getValue<bool>("must_change_password"));
  const std::string token = login.json()->getValue<std::string>("token");

  // Every other route answers 403 password_change_required, and nothing happens.
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/me/tasks"},
           {"GET", "/api/v1/reviews/" + std::to_string(review_an_)},
           {"GET", "/api/v1/role-grants"},
           {"POST", "/api/v1/accounts"}}) {
    const auto r = call(method, path, method == "POST" ? "{}" : "", {}, token);
    EXPECT_EQ(r.status, 403) << path << ": " << r.body;
    EXPECT_EQ(r.json()->getValue<std::string>("code"), "password_change_required") << path;
    EXPECT_EQ(r.json()->getValue<std::string>("detail"),
              "Bạn đang đăng nhập bằng mật khẩu dùng một lần: hãy đổi mật khẩu trước khi làm "
              "việc khác.");
  }

  // The policy: too short, containing the login name, common; each reason said.
  const auto weak = change(token, otp, "loc.tccb");
  ASSERT_EQ(weak.status, 422) << weak.body;
  EXPECT_EQ(weak.json()->getValue<std::string>("code"), "password_rejected");
  const auto errors = weak.json()->getArray("errors");
  ASSERT_EQ(errors->size(), 2u);
  EXPECT_EQ(errors->getObject(0)->getValue<std::string>("code"), "password_too_short");
  EXPECT_EQ(errors->getObject(1)->getValue<std::string>("code"), "password_contains_username");
  EXPECT_EQ(weak.json()->getValue<std::string>("detail"),
            "Mật khẩu phải có ít nhất 10 ký tự (mật khẩu này có 8). Mật khẩu không được chứa "
            "tên đăng nhập.");
  const auto common = change(token, otp, "Matkhau@123");
  ASSERT_EQ(common.status, 422) << common.body;
  EXPECT_EQ(common.json()->getValue<std::string>("detail"),
            "Mật khẩu này quá phổ biến, dễ bị đoán: hãy chọn mật khẩu khác.");
  const auto same = change(token, otp, otp);
  ASSERT_EQ(same.status, 422) << same.body;
  EXPECT_EQ(same.json()->getArray("errors")->getObject(0)->getValue<std::string>("code"),
            "password_unchanged");
  const auto wrong = change(token, "không phải mật khẩu", "Sông Lô chảy về xuôi");
  EXPECT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_EQ(wrong.json()->getValue<std::string>("code"), "wrong_current_password");

  // A good one: accepted; the same token now works; the one-time password no longer does.
  ASSERT_EQ(change(token, otp, "Sông Lô chảy về xuôi").status, 204);
  EXPECT_EQ(call("GET", "/api/v1/me/tasks", "", {}, token).status, 200);
  EXPECT_EQ(login_as("loc.tccb", otp).status, 401);
  const auto again = login_as("loc.tccb", "Sông Lô chảy về xuôi");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_FALSE(again.json()->getValue<bool>("must_change_password"));
}

TEST_F(FirstSignIn, AChangeEndsTheOtherSessionsButNotThisOne) {
  const std::string otp = create_loc();
  const std::string first = login_token("loc.tccb", otp);
  const std::string second = login_token("loc.tccb", otp);
  ASSERT_EQ(change(second, otp, "Đèo Khau Phạ mùa lúa chín").status, 204);
  EXPECT_EQ(call("GET", "/api/v1/me/tasks", "", {}, second).status, 200);
  const auto ended = call("GET", "/api/v1/me/tasks", "", {}, first);
  EXPECT_EQ(ended.status, 401);
  EXPECT_EQ(ended.json()->getValue<std::string>("code"), "invalid_token");
}

TEST_F(FirstSignIn, AResetEndsEverySessionAndGivesANewOneTimePassword) {
  const std::string otp = create_loc();
  const std::string token = login_token("loc.tccb", otp);
  ASSERT_EQ(change(token, otp, "Đèo Khau Phạ mùa lúa chín").status, 204);
  const auto reset =
      as("hoa", "POST", "/api/v1/accounts/" + std::to_string(account_) + "/password-reset");
  ASSERT_EQ(reset.status, 200) << reset.body;
  const std::string fresh = reset.json()->getValue<std::string>("one_time_password");
  EXPECT_NE(fresh, otp);
  EXPECT_TRUE(reset.json()->getObject("account")->getValue<bool>("must_change_password"));
  EXPECT_EQ(call("GET", "/api/v1/me/tasks", "", {}, token).status, 401);
  EXPECT_EQ(login_as("loc.tccb", "Đèo Khau Phạ mùa lúa chín").status, 401);
  const auto login = login_as("loc.tccb", fresh);
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_TRUE(login.json()->getValue<bool>("must_change_password"));
}

TEST_F(FirstSignIn, ADeactivatedAccountLosesItsSessionsAndCannotSignIn) {
  const std::string otp = create_loc();
  const std::string token = login_token("loc.tccb", otp);
  const auto off = as("hoa", "POST", "/api/v1/accounts/" + std::to_string(account_) + "/deactivate",
                      R"({"reason":"Chuyển công tác."})");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_FALSE(off.json()->getObject("account")->getValue<bool>("active"));
  EXPECT_EQ(call("GET", "/api/v1/me/tasks", "", {}, token).status, 401);
  const auto login = login_as("loc.tccb", otp);
  EXPECT_EQ(login.status, 403) << login.body;
  EXPECT_EQ(login.json()->getValue<std::string>("code"), "account_deactivated");
  EXPECT_EQ(login.json()->getValue<std::string>("detail"),
            "Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên của đơn vị.");
  // A wrong password says nothing about it.
  EXPECT_EQ(login_as("loc.tccb", "sai mật khẩu rồi").status, 401);
  const auto reset =
      as("hoa", "POST", "/api/v1/accounts/" + std::to_string(account_) + "/password-reset");
  EXPECT_EQ(reset.status, 422) << reset.body;
  // The name stays taken; the person may get a new account.
  const auto renamed = as("hoa", "POST", "/api/v1/accounts",
                          R"({"person_id":)" + std::to_string(loc_) + R"(,"username":"loc.tccb"})");
  EXPECT_EQ(renamed.status, 409);
  EXPECT_EQ(as("hoa", "POST", "/api/v1/accounts",
               R"({"person_id":)" + std::to_string(loc_) + R"(,"username":"loc.tccb2"})")
                .status,
            201);
}

TEST_F(FirstSignIn, NobodyResetsOrDeactivatesTheirOwnAccount) {
  const auto accounts = as("hoa", "GET", "/api/v1/accounts?unit=" + std::to_string(root_));
  Id own = 0;
  const auto items = accounts.json()->getArray("items");
  for (std::size_t i = 0; i < items->size(); ++i) {
    if (items->getObject(i)->getValue<std::string>("username") == "hoa")
      own = items->getObject(i)->getValue<Id>("id");
  }
  ASSERT_NE(own, 0);
  const auto reset =
      as("hoa", "POST", "/api/v1/accounts/" + std::to_string(own) + "/password-reset");
  EXPECT_EQ(reset.status, 403) << reset.body;
  EXPECT_EQ(reset.json()->getValue<std::string>("detail"),
            "Không được tự quản lý tài khoản của chính mình: việc này do một quản trị viên khác "
            "thực hiện.");
  EXPECT_EQ(as("hoa", "POST", "/api/v1/accounts/" + std::to_string(own) + "/deactivate").status,
            403);
  EXPECT_EQ(admin_event_count(), 0);
}

}  // namespace
}  // namespace kd::api::testing
