// Who scores, approves and unlocks a person's periods, from the organisation.
// The decree names only "cấp có thẩm quyền theo dõi, đánh giá"; the default
// chain here is the common one (a công chức is scored by the head of their
// unit and approved by the head of the unit above; a head is scored from the
// level above); an agency with another chain passes its own PeriodAuthority.
#pragma once

#include "workflow/organisation.hpp"
#include "workflow/period_machine.hpp"

namespace kd::wf {

// managers: the heads of the person's unit (for a leader or a head of the unit:
//   of the nearest unit above that has a head), never the person;
// heads: the heads of the nearest unit above the managers' unit; at the top of
//   the tree, the managers themselves;
// unlockers: the heads, and the administrators of the person's unit or above.
PeriodAuthority resolve_period_authority(const OrgTree&, const Person&);

// Who opens the periods of a unit's subtree, records whether a period was worked, issues the
// agency's product catalogue and registers its task-assignment systems: a head or an
// administrator of the unit or of a unit above it.
bool manages_periods(const OrgTree&, Id actor, Id unit);

}  // namespace kd::wf
