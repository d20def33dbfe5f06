// The organisation: a tree of units (cơ quan → đơn vị), people and the roles
// they hold per unit. Pure data plus tree queries; loaded by the storage adapter.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "workflow/calendar.hpp"
#include "workflow/vocabulary.hpp"

namespace kd::wf {

using Id = std::int64_t;

// A unit, and what the documents it issues print about it (ND 30/2020 Phụ lục I). The
// document fields are the organisation's data; empty means "not given", and the documents
// then fall back (the parent unit's name, the configured place, the signer's position).
struct Unit {
  Unit() = default;
  Unit(Id unit_id, std::optional<Id> parent, std::string unit_code, std::string unit_name,
       std::string unit_kind = {})
      : id(unit_id),
        parent_id(parent),
        code(std::move(unit_code)),
        name(std::move(unit_name)),
        kind(std::move(unit_kind)) {}

  Id id = 0;
  std::optional<Id> parent_id;  // none for the root (the agency)
  std::string code;             // short stable code, e.g. "SNV-TCCB"
  std::string name;             // "Phòng Tổ chức cán bộ"
  std::string kind;             // "co_quan" | "don_vi"
  // The superior body printed above the unit's name in a header ("UBND tỉnh Phú Thọ" above
  // "Sở Nội vụ"); empty: the parent unit's name.
  std::string superior_name;
  std::string place_name;  // the place in "Phú Thọ, ngày … tháng … năm …"
  // The signing authority (signing_authority.hpp): the head's and the deputy's titles
  // ("Giám đốc", "Phó Giám đốc") and, for a body led collectively, the collective signed for
  // ("Ủy ban nhân dân": "TM. ỦY BAN NHÂN DÂN"); empty for a unit under one head.
  std::string head_title;
  std::string deputy_title;
  std::string collective_body;
};

struct Person {
  Id id = 0;
  std::string full_name;  // NFC
  Id unit_id = 0;         // the unit where the person is reviewed
  Group group = Group::CongChuc;
  bool party_member = false;
  bool leader =
      false;  // head/deputy head: sections 7–9, different meeting, head opinion from above
  std::string position;    // "Trưởng phòng", "Chuyên viên"
  std::string peer_group;  // quota peer group (công chức with similar duties); empty = group code
};

// A role held in a unit, for a term (both days included; an open end is unbounded). A
// secretary or chair of a meeting must hold the role on the meeting's date, so a term
// that ended before it, or starts after it, does not count. A revoked grant stops on the day
// of its revocation: it still counts for the days before (what was done then stays valid),
// never from that day on, and never for a question asked without a day.
struct RoleGrant {
  RoleGrant() = default;
  RoleGrant(Id person, Id unit, Role r, std::optional<Date> first_day = std::nullopt,
            std::optional<Date> last_day = std::nullopt)
      : person_id(person), unit_id(unit), role(r), from(first_day), until(last_day) {}

  Id person_id = 0;
  Id unit_id = 0;
  Role role = Role::Member;
  std::optional<Date> from;
  std::optional<Date> until;
  std::optional<Date> revoked_on;  // the day (Asia/Ho_Chi_Minh) it was revoked

  bool in_force_on(const Date& day) const;
};

// Immutable snapshot of units and grants with the tree queries the guards need.
class OrgTree {
 public:
  OrgTree() = default;
  OrgTree(std::vector<Unit> units, std::vector<RoleGrant> grants);

  const Unit* unit(Id id) const;
  const std::vector<Unit>& units() const { return units_; }

  // True when `unit` is `ancestor` or lies below it.
  bool in_subtree(Id unit, Id ancestor) const;
  // `root` and every unit below it, root first.
  std::vector<Id> subtree(Id root) const;
  // Path from the root of the tree down to `unit`, inclusive.
  std::vector<Id> path_to(Id unit) const;

  // Does `person` hold `role` in `unit` itself? With `on`, only grants in force that day
  // count; without it, any grant not revoked does.
  bool has_role_in(Id person, Role role, Id unit, std::optional<Date> on = std::nullopt) const;
  // Does `person` hold `role` in `unit` or any ancestor of it (same reading of `on`)?
  bool has_role_at_or_above(Id person, Role role, Id unit,
                            std::optional<Date> on = std::nullopt) const;
  // Units where `person` holds `role` (grants not revoked).
  std::vector<Id> units_with_role(Id person, Role role) const;
  const std::vector<RoleGrant>& grants() const { return grants_; }

 private:
  std::vector<Unit> units_;
  std::map<Id, std::size_t> index_;
  std::vector<RoleGrant> grants_;
};

// The facts about a person's year that bind the rating (domain.md §4).
struct YearFacts {
  int months_worked = 12;            // < min_months_worked ⇒ not rated (maternity excepted)
  int leave_months = 0;              // 3 to < 6 months of leave ⇒ not above HT
  bool maternity = false;            // rated on time actually worked
  bool disciplined = false;          // reprimand or above in the year ⇒ KHT
  bool degradation_finding = false;  // political/moral degradation ⇒ KHT
  bool corruption_in_unit = false;  // leaders: corruption or waste in a directly managed unit ⇒ KHT
};

}  // namespace kd::wf
