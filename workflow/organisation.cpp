#include "workflow/organisation.hpp"

#include <algorithm>
#include <stdexcept>

namespace kd::wf {

OrgTree::OrgTree(std::vector<Unit> units, std::vector<RoleGrant> grants)
    : units_(std::move(units)), grants_(std::move(grants)) {
  for (std::size_t i = 0; i < units_.size(); ++i) {
    if (!index_.emplace(units_[i].id, i).second) {
      throw std::invalid_argument("OrgTree: duplicate unit id " + std::to_string(units_[i].id));
    }
  }
  // A cycle would make every ancestor query loop: refuse it up front.
  for (const auto& u : units_) {
    std::size_t steps = 0;
    for (const Unit* p = &u; p->parent_id; p = unit(*p->parent_id)) {
      if (!unit(*p->parent_id)) {
        throw std::invalid_argument("OrgTree: unit " + std::to_string(p->id) +
                                    " has an unknown parent");
      }
      if (++steps > units_.size()) {
        throw std::invalid_argument("OrgTree: cycle through unit " + std::to_string(u.id));
      }
    }
  }
}

const Unit* OrgTree::unit(Id id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &units_[it->second];
}

bool OrgTree::in_subtree(Id unit_id, Id ancestor) const {
  for (const Unit* u = unit(unit_id); u; u = u->parent_id ? unit(*u->parent_id) : nullptr) {
    if (u->id == ancestor) return true;
  }
  return false;
}

std::vector<Id> OrgTree::subtree(Id root) const {
  std::vector<Id> out;
  if (!unit(root)) return out;
  out.push_back(root);
  for (std::size_t i = 0; i < out.size(); ++i) {  // breadth first, `out` is the queue
    for (const auto& u : units_) {
      if (u.parent_id && *u.parent_id == out[i]) out.push_back(u.id);
    }
  }
  return out;
}

std::vector<Id> OrgTree::path_to(Id unit_id) const {
  std::vector<Id> path;
  for (const Unit* u = unit(unit_id); u; u = u->parent_id ? unit(*u->parent_id) : nullptr) {
    path.push_back(u->id);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

bool RoleGrant::in_force_on(const Date& day) const {
  return (!from || *from <= day) && (!until || day <= *until) && (!revoked_on || day < *revoked_on);
}

bool OrgTree::has_role_in(Id person, Role role, Id unit_id, std::optional<Date> on) const {
  return std::any_of(grants_.begin(), grants_.end(), [&](const RoleGrant& g) {
    return g.person_id == person && g.role == role && g.unit_id == unit_id &&
           (on ? g.in_force_on(*on) : !g.revoked_on);
  });
}

bool OrgTree::has_role_at_or_above(Id person, Role role, Id unit_id, std::optional<Date> on) const {
  for (Id u : path_to(unit_id)) {
    if (has_role_in(person, role, u, on)) return true;
  }
  return false;
}

std::vector<Id> OrgTree::units_with_role(Id person, Role role) const {
  std::vector<Id> out;
  for (const auto& g : grants_) {
    if (g.person_id == person && g.role == role && !g.revoked_on &&
        std::find(out.begin(), out.end(), g.unit_id) == out.end()) {
      out.push_back(g.unit_id);
    }
  }
  return out;
}

}  // namespace kd::wf
