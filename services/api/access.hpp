// Who may see what. Policy (documented in docs/openapi.yaml):
//   - a person sees their own reviews;
//   - a member, secretary, chair, head, deputy head, committee or admin of a unit sees the
//     reviews of that unit and of every unit below it;
//   - a supervisor of a unit sees its subtree read-only (the domain grants a
//     supervisor no action);
//   - anyone else gets 403 `forbidden` (existence is not hidden: ids are not secret,
//     the content is).
// Acting is decided by the domain (wf::check_actor inside the transition).
#pragma once

#include <vector>

#include "workflow/organisation.hpp"
#include "workflow/review.hpp"

namespace kd::api {

class Access {
 public:
  Access(const kd::wf::OrgTree& org, kd::wf::Id person_id, kd::wf::Id person_unit)
      : org_(org), person_(person_id), person_unit_(person_unit) {}

  kd::wf::Id person() const { return person_; }
  bool can_view_unit(kd::wf::Id unit) const;  // through a role at or above it
  bool can_view_review(const kd::wf::Review&) const;
  // Committee or admin of the unit or an ancestor: create and open campaigns.
  bool can_manage_unit(kd::wf::Id unit) const;
  // The campaign covers one of the caller's units, or the caller oversees its unit.
  bool can_view_campaign(const kd::wf::Campaign&) const;
  // Every unit whose reviews the caller may list (sorted, no duplicates).
  std::vector<kd::wf::Id> visible_units() const;

 private:
  const kd::wf::OrgTree& org_;
  kd::wf::Id person_;
  kd::wf::Id person_unit_;
};

}  // namespace kd::api
