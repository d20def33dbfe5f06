#include "services/storage/account_admin.hpp"

#include <Poco/JSON/Object.h>

#include "services/codec/json_codec.hpp"
#include "services/storage/row_mapping.hpp"
#include "services/storage/sql_accounts.hpp"
#include "services/storage/transaction_steps.hpp"

namespace kd::storage {
namespace {

namespace q = sql_accounts;
using Status = AdminOutcome::Status;

AdminOutcome not_found(std::string what) {
  AdminOutcome out;
  out.status = Status::NotFound;
  out.missing = std::move(what);
  return out;
}

AdminOutcome refused(wf::Refusals refusals) {
  AdminOutcome out;
  out.status = Status::Refused;
  out.refusals = std::move(refusals);
  return out;
}

AdminOutcome conflict(std::string code, std::string message) {
  AdminOutcome out;
  out.status = Status::Conflict;
  out.refusals.push_back({wf::RefusalKind::GuardFailed, std::move(code), std::move(message), {}});
  return out;
}

std::optional<Id> read_id(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<Id>();
}

std::optional<wf::TimePoint> read_time(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return detail::from_epoch_seconds(f.as<std::int64_t>());
}

std::optional<wf::Date> read_date(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return wf::parse_iso_date(f.as<std::string>());
}

std::optional<std::string> date_text(const std::optional<wf::Date>& d) {
  if (!d) return std::nullopt;
  return wf::to_iso(*d);
}

AccountRow read_account(const pqxx::row& r) {
  AccountRow a;
  a.id = r[0].as<Id>();
  a.person_id = r[1].as<Id>();
  a.username = r[2].as<std::string>();
  a.auth_source = r[4].as<std::string>();
  a.must_change_password = r[5].as<bool>();
  a.active = r[6].as<bool>();
  a.full_name = r[7].as<std::string>();
  a.unit_id = r[8].as<Id>();
  a.unit_name = r[9].as<std::string>();
  a.created_at = detail::from_epoch_seconds(r[10].as<std::int64_t>());
  a.password_changed_at = read_time(r[11]);
  a.deactivated_at = read_time(r[12]);
  return a;
}

GrantRow read_grant(const pqxx::row& r) {
  GrantRow g;
  g.id = r[0].as<Id>();
  g.person_id = r[1].as<Id>();
  g.full_name = r[2].as<std::string>();
  g.unit_id = r[3].as<Id>();
  g.unit_name = r[4].as<std::string>();
  const auto role = wf::parse_role(r[5].as<std::string>());
  if (!role)
    throw std::runtime_error("role_grants holds an unknown role: " + r[5].as<std::string>());
  g.role = *role;
  g.valid_from = read_date(r[6]);
  g.valid_until = read_date(r[7]);
  g.granted_by = read_id(r[8]);
  g.granted_at = read_time(r[9]);
  g.revoked_by = read_id(r[10]);
  g.revoked_at = read_time(r[11]);
  g.revoke_reason = r[12].as<std::string>();
  g.revoked_on = read_date(r[13]);
  return g;
}

std::string account_state(const AccountRow& a, const std::string& reason = {}) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  if (!reason.empty()) o->set("reason", reason);
  o->set("username", a.username);
  o->set("person_id", a.person_id);
  o->set("auth_source", a.auth_source);
  o->set("must_change_password", a.must_change_password);
  o->set("active", a.active);
  return codec::canonical(o);
}

std::string grant_state(const GrantRow& g) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("person_id", g.person_id);
  o->set("unit_id", g.unit_id);
  o->set("role", std::string(wf::to_string(g.role)));
  o->set("valid_from",
         g.valid_from ? Poco::Dynamic::Var(wf::to_iso(*g.valid_from)) : Poco::Dynamic::Var());
  o->set("valid_until",
         g.valid_until ? Poco::Dynamic::Var(wf::to_iso(*g.valid_until)) : Poco::Dynamic::Var());
  o->set("revoked", g.revoked_at.has_value());
  if (g.revoked_at) o->set("revoke_reason", g.revoke_reason);
  return codec::canonical(o);
}

std::optional<wf::Person> load_person(pqxx::transaction_base& t, Id id) {
  const auto res = t.exec_prepared(sql::name(sql::kSelectPerson), id);
  if (res.empty()) return std::nullopt;
  return detail::read_person(res[0]);
}

std::optional<AccountRow> lock_account(pqxx::work& w, Id id) {
  const auto res = w.exec_prepared(sql::name(q::kLockAccount), id);
  if (res.empty()) return std::nullopt;
  return read_account(res[0]);
}

AdminOutcome accepted(Id id, AdminEvent event) {
  AdminOutcome out;
  out.status = Status::Accepted;
  out.id = id;
  out.event = std::move(event);
  return out;
}

AdminEvent event_for(Id actor, std::string action, std::string subject, Id person, Id unit,
                     std::string before, std::string after, wf::TimePoint now) {
  AdminEvent e;
  e.actor_id = actor;
  e.action = std::move(action);
  e.subject = std::move(subject);
  e.person_id = person;
  e.unit_id = unit;
  e.before = std::move(before);
  e.after = std::move(after);
  e.occurred_at = now;
  return e;
}

}  // namespace

AdminOutcome AccountAdmin::create_account(Id actor, Id person_id, const std::string& username,
                                          const std::string& hash, wf::TimePoint now) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "create_account");
  const auto person = load_person(w, person_id);
  if (!person) return not_found("person");
  const auto org = detail::load_org(w);
  if (auto r = wf::account_admin_refusals(org, actor, *person, wf::vietnam_date(now)); !r.empty())
    return refused(std::move(r));
  if (w.exec_prepared1(sql::name(q::kPersonHasAccount), person_id)[0].as<bool>()) {
    return conflict("account_exists", person->full_name +
                                          " đã có tài khoản đang hoạt động: hãy đặt lại mật "
                                          "khẩu thay vì tạo tài khoản mới.");
  }
  if (w.exec_prepared1(sql::name(q::kUsernameTaken), username)[0].as<bool>()) {
    return conflict("username_taken",
                    "Tên đăng nhập \"" + username + "\" đã được dùng: hãy chọn tên khác.");
  }
  const Id id = w.exec_prepared1(sql::name(q::kInsertAccount), person_id, username, hash, true,
                                 actor, detail::epoch_seconds(now))[0]
                    .as<Id>();
  const auto created = lock_account(w, id);
  auto event = admin_log::append(
      w, event_for(actor, "account_created", "account:" + std::to_string(id), person_id,
                   person->unit_id, "null", account_state(*created), now));
  w.commit();
  return accepted(id, std::move(event));
}

AdminOutcome AccountAdmin::reset_password(Id actor, Id account_id, const std::string& hash,
                                          wf::TimePoint now) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "reset_password");
  const auto account = lock_account(w, account_id);
  if (!account) return not_found("account");
  const auto person = load_person(w, account->person_id);
  const auto org = detail::load_org(w);
  if (auto r = wf::account_admin_refusals(org, actor, *person, wf::vietnam_date(now)); !r.empty())
    return refused(std::move(r));
  if (!account->active) {
    return refused({{wf::RefusalKind::GuardFailed,
                     "account_deactivated",
                     "Tài khoản đã bị vô hiệu hóa: không đặt lại mật khẩu được.",
                     {}}});
  }
  if (account->auth_source != "local") {
    return refused({{wf::RefusalKind::GuardFailed,
                     "directory_account",
                     "Tài khoản đăng nhập qua thư mục của cơ quan (LDAP): mật khẩu do thư mục "
                     "quản lý, không đặt lại ở đây.",
                     {}}});
  }
  w.exec_prepared0(sql::name(q::kSetPassword), account_id, hash, true, detail::epoch_seconds(now));
  w.exec_prepared0(sql::name(q::kDeleteSessions), account_id);
  AccountRow after = *account;
  after.must_change_password = true;
  auto event = admin_log::append(
      w, event_for(actor, "password_reset", "account:" + std::to_string(account_id),
                   account->person_id, account->unit_id, account_state(*account),
                   account_state(after), now));
  w.commit();
  return accepted(account_id, std::move(event));
}

AdminOutcome AccountAdmin::deactivate(Id actor, Id account_id, const std::string& reason,
                                      wf::TimePoint now) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "deactivate_account");
  const auto account = lock_account(w, account_id);
  if (!account) return not_found("account");
  const auto person = load_person(w, account->person_id);
  const auto org = detail::load_org(w);
  if (auto r = wf::account_admin_refusals(org, actor, *person, wf::vietnam_date(now)); !r.empty())
    return refused(std::move(r));
  if (!account->active) {
    return refused({{wf::RefusalKind::GuardFailed,
                     "account_deactivated",
                     "Tài khoản này đã bị vô hiệu hóa trước đó.",
                     {}}});
  }
  w.exec_prepared0(sql::name(q::kDeactivate), account_id, actor, detail::epoch_seconds(now));
  w.exec_prepared0(sql::name(q::kDeleteSessions), account_id);
  AccountRow after = *account;
  after.active = false;
  auto event = admin_log::append(
      w, event_for(actor, "account_deactivated", "account:" + std::to_string(account_id),
                   account->person_id, account->unit_id, account_state(*account),
                   account_state(after, reason), now));
  w.commit();
  return accepted(account_id, std::move(event));
}

AdminOutcome AccountAdmin::grant(Id actor, const GrantCommand& c, wf::TimePoint now) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "grant_role");
  const auto person = load_person(w, c.person_id);
  if (!person) return not_found("person");
  const auto org = detail::load_org(w);
  if (!org.unit(c.unit_id)) return not_found("unit");
  if (auto r = wf::grant_refusals(org, actor, *person, c.unit_id, c.role, c.valid_from,
                                  c.valid_until, wf::vietnam_date(now));
      !r.empty())
    return refused(std::move(r));
  const Id id = w.exec_prepared1(sql::name(q::kInsertGrant), c.person_id, c.unit_id,
                                 std::string(wf::to_string(c.role)),
                                 detail::nullable(date_text(c.valid_from)),
                                 detail::nullable(date_text(c.valid_until)), actor,
                                 detail::epoch_seconds(now))[0]
                    .as<Id>();
  const auto row = w.exec_prepared1(sql::name(q::kLockGrant), id);
  auto event = admin_log::append(
      w, event_for(actor, "role_granted", "role_grant:" + std::to_string(id), c.person_id,
                   c.unit_id, "null", grant_state(read_grant(row)), now));
  w.commit();
  return accepted(id, std::move(event));
}

AdminOutcome AccountAdmin::revoke(Id actor, Id grant_id, const std::string& reason,
                                  wf::TimePoint now) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "revoke_role");
  const auto res = w.exec_prepared(sql::name(q::kLockGrant), grant_id);
  if (res.empty()) return not_found("role_grant");
  const GrantRow before = read_grant(res[0]);
  const auto person = load_person(w, before.person_id);
  const auto org = detail::load_org(w);
  wf::RoleGrant g(before.person_id, before.unit_id, before.role, before.valid_from,
                  before.valid_until);
  g.revoked_on = before.revoked_on;
  if (auto r = wf::revoke_refusals(org, actor, *person, g, wf::vietnam_date(now)); !r.empty())
    return refused(std::move(r));
  w.exec_prepared0(sql::name(q::kRevokeGrant), grant_id, actor, detail::epoch_seconds(now), reason);
  const GrantRow after = read_grant(w.exec_prepared1(sql::name(q::kLockGrant), grant_id));
  auto event = admin_log::append(
      w, event_for(actor, "role_revoked", "role_grant:" + std::to_string(grant_id),
                   before.person_id, before.unit_id, grant_state(before), grant_state(after), now));
  w.commit();
  return accepted(grant_id, std::move(event));
}

void AccountAdmin::change_password(Id account_id, Id person_id, const std::string& new_hash,
                                   const std::string& keep_session_sha256, wf::TimePoint now) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "change_password");
  const auto account = lock_account(w, account_id);
  if (!account)
    throw std::runtime_error("change_password: no account " + std::to_string(account_id));
  w.exec_prepared0(sql::name(q::kSetPassword), account_id, new_hash, false,
                   detail::epoch_seconds(now));
  w.exec_prepared0(sql::name(q::kDeleteOtherSessions), account_id, keep_session_sha256);
  AccountRow after = *account;
  after.must_change_password = false;
  admin_log::append(
      w, event_for(person_id, "password_changed", "account:" + std::to_string(account_id),
                   account->person_id, account->unit_id, account_state(*account),
                   account_state(after), now));
  w.commit();
}

std::optional<AccountRow> AccountAdmin::get_account(Id id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto res = t.exec_prepared(sql::name(q::kSelectAccount), id);
  t.commit();
  if (res.empty()) return std::nullopt;
  return read_account(res[0]);
}

std::optional<GrantRow> AccountAdmin::get_grant(Id id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto res = t.exec_prepared(sql::name(q::kSelectGrant), id);
  t.commit();
  if (res.empty()) return std::nullopt;
  return read_grant(res[0]);
}

Page<AccountRow> AccountAdmin::list_accounts(const std::vector<Id>& units, int limit, int offset) {
  Page<AccountRow> page;
  page.limit = limit;
  page.offset = offset;
  if (units.empty()) return page;
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto ids = detail::id_array(units);
  for (const auto& r :
       t.exec_prepared(sql::name(q::kListAccounts), detail::nullable(ids), limit, offset)) {
    page.items.push_back(read_account(r));
  }
  page.total = t.exec_prepared1(sql::name(q::kCountAccounts), detail::nullable(ids))[0].as<long>();
  t.commit();
  return page;
}

Page<GrantRow> AccountAdmin::list_grants(const GrantFilter& f, int limit, int offset) {
  Page<GrantRow> page;
  page.limit = limit;
  page.offset = offset;
  if (f.unit_ids.empty()) return page;
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto ids = detail::id_array(f.unit_ids);
  std::optional<std::string> role, person;
  if (f.role) role = std::string(wf::to_string(*f.role));
  if (f.person_id) person = std::to_string(*f.person_id);
  for (const auto& r :
       t.exec_prepared(sql::name(q::kListGrants), detail::nullable(ids), detail::nullable(role),
                       detail::nullable(person), f.include_revoked, limit, offset)) {
    page.items.push_back(read_grant(r));
  }
  page.total =
      t.exec_prepared1(sql::name(q::kCountGrants), detail::nullable(ids), detail::nullable(role),
                       detail::nullable(person), f.include_revoked)[0]
          .as<long>();
  t.commit();
  return page;
}

}  // namespace kd::storage
