#include "workflow/review.hpp"

namespace kd::wf {

Date final_deadline(const Campaign& c, const Regime& r) {
  const DeadlineRules& d = r.deadlines;
  if (!c.special_agency) return Date{c.year, d.final_month, d.final_day};
  // The special deadline falls in the next year when it comes earlier in the
  // calendar than the ordinary one (15/01 after 15/12).
  const bool next_year =
      d.special_final_month < d.final_month ||
      (d.special_final_month == d.final_month && d.special_final_day < d.final_day);
  return Date{c.year + (next_year ? 1 : 0), d.special_final_month, d.special_final_day};
}

}  // namespace kd::wf
