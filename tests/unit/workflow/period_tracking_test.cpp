// Due dates of a period's steps in working days, and the supervisors' view of the periods.
#include <gtest/gtest.h>

#include "tests/unit/workflow/fixture.hpp"
#include "tests/unit/workflow/scoring_fixture.hpp"
#include "workflow/period_tracking.hpp"

namespace kd::wf {
namespace {

using namespace test;

// 2026 with the five weekdays of Tết (16–20/02) off: test data, not the official calendar.
HolidayCalendar calendar_2026() {
  HolidayYear y{2026, true, "test", {}, {}};
  for (int d = 16; d <= 20; ++d) y.off.push_back({{2026, 2, d}, "Tết Nguyên Đán"});
  return HolidayCalendar({y});
}

const PeriodRef kJanuary{2026, PeriodKind::Month, 1};

TEST(PeriodTracking, EachStepIsDueSomeWorkingDaysAfterThePeriod) {
  // January ends on Saturday 31/01: 3, 6, 8 and 10 working days later.
  const auto due = period_due_dates(kJanuary, make_nd335_rules(), calendar_2026());
  EXPECT_EQ(due.at(PeriodStage::SelfScored), (Date{2026, 2, 4}));
  EXPECT_EQ(due.at(PeriodStage::ManagerScored), (Date{2026, 2, 9}));
  EXPECT_EQ(due.at(PeriodStage::Approved), (Date{2026, 2, 11}));
  EXPECT_EQ(due.at(PeriodStage::Locked), (Date{2026, 2, 13}));
}

TEST(PeriodTracking, HolidaysAreNotWorkingDays) {
  ScoringRules rules = make_nd335_rules();
  rules.period_working_days[PeriodStage::Locked] = 12;
  EXPECT_EQ(period_due_dates(kJanuary, rules, calendar_2026()).at(PeriodStage::Locked),
            (Date{2026, 2, 24}));
}

TEST(PeriodTracking, AYearTheCalendarLacksStopsTheComputation) {
  const PeriodRef december{2026, PeriodKind::Month, 12};
  EXPECT_THROW(period_due_dates(december, make_nd335_rules(), calendar_2026()),
               CalendarYearMissing);
}

TEST(PeriodTracking, TheNextDueStepFollowsTheStage) {
  const auto rules = make_nd335_rules();
  const auto cal = calendar_2026();
  auto n = next_due(kJanuary, PeriodStage::Open, rules, cal);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->stage, PeriodStage::SelfScored);
  n = next_due(kJanuary, PeriodStage::SelfScored, rules, cal);
  EXPECT_EQ(n->stage, PeriodStage::ManagerScored);
  EXPECT_EQ(n->due, (Date{2026, 2, 9}));
  EXPECT_FALSE(next_due(kJanuary, PeriodStage::Locked, rules, cal).has_value());
}

PeriodStatus status(Id id, Id unit, PeriodStage stage, std::optional<Centi> total,
                    std::vector<Id> must_act) {
  PeriodStatus s;
  s.period_id = id;
  s.person_id = 100 + id;
  s.unit_id = unit;
  s.group = "chuyen_vien";
  s.ref = kJanuary;
  s.stage = stage;
  s.total = total;
  s.must_act = std::move(must_act);
  return s;
}

TEST(PeriodTracking, SupervisorsSeeWhatIsNotDoneWhatIsLateAndWhoIsLate) {
  const std::vector<PeriodStatus> periods = {
      status(1, kPersonnelOffice, PeriodStage::Locked, 9200, {}),
      status(2, kPersonnelOffice, PeriodStage::ManagerScored, 7500, {kGiang}),
      status(3, kPersonnelOffice, PeriodStage::SelfScored, std::nullopt, {kDung}),
      status(4, kPersonnelOffice, PeriodStage::Open, std::nullopt, {kAn}),
      status(5, kAdminOffice, PeriodStage::Approved, 4800, {kMinh}),
  };
  const auto v = supervise_periods(periods, make_nd335_rules(), calendar_2026(), Date{2026, 2, 12});
  ASSERT_EQ(v.units.size(), 2u);
  const auto& tccb = v.units[0];
  EXPECT_EQ(tccb.unit_id, kPersonnelOffice);
  EXPECT_EQ(tccb.periods, 4);
  EXPECT_EQ(tccb.not_scored, 2);
  EXPECT_EQ(tccb.not_approved, 3);
  EXPECT_EQ(tccb.not_locked, 3);
  EXPECT_EQ(tccb.overdue, 3);  // self-score due 04/02, scoring 09/02, approval 11/02
  EXPECT_EQ(tccb.bands.at(Rating::HTXS), 1);
  EXPECT_EQ(tccb.bands.at(Rating::HTT), 1);
  const auto& hc = v.units[1];
  EXPECT_EQ(hc.overdue, 0);  // locking is due 13/02
  EXPECT_EQ(hc.bands.at(Rating::KHT), 1);
  EXPECT_EQ(v.bands_by_group.at("chuyen_vien").size(), 3u);
  ASSERT_EQ(v.late.size(), 3u);
  EXPECT_EQ(v.late[0].person_id, kAn);
  EXPECT_EQ(v.late[0].max_working_days_late, 6);  // 05, 06, 09, 10, 11, 12/02
  EXPECT_EQ(v.late[1].person_id, kDung);
  EXPECT_EQ(v.late[1].max_working_days_late, 3);
  EXPECT_EQ(v.late[2].person_id, kGiang);
  EXPECT_EQ(v.late[2].max_working_days_late, 1);
}

TEST(PeriodTracking, APersonLateOnSeveralPeriodsComesFirst) {
  const std::vector<PeriodStatus> periods = {
      status(1, kPersonnelOffice, PeriodStage::Open, std::nullopt, {kAn}),
      status(2, kPersonnelOffice, PeriodStage::SelfScored, std::nullopt, {kDung}),
      status(3, kPersonnelOffice, PeriodStage::SelfScored, std::nullopt, {kDung}),
  };
  const auto v = supervise_periods(periods, make_nd335_rules(), calendar_2026(), Date{2026, 2, 12});
  ASSERT_EQ(v.late.size(), 2u);
  EXPECT_EQ(v.late[0].person_id, kDung);
  EXPECT_EQ(v.late[0].overdue_periods, 2);
}

}  // namespace
}  // namespace kd::wf
