// Who performs each action: ONE table, stage × action → role. The machine's guards,
// allowed_actions, the guided tasks and the stalled-review tracking all read it; a unit test
// checks that it has a row exactly where the machine has one.
//
// The roles read as follows (see review_machine.cpp for how they are checked on the tree):
//   Reviewee   the person reviewed, only on their own review;
//   Secretary  the secretary or the chair of the unit's meeting, at the unit or above;
//   Head       the head of the unit or above; for the review of a head or leader of the unit,
//              the head of a unit strictly above;
//   Committee  the committee (competent authority) of the unit or above;
//   Admin      the committee or an administrator of the unit or above.
// Nobody but the reviewee acts on their own review.
#pragma once

#include <optional>
#include <vector>

#include "workflow/vocabulary.hpp"

namespace kd::wf {

struct ActorRule {
  Stage stage;
  Action action;
  Role role;
};

// Every (stage, action) the machine has, with the role that performs it.
const std::vector<ActorRule>& actor_table();

// The role performing `action` in `stage`; none when the stage has no such action.
std::optional<Role> actor_for(Stage, Action);

// The action that moves a review forward from its stage (a task); none while nothing is due
// (published: waiting for a complaint; closed).
std::optional<Action> forward_action(Stage);

// The role that must act in a stage: the role of its forward action. Used for tasks and
// stalled-review tracking.
std::optional<Role> actor_role_for(Stage);

}  // namespace kd::wf
