// Separation of duties on the minutes of the collective meeting (domain.md §3, §5): the
// minutes are the collective's record, attested by two signatures, the secretary's and the
// chair's, so those must be two people who could not have written the record alone:
//   - the chair and the secretary are two different people;
//   - each holds that role (Role::Chair, Role::Secretary) in the review's unit or a unit
//     above it, on the meeting's date (the terms of the grants);
//   - the reviewee never keeps the minutes of their own review;
//   - the reviewee chairs the meeting on their own review only where the regime lets the
//     head of the unit do so (MeetingRules::head_chairs_own_review) and they are the head of
//     the review's unit on the meeting's date.
// The machine checks this as a guard of record_meeting, so the dry run of the action
// (a check) refuses exactly what the action refuses.
#pragma once

#include "workflow/organisation.hpp"
#include "workflow/refusal.hpp"
#include "workflow/regime.hpp"
#include "workflow/review.hpp"

namespace kd::wf {

// Empty when the minutes' chair and secretary may hold those places; otherwise one guard
// refusal per problem, with a Vietnamese reason and the field concerned. Codes:
// "chair_required", "secretary_required", "chair_is_secretary", "reviewee_is_secretary",
// "reviewee_is_chair", "chair_role_required", "secretary_role_required".
Refusals check_meeting_roles(const MeetingRecord&, const Review&, const Person& reviewee,
                             const Regime&, const OrgTree&);

}  // namespace kd::wf
