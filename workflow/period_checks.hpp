// The content checks of the periodic cycle, each a pure function returning the
// refusals a person can read; the period machine runs them as guards.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workflow/period_machine.hpp"

namespace kd::wf {

// register_tasks: keys unique and non-blank, titles present, products in the
// catalogue in force on the period's first day, assigned > 0, due date in the
// period; an empty list only from the manager with a reason; deductions only
// from the manager. Codes: tasks_required, no_tasks_reason_required,
// task_invalid, product_unknown, deductions_by_manager_only.
Refusals check_task_drafts(const std::vector<TaskDraft>&, const std::string& no_tasks_reason,
                           const PeriodRecord&, const ProductCatalogue&, bool by_manager);

// The period's new task list: product name and K from the catalogue; what was
// reported (completed, evidence) and recorded (deductions) on a task of the
// same key is kept unless the draft brings its own completed quantity or deductions.
std::vector<PeriodTask> build_tasks(const std::vector<TaskDraft>&, const PeriodRecord&,
                                    const ProductCatalogue&, const std::string& origin);

// One evidence item: kind "file" with a SHA-256 in lowercase hex, "link" with
// an http(s) URL, or "document" with its number. Code: evidence_invalid.
Refusals check_evidence(const Evidence&, const std::string& field);

// submit_products: reports for known tasks, quantities ≥ 0, valid evidence, and
// evidence on every task with a completed quantity. Codes: task_unknown,
// quantity_invalid, evidence_invalid, evidence_required.
Refusals check_product_reports(const std::map<std::string, ProductReport>&, const PeriodRecord&);

// score: deductions for known tasks; an excused one needs its reason
// (excuse_reason_required); a note says what happened (deduction_note_required).
Refusals check_deductions(const std::map<std::string, std::vector<Deduction>>&,
                          const PeriodRecord&);

// score: a leader's d, đ, e present, among the allowed values, with a reason
// below the best value. Codes: leader_factors_required, leader_factor_invalid,
// leader_factor_reason_required.
Refusals check_leader_factors(const std::optional<LeaderFactors>&, const Person&,
                              const ScoringRules&);

// Entered task points (Party frameworks): present, 0..max, multiple of the step.
// Codes: task_points_required, task_points_invalid.
Refusals check_entered_task_points(const std::optional<Centi>&, const ScoringRules&);

}  // namespace kd::wf
