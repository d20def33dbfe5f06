// POST /api/v1/auth/login and /logout.
#include <chrono>

#include <Poco/JSON/Array.h>

#include "services/api/handlers.hpp"
#include "services/api/json_fields.hpp"
#include "services/api/login_throttle.hpp"
#include "services/api/passwords.hpp"
#include "services/api/tokens.hpp"
#include "services/api/views.hpp"
#include "services/codec/sha256.hpp"

namespace kd::api {
namespace {

// Verifying against a real hash when the account does not exist keeps the
// answer time the same, so usernames cannot be probed by timing.
const std::string& dummy_hash() {
  static const std::string h = hash_password("kiemdiem-no-such-account");
  return h;
}

Poco::JSON::Array::Ptr roles_json(const kd::wf::OrgTree& org, kd::wf::Id person) {
  Poco::JSON::Array::Ptr roles = new Poco::JSON::Array;
  for (const auto& g : org.grants()) {
    if (g.person_id != person || g.revoked_on) continue;
    Poco::JSON::Object::Ptr r = new Poco::JSON::Object;
    r->set("unit_id", g.unit_id);
    const auto* unit = org.unit(g.unit_id);
    r->set("unit_name", unit ? unit->name : std::string());
    r->set("role", std::string(kd::wf::to_string(g.role)));
    r->set("role_label_vi", std::string(kd::wf::label_vi(g.role)));
    roles->add(r);
  }
  return roles;
}

}  // namespace

void post_login(ApiContext& ctx, Exchange& ex) {
  const auto body = ex.json_body(false);
  const std::string username = required_string(*body, "username");
  const std::string password = required_string(*body, "password");
  const std::int64_t now = ctx.clock().time_since_epoch().count();
  const std::string address = ex.client_address();
  LoginThrottle throttle(ctx.store.pool(), ctx.settings);
  // Refused before the account is looked up: the same answer, as fast, for any name.
  if (const auto wait = throttle.wait_seconds(username, address, now); wait > 0) {
    ex.set_header("Retry-After", std::to_string(wait));
    fail(429, "too_many_login_attempts",
         "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau " + wait_text_vi(wait) + ".");
  }
  const auto account = ctx.store.find_account(username);
  bool ok = false;
  if (account) {
    ok = verify_password(password, account->password_hash);
  } else {
    verify_password(password, dummy_hash());
  }
  if (!ok) {
    throttle.failed(username, address, now);
    fail(401, "invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.");
  }
  throttle.succeeded(username);
  if (!account->active) {
    // Said only to whoever knows the password: guessers learn nothing from it.
    fail(403, "account_deactivated",
         "Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên của đơn vị.");
  }
  const auto person = ctx.store.get_person(account->person_id);
  if (!person) {
    fail(401, "invalid_credentials", "Tài khoản không gắn với cán bộ nào.");
  }
  const std::string token = new_token();
  const kd::wf::TimePoint expires =
      ctx.clock() + std::chrono::minutes(ctx.settings.token_ttl_minutes);
  ctx.store.create_session(kd::codec::sha256_hex(token), account->id, expires);

  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("token", token);
  o->set("token_type", "Bearer");
  o->set("expires_at", kd::wf::to_iso_vietnam(expires));
  o->set("must_change_password", account->must_change_password);
  Poco::JSON::Object::Ptr p = person_json(*person);
  p->set("username", account->username);
  p->set("roles", roles_json(ctx.store.load_org_tree(), person->id));
  o->set("person", p);
  ex.send_json(200, o);
}

void post_logout(ApiContext& ctx, Exchange& ex) {
  ctx.store.delete_session(ex.caller().token_sha256);
  ex.send_no_content();
}

}  // namespace kd::api
