// Store: organisation, accounts and sessions.
#include "services/storage/row_mapping.hpp"
#include "services/storage/sql.hpp"
#include "services/storage/store.hpp"
#include "services/storage/transaction_steps.hpp"

namespace kd::storage {
bool Store::ping() {
  try {
    auto conn = pool_.acquire();
    pqxx::read_transaction t(*conn);
    t.exec_prepared1(sql::name(sql::kPing));
    t.commit();
    return true;
  } catch (const pqxx::failure&) {
    return false;
  } catch (const std::exception&) {
    return false;
  }
}

Id Store::create_unit(const wf::Unit& u) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn);
  std::optional<std::string> parent;
  if (u.parent_id) parent = std::to_string(*u.parent_id);
  const auto row =
      w.exec_prepared1(sql::name(sql::kInsertUnit), detail::nullable(parent), u.code, u.name,
                       u.kind.empty() ? std::string("don_vi") : u.kind, u.superior_name,
                       u.place_name, u.head_title, u.deputy_title, u.collective_body);
  w.commit();
  return row[0].as<Id>();
}

Id Store::create_person(const wf::Person& p) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn);
  const auto row = w.exec_prepared1(sql::name(sql::kInsertPerson), p.full_name, p.unit_id,
                                    std::string(wf::to_string(p.group)), p.party_member, p.leader,
                                    p.position, p.peer_group);
  w.commit();
  return row[0].as<Id>();
}

void Store::grant_role(const wf::RoleGrant& g) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn);
  std::optional<std::string> from, until;  // the term; NULL = open
  if (g.from) from = wf::to_iso(*g.from);
  if (g.until) until = wf::to_iso(*g.until);
  w.exec_prepared0(sql::name(sql::kInsertGrant), g.person_id, g.unit_id,
                   std::string(wf::to_string(g.role)), detail::nullable(from),
                   detail::nullable(until));
  w.commit();
}

void Store::set_year_facts(Id person_id, int year, const wf::YearFacts& f) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn);
  w.exec_prepared0(sql::name(sql::kUpsertYearFacts), person_id, year, detail::facts_json(f));
  w.commit();
}

wf::OrgTree Store::load_org_tree() {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  auto org = detail::load_org(t);
  t.commit();
  return org;
}

std::optional<wf::Person> Store::get_person(Id id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto res = t.exec_prepared(sql::name(sql::kSelectPerson), id);
  t.commit();
  if (res.empty()) return std::nullopt;
  return detail::read_person(res[0]);
}

std::vector<wf::Person> Store::people_in_units(const std::vector<Id>& unit_ids) {
  std::vector<wf::Person> out;
  if (unit_ids.empty()) return out;
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  for (const auto& r :
       t.exec_prepared(sql::name(sql::kSelectPeopleInUnits), *detail::id_array(unit_ids))) {
    out.push_back(detail::read_person(r));
  }
  t.commit();
  return out;
}

Id Store::create_account(Id person_id, const std::string& username,
                         const std::string& password_hash) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn);
  const auto row =
      w.exec_prepared1(sql::name(sql::kInsertAccount), person_id, username, password_hash);
  w.commit();
  return row[0].as<Id>();
}

std::optional<AccountRecord> Store::find_account(const std::string& username) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto res = t.exec_prepared(sql::name(sql::kSelectAccount), username);
  t.commit();
  if (res.empty()) return std::nullopt;
  AccountRecord a;
  a.id = res[0][0].as<Id>();
  a.person_id = res[0][1].as<Id>();
  a.username = res[0][2].as<std::string>();
  a.password_hash = res[0][3].as<std::string>();
  a.auth_source = res[0][4].as<std::string>();
  a.must_change_password = res[0][5].as<bool>();
  a.active = res[0][6].as<bool>();
  return a;
}

void Store::create_session(const std::string& token_sha256, Id account_id,
                           wf::TimePoint expires_at) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn);
  w.exec_prepared0(sql::name(sql::kInsertSession), token_sha256, account_id,
                   detail::epoch_seconds(expires_at));
  w.commit();
}

std::optional<SessionRecord> Store::find_session(const std::string& token_sha256,
                                                 wf::TimePoint now) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto res =
      t.exec_prepared(sql::name(sql::kSelectSession), token_sha256, detail::epoch_seconds(now));
  t.commit();
  if (res.empty()) return std::nullopt;
  return SessionRecord{res[0][0].as<Id>(), res[0][1].as<Id>(), res[0][2].as<std::string>(),
                       detail::from_epoch_seconds(res[0][3].as<std::int64_t>()),
                       res[0][4].as<bool>()};
}

void Store::delete_session(const std::string& token_sha256) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn);
  w.exec_prepared0(sql::name(sql::kDeleteSession), token_sha256);
  w.commit();
}

}  // namespace kd::storage
