// Accounts and roles: administrators create accounts (with a one-time password), reset
// passwords, deactivate accounts, grant and revoke roles and list them, within their units'
// subtrees (workflow/account_admin.hpp); a person changes their own password.
#include <algorithm>

#include <Poco/JSON/Array.h>

#include "application/text_normalisation.hpp"
#include "services/api/error_mapping.hpp"
#include "services/api/handlers.hpp"
#include "services/api/json_fields.hpp"
#include "services/api/passwords.hpp"
#include "services/api/review_access.hpp"
#include "services/api/tokens.hpp"
#include "services/storage/account_admin.hpp"
#include "workflow/account_admin.hpp"

namespace kd::api {
namespace {

using kd::storage::AccountAdmin;
using kd::wf::Id;

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 200;
constexpr std::size_t kMaxReason = 2000;

Poco::Dynamic::Var optional_time(const std::optional<kd::wf::TimePoint>& t) {
  return t ? Poco::Dynamic::Var(kd::wf::to_iso_vietnam(*t)) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var optional_date(const std::optional<kd::wf::Date>& d) {
  return d ? Poco::Dynamic::Var(kd::wf::to_iso(*d)) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var optional_id(const std::optional<Id>& id) {
  return id ? Poco::Dynamic::Var(*id) : Poco::Dynamic::Var();
}

Poco::JSON::Object::Ptr account_json(const kd::storage::AccountRow& a) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", a.id);
  o->set("username", a.username);
  o->set("auth_source", a.auth_source);
  o->set("must_change_password", a.must_change_password);
  o->set("active", a.active);
  Poco::JSON::Object::Ptr person = new Poco::JSON::Object;
  person->set("id", a.person_id);
  person->set("full_name", a.full_name);
  o->set("person", person);
  Poco::JSON::Object::Ptr unit = new Poco::JSON::Object;
  unit->set("id", a.unit_id);
  unit->set("name", a.unit_name);
  o->set("unit", unit);
  o->set("created_at", kd::wf::to_iso_vietnam(a.created_at));
  o->set("password_changed_at", optional_time(a.password_changed_at));
  o->set("deactivated_at", optional_time(a.deactivated_at));
  return o;
}

// "in_force", "not_yet", "ended" or "revoked" on `today`.
std::string grant_status(const kd::storage::GrantRow& g, const kd::wf::Date& today) {
  if (g.revoked_at) return "revoked";
  if (g.valid_from && today < *g.valid_from) return "not_yet";
  if (g.valid_until && *g.valid_until < today) return "ended";
  return "in_force";
}

Poco::JSON::Object::Ptr grant_json(const kd::storage::GrantRow& g, const kd::wf::Date& today) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", g.id);
  Poco::JSON::Object::Ptr person = new Poco::JSON::Object;
  person->set("id", g.person_id);
  person->set("full_name", g.full_name);
  o->set("person", person);
  Poco::JSON::Object::Ptr unit = new Poco::JSON::Object;
  unit->set("id", g.unit_id);
  unit->set("name", g.unit_name);
  o->set("unit", unit);
  o->set("role", std::string(kd::wf::to_string(g.role)));
  o->set("role_label_vi", std::string(kd::wf::label_vi(g.role)));
  o->set("valid_from", optional_date(g.valid_from));
  o->set("valid_until", optional_date(g.valid_until));
  o->set("status", grant_status(g, today));
  o->set("granted_by", optional_id(g.granted_by));
  o->set("granted_at", optional_time(g.granted_at));
  o->set("revoked_by", optional_id(g.revoked_by));
  o->set("revoked_at", optional_time(g.revoked_at));
  o->set("revoke_reason", g.revoke_reason);
  return o;
}

// The units the caller administers today, narrowed to the subtree of ?unit= when given
// (403 when the caller administers none, or not that unit).
std::vector<Id> administered_scope(ApiContext& ctx, const Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const auto today = kd::wf::vietnam_date(ctx.clock());
  const auto units = kd::wf::administered_units(scope.org, scope.person.id, today);
  if (units.empty()) {
    throw HttpError(forbidden("Chỉ quản trị viên mới xem được tài khoản và vai trò."));
  }
  const auto unit_text = ex.query("unit");
  if (!unit_text) return units;
  const Id unit = parse_id(*unit_text, "unit");
  if (!scope.org.unit(unit)) throw HttpError(unit_not_found());
  if (!std::binary_search(units.begin(), units.end(), unit)) {
    throw HttpError(
        forbidden("Bạn không phải là quản trị viên của đơn vị này hoặc đơn vị cấp "
                  "trên."));
  }
  auto sub = scope.org.subtree(unit);
  std::sort(sub.begin(), sub.end());
  return sub;
}

int query_limit(const Exchange& ex) {
  return parse_query_int(ex.query("limit"), "limit", 1, kMaxLimit).value_or(kDefaultLimit);
}

int query_offset(const Exchange& ex) {
  return parse_query_int(ex.query("offset"), "offset", 0, 1000000000).value_or(0);
}

std::optional<kd::wf::Date> optional_day(const Poco::JSON::Object& body, const std::string& key) {
  const auto text = optional_string(body, key);
  if (!text) return std::nullopt;
  const auto day = kd::wf::parse_iso_date(*text);
  if (!day) field_error(key, "phải là ngày dạng YYYY-MM-DD");
  return day;
}

std::string reason_field(const Poco::JSON::Object& body) {
  const std::string reason = kd::application::to_nfc(optional_string(body, "reason").value_or(""));
  if (reason.size() > kMaxReason) field_error("reason", "tối đa 2000 byte");
  return reason;
}

// A one-time password, hashed for storage; the clear text goes to the administrator once.
struct OneTimePassword {
  std::string clear;
  std::string hash;
};

OneTimePassword one_time_password(const ApiContext& ctx) {
  OneTimePassword p;
  p.clear =
      new_one_time_password(static_cast<std::size_t>(std::max(12, ctx.password_policy.min_length)));
  p.hash = hash_password(p.clear, ctx.password_cost);
  return p;
}

void send_account(ApiContext& ctx, Exchange& ex, int status, Id account_id,
                  const std::string& one_time_clear) {
  const auto account = AccountAdmin(ctx.store.pool()).get_account(account_id);
  if (!account) throw std::runtime_error("account " + std::to_string(account_id) + " vanished");
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("account", account_json(*account));
  if (!one_time_clear.empty()) o->set("one_time_password", one_time_clear);
  ex.send_json(status, o);
}

void send_grant(ApiContext& ctx, Exchange& ex, int status, Id grant_id) {
  const auto grant = AccountAdmin(ctx.store.pool()).get_grant(grant_id);
  if (!grant) throw std::runtime_error("role grant " + std::to_string(grant_id) + " vanished");
  ex.send_json(status, grant_json(*grant, kd::wf::vietnam_date(ctx.clock())));
}

void check(const kd::storage::AdminOutcome& outcome) {
  if (outcome.status != kd::storage::AdminOutcome::Status::Accepted)
    throw HttpError(problem_from_admin(outcome));
}

}  // namespace

void post_account(ApiContext& ctx, Exchange& ex) {
  const auto body = ex.json_body(false);
  const Id person = required_int(*body, "person_id");
  const std::string username = required_string(*body, "username");
  if (auto r = kd::wf::username_refusals(username); !r.empty())
    throw HttpError(problem_from_refusals(r));
  const auto otp = one_time_password(ctx);
  const auto outcome =
      AccountAdmin(ctx.store.pool())
          .create_account(ex.caller().person_id, person, username, otp.hash, ctx.clock());
  check(outcome);
  send_account(ctx, ex, 201, outcome.id, otp.clear);
}

void get_accounts(ApiContext& ctx, Exchange& ex) {
  const auto units = administered_scope(ctx, ex);
  const int limit = query_limit(ex);
  const int offset = query_offset(ex);
  const auto page = AccountAdmin(ctx.store.pool()).list_accounts(units, limit, offset);
  Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
  for (const auto& a : page.items) items->add(account_json(a));
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("items", items);
  o->set("total", static_cast<Poco::Int64>(page.total));
  o->set("limit", limit);
  o->set("offset", offset);
  ex.send_json(200, o);
}

void post_account_password_reset(ApiContext& ctx, Exchange& ex) {
  const Id account = parse_id(ex.param("id"), "id");
  const auto otp = one_time_password(ctx);
  const auto outcome = AccountAdmin(ctx.store.pool())
                           .reset_password(ex.caller().person_id, account, otp.hash, ctx.clock());
  check(outcome);
  send_account(ctx, ex, 200, account, otp.clear);
}

void post_account_deactivate(ApiContext& ctx, Exchange& ex) {
  const Id account = parse_id(ex.param("id"), "id");
  const auto body = ex.json_body(true);
  const std::string reason = reason_field(*body);
  const auto outcome = AccountAdmin(ctx.store.pool())
                           .deactivate(ex.caller().person_id, account, reason, ctx.clock());
  check(outcome);
  send_account(ctx, ex, 200, account, "");
}

void post_role_grant(ApiContext& ctx, Exchange& ex) {
  const auto body = ex.json_body(false);
  kd::storage::GrantCommand c;
  c.person_id = required_int(*body, "person_id");
  c.unit_id = required_int(*body, "unit_id");
  const std::string role = required_string(*body, "role");
  const auto parsed = kd::wf::parse_role(role);
  if (!parsed) field_error("role", "không phải là tên vai trò");
  c.role = *parsed;
  c.valid_from = optional_day(*body, "valid_from");
  c.valid_until = optional_day(*body, "valid_until");
  const auto outcome = AccountAdmin(ctx.store.pool()).grant(ex.caller().person_id, c, ctx.clock());
  check(outcome);
  send_grant(ctx, ex, 201, outcome.id);
}

void get_role_grants(ApiContext& ctx, Exchange& ex) {
  kd::storage::GrantFilter f;
  f.unit_ids = administered_scope(ctx, ex);
  if (const auto role = ex.query("role")) {
    f.role = kd::wf::parse_role(*role);
    if (!f.role) fail(400, "invalid_parameter", "Tham số \"role\" không phải là tên vai trò.");
  }
  if (const auto person = ex.query("person")) f.person_id = parse_id(*person, "person");
  if (const auto revoked = ex.query("include_revoked")) {
    if (*revoked != "true" && *revoked != "false")
      fail(400, "invalid_parameter", "Tham số \"include_revoked\" phải là true hoặc false.");
    f.include_revoked = *revoked == "true";
  }
  const int limit = query_limit(ex);
  const int offset = query_offset(ex);
  const auto page = AccountAdmin(ctx.store.pool()).list_grants(f, limit, offset);
  const auto today = kd::wf::vietnam_date(ctx.clock());
  Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
  for (const auto& g : page.items) items->add(grant_json(g, today));
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("items", items);
  o->set("total", static_cast<Poco::Int64>(page.total));
  o->set("limit", limit);
  o->set("offset", offset);
  ex.send_json(200, o);
}

void post_role_grant_revoke(ApiContext& ctx, Exchange& ex) {
  const Id grant = parse_id(ex.param("id"), "id");
  const auto body = ex.json_body(true);
  const std::string reason = reason_field(*body);
  const auto outcome =
      AccountAdmin(ctx.store.pool()).revoke(ex.caller().person_id, grant, reason, ctx.clock());
  check(outcome);
  send_grant(ctx, ex, 200, grant);
}

}  // namespace kd::api
