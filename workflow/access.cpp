#include "workflow/access.hpp"

#include <algorithm>

namespace kd::wf {
namespace {

constexpr Role kViewRoles[] = {Role::Member,     Role::Secretary, Role::Chair, Role::Head,
                               Role::DeputyHead, Role::Committee, Role::Admin, Role::Supervisor};
constexpr Role kManageRoles[] = {Role::Committee, Role::Admin};
constexpr Role kSuperviseRoles[] = {Role::Supervisor, Role::Head, Role::Committee, Role::Admin};

template <std::size_t N>
bool holds_any(const OrgTree& org, Id person, const Role (&roles)[N], Id unit) {
  for (Role r : roles) {
    if (org.has_role_at_or_above(person, r, unit)) return true;
  }
  return false;
}

template <std::size_t N>
std::vector<Id> subtrees_of(const OrgTree& org, Id person, const Role (&roles)[N]) {
  std::vector<Id> out;
  for (Role r : roles) {
    for (Id u : org.units_with_role(person, r)) {
      const auto sub = org.subtree(u);
      out.insert(out.end(), sub.begin(), sub.end());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

bool Access::can_view_unit(Id unit) const { return holds_any(org_, person_, kViewRoles, unit); }

bool Access::can_view_review(const Review& review) const {
  return review.person_id == person_ || can_view_unit(review.unit_id);
}

bool Access::can_manage_unit(Id unit) const { return holds_any(org_, person_, kManageRoles, unit); }

bool Access::can_supervise_unit(Id unit) const {
  return holds_any(org_, person_, kSuperviseRoles, unit);
}

bool Access::can_view_campaign(const Campaign& campaign) const {
  if (can_view_unit(campaign.unit_id)) return true;
  if (person_unit_ != 0 && org_.in_subtree(person_unit_, campaign.unit_id)) return true;
  for (const auto& g : org_.grants()) {
    if (g.person_id == person_ && !g.revoked_on && org_.in_subtree(g.unit_id, campaign.unit_id))
      return true;
  }
  return false;
}

std::vector<Id> Access::visible_units() const { return subtrees_of(org_, person_, kViewRoles); }

std::vector<Id> Access::supervised_units() const {
  return subtrees_of(org_, person_, kSuperviseRoles);
}

}  // namespace kd::wf
