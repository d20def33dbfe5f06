#include "workflow/org_import_plan.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <tuple>

namespace kd::wf {
namespace {

const std::string kStatus = "Trạng thái";

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string date_text(const std::optional<Date>& d) { return d ? to_vn_date(*d) : ""; }

std::string sex_text(const std::optional<Sex>& s) {
  if (!s) return "";
  return *s == Sex::Female ? "Nữ" : "Nam";
}

std::string leader_text(LeaderLevel l) {
  switch (l) {
    case LeaderLevel::None:
      return "Không";
    case LeaderLevel::Leader:
      return "Có";
    case LeaderLevel::Head:
      return "Cấp trưởng";
    case LeaderLevel::Deputy:
      return "Cấp phó";
  }
  return "";
}

std::string yes_no_text(bool b) { return b ? "Có" : "Không"; }

std::string kind_text(const std::string& kind) { return kind == "co_quan" ? "Cơ quan" : "Đơn vị"; }

std::string active_text(bool active) { return active ? "Đang hoạt động" : "Đã ngừng theo dõi"; }

void compare(std::vector<FieldChange>& out, const std::string& field, const std::string& before,
             const std::string& after) {
  if (before != after) out.push_back(FieldChange{field, before, after});
}

void count(ImportCounts& c, ChangeKind k) {
  switch (k) {
    case ChangeKind::New:
      ++c.created;
      break;
    case ChangeKind::Changed:
      ++c.changed;
      break;
    case ChangeKind::Moved:
      ++c.moved;
      break;
    case ChangeKind::Unchanged:
      ++c.unchanged;
      break;
    case ChangeKind::Deactivated:
      ++c.deactivated;
      break;
  }
}

// The unit fields the file sets, over the stored state.
UnitState unit_after(const OrgFile& file, const UnitRow& row, const UnitState* before) {
  UnitState s = before ? *before : UnitState{};
  s.code = row.code;
  s.name = row.name;
  s.parent_code = row.parent_code;
  if (file.has(UnitColumn::Kind) || !before) s.kind = row.kind.empty() ? "don_vi" : row.kind;
  if (file.has(UnitColumn::SuperiorName)) s.superior_name = row.superior_name;
  if (file.has(UnitColumn::PlaceName)) s.place_name = row.place_name;
  if (file.has(UnitColumn::HeadTitle)) s.head_title = row.head_title;
  if (file.has(UnitColumn::DeputyTitle)) s.deputy_title = row.deputy_title;
  if (file.has(UnitColumn::CollectiveBody)) s.collective_body = row.collective_body;
  s.active = true;
  return s;
}

std::vector<FieldChange> unit_fields(const UnitState& b, const UnitState& a) {
  std::vector<FieldChange> f;
  compare(f, header_of(UnitColumn::Name), b.name, a.name);
  compare(f, header_of(UnitColumn::ParentCode), b.parent_code, a.parent_code);
  compare(f, header_of(UnitColumn::Kind), kind_text(b.kind), kind_text(a.kind));
  compare(f, header_of(UnitColumn::SuperiorName), b.superior_name, a.superior_name);
  compare(f, header_of(UnitColumn::PlaceName), b.place_name, a.place_name);
  compare(f, header_of(UnitColumn::HeadTitle), b.head_title, a.head_title);
  compare(f, header_of(UnitColumn::DeputyTitle), b.deputy_title, a.deputy_title);
  compare(f, header_of(UnitColumn::CollectiveBody), b.collective_body, a.collective_body);
  compare(f, kStatus, active_text(b.active), active_text(a.active));
  return f;
}

PersonState person_after(const OrgFile& file, const PersonRow& row, const PersonState* before) {
  PersonState s = before ? *before : PersonState{};
  const auto set = [&](PersonColumn c, auto& field, const auto& value) {
    if (file.has(c) || !before) field = value;
  };
  s.code = row.code;
  s.full_name = row.full_name;
  s.unit_code = row.unit_code;
  s.group = row.group;
  set(PersonColumn::BirthDate, s.birth_date, row.birth_date);
  set(PersonColumn::Sex, s.sex, row.sex);
  set(PersonColumn::PersonalId, s.personal_id, row.personal_id);
  set(PersonColumn::Position, s.position, row.position);
  set(PersonColumn::Title, s.title, row.title);
  set(PersonColumn::Leader, s.leader, row.leader);
  set(PersonColumn::PartyMember, s.party_member, row.party_member);
  set(PersonColumn::PartyCell, s.party_cell, row.party_cell);
  set(PersonColumn::Email, s.email, row.email);
  set(PersonColumn::Phone, s.phone, row.phone);
  set(PersonColumn::UnitSince, s.unit_since, row.unit_since);
  s.active = true;
  return s;
}

std::vector<FieldChange> person_fields(const PersonState& b, const PersonState& a) {
  std::vector<FieldChange> f;
  const auto h = [](PersonColumn c) { return header_of(c); };
  compare(f, h(PersonColumn::FullName), b.full_name, a.full_name);
  compare(f, h(PersonColumn::BirthDate), date_text(b.birth_date), date_text(a.birth_date));
  compare(f, h(PersonColumn::Sex), sex_text(b.sex), sex_text(a.sex));
  compare(f, h(PersonColumn::PersonalId), b.personal_id, a.personal_id);
  compare(f, h(PersonColumn::UnitCode), b.unit_code, a.unit_code);
  compare(f, h(PersonColumn::Position), b.position, a.position);
  compare(f, h(PersonColumn::Title), b.title, a.title);
  compare(f, h(PersonColumn::Group), std::string(label_vi(b.group)),
          std::string(label_vi(a.group)));
  compare(f, h(PersonColumn::Leader), leader_text(b.leader), leader_text(a.leader));
  compare(f, h(PersonColumn::PartyMember), yes_no_text(b.party_member),
          yes_no_text(a.party_member));
  compare(f, h(PersonColumn::PartyCell), b.party_cell, a.party_cell);
  compare(f, h(PersonColumn::Email), b.email, a.email);
  compare(f, h(PersonColumn::Phone), b.phone, a.phone);
  compare(f, h(PersonColumn::UnitSince), date_text(b.unit_since), date_text(a.unit_since));
  compare(f, kStatus, active_text(b.active), active_text(a.active));
  return f;
}

// The facts the row sets, over the stored ones; none when the file sets none of them.
std::optional<ImportedFacts> facts_after(const PersonRow& row, const ImportedFacts& before,
                                         std::vector<FieldChange>& fields) {
  const auto& in = row.facts;
  if (!in.leave_months && !in.maternity && !in.disciplined) return std::nullopt;
  ImportedFacts f = before;
  const auto months = [](const std::optional<int>& m) { return m ? std::to_string(*m) : ""; };
  const auto flag = [](const std::optional<bool>& b) { return b ? yes_no_text(*b) : ""; };
  bool changed = false;
  if (in.leave_months && in.leave_months != before.leave_months) {
    fields.push_back(FieldChange{header_of(PersonColumn::LeaveMonths), months(before.leave_months),
                                 months(in.leave_months)});
    f.leave_months = in.leave_months;
    changed = true;
  }
  if (in.maternity && in.maternity != before.maternity) {
    fields.push_back(FieldChange{header_of(PersonColumn::Maternity), flag(before.maternity),
                                 flag(in.maternity)});
    f.maternity = in.maternity;
    changed = true;
  }
  if (in.disciplined && in.disciplined != before.disciplined) {
    fields.push_back(FieldChange{header_of(PersonColumn::Disciplined), flag(before.disciplined),
                                 flag(in.disciplined)});
    f.disciplined = in.disciplined;
    changed = true;
  }
  if (!changed) return std::nullopt;
  return f;
}

}  // namespace

std::string to_vn_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
  return buf;
}

std::string_view to_string(ChangeKind k) {
  switch (k) {
    case ChangeKind::New:
      return "new";
    case ChangeKind::Changed:
      return "changed";
    case ChangeKind::Moved:
      return "moved";
    case ChangeKind::Unchanged:
      return "unchanged";
    case ChangeKind::Deactivated:
      return "deactivated";
  }
  return "";
}

OrgImportPlan plan_org_import(const OrgFile& file, const CurrentOrg& current, Id root,
                              const Date& today, std::optional<Id> actor) {
  OrgImportPlan plan;
  plan.problems = file.problems;
  plan.ignored = file.ignored;
  const auto problem = [&](std::string code, const std::string& sheet, int row,
                           const std::string& column, std::string message) {
    plan.problems.push_back(ImportProblem{
        std::move(code), sheet, row, column,
        (row > 0 ? "Dòng " + std::to_string(row) + ": " : std::string()) + std::move(message)});
  };

  // The current tree: units by id and code, the scope (root's subtree).
  std::map<Id, const CurrentUnit*> unit_by_id;
  std::map<std::string, const CurrentUnit*> unit_by_code;
  std::map<Id, std::vector<Id>> children;
  for (const auto& u : current.units) {
    unit_by_id[u.id] = &u;
    unit_by_code[u.state.code] = &u;
    if (u.parent_id) children[*u.parent_id].push_back(u.id);
  }
  const auto root_it = unit_by_id.find(root);
  if (root_it == unit_by_id.end()) {
    problem("unit_not_found", "", 0, "", "Không tìm thấy đơn vị gốc của lần nhập.");
    return plan;
  }
  const CurrentUnit& root_unit = *root_it->second;
  std::set<Id> scope;
  for (std::vector<Id> todo{root}; !todo.empty();) {
    const Id id = todo.back();
    todo.pop_back();
    if (!scope.insert(id).second) continue;
    for (Id c : children[id]) todo.push_back(c);
  }
  const auto unit_name = [&](Id id) {
    const auto it = unit_by_id.find(id);
    return it == unit_by_id.end() ? std::to_string(id) : it->second->state.name;
  };

  // ---- units ----
  const bool with_units = !file.units_sheet.empty();
  std::set<std::string> file_unit_codes;
  for (const auto& u : file.units)
    if (!u.code.empty()) file_unit_codes.insert(u.code);
  // Codes a person's unit may name, and the reason a code is not one of them.
  std::set<std::string> usable_units{root_unit.state.code};
  if (with_units) {
    usable_units.insert(file_unit_codes.begin(), file_unit_codes.end());
  } else {
    for (Id id : scope)
      if (unit_by_id[id]->state.active) usable_units.insert(unit_by_id[id]->state.code);
  }

  if (with_units) {
    const std::string& sheet = file.units_sheet;
    const std::string parent_header = header_of(UnitColumn::ParentCode);
    std::map<std::string, const UnitRow*> row_of;
    for (const auto& u : file.units)
      if (!u.code.empty()) row_of.emplace(u.code, &u);
    std::set<std::string> seen;
    for (const auto& row : file.units) {
      if (row.code.empty() || !seen.insert(row.code).second) continue;
      const auto existing = unit_by_code.find(row.code);
      const CurrentUnit* before = existing == unit_by_code.end() ? nullptr : existing->second;
      if (before && !scope.count(before->id)) {
        problem("unit_outside_scope", sheet, row.row, header_of(UnitColumn::Code),
                "đơn vị " + quoted(row.code) + " đã có trong hệ thống nhưng không thuộc " +
                    root_unit.state.name + ", đơn vị bạn quản trị.");
        continue;
      }
      UnitState after = unit_after(file, row, before ? &before->state : nullptr);
      if (before && before->id == root) {
        // The administrator's own unit: its names may change, its place in the tree not.
        if (!row.parent_code.empty() && row.parent_code != before->state.parent_code)
          problem("root_moved", sheet, row.row, parent_header,
                  "không thể chuyển " + root_unit.state.name +
                      ", đơn vị bạn quản trị, sang đơn vị cấp trên khác.");
        after.parent_code = before->state.parent_code;
      } else if (row.parent_code.empty()) {
        problem("parent_required", sheet, row.row, parent_header,
                "cần ghi mã đơn vị cấp trên (một đơn vị trong tệp, hoặc " +
                    quoted(root_unit.state.code) + ").");
      } else if (!row_of.count(row.parent_code) && row.parent_code != root_unit.state.code) {
        const auto p = unit_by_code.find(row.parent_code);
        if (p == unit_by_code.end())
          problem("unknown_parent", sheet, row.row, parent_header,
                  "mã đơn vị cấp trên " + quoted(row.parent_code) +
                      " không có trong tệp và trong hệ thống.");
        else if (!scope.count(p->second->id))
          problem("unit_outside_scope", sheet, row.row, parent_header,
                  "đơn vị cấp trên " + quoted(row.parent_code) + " không thuộc " +
                      root_unit.state.name + ", đơn vị bạn quản trị.");
        else
          problem("unknown_parent", sheet, row.row, parent_header,
                  "đơn vị cấp trên " + quoted(row.parent_code) +
                      " không có trong tệp nên sẽ ngừng theo dõi: ghi nó vào trang đơn vị.");
      }
      RowChange ch;
      ch.sheet = sheet;
      ch.row = row.row;
      ch.code = row.code;
      ch.name = row.name;
      if (!before) {
        ch.kind = ChangeKind::New;
      } else {
        ch.id = before->id;
        ch.fields = unit_fields(before->state, after);
        const bool moved = before->state.parent_code != after.parent_code;
        ch.kind = moved               ? ChangeKind::Moved
                  : ch.fields.empty() ? ChangeKind::Unchanged
                                      : ChangeKind::Changed;
      }
      count(plan.unit_counts, ch.kind);
      if (ch.kind != ChangeKind::Unchanged)
        plan.unit_writes.push_back(
            UnitWrite{before ? std::optional<Id>(before->id) : std::nullopt, after});
      plan.units.push_back(std::move(ch));
    }
    // The subtree's units the file lacks.
    for (Id id : scope) {
      const CurrentUnit& u = *unit_by_id[id];
      if (id == root || !u.state.active || file_unit_codes.count(u.state.code)) continue;
      RowChange ch;
      ch.kind = ChangeKind::Deactivated;
      ch.id = u.id;
      ch.code = u.state.code;
      ch.name = u.state.name;
      UnitState after = u.state;
      after.active = false;
      ch.fields = unit_fields(u.state, after);
      count(plan.unit_counts, ch.kind);
      plan.unit_writes.push_back(UnitWrite{u.id, after});
      plan.units.push_back(std::move(ch));
    }
    // Superiors first: a unit's depth in the tree the file draws (existing parents: 0).
    std::map<std::string, int> depth;
    std::function<int(const std::string&, int)> depth_of = [&](const std::string& code,
                                                               int guard) -> int {
      const auto r = row_of.find(code);
      if (r == row_of.end() || guard > static_cast<int>(row_of.size())) return 0;
      if (auto d = depth.find(code); d != depth.end()) return d->second;
      const int d = 1 + depth_of(r->second->parent_code, guard + 1);
      depth[code] = d;
      return d;
    };
    std::stable_sort(plan.unit_writes.begin(), plan.unit_writes.end(),
                     [&](const UnitWrite& a, const UnitWrite& b) {
                       return depth_of(a.after.code, 0) < depth_of(b.after.code, 0);
                     });
  }

  // ---- people ----
  std::map<std::string, const CurrentPerson*> person_by_code;
  std::map<std::string, const CurrentPerson*> person_by_personal_id;
  for (const auto& p : current.people) {
    if (!p.state.code.empty()) person_by_code[p.state.code] = &p;
    if (!p.state.personal_id.empty()) person_by_personal_id[p.state.personal_id] = &p;
  }
  const bool with_people = !file.people_sheet.empty();
  std::set<std::string> file_person_codes;
  int uncoded = 0;
  const std::string& sheet = file.people_sheet;
  if (with_people) {
    for (const auto& row : file.people) {
      if (row.code.empty() || !file_person_codes.insert(row.code).second) continue;
      const auto existing = person_by_code.find(row.code);
      const CurrentPerson* before = existing == person_by_code.end() ? nullptr : existing->second;
      if (before && before->state.active && !scope.count(before->unit_id)) {
        problem("person_outside_scope", sheet, row.row, header_of(PersonColumn::Code),
                "mã cán bộ " + quoted(row.code) + " là " + before->state.full_name +
                    ", đang công tác tại " + unit_name(before->unit_id) +
                    ", ngoài đơn vị bạn quản trị: đơn vị đó cần cho thôi theo dõi trước khi "
                    "nhận người này.");
        continue;
      }
      if (!row.unit_code.empty() && !usable_units.count(row.unit_code)) {
        const auto u = unit_by_code.find(row.unit_code);
        std::string why;
        if (u == unit_by_code.end() || (with_units && scope.count(u->second->id)))
          why = " không có trong " + std::string(with_units ? "trang đơn vị của tệp" : "hệ thống") +
                ".";
        else if (!scope.count(u->second->id))
          why = " không thuộc " + root_unit.state.name + ", đơn vị bạn quản trị.";
        else
          why = " đã ngừng theo dõi.";
        problem("unknown_unit", sheet, row.row, header_of(PersonColumn::UnitCode),
                "mã đơn vị " + quoted(row.unit_code) + why);
      }
      if (!row.personal_id.empty()) {
        const auto holder = person_by_personal_id.find(row.personal_id);
        if (holder != person_by_personal_id.end() && holder->second->state.code != row.code)
          problem("personal_id_taken", sheet, row.row, header_of(PersonColumn::PersonalId),
                  "số định danh cá nhân " + row.personal_id +
                      " đã được ghi cho một người khác trong hệ thống.");
      }
      const PersonState after = person_after(file, row, before ? &before->state : nullptr);
      RowChange ch;
      ch.sheet = sheet;
      ch.row = row.row;
      ch.code = row.code;
      ch.name = row.full_name;
      PersonWrite w;
      w.after = after;
      if (!before) {
        ch.kind = ChangeKind::New;
        w.assignment_changed = true;
        w.assignment_from = after.unit_since.value_or(today);
        const ImportedFacts none;
        std::vector<FieldChange> ignored;
        w.facts = facts_after(row, none, ignored);
      } else {
        ch.id = before->id;
        w.id = before->id;
        ch.fields = person_fields(before->state, after);
        w.facts = facts_after(row, before->facts, ch.fields);
        const bool moved = before->state.unit_code != after.unit_code;
        w.assignment_changed = moved || !before->state.active ||
                               before->state.position != after.position ||
                               before->state.title != after.title;
        // The history starts in the new unit on the file's date when it gives a new one.
        w.assignment_from = after.unit_since && after.unit_since != before->state.unit_since
                                ? *after.unit_since
                                : today;
        ch.kind = moved               ? ChangeKind::Moved
                  : ch.fields.empty() ? ChangeKind::Unchanged
                                      : ChangeKind::Changed;
      }
      count(plan.person_counts, ch.kind);
      if (ch.kind != ChangeKind::Unchanged) plan.person_writes.push_back(std::move(w));
      plan.people.push_back(std::move(ch));
    }
    for (const auto& p : current.people) {
      if (!p.state.active || !scope.count(p.unit_id) || file_person_codes.count(p.state.code))
        continue;
      if (p.state.code.empty()) {
        ++uncoded;  // never in a file: not "missing from a later file"
        continue;
      }
      if (actor && p.id == *actor)
        problem("actor_deactivated", sheet, 0, header_of(PersonColumn::Code),
                "tệp không có bạn (mã cán bộ " + quoted(p.state.code) +
                    "): bạn sẽ bị ngừng theo dõi. Thêm dòng của bạn vào tệp.");
      RowChange ch;
      ch.kind = ChangeKind::Deactivated;
      ch.id = p.id;
      ch.code = p.state.code;
      ch.name = p.state.full_name;
      PersonWrite w;
      w.id = p.id;
      w.after = p.state;
      w.after.active = false;
      ch.fields = person_fields(p.state, w.after);
      count(plan.person_counts, ch.kind);
      plan.person_writes.push_back(std::move(w));
      plan.people.push_back(std::move(ch));
    }
    if (uncoded > 0)
      plan.ignored.push_back(std::to_string(uncoded) +
                             " người đang công tác chưa có mã cán bộ (nhập trước đây, không qua "
                             "tệp) không có trong tệp: giữ nguyên. Ghi mã cán bộ của họ vào tệp "
                             "để quản lý bằng tệp.");
  }
  // A unit the file drops must be left empty: everyone in it moves or stops being followed.
  std::map<Id, std::string> leaves_to;  // person -> unit code after the import ("" = none)
  for (const auto& w : plan.person_writes)
    if (w.id) leaves_to[*w.id] = w.after.active ? w.after.unit_code : "";
  for (const auto& ch : plan.units) {
    if (ch.kind != ChangeKind::Deactivated || !ch.id) continue;
    const auto n =
        std::count_if(current.people.begin(), current.people.end(), [&](const CurrentPerson& p) {
          if (!p.state.active || p.unit_id != *ch.id) return false;
          const auto w = leaves_to.find(p.id);
          return w == leaves_to.end() || w->second == ch.code;
        });
    if (n > 0)
      problem("unit_has_people", file.units_sheet, 0, header_of(UnitColumn::Code),
              "đơn vị " + quoted(ch.code) + " (" + ch.name + ") không có trong tệp nhưng còn " +
                  std::to_string(n) +
                  " người đang công tác ở đó: chuyển họ sang đơn vị khác trong trang cán bộ, "
                  "hoặc giữ đơn vị trong tệp.");
  }

  if (!plan.problems.empty()) {
    plan.unit_writes.clear();
    plan.person_writes.clear();
  }
  std::stable_sort(plan.problems.begin(), plan.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) {
                     return std::tie(a.sheet, a.row) < std::tie(b.sheet, b.row);
                   });
  return plan;
}

}  // namespace kd::wf
