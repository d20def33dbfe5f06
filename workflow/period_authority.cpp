#include "workflow/period_authority.hpp"

#include <algorithm>

namespace kd::wf {
namespace {

std::vector<Id> holders(const OrgTree& org, Role role, Id unit, Id except) {
  std::vector<Id> out;
  for (const auto& g : org.grants()) {
    if (g.unit_id == unit && g.role == role && g.person_id != except && !g.revoked_on &&
        std::find(out.begin(), out.end(), g.person_id) == out.end()) {
      out.push_back(g.person_id);
    }
  }
  return out;
}

// From `start` upwards (path order reversed), the first unit with a head other than `except`.
std::pair<Id, std::vector<Id>> nearest_heads(const OrgTree& org, const std::vector<Id>& path,
                                             std::size_t start, Id except) {
  for (std::size_t i = start + 1; i-- > 0;) {
    auto heads = holders(org, Role::Head, path[i], except);
    if (!heads.empty()) return {path[i], heads};
  }
  return {0, {}};
}

}  // namespace

PeriodAuthority resolve_period_authority(const OrgTree& org, const Person& person) {
  PeriodAuthority a;
  const std::vector<Id> path = org.path_to(person.unit_id);
  if (path.empty()) return a;
  const bool leads = person.leader || org.has_role_in(person.id, Role::Head, person.unit_id);
  std::size_t start = path.size() - 1;
  if (leads) {
    if (start == 0) return a;  // the head of the top unit: no one above scores them
    --start;
  }
  const auto [manager_unit, managers] = nearest_heads(org, path, start, person.id);
  a.managers = managers;
  if (managers.empty()) return a;
  const std::size_t at =
      static_cast<std::size_t>(std::find(path.begin(), path.end(), manager_unit) - path.begin());
  if (at > 0) a.heads = nearest_heads(org, path, at - 1, person.id).second;
  if (a.heads.empty()) a.heads = a.managers;
  a.unlockers = a.heads;
  for (Id unit : path) {
    for (Id admin : holders(org, Role::Admin, unit, person.id)) {
      if (std::find(a.unlockers.begin(), a.unlockers.end(), admin) == a.unlockers.end())
        a.unlockers.push_back(admin);
    }
  }
  return a;
}

bool manages_periods(const OrgTree& org, Id actor, Id unit) {
  return org.has_role_at_or_above(actor, Role::Head, unit) ||
         org.has_role_at_or_above(actor, Role::Admin, unit);
}

}  // namespace kd::wf
