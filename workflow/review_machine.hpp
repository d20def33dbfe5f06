// The review state machine. Implemented with Boost.MSM (functor front-end) in
// review_machine.cpp only; this header is the small interface the rest of the
// program sees, so the MSM headers are compiled once.
//
// Transitions (the table in review_machine.cpp is authoritative):
//   self_assessment    --submit-------------> collective_review (or closed when not rated,
//                                              or the next stage the regime has)
//   collective_review  --record_meeting-----> head_opinion
//   collective_review  --return-------------> self_assessment
//   head_opinion       --give_opinion-------> committee_decision
//   head_opinion       --return-------------> collective_review
//   committee_decision --decide-------------> decided
//   committee_decision --return-------------> head_opinion
//   decided            --publish------------> published
//   published          --complain-----------> complaint (inside the window)
//   published          --close--------------> closed
//   complaint          --resolve_complaint--> decided (confirmed or changed; published again)
//
// Stages the regime does not have are skipped on the way forward.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflow/actors.hpp"
#include "workflow/organisation.hpp"
#include "workflow/rating_rules.hpp"
#include "workflow/refusal.hpp"
#include "workflow/regime.hpp"
#include "workflow/review.hpp"
#include "workflow/signature_facts.hpp"

namespace kd::wf {

// The data an action carries. Only the fields of the given action are read.
struct ActionRequest {
  Action action = Action::Submit;
  std::optional<FormContent> form;       // submit: the final form content (replaces the draft)
  std::optional<MeetingRecord> meeting;  // record_meeting
  std::optional<Opinion> opinion;        // give_opinion (`by` is set from the actor)
  std::optional<Rating> rating;          // decide, resolve_complaint (the new or confirmed rating)
  std::string reason;           // return (required), complain (required), resolve_complaint
  bool quota_override = false;  // decide in batch: audited exception to the quota
  // decide with quota_override: the decision recognising the outstanding organisation
  // ("Quyết định số 20/QĐ-UBND ngày 10/12/2026"), required when the regime says so.
  std::string quota_decision;
};

// Everything the machine may look at. References must outlive the call.
struct TransitionContext {
  const Review& review;
  const Person& reviewee;
  const Regime& regime;
  const Campaign& campaign;
  const OrgTree& org;
  Id actor_id;
  TimePoint now;
  // Digital signatures on the review's documents; nullptr = signatures not required
  // (see signature_facts.hpp for where they bind).
  const SignatureFacts* signatures = nullptr;
  // Scoring regimes (ND 335): the bounds the year's aggregated score leads to
  // (bounds_from_year in year_rating.hpp) replace the ND 90 rating rules of the
  // person's YearFacts; nullptr = the regime's rating_rules apply.
  const RatingBounds* score_bounds = nullptr;
};

struct TransitionResult {
  bool accepted = false;
  Stage from = Stage::SelfAssessment;
  Stage to = Stage::SelfAssessment;
  Review review;  // the review after the action (unchanged when refused); version +1 if accepted
  Refusals refusals;  // non-empty iff !accepted
};

// Runs one action through the machine, starting it in review.stage.
TransitionResult apply_action(const TransitionContext&, const ActionRequest&);

// Actions the actor could take now: the actor table (actors.hpp) has a row for the stage and
// the action, the actor holds its role and no signature it needs is missing (content guards,
// which depend on what the request carries, are not evaluated here).
std::vector<Action> allowed_actions(const TransitionContext&);

// The signatures the action still waits for (give_opinion: the minutes', publish: the
// decision's); empty when the context carries no facts or nothing is missing. The guards of
// the machine use the same function.
Refusals signature_refusals(const TransitionContext&, Action);

// The rating `decide` would record: the request's rating, else the head's
// proposal, else the meeting's proposal. Batch deciders use it to build the
// quota entries before running the machine on each review.
std::optional<Rating> decision_rating(const Review&, const ActionRequest&);

// Only the role/unit part of the guards (the actor table's role for the review's stage, checked
// on the tree): empty when the actor may perform the action.
Refusals check_actor(const TransitionContext&, Action);

// The last day a complaint about the published result is accepted: the publication day plus
// the regime's window in calendar days. Nullopt when no complaint can be filed: the regime
// takes none, the result is not published, or the one complaint was filed (the result
// published after its resolution is final).
std::optional<Date> complaint_last_day(const Review&, const Regime&);

// Whether the transition table has a row for the action from the stage (for the test that
// keeps the actor table in step with it).
bool machine_has_row(Stage, Action);

// Mapping between MSM's positional state ids and the stable names, exposed for tests.
int msm_state_id(Stage);
std::optional<Stage> stage_from_msm_state_id(int);

}  // namespace kd::wf
