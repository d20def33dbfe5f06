#include "workflow/period_tracking.hpp"

#include <algorithm>

namespace kd::wf {

std::map<PeriodStage, Date> period_due_dates(const PeriodRef& ref, const ScoringRules& rules,
                                             const HolidayCalendar& calendar) {
  std::map<PeriodStage, Date> out;
  for (const auto& [stage, days] : rules.period_working_days) {
    out[stage] = calendar.add_working_days(ref.last_day(), days);
  }
  return out;
}

std::optional<NextDue> next_due(const PeriodRef& ref, PeriodStage current,
                                const ScoringRules& rules, const HolidayCalendar& calendar) {
  for (const auto& [stage, date] : period_due_dates(ref, rules, calendar)) {
    if (static_cast<int>(stage) > static_cast<int>(current)) return NextDue{stage, date};
  }
  return std::nullopt;
}

PeriodSupervision supervise_periods(const std::vector<PeriodStatus>& periods,
                                    const ScoringRules& rules, const HolidayCalendar& calendar,
                                    const Date& today) {
  PeriodSupervision out;
  std::map<Id, UnitPeriodSummary> units;
  std::map<Id, LateActor> late;
  auto before = [](PeriodStage s, PeriodStage mark) {
    return static_cast<int>(s) < static_cast<int>(mark);
  };
  for (const auto& p : periods) {
    UnitPeriodSummary& u = units[p.unit_id];
    u.unit_id = p.unit_id;
    ++u.periods;
    if (before(p.stage, PeriodStage::ManagerScored)) ++u.not_scored;
    if (before(p.stage, PeriodStage::Approved)) ++u.not_approved;
    if (before(p.stage, PeriodStage::Locked)) ++u.not_locked;
    if (p.total && !before(p.stage, PeriodStage::ManagerScored)) {
      const Rating band = rules.band_of(*p.total);
      ++u.bands[band];
      ++out.bands_by_group[p.group][band];
    }
    const auto due = next_due(p.ref, p.stage, rules, calendar);
    if (!due || !(due->due < today)) continue;
    ++u.overdue;
    const int days = calendar.working_days_between(due->due, today);
    for (Id who : p.must_act) {
      LateActor& a = late[who];
      a.person_id = who;
      ++a.overdue_periods;
      a.max_working_days_late = std::max(a.max_working_days_late, days);
    }
  }
  for (auto& [id, u] : units) out.units.push_back(std::move(u));
  for (auto& [id, a] : late) out.late.push_back(a);
  std::stable_sort(out.late.begin(), out.late.end(), [](const LateActor& a, const LateActor& b) {
    return a.overdue_periods > b.overdue_periods;
  });
  return out;
}

}  // namespace kd::wf
