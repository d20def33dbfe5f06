// The general criteria of a period ("tiêu chí chung", 30 points): one sheet of
// item scores by the person and one by the competent evaluator, each checked
// against the regime's criteria (items, maxima, step, pass/fail, evidence) and
// with a reason for every point withheld.
#pragma once

#include <map>
#include <string>

#include "workflow/period.hpp"
#include "workflow/refusal.hpp"
#include "workflow/scoring_rules.hpp"

namespace kd::wf {

// Refusals, one per problem, fields "<prefix>.<item code>":
//   criteria_incomplete (every unscored item named in one refusal), criteria_unknown_item,
//   criteria_points_invalid (outside 0..max, not a multiple of the step, pass/fail not 0 or max),
//   reason_required (below the maximum without a reason, when the sheet requires one),
//   evidence_required (points above zero on an item that needs evidence, without any).
Refusals check_criteria_scores(const CriteriaScores&, const CriteriaSheet&,
                               const std::string& field_prefix);

// Sum of the scored items that the sheet knows (unknown codes are ignored).
Centi criteria_total(const CriteriaScores&, const CriteriaSheet&);
// Per group code, the sum of its scored items.
std::map<std::string, Centi> criteria_group_totals(const CriteriaScores&, const CriteriaSheet&);
// The starting values of a new sheet: the maximum, or 0 where the item starts at 0.
CriteriaScores default_criteria_scores(const CriteriaSheet&);

}  // namespace kd::wf
