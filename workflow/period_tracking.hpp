// Due dates of a period's steps and the supervisors' view of the periods: which
// are not yet scored, approved or locked per unit, which are late and who must
// act, the distribution of the bands per unit and group. Everything follows from
// the periods' stages and totals, the regime's period_working_days, the holiday
// calendar and `today`: the scheduler, the supervisor API and the tests agree.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workflow/period.hpp"
#include "workflow/scoring_rules.hpp"
#include "workflow/working_days.hpp"

namespace kd::wf {

// Per stage to reach, the day by which the period must have reached it:
// `period_working_days` working days after the period's last day.
// Throws CalendarYearMissing when the calendar lacks a year the count crosses.
std::map<PeriodStage, Date> period_due_dates(const PeriodRef&, const ScoringRules&,
                                             const HolidayCalendar&);

// The next stage with a due date the period has not reached yet, and that date.
struct NextDue {
  PeriodStage stage = PeriodStage::Locked;
  Date due;
};
std::optional<NextDue> next_due(const PeriodRef&, PeriodStage current, const ScoringRules&,
                                const HolidayCalendar&);

// What the adapter knows of one period.
struct PeriodStatus {
  Id period_id = 0;
  Id person_id = 0;
  Id unit_id = 0;
  std::string group;  // the quota peer group, or the person's group
  PeriodRef ref;
  PeriodStage stage = PeriodStage::Open;
  std::optional<Centi> total;  // once scored by the manager
  std::vector<Id> must_act;    // who acts in the current stage (the person, managers, heads)
};

struct UnitPeriodSummary {
  Id unit_id = 0;
  int periods = 0;
  int not_scored = 0;           // before manager_scored
  int not_approved = 0;         // before approved
  int not_locked = 0;           // before locked
  int overdue = 0;              // past the due date of the next stage to reach
  std::map<Rating, int> bands;  // of the scored periods
};

struct LateActor {
  Id person_id = 0;
  int overdue_periods = 0;
  int max_working_days_late = 0;
};

struct PeriodSupervision {
  std::vector<UnitPeriodSummary> units;  // by unit id
  std::map<std::string, std::map<Rating, int>> bands_by_group;
  std::vector<LateActor> late;  // most overdue periods first, then by id
};

PeriodSupervision supervise_periods(const std::vector<PeriodStatus>&, const ScoringRules&,
                                    const HolidayCalendar&, const Date& today);

}  // namespace kd::wf
