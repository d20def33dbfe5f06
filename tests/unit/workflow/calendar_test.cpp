#include "workflow/calendar.hpp"

#include <gtest/gtest.h>

namespace kd::wf {
namespace {

TimePoint utc(std::int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

TEST(Calendar, DaysFromCivilMatchesKnownDates) {
  EXPECT_EQ(Date::days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(Date::days_from_civil({1969, 12, 31}), -1);
  EXPECT_EQ(Date::days_from_civil({2000, 3, 1}), 11017);
  EXPECT_EQ(Date::days_from_civil({2026, 1, 1}), 20454);
}

TEST(Calendar, FromDaysInvertsDaysFromCivilOverFourCenturies) {
  for (std::int64_t d = -200000; d <= 200000; d += 37) {
    EXPECT_EQ(Date::days_from_civil(Date::from_days(d)), d);
  }
}

TEST(Calendar, LeapYearsFollowTheGregorianRules) {
  EXPECT_TRUE(is_valid({2024, 2, 29}));
  EXPECT_TRUE(is_valid({2000, 2, 29}));
  EXPECT_FALSE(is_valid({1900, 2, 29}));
  EXPECT_FALSE(is_valid({2026, 2, 29}));
  EXPECT_FALSE(is_valid({2026, 4, 31}));
  EXPECT_FALSE(is_valid({2026, 13, 1}));
  EXPECT_FALSE(is_valid({2026, 1, 0}));
}

TEST(Calendar, AddDaysCrossesMonthsAndYears) {
  EXPECT_EQ(add_days({2026, 12, 25}, 15), (Date{2027, 1, 9}));
  EXPECT_EQ(add_days({2024, 2, 28}, 1), (Date{2024, 2, 29}));
  EXPECT_EQ(add_days({2026, 3, 1}, -1), (Date{2026, 2, 28}));
}

TEST(Calendar, IsoDatesAreStrict) {
  EXPECT_EQ(to_iso({2026, 5, 3}), "2026-05-03");
  EXPECT_EQ(parse_iso_date("2026-12-15"), (Date{2026, 12, 15}));
  EXPECT_FALSE(parse_iso_date("2026-2-15"));
  EXPECT_FALSE(parse_iso_date("2026-02-30"));
  EXPECT_FALSE(parse_iso_date("2026/02/10"));
  EXPECT_FALSE(parse_iso_date("2026-02-1x"));
  EXPECT_FALSE(parse_iso_date(" 2026-02-10"));
}

TEST(Calendar, DatesCompareInCalendarOrder) {
  EXPECT_TRUE((Date{2026, 12, 15}) < (Date{2027, 1, 1}));
  EXPECT_TRUE((Date{2026, 2, 1}) <= (Date{2026, 2, 1}));
  EXPECT_FALSE((Date{2026, 2, 2}) < (Date{2026, 2, 1}));
}

TEST(Calendar, VietnamDateIsSevenHoursAheadOfUtc) {
  const std::int64_t day = Date::days_from_civil({2026, 11, 30}) * 86400;
  EXPECT_EQ(vietnam_date(utc(day + 16 * 3600 + 59 * 60)), (Date{2026, 11, 30}));  // 23:59 local
  EXPECT_EQ(vietnam_date(utc(day + 17 * 3600)), (Date{2026, 12, 1}));             // 00:00 local
}

TEST(Calendar, IsoVietnamTimeCarriesTheOffset) {
  const std::int64_t day = Date::days_from_civil({2026, 11, 26}) * 86400;
  EXPECT_EQ(to_iso_vietnam(utc(day + 4 * 3600 + 5 * 60)), "2026-11-26T11:05:00+07:00");
  EXPECT_EQ(to_iso_vietnam(utc(day + 20 * 3600 + 7)), "2026-11-27T03:00:07+07:00");
  EXPECT_EQ(to_iso_vietnam(utc(-3600)), "1970-01-01T06:00:00+07:00");
}

TEST(Calendar, PeopleReadDatesAndTimesInHoChiMinhCity) {
  const std::int64_t day = Date::days_from_civil({2026, 1, 5}) * 86400;
  EXPECT_EQ(vietnam_time_of_day(utc(day + 16 * 3600 + 45 * 60)), "23:45");
  EXPECT_EQ(vietnam_time_of_day(utc(day - 7 * 3600 + 5 * 60)), "00:05");
  EXPECT_EQ(to_dmy({2026, 1, 5}), "05/01/2026");
  EXPECT_EQ(from_epoch(epoch_seconds(utc(day))), utc(day));
}

}  // namespace
}  // namespace kd::wf
