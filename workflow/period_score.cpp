#include "workflow/period_score.hpp"

#include <algorithm>

#include "workflow/criteria_score.hpp"

namespace kd::wf {

PeriodScore period_score(const PeriodRecord& p, const Person& person, const ScoringRules& rules,
                         ScoreView view) {
  PeriodScore s;
  s.view = view;
  const CriteriaSheet* sheet = rules.sheet_for(person.leader);
  const CriteriaScores& scores = view == ScoreView::Self ? p.self_scores : p.manager_scores;
  if (sheet) s.general = std::min(criteria_total(scores, *sheet), sheet->max);

  if (rules.tasks.method == TaskMethod::Entered) {
    const auto& entered = view == ScoreView::Self ? p.self_task_points : p.manager_task_points;
    s.task.points = std::clamp<Centi>(entered.value_or(0), 0, rules.tasks.max);
  } else {
    std::optional<LeaderFactors> leader;
    if (person.leader) {
      s.leader_formula = true;
      if (p.leader_factors) {
        leader = p.leader_factors;
      } else {
        const int best = rules.tasks.leader_factor_values.empty()
                             ? 100
                             : rules.tasks.leader_factor_values.front();
        leader = LeaderFactors{best, best, best, {}, {}, {}, {}};
      }
    }
    s.task = task_score(p.tasks, leader, rules.tasks);
  }
  s.total = s.general + s.task.points;
  s.band = rules.band_of(s.total);
  return s;
}

}  // namespace kd::wf
