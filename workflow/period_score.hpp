// The total of a period, as the form prints it: 1. general criteria, 2. task
// results, 3. total = 1 + 2, and the band the total leads to. Computed from
// the record alone, so the person's live totals, the manager's screen, the
// form and the year's aggregation can never disagree.
#pragma once

#include "workflow/organisation.hpp"
#include "workflow/period.hpp"
#include "workflow/scoring_rules.hpp"
#include "workflow/task_score.hpp"

namespace kd::wf {

enum class ScoreView {
  Self,     // the person's own scores (section I column 4: "Điểm do cá nhân tự chấm")
  Manager,  // the competent evaluator's scores: what counts
};

struct PeriodScore {
  ScoreView view = ScoreView::Manager;
  Centi general = 0;  // 1. Điểm tiêu chí chung
  TaskScore task;     // 2. Điểm tiêu chí kết quả thực hiện nhiệm vụ (with a–e)
  Centi total = 0;    // 3. Tổng điểm = 1 + 2
  Rating band = Rating::KHT;
  bool leader_formula = false;  // (a+…+e)/6 × 70 rather than (a+b+c)/3 × 70
};

// Items not yet scored count 0; a leader without factors yet is counted with
// the best value of each (the live view before the manager has scored).
PeriodScore period_score(const PeriodRecord&, const Person&, const ScoringRules&, ScoreView);

}  // namespace kd::wf
