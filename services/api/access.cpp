#include "services/api/access.hpp"

#include <algorithm>

namespace kd::api {
namespace {

using kd::wf::Role;

constexpr Role kViewRoles[] = {Role::Member,     Role::Secretary, Role::Chair, Role::Head,
                               Role::DeputyHead, Role::Committee, Role::Admin, Role::Supervisor};

}  // namespace

bool Access::can_view_unit(kd::wf::Id unit) const {
  for (Role r : kViewRoles) {
    if (org_.has_role_at_or_above(person_, r, unit)) return true;
  }
  return false;
}

bool Access::can_view_review(const kd::wf::Review& review) const {
  return review.person_id == person_ || can_view_unit(review.unit_id);
}

bool Access::can_manage_unit(kd::wf::Id unit) const {
  return org_.has_role_at_or_above(person_, Role::Committee, unit) ||
         org_.has_role_at_or_above(person_, Role::Admin, unit);
}

bool Access::can_view_campaign(const kd::wf::Campaign& campaign) const {
  if (can_view_unit(campaign.unit_id)) return true;
  if (person_unit_ != 0 && org_.in_subtree(person_unit_, campaign.unit_id)) return true;
  for (const auto& g : org_.grants()) {
    if (g.person_id == person_ && !g.revoked_on && org_.in_subtree(g.unit_id, campaign.unit_id))
      return true;
  }
  return false;
}

std::vector<kd::wf::Id> Access::visible_units() const {
  std::vector<kd::wf::Id> out;
  for (Role r : kViewRoles) {
    for (kd::wf::Id u : org_.units_with_role(person_, r)) {
      const auto sub = org_.subtree(u);
      out.insert(out.end(), sub.begin(), sub.end());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace kd::api
