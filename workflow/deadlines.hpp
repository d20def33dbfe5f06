// A campaign's timeline: the due date of each stage, all on or before the
// regime's final date (15/12 for state ratings, 15/01 of the next year for the
// special agencies the regime allows), counted in working days.
//
// A campaign may fix a stage's due date itself (Campaign::stage_due); the other
// stages are planned backwards from the final date with the regime's allowed
// duration of each stage (DeadlineRules::stage_working_days): the last stage
// with an actor before publication (`decided`, whose action is publishing) is
// due on the last working day on or before the final date, and each earlier
// stage is due that many working days before the stage after it.
//
// The complaint stage is the exception: it has no campaign date, it is due its
// allowed number of working days after the complaint was filed.
#pragma once

#include <optional>
#include <vector>

#include "workflow/refusal.hpp"
#include "workflow/regime.hpp"
#include "workflow/review.hpp"
#include "workflow/working_days.hpp"

namespace kd::wf {

struct StagePlan {
  Stage stage = Stage::SelfAssessment;
  int working_days = 0;       // the regime's allowed duration (0 = none configured)
  Date due;                   // the date the stage must be done by
  bool fixed = false;         // true: the campaign's own date; false: planned
  std::optional<Date> opens;  // planned start: the previous stage's due date (none for the first)
};

struct Timeline {
  Date final_deadline;
  std::vector<StagePlan> stages;  // in workflow order; only stages with a due date
  // The due date of a stage with a campaign date; nothing for the others.
  std::optional<Date> due(Stage) const;
};

// The stages that carry a campaign due date: those the regime has, with an actor,
// before publication (self_assessment ... decided).
std::vector<Stage> dated_stages(const Regime&);

// Throws CalendarYearMissing when the planning crosses a year the calendar lacks.
Timeline plan_timeline(const Campaign&, const Regime&, const HolidayCalendar&);

// Refusals of the campaign's own dates; empty = acceptable. Throws
// CalendarYearMissing as above. Codes:
//  - due_after_deadline: a date after the regime's final date;
//  - due_not_working_day: a date that is a weekend day or a day off;
//  - due_out_of_order: a date before the date of an earlier stage;
//  - stage_too_short: on the planned timeline, a stage next to a campaign date gets
//    fewer working days (from the previous stage's due date, or from `created_on`
//    for the first stage) than the regime allows it. A date already refused for
//    one of the reasons above is not checked again for its length.
Refusals check_timeline(const Campaign&, const Regime&, const HolidayCalendar&,
                        std::optional<Date> created_on = std::nullopt);

// The due date of a review's current stage: the timeline's for dated stages, the
// complaint's allowed duration after `stage_entered` for `complaint`, nothing for
// published/closed.
std::optional<Date> stage_due_date(Stage, const Timeline&, const Regime&, const Date& stage_entered,
                                   const HolidayCalendar&);

}  // namespace kd::wf
