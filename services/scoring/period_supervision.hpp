// The supervisors' view of the periods of a subtree for one year (or one period of it): per
// unit the periods not yet scored, approved or locked and the overdue ones, who is late,
// the bands per unit and group (wf::supervise_periods), and HTXS against the quota per
// agency before the decision (wf::project_year_quota over each person's year). Read in one
// transaction; the caller has checked that the units are the caller's to see.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "services/scoring/period_actions.hpp"
#include "workflow/period_tracking.hpp"
#include "workflow/year_quota.hpp"

namespace kd::application {

struct PeriodSupervisionQuery {
  std::vector<wf::Id> units;  // the scope: every unit whose periods count
  int year = 0;
  std::optional<wf::PeriodRef> period;  // the stages, overdue periods and late people of it only
  wf::Date today;
};

struct PeriodSupervisionView {
  wf::PeriodSupervision periods;
  std::map<wf::Id, storage::StoredPeriod> by_id;  // the periods counted, by id
  std::vector<wf::AgencyYearQuota> quota;         // the year, whatever `period`
  std::optional<wf::QuotaRule> quota_rule;        // of the regime scoring the year
  std::map<wf::Id, wf::Person> people;            // the people of the periods and who must act
};

// Throws wf::CalendarYearMissing when the holiday calendar lacks a year a due date crosses.
PeriodSupervisionView supervise_periods(storage::ConnectionPool&, const config::RegimeCatalog&,
                                        const wf::OrgTree&, const PeriodSupervisionQuery&,
                                        const wf::HolidayCalendar&);

}  // namespace kd::application
