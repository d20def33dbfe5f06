// Who may see, manage and supervise what, on the organisation tree. Acting on a review is the
// machine's (actors.hpp); these rules decide what a person may read and administer:
//   - a person sees their own reviews;
//   - a member, secretary, chair, head, deputy head, committee, admin or supervisor of a unit
//     sees the reviews of that unit and of every unit below it (a supervisor read-only: the
//     machine grants a supervisor no action);
//   - the committee or an admin of a unit (or above) manages its campaigns: creates, opens,
//     decides and publishes them in batches, and previews those batches;
//   - a supervisor, head, committee or admin of a unit (or above) supervises it: deadlines,
//     late reviews, ratings, exports, the summary report, people's rating history.
#pragma once

#include <vector>

#include "workflow/organisation.hpp"
#include "workflow/review.hpp"

namespace kd::wf {

class Access {
 public:
  Access(const OrgTree& org, Id person_id, Id person_unit)
      : org_(org), person_(person_id), person_unit_(person_unit) {}

  Id person() const { return person_; }
  bool can_view_unit(Id unit) const;  // through a role at or above it
  bool can_view_review(const Review&) const;
  // Committee or admin of the unit or an ancestor.
  bool can_manage_unit(Id unit) const;
  // Supervisor, head, committee or admin of the unit or an ancestor.
  bool can_supervise_unit(Id unit) const;
  // The campaign covers one of the caller's units, or the caller oversees its unit.
  bool can_view_campaign(const Campaign&) const;
  // Every unit whose reviews the caller may list (sorted, no duplicates).
  std::vector<Id> visible_units() const;
  // Every unit the caller supervises (sorted, no duplicates; empty: none).
  std::vector<Id> supervised_units() const;

 private:
  const OrgTree& org_;
  Id person_;
  Id person_unit_;
};

}  // namespace kd::wf
