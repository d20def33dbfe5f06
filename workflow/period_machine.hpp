// The periodic scoring cycle of one person (Nghị định 335/2025: monthly or
// quarterly "theo dõi, đánh giá"), a Boost.MSM machine of its own beside the
// annual review. Implemented in period_machine.cpp only; this header is the
// small interface the rest of the program sees.
//
// Transitions (the table in period_machine.cpp is authoritative):
//   open               --register_tasks--> tasks_registered    person or manager
//   tasks_registered   --register_tasks--> tasks_registered    (amend the list)
//   tasks_registered   --submit_products-> products_submitted  person: quantities + evidence
//   products_submitted --self_score------> self_scored         person: general criteria
//   self_scored        --score-----------> manager_scored      manager: criteria, excuses, d/đ/e
//   manager_scored     --approve---------> approved            head
//   approved           --lock------------> locked              head
//   products_submitted --return----------> tasks_registered    manager, with a reason
//   self_scored        --return----------> products_submitted  manager, with a reason
//   manager_scored     --return----------> self_scored         head: the manager scores again
//   approved           --return----------> manager_scored      head
//   locked             --unlock----------> manager_scored      unlocker: reason and decision,
//   audited
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workflow/organisation.hpp"
#include "workflow/period.hpp"
#include "workflow/product_catalogue.hpp"
#include "workflow/refusal.hpp"
#include "workflow/scoring_rules.hpp"

namespace kd::wf {

// A task as registered: the product is looked up in the agency's catalogue in
// force on the period's first day, and its K is kept with the task.
struct TaskDraft {
  std::string key;
  std::string title;
  std::string product_code;
  Qty assigned = 0;
  std::optional<Date> due;
  std::optional<Qty> completed;  // known completed quantity (an import); else kept as reported
  // Deductions recorded with the task (quality failures, delays): the manager only.
  std::optional<std::vector<Deduction>> deductions;
};

// What the person reports for one task: the quantity completed and its evidence.
struct ProductReport {
  Qty completed = 0;
  std::vector<Evidence> evidence;
};

// Who may act on the period (resolved from the organisation, see period_authority.hpp).
struct PeriodAuthority {
  std::vector<Id> managers;  // the competent evaluator ("cấp có thẩm quyền theo dõi, đánh giá")
  std::vector<Id> heads;      // approve and lock
  std::vector<Id> unlockers;  // reopen a locked period
  // Accounts of the agency's task-assignment systems: register tasks as the manager would.
  std::vector<Id> importers;
};

// The data an action carries. Only the fields of the given action are read.
struct PeriodRequest {
  PeriodAction action = PeriodAction::RegisterTasks;
  std::vector<TaskDraft> tasks;  // register_tasks: the whole list (replaces it)
  std::string no_tasks_reason;   // register_tasks by the manager with an empty list
  std::string origin;            // register_tasks: "import:<system>" for imports; else by actor
  std::map<std::string, ProductReport> products;  // submit_products, by task key
  CriteriaScores scores;                          // self_score, score
  std::optional<Centi> task_points;               // self_score, score: entered method only
  std::map<std::string, std::vector<Deduction>> deductions;  // score: by task key (replaces)
  std::optional<LeaderFactors> leader;                       // score: leaders
  std::string strengths;                                     // self_score: 4. Ưu điểm
  std::string shortcomings;  // self_score: 5. Hạn chế, khuyết điểm
  std::string comment;       // score: 6. Ý kiến nhận xét
  std::string reason;        // return, unlock
  std::string decision;      // unlock: the written decision allowing the correction
};

// Everything the machine may look at. References must outlive the call.
struct PeriodContext {
  const PeriodRecord& period;
  const Person& person;
  const ScoringRules& rules;
  const ProductCatalogue& catalogue;
  const PeriodAuthority& authority;
  Id actor_id = 0;
  TimePoint now;
};

struct PeriodTransition {
  bool accepted = false;
  PeriodStage from = PeriodStage::Open;
  PeriodStage to = PeriodStage::Open;
  PeriodRecord period;  // after the action (unchanged when refused); version +1 if accepted
  Refusals refusals;    // non-empty iff !accepted
};

// Runs one action through the machine, starting it in period.stage.
PeriodTransition apply_period_action(const PeriodContext&, const PeriodRequest&);

// Actions the actor could take now (a row exists and the actor holds the role).
std::vector<PeriodAction> allowed_period_actions(const PeriodContext&);

// Only the actor part of the guards: empty when the actor may perform the action.
Refusals check_period_actor(const PeriodContext&, PeriodAction);

// Mapping between MSM's positional state ids and the stable stages, for tests.
int period_msm_state_id(PeriodStage);
std::optional<PeriodStage> period_stage_from_msm_state_id(int);

}  // namespace kd::wf
