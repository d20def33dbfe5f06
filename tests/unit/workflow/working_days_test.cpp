// Working-day arithmetic over weekends, Tết, a swapped weekend, and the 15/12
// limit of the campaign timeline; a missing calendar year is refused by name.
#include "workflow/working_days.hpp"

#include <gtest/gtest.h>

#include "tests/unit/workflow/fixture.hpp"
#include "workflow/deadlines.hpp"

namespace kd::wf {
namespace {

// 2025 as announced (the same days as config/holidays/2025.json, which the
// tracking tests load), and 2026 as in the shipped file.
HolidayCalendar calendar_2025_2026() {
  HolidayYear y25{2025, false, "test", {}, {}};
  for (const char* d :
       {"2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
        "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02"}) {
    y25.off.push_back({*parse_iso_date(d), "Nghỉ lễ"});
  }
  y25.worked.push_back({{2025, 4, 26}, "Làm bù cho thứ Sáu 02/5/2025"});
  HolidayYear y26{2026, true, "test", {}, {}};
  for (const char* d :
       {"2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
        "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02"}) {
    y26.off.push_back({*parse_iso_date(d), "Nghỉ lễ"});
  }
  return HolidayCalendar({y25, y26});
}

TEST(WorkingDays, WeekdayOfKnownDates) {
  EXPECT_EQ(weekday({2025, 4, 26}), 5);   // Saturday
  EXPECT_EQ(weekday({2026, 12, 15}), 1);  // Tuesday
  EXPECT_EQ(weekday({1970, 1, 1}), 3);    // Thursday
  EXPECT_EQ(weekday({1969, 12, 28}), 6);  // Sunday, before the epoch
}

TEST(WorkingDays, AWeekendIsSkipped) {
  const auto cal = calendar_2025_2026();
  EXPECT_EQ(cal.add_working_days({2025, 11, 14}, 1), (Date{2025, 11, 17}));  // Fri -> Mon
  EXPECT_EQ(cal.add_working_days({2025, 11, 17}, -1), (Date{2025, 11, 14}));
  EXPECT_EQ(cal.add_working_days({2025, 11, 15}, 0), (Date{2025, 11, 15}));
  EXPECT_EQ(cal.add_working_days({2025, 11, 10}, 10), (Date{2025, 11, 24}));
  EXPECT_FALSE(cal.is_working_day({2025, 11, 16}));
}

TEST(WorkingDays, TetIsSkippedWhole) {
  const auto cal = calendar_2025_2026();
  // Off from Saturday 25/01 to Sunday 02/02/2025: Friday 24/01 + 1 is Monday 03/02.
  EXPECT_EQ(cal.add_working_days({2025, 1, 24}, 1), (Date{2025, 2, 3}));
  EXPECT_EQ(cal.add_working_days({2025, 2, 3}, -1), (Date{2025, 1, 24}));
  EXPECT_EQ(cal.working_days_between({2025, 1, 24}, {2025, 2, 3}), 1);
  // Tết Bính Ngọ 2026: Friday 13/02 + 1 is Monday 23/02.
  EXPECT_EQ(cal.add_working_days({2026, 2, 13}, 1), (Date{2026, 2, 23}));
  // Giỗ Tổ 2026 falls on a Sunday: Monday 27/04 is the compensating day off.
  EXPECT_EQ(cal.add_working_days({2026, 4, 24}, 1), (Date{2026, 4, 28}));
}

TEST(WorkingDays, ASwappedWeekendDayCountsAndItsWeekdayDoesNot) {
  const auto cal = calendar_2025_2026();
  EXPECT_TRUE(cal.is_working_day({2025, 4, 26}));  // Saturday worked
  EXPECT_FALSE(cal.is_working_day({2025, 5, 2}));  // Friday given off
  EXPECT_EQ(cal.add_working_days({2025, 4, 25}, 1), (Date{2025, 4, 26}));
  // Tue 29/04 + 1: 30/04, 01/05, 02/05 off, then the weekend: Monday 05/05.
  EXPECT_EQ(cal.add_working_days({2025, 4, 29}, 1), (Date{2025, 5, 5}));
  EXPECT_EQ(cal.working_days_between({2025, 4, 24}, {2025, 5, 5}), 5);  // 25, 26, 28, 29/04, 05/05
}

TEST(WorkingDays, AMissingYearIsRefusedWithItsNumber) {
  const auto cal = calendar_2025_2026();
  EXPECT_FALSE(cal.covers(2027));
  try {
    cal.add_working_days({2026, 12, 30}, 3);
    FAIL() << "2027 is not in the calendar";
  } catch (const CalendarYearMissing& e) {
    EXPECT_EQ(e.year, 2027);
    EXPECT_NE(std::string(e.what()).find("2027"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("chưa có dữ liệu"), std::string::npos) << e.what();
  }
  EXPECT_THROW(cal.is_working_day({2024, 12, 31}), CalendarYearMissing);
}

TEST(WorkingDays, InvalidYearDataIsRefused) {
  HolidayYear y{2025, false, "", {{{2025, 5, 2}, "Nghỉ"}}, {{{2025, 5, 5}, "Làm bù"}}};
  const auto problems = validate(y);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("không phải thứ Bảy"), std::string::npos) << problems[0];
  HolidayYear wrong_year{2025, false, "", {{{2026, 1, 1}, "Tết"}}, {}};
  EXPECT_EQ(validate(wrong_year).size(), 1u);
  EXPECT_THROW(HolidayCalendar({y}), std::invalid_argument);
}

Regime nd90_durations() {
  Regime r = test::make_regime();
  r.deadlines.stage_working_days = {{Stage::SelfAssessment, 5}, {Stage::CollectiveReview, 5},
                                    {Stage::HeadOpinion, 3},    {Stage::CommitteeDecision, 5},
                                    {Stage::Decided, 3},        {Stage::Complaint, 10}};
  return r;
}

TEST(Timeline, PlannedBackwardsFromTheFifteenthOfDecember) {
  const auto cal = calendar_2025_2026();
  Campaign c = test::make_campaign();
  c.stage_due.clear();
  const Timeline t = plan_timeline(c, nd90_durations(), cal);
  EXPECT_EQ(t.final_deadline, (Date{2026, 12, 15}));
  ASSERT_EQ(t.stages.size(), 5u);
  EXPECT_EQ(t.stages[4].stage, Stage::Decided);
  EXPECT_EQ(t.stages[4].due, (Date{2026, 12, 15}));  // Tuesday, the limit itself
  EXPECT_EQ(t.stages[3].due, (Date{2026, 12, 10}));  // 3 working days before
  EXPECT_EQ(t.stages[2].due, (Date{2026, 12, 3}));   // 5 before
  EXPECT_EQ(t.stages[1].due, (Date{2026, 11, 30}));  // 3 before
  EXPECT_EQ(t.stages[0].due, (Date{2026, 11, 23}));  // 5 before
  EXPECT_FALSE(t.stages[0].opens.has_value());
  EXPECT_EQ(*t.stages[1].opens, (Date{2026, 11, 23}));
  for (const auto& p : t.stages) EXPECT_TRUE(p.due <= t.final_deadline);
}

TEST(Timeline, ALimitOnAWeekendMovesToTheFridayBefore) {
  // 15/12/2029 is a Saturday; a year with no holidays in December is enough here.
  HolidayYear y29{2029, true, "test", {{{2029, 1, 1}, "Tết Dương lịch"}}, {}};
  const HolidayCalendar cal({y29});
  Campaign c = test::make_campaign();
  c.year = 2029;
  c.stage_due.clear();
  const Timeline t = plan_timeline(c, nd90_durations(), cal);
  EXPECT_EQ(t.final_deadline, (Date{2029, 12, 15}));
  EXPECT_EQ(t.stages.back().due, (Date{2029, 12, 14}));
}

TEST(Timeline, SpecialAgenciesEndOnTheFifteenthOfJanuary) {
  HolidayYear y27{2027, true, "test", {{{2027, 1, 1}, "Tết Dương lịch"}}, {}};
  auto cal = calendar_2025_2026();
  const HolidayCalendar with_2027({*cal.year(2025), *cal.year(2026), y27});
  Campaign c = test::make_campaign();
  c.special_agency = true;
  c.stage_due.clear();
  const Timeline t = plan_timeline(c, nd90_durations(), with_2027);
  EXPECT_EQ(t.final_deadline, (Date{2027, 1, 15}));
  EXPECT_EQ(t.stages.back().due, (Date{2027, 1, 15}));
  // Without 2027 in the calendar the plan cannot be made, and says why.
  EXPECT_THROW(plan_timeline(c, nd90_durations(), cal), CalendarYearMissing);
}

TEST(Timeline, TheCampaignsOwnDatesWinAndAreChecked) {
  const auto cal = calendar_2025_2026();
  Campaign c = test::make_campaign();
  c.stage_due = {{Stage::SelfAssessment, {2026, 11, 20}}, {Stage::HeadOpinion, {2026, 12, 16}}};
  const Timeline t = plan_timeline(c, nd90_durations(), cal);
  EXPECT_EQ(*t.due(Stage::SelfAssessment), (Date{2026, 11, 20}));
  EXPECT_TRUE(t.stages[0].fixed);
  const auto refusals = check_timeline(c, nd90_durations(), cal);
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_EQ(refusals[0].code, "due_after_deadline");
  EXPECT_EQ(refusals[0].field, "stage_due.head_opinion");
  EXPECT_NE(refusals[0].message_vi.find("15/12/2026"), std::string::npos);

  c.stage_due = {{Stage::SelfAssessment, {2026, 11, 21}},     // a Saturday
                 {Stage::CollectiveReview, {2026, 11, 19}}};  // before the stage before it
  const auto more = check_timeline(c, nd90_durations(), cal);
  ASSERT_EQ(more.size(), 2u);
  EXPECT_EQ(more[0].code, "due_not_working_day");
  EXPECT_EQ(more[1].code, "due_out_of_order");
}

TEST(Timeline, AStageShorterThanTheRegimeAllowsIsRefusedNamingTheDateThatMakesItShort) {
  const auto cal = calendar_2025_2026();
  Campaign c = test::make_campaign();
  // Planned back from 15/12: the head's opinion is due 03/12. Created on 13/11, self-assessment
  // (5 working days) by Friday 20/11; the meeting (5) by Tuesday 24/11 leaves it 2.
  const Date created{2026, 11, 13};
  c.stage_due = {{Stage::SelfAssessment, {2026, 11, 20}},
                 {Stage::CollectiveReview, {2026, 11, 24}}};
  auto refusals = check_timeline(c, nd90_durations(), cal, created);
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_EQ(refusals[0].code, "stage_too_short");
  EXPECT_EQ(refusals[0].field, "stage_due.collective_review");
  EXPECT_NE(refusals[0].message_vi.find("\"Họp tập thể góp ý\" chỉ có 2 ngày làm việc"),
            std::string::npos)
      << refusals[0].message_vi;
  EXPECT_NE(refusals[0].message_vi.find("20/11/2026"), std::string::npos);
  EXPECT_NE(refusals[0].message_vi.find("24/11/2026"), std::string::npos);
  EXPECT_NE(refusals[0].message_vi.find("ít hơn 5 ngày làm việc"), std::string::npos);
  // Friday 27/11 gives the meeting its 5 days, and the planned head's opinion (03/12) its 3.
  c.stage_due[Stage::CollectiveReview] = {2026, 11, 27};
  EXPECT_TRUE(check_timeline(c, nd90_durations(), cal, created).empty());
  // A meeting fixed on 02/12 leaves the planned head's opinion (03/12) one day: the campaign's
  // own date is the one named.
  c.stage_due[Stage::CollectiveReview] = {2026, 12, 2};
  refusals = check_timeline(c, nd90_durations(), cal, created);
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_EQ(refusals[0].field, "stage_due.collective_review");
  EXPECT_NE(refusals[0].message_vi.find("\"Nhận xét của người đứng đầu\" chỉ có 1 ngày"),
            std::string::npos)
      << refusals[0].message_vi;
  // From the creation date: 20/11 to 24/11 is 2 working days for a 5-day first stage.
  c.stage_due = {{Stage::SelfAssessment, {2026, 11, 24}}};
  refusals = check_timeline(c, nd90_durations(), cal, Date{2026, 11, 20});
  ASSERT_FALSE(refusals.empty());
  EXPECT_EQ(refusals[0].field, "stage_due.self_assessment");
  EXPECT_NE(refusals[0].message_vi.find("từ ngày lập đợt đánh giá 20/11/2026 đến hạn 24/11/2026"),
            std::string::npos)
      << refusals[0].message_vi;
  // Without a creation date the first stage has nothing to be measured from.
  for (const auto& r : check_timeline(c, nd90_durations(), cal)) {
    EXPECT_EQ(r.message_vi.find("ngày lập"), std::string::npos) << r.message_vi;
  }
}

TEST(Timeline, TheComplaintIsDueItsDurationAfterItWasFiled) {
  const auto cal = calendar_2025_2026();
  const Regime r = nd90_durations();
  const Timeline t = plan_timeline(test::make_campaign(), r, cal);
  EXPECT_EQ(*stage_due_date(Stage::Complaint, t, r, {2026, 12, 14}, cal), (Date{2026, 12, 28}));
  EXPECT_FALSE(stage_due_date(Stage::Published, t, r, {2026, 12, 14}, cal).has_value());
}

}  // namespace
}  // namespace kd::wf
