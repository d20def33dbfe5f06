// Working days in Vietnam's public administration: Monday to Friday, minus the
// public holidays and compensating days off, plus the weekend days the
// government swaps into working days. The holidays are DATA (config/holidays/
// <year>.json, loaded by services/tracking): the lunar ones (Tết Nguyên Đán,
// Giỗ Tổ Hùng Vương) and the swaps change every year and are announced by the
// government, so nothing here knows a holiday by itself.
//
// Invariant: a year that the calendar does not hold is never treated as having
// no holidays. Every query that touches such a year throws CalendarYearMissing
// with a message naming the year, so a missing data file stops the computation
// instead of silently moving a due date.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "workflow/calendar.hpp"

namespace kd::wf {

struct NamedDay {
  Date date;
  std::string name;  // "Tết Nguyên Đán (mùng 1 tháng Giêng)", "Làm bù cho thứ Sáu 02/5/2025"
  std::string source{};      // the notice this day was confirmed against ("" = none)
  bool provisional = false;  // not confirmed by an official notice
};

// One year of the calendar, as announced.
struct HolidayYear {
  int year = 0;
  bool provisional = false;      // not yet confirmed by the official notice of the year
  std::string source;            // the notice the days come from
  std::vector<NamedDay> off;     // weekdays off: holidays, compensating and swapped days off
  std::vector<NamedDay> worked;  // weekend days worked instead (swaps)
  // What is announced or under discussion but not confirmed, and so not in `off`
  // or `worked` (e.g. a new holiday awaiting its law). A year with any such note
  // or any provisional day must itself be provisional (validate).
  std::vector<std::string> unconfirmed{};
};

struct CalendarYearMissing : std::runtime_error {
  int year;
  explicit CalendarYearMissing(int y);
};

// Refusals of a year's data (dates outside the year, a worked day that is not a
// weekend, a day both off and worked, a duplicate, a year not marked provisional
// that has provisional days or unconfirmed notes). Empty = valid.
std::vector<std::string> validate(const HolidayYear&);

// Immutable value: copy it freely, share it between threads.
class HolidayCalendar {
 public:
  HolidayCalendar() = default;
  // Throws std::invalid_argument with every problem when a year is invalid or repeated.
  explicit HolidayCalendar(std::vector<HolidayYear> years);

  bool covers(int year) const { return years_.count(year) != 0; }
  std::vector<int> years() const;
  const HolidayYear* year(int y) const;

  // All the queries below throw CalendarYearMissing for a year not covered.
  bool is_working_day(const Date&) const;
  // The holiday's name when the date is a listed day off; nothing otherwise.
  std::optional<std::string> day_off_name(const Date&) const;

  // The date `n` working days after `d` (n > 0) or before it (n < 0); `d` itself
  // is not counted. n == 0 gives `d`.
  Date add_working_days(const Date& d, int n) const;
  // Working days in (from, to]: 0 when to <= from. "How many working days have
  // passed since `from`" when `to` is today.
  int working_days_between(const Date& from, const Date& to) const;
  // `d` when it is a working day, else the latest working day before it.
  Date working_day_on_or_before(const Date& d) const;

 private:
  void require(int year) const;
  std::map<int, HolidayYear> years_;
  std::map<std::int64_t, std::string> off_;  // days since epoch -> name
  std::map<std::int64_t, std::string> worked_;
};

// 0 = Monday ... 6 = Sunday.
int weekday(const Date&);

// What is not confirmed in a year, one line each: the provisional days (date and
// name) and the unconfirmed notes; for a year provisional as a whole with no
// detail, a single line saying so. Empty for a confirmed year.
std::vector<std::string> unconfirmed_items(const HolidayYear&);

}  // namespace kd::wf
