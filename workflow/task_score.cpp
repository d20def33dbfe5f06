#include "workflow/task_score.hpp"

#include <algorithm>

namespace kd::wf {
namespace {

constexpr Centi kFull = 10000;  // 100 % in hundredths of a percent

// A line's quantity after `count` deductions of `percent` % of one unit each (never below zero).
Qty after_deductions(Qty completed, int count, int percent) {
  return std::max<Qty>(0, completed - static_cast<Qty>(count) * percent);
}

Centi ratio(std::int64_t num, std::int64_t den) { return mul_div_round(num, kFull, den); }

}  // namespace

TaskRatios task_ratios(const std::vector<PeriodTask>& tasks, const TaskResultRules& rules) {
  TaskRatios r;
  for (const auto& t : tasks) {
    int quality = 0;
    int delays = 0;
    for (const auto& d : t.deductions) {
      if (d.excused) {
        ++r.excused;
      } else if (d.kind == DeductionKind::Quality) {
        ++quality;
      } else {
        ++delays;
      }
    }
    r.quality_failures += quality;
    r.delays += delays;
    const Qty completed = std::max<Qty>(0, t.completed);
    r.assigned_conv += std::max<Qty>(0, t.assigned) * t.k;
    r.completed_conv += completed * t.k;
    r.quality_conv += after_deductions(completed, quality, rules.deduction_percent) * t.k;
    r.on_time_conv += after_deductions(completed, delays, rules.deduction_percent) * t.k;
  }
  if (r.assigned_conv <= 0) {
    r.zero_assigned = true;
    return r;
  }
  r.a_uncapped = ratio(r.completed_conv, r.assigned_conv);
  const Centi cap = rules.ratio_cap_percent > 0 ? Centi{rules.ratio_cap_percent} * 100 : -1;
  auto capped = [&](Centi v) { return cap >= 0 ? std::min(v, cap) : v; };
  r.a = capped(r.a_uncapped);
  r.b = capped(ratio(r.quality_conv, r.assigned_conv));
  r.c = capped(ratio(r.on_time_conv, r.assigned_conv));
  return r;
}

TaskScore task_score(const std::vector<PeriodTask>& tasks,
                     const std::optional<LeaderFactors>& leader, const TaskResultRules& rules) {
  TaskScore s;
  s.ratios = task_ratios(tasks, rules);
  s.leader = leader;
  s.zero_assigned = s.ratios.zero_assigned;
  if (s.zero_assigned) return s;
  const Centi abc = s.ratios.a + s.ratios.b + s.ratios.c;
  if (leader) {
    const Centi def = (Centi{leader->d} + leader->dd + leader->e) * 100;
    s.points = mul_div_round(abc + def, rules.max, 6 * kFull);
  } else {
    s.points = mul_div_round(abc, rules.max, 3 * kFull);
  }
  s.points = std::min(s.points, rules.max);
  return s;
}

int leader_unit_factor(const std::vector<Rating>& bands, const TaskResultRules& rules) {
  const auto& values = rules.leader_factor_values;
  if (values.empty()) return 100;
  for (Rating b : bands) {
    if (better_than(rules.leader_d_full_when_all_at_least, b)) {
      return values.size() > 1 ? values[1] : values[0];
    }
  }
  return values[0];
}

}  // namespace kd::wf
