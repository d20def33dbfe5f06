#include "services/storage/org_import_store.hpp"

#include <map>

#include "services/codec/sha256.hpp"
#include "services/storage/sql_org_import.hpp"

namespace kd::storage::org_import {
namespace {

namespace q = sql_org_import;
using sql::name;

// A PostgreSQL array literal; a null element is written NULL.
class ArrayLiteral {
 public:
  void text(const std::optional<std::string>& v) {
    sep();
    if (!v) {
      out_ += "NULL";
      return;
    }
    out_ += '"';
    for (const char c : *v) {
      if (c == '"' || c == '\\') out_ += '\\';
      out_ += c;
    }
    out_ += '"';
  }
  void text_or_null(const std::string& v) { text(v.empty() ? std::nullopt : std::optional(v)); }
  void date(const std::optional<wf::Date>& d) {
    text(d ? std::optional<std::string>(wf::to_iso(*d)) : std::nullopt);
  }
  void flag(bool b) {
    sep();
    out_ += b ? 't' : 'f';
  }
  void id(wf::Id i) {
    sep();
    out_ += std::to_string(i);
  }
  std::string str() const { return "{" + out_ + "}"; }

 private:
  void sep() {
    if (any_) out_ += ',';
    any_ = true;
  }
  std::string out_;
  bool any_ = false;
};

std::optional<wf::Date> date_of(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return wf::parse_iso_date(f.as<std::string>());
}

std::optional<bool> flag_of(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>() == "true";
}

std::string sex_code(const std::optional<wf::Sex>& s) {
  if (!s) return "";
  return *s == wf::Sex::Female ? "female" : "male";
}

// The people columns as parallel arrays (kInsertPeople's order).
struct PeopleArrays {
  ArrayLiteral code, full_name, birth, sex, personal_id, unit, position, title, group, leader,
      party, cell, email, phone, since;
  void add(const wf::PersonState& s) {
    code.text_or_null(s.code);
    full_name.text(s.full_name);
    birth.date(s.birth_date);
    sex.text_or_null(sex_code(s.sex));
    personal_id.text_or_null(s.personal_id);
    unit.text(s.unit_code);
    position.text(s.position);
    title.text(s.title);
    group.text(std::string(wf::to_string(s.group)));
    leader.text(std::string(wf::to_string(s.leader)));
    party.flag(s.party_member);
    cell.text(s.party_cell);
    email.text(s.email);
    phone.text(s.phone);
    since.date(s.unit_since);
  }
};

std::string facts_json(const wf::ImportedFacts& f) {
  std::string o = "{";
  const auto add = [&](const std::string& key, const std::string& value) {
    if (o.size() > 1) o += ',';
    o += "\"" + key + "\":" + value;
  };
  if (f.leave_months) add("leave_months", std::to_string(*f.leave_months));
  if (f.maternity) add("maternity", *f.maternity ? "true" : "false");
  if (f.disciplined) add("disciplined", *f.disciplined ? "true" : "false");
  return o + "}";
}

}  // namespace

wf::CurrentOrg load_current(pqxx::transaction_base& t, int year) {
  wf::CurrentOrg org;
  for (const auto& r : t.exec_prepared(name(q::kSelectUnits))) {
    wf::CurrentUnit u;
    u.id = r[0].as<wf::Id>();
    if (!r[1].is_null()) u.parent_id = r[1].as<wf::Id>();
    u.state.code = r[2].as<std::string>();
    u.state.name = r[3].as<std::string>();
    u.state.kind = r[4].as<std::string>();
    u.state.superior_name = r[5].as<std::string>();
    u.state.place_name = r[6].as<std::string>();
    u.state.active = r[7].as<bool>();
    u.state.parent_code = r[8].as<std::string>();
    u.state.head_title = r[9].as<std::string>();
    u.state.deputy_title = r[10].as<std::string>();
    u.state.collective_body = r[11].as<std::string>();
    org.units.push_back(std::move(u));
  }
  const auto people = t.exec_prepared(name(q::kSelectPeople), year);
  org.people.reserve(people.size());
  for (const auto& r : people) {
    wf::CurrentPerson p;
    p.id = r[0].as<wf::Id>();
    p.unit_id = r[1].as<wf::Id>();
    auto& s = p.state;
    s.code = r[2].as<std::string>();
    s.full_name = r[3].as<std::string>();
    s.birth_date = date_of(r[4]);
    const auto sex = r[5].as<std::string>();
    if (!sex.empty()) s.sex = sex == "female" ? wf::Sex::Female : wf::Sex::Male;
    s.personal_id = r[6].as<std::string>();
    s.unit_code = r[7].as<std::string>();
    s.position = r[8].as<std::string>();
    s.title = r[9].as<std::string>();
    s.group = wf::parse_group(r[10].as<std::string>()).value_or(wf::Group::CongChuc);
    s.leader = wf::parse_leader_level(r[11].as<std::string>()).value_or(wf::LeaderLevel::None);
    s.party_member = r[12].as<bool>();
    s.party_cell = r[13].as<std::string>();
    s.email = r[14].as<std::string>();
    s.phone = r[15].as<std::string>();
    s.unit_since = date_of(r[16]);
    s.active = r[17].as<bool>();
    if (!r[18].is_null()) p.facts.leave_months = r[18].as<int>();
    p.facts.maternity = flag_of(r[19]);
    p.facts.disciplined = flag_of(r[20]);
    org.people.push_back(std::move(p));
  }
  return org;
}

std::string fingerprint(const wf::CurrentOrg& org) {
  // Every field, each ended by a unit separator, each record by a record separator: no two
  // different organisations give the same text.
  std::string text;
  const auto f = [&](const std::string& s) {
    text += s;
    text += '\x1f';
  };
  const auto d = [](const std::optional<wf::Date>& v) { return v ? wf::to_iso(*v) : ""; };
  const auto b = [](const std::optional<bool>& v) { return v ? (*v ? "1" : "0") : ""; };
  for (const auto& u : org.units) {
    f("u" + std::to_string(u.id));
    f(u.parent_id ? std::to_string(*u.parent_id) : "");
    for (const auto* s :
         {&u.state.code, &u.state.name, &u.state.kind, &u.state.superior_name, &u.state.place_name,
          &u.state.head_title, &u.state.deputy_title, &u.state.collective_body})
      f(*s);
    f(u.state.active ? "1" : "0");
    text += '\x1e';
  }
  for (const auto& p : org.people) {
    const auto& s = p.state;
    f("p" + std::to_string(p.id));
    f(std::to_string(p.unit_id));
    for (const auto* v : {&s.code, &s.full_name, &s.personal_id, &s.position, &s.title,
                          &s.party_cell, &s.email, &s.phone})
      f(*v);
    f(d(s.birth_date));
    f(sex_code(s.sex));
    f(std::string(wf::to_string(s.group)));
    f(std::string(wf::to_string(s.leader)));
    f(s.party_member ? "1" : "0");
    f(d(s.unit_since));
    f(s.active ? "1" : "0");
    f(p.facts.leave_months ? std::to_string(*p.facts.leave_months) : "");
    f(b(p.facts.maternity));
    f(b(p.facts.disciplined));
    text += '\x1e';
  }
  return codec::sha256_hex(text);
}

void apply(pqxx::transaction_base& t, const wf::OrgImportPlan& plan, int year, wf::Id import_id,
           const wf::Date& today, wf::TimePoint now) {
  const auto epoch = static_cast<long long>(now.time_since_epoch().count());
  for (const auto& u : plan.unit_writes) {
    const auto& s = u.after;
    if (u.id)
      t.exec_prepared0(name(q::kUpdateUnit), *u.id, s.parent_code, s.code, s.name, s.kind,
                       s.superior_name, s.place_name, s.head_title, s.deputy_title,
                       s.collective_body, s.active, epoch);
    else
      t.exec_prepared1(name(q::kInsertUnit), s.parent_code, s.code, s.name, s.kind, s.superior_name,
                       s.place_name, s.head_title, s.deputy_title, s.collective_body);
  }

  PeopleArrays created, changed;
  ArrayLiteral changed_ids, changed_active;
  std::size_t n_created = 0, n_changed = 0;
  for (const auto& w : plan.person_writes) {
    if (w.id) {
      changed.add(w.after);
      changed_ids.id(*w.id);
      changed_active.flag(w.after.active);
      ++n_changed;
    } else {
      created.add(w.after);
      ++n_created;
    }
  }
  std::map<std::string, wf::Id> new_ids;
  if (n_created > 0) {
    const auto& a = created;
    const auto rows = t.exec_prepared(
        name(q::kInsertPeople), a.code.str(), a.full_name.str(), a.birth.str(), a.sex.str(),
        a.personal_id.str(), a.unit.str(), a.position.str(), a.title.str(), a.group.str(),
        a.leader.str(), a.party.str(), a.cell.str(), a.email.str(), a.phone.str(), a.since.str());
    if (rows.size() != n_created)
      throw std::runtime_error("import: " + std::to_string(n_created - rows.size()) +
                               " people without their unit");
    for (const auto& r : rows) new_ids[r[1].as<std::string>()] = r[0].as<wf::Id>();
  }
  if (n_changed > 0) {
    const auto& a = changed;
    t.exec_prepared0(name(q::kUpdatePeople), changed_ids.str(), a.code.str(), a.full_name.str(),
                     a.birth.str(), a.sex.str(), a.personal_id.str(), a.unit.str(),
                     a.position.str(), a.title.str(), a.group.str(), a.leader.str(), a.party.str(),
                     a.cell.str(), a.email.str(), a.phone.str(), a.since.str(),
                     changed_active.str(), epoch);
  }

  // History: close the open row of everyone moved, changed in position, back or gone; open
  // one for everyone working from a new day.
  ArrayLiteral close_ids, close_days, open_ids, open_days, fact_ids, facts;
  bool any_close = false, any_open = false, any_facts = false;
  for (const auto& w : plan.person_writes) {
    const wf::Id id = w.id ? *w.id : new_ids.at(w.after.code);
    if (w.id && (w.assignment_changed || !w.after.active)) {
      close_ids.id(id);
      close_days.date(w.after.active ? w.assignment_from : today);
      any_close = true;
    }
    if (w.after.active && w.assignment_changed) {
      open_ids.id(id);
      open_days.date(w.assignment_from);
      any_open = true;
    }
    if (w.facts) {
      fact_ids.id(id);
      facts.text(facts_json(*w.facts));
      any_facts = true;
    }
  }
  if (any_close) t.exec_prepared0(name(q::kCloseAssignments), close_ids.str(), close_days.str());
  if (any_open)
    t.exec_prepared0(name(q::kOpenAssignments), open_ids.str(), open_days.str(), import_id, epoch);
  if (any_facts) t.exec_prepared0(name(q::kMergeYearFacts), fact_ids.str(), year, facts.str());
}

wf::Id insert_import(pqxx::transaction_base& t, const StoredImport& i, wf::Id created_by,
                     wf::TimePoint now) {
  return t
      .exec_prepared1(name(q::kInsertImport), i.root_unit_id, i.year, i.file_name,
                      pqxx::binarystring(i.file), codec::sha256_hex(i.file), i.fingerprint,
                      i.problems, i.preview, created_by,
                      static_cast<long long>(now.time_since_epoch().count()))[0]
      .as<wf::Id>();
}

void set_preview(pqxx::transaction_base& t, wf::Id id, const std::string& preview, int problems) {
  t.exec_prepared0(name(q::kSetImportPreview), id, preview, problems);
}

void lock_organisation(pqxx::transaction_base& t) { t.exec0(std::string(q::kLockOrganisation)); }

void mark_planned(pqxx::transaction_base& t) { t.exec0(std::string(q::kSavepoint)); }

void undo_planned(pqxx::transaction_base& t) { t.exec0(std::string(q::kRollbackToSavepoint)); }

std::optional<StoredImport> load_import(pqxx::transaction_base& t, wf::Id id, bool for_update) {
  if (for_update && t.exec_prepared(name(q::kLockImport), id).empty()) return std::nullopt;
  const auto rows = t.exec_prepared(name(q::kSelectImport), id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  StoredImport i;
  i.id = r[0].as<wf::Id>();
  i.root_unit_id = r[1].as<wf::Id>();
  i.year = r[2].as<int>();
  i.file_name = r[3].as<std::string>();
  i.file = pqxx::binarystring(r[4]).str();
  i.fingerprint = r[5].as<std::string>();
  i.problems = r[6].as<int>();
  i.preview = r[7].as<std::string>();
  i.committed_by = r[8].as<wf::Id>();
  if (!r[9].is_null()) i.committed_at = wf::TimePoint(std::chrono::seconds(r[9].as<long long>()));
  return i;
}

void mark_committed(pqxx::transaction_base& t, wf::Id id, wf::Id by, wf::TimePoint now,
                    const std::string& preview) {
  t.exec_prepared0(name(q::kCommitImport), id, by,
                   static_cast<long long>(now.time_since_epoch().count()), preview);
}

std::vector<Assignment> assignments(pqxx::transaction_base& t, wf::Id person_id) {
  std::vector<Assignment> out;
  for (const auto& r : t.exec_prepared(name(q::kSelectAssignments), person_id)) {
    Assignment a;
    a.unit_id = r[0].as<wf::Id>();
    a.unit_code = r[1].as<std::string>();
    a.unit_name = r[2].as<std::string>();
    a.position = r[3].as<std::string>();
    a.title = r[4].as<std::string>();
    a.from = *date_of(r[5]);
    a.until = date_of(r[6]);
    a.import_id = r[7].as<wf::Id>();
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace kd::storage::org_import
