// The task-result score of a period (Nghị định 335/2025, Điều 14–16):
//   a (số lượng)  = Σ completed·K / Σ assigned·K
//   b (chất lượng) = Σ max(0, completed − d%·unexcused quality failures)·K / Σ assigned·K
//   c (tiến độ)   = Σ max(0, completed − d%·unexcused delays)·K / Σ assigned·K
// each in %, capped (100 % by default) and rounded to hundredths of a percent;
// every failed quality review or delay deducts d % (25 %) of one unit of that
// product unless the competent level accepted an objective cause. Then
//   non-leaders: (a + b + c) / 3 × 70        leaders: (a + b + c + d + đ + e) / 6 × 70
// rounded to hundredths of a point. No work assigned ⇒ 0 points, flagged.
#pragma once

#include <optional>
#include <vector>

#include "workflow/period.hpp"
#include "workflow/scoring_rules.hpp"

namespace kd::wf {

struct TaskRatios {
  Centi a = 0;  // hundredths of a percent: 10000 = 100 %
  Centi b = 0;
  Centi c = 0;
  Centi a_uncapped = 0;  // completed / assigned before the cap: > 10000 when the plan was exceeded
  // Converted quantities, in millionths (quantity hundredths × K ten-thousandths).
  std::int64_t assigned_conv = 0;
  std::int64_t completed_conv = 0;
  std::int64_t quality_conv = 0;
  std::int64_t on_time_conv = 0;
  int quality_failures = 0;  // counted (not excused)
  int delays = 0;            // counted (not excused)
  int excused = 0;           // deductions excused with a reason
  bool zero_assigned = false;
};

TaskRatios task_ratios(const std::vector<PeriodTask>&, const TaskResultRules&);

struct TaskScore {
  TaskRatios ratios;
  std::optional<LeaderFactors> leader;  // the factors used (leaders only)
  Centi points = 0;                     // the task-result score, 0 to rules.max
  bool zero_assigned = false;           // nothing was assigned: 0 points and a flag on the record
};

// `leader` present ⇒ the leaders' formula with its d, đ, e.
TaskScore task_score(const std::vector<PeriodTask>&, const std::optional<LeaderFactors>& leader,
                     const TaskResultRules&);

// d of a leader from the bands of the công chức under their management (a
// deputy: those in the field assigned): the best value when every band is at
// least rules.leader_d_full_when_all_at_least (or there is none), else the next value.
int leader_unit_factor(const std::vector<Rating>& subordinate_bands, const TaskResultRules&);

}  // namespace kd::wf
