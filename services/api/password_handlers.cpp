// POST /api/v1/auth/password: the signed-in person changes their own password (the one-time
// password an administrator gave them, or their current one).
#include "services/api/error_mapping.hpp"
#include "services/api/handlers.hpp"
#include "services/api/json_fields.hpp"
#include "services/api/login_throttle.hpp"
#include "services/api/passwords.hpp"
#include "services/storage/account_admin.hpp"

namespace kd::api {

void post_password_change(ApiContext& ctx, Exchange& ex) {
  const auto body = ex.json_body(false);
  const std::string current = required_string(*body, "current_password");
  const std::string next = required_string(*body, "new_password");
  const Caller& caller = ex.caller();
  const auto account = ctx.store.find_account(caller.username);
  if (!account || !account->active) {
    fail(401, "invalid_token",
         "Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.");
  }
  if (account->auth_source != "local") {
    fail(422, "directory_account",
         "Mật khẩu của tài khoản này do thư mục của cơ quan (LDAP) quản lý: hãy đổi mật khẩu ở "
         "đó.");
  }
  // Guessing the current password through a session is slowed down like a login.
  const std::int64_t now = ctx.clock().time_since_epoch().count();
  LoginThrottle throttle(ctx.store.pool(), ctx.settings);
  if (const auto wait = throttle.wait_seconds(account->username, ex.client_address(), now);
      wait > 0) {
    ex.set_header("Retry-After", std::to_string(wait));
    fail(429, "too_many_login_attempts",
         "Nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau " + wait_text_vi(wait) + ".");
  }
  if (!verify_password(current, account->password_hash)) {
    throttle.failed(account->username, ex.client_address(), now);
    Problem p = make_problem(422, "wrong_current_password", "Mật khẩu hiện tại không đúng.");
    p.errors.push_back(
        {"wrong_current_password", "current_password", "Mật khẩu hiện tại không đúng.", 0});
    throw HttpError(std::move(p));
  }
  const bool unchanged = verify_password(next, account->password_hash);
  if (auto r = kd::wf::password_refusals(next, account->username, ctx.password_policy, unchanged);
      !r.empty()) {
    throw HttpError(password_rejected(r));
  }
  kd::storage::AccountAdmin(ctx.store.pool())
      .change_password(account->id, caller.person_id, hash_password(next, ctx.password_cost),
                       caller.token_sha256, ctx.clock());
  ex.send_no_content();
}

}  // namespace kd::api
