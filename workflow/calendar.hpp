// Plain calendar values. The domain never reads a clock: callers pass `now`.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace kd::wf {

// UTC instant with second precision.
using TimePoint = std::chrono::time_point<std::chrono::system_clock, std::chrono::seconds>;

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;
  friend bool operator==(const Date& a, const Date& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
  friend bool operator!=(const Date& a, const Date& b) { return !(a == b); }
  friend bool operator<(const Date& a, const Date& b) {
    return days_from_civil(a) < days_from_civil(b);
  }
  friend bool operator<=(const Date& a, const Date& b) { return !(b < a); }
  static std::int64_t days_from_civil(const Date& d);
  static Date from_days(std::int64_t days);
};

bool is_valid(const Date&);
std::string to_iso(const Date&);                       // "2026-12-15"
std::optional<Date> parse_iso_date(std::string_view);  // strict YYYY-MM-DD
Date add_days(const Date&, int days);

// Vietnam is UTC+07:00 all year (no daylight saving), so the civil date of an
// instant in Asia/Ho_Chi_Minh is computable without a time-zone database.
Date vietnam_date(TimePoint);
std::string to_iso_vietnam(TimePoint);       // "2026-11-26T11:05:00+07:00"
std::string vietnam_time_of_day(TimePoint);  // "11:05"

// How people read a date: "05/12/2026" (refusals, messages, reports).
std::string to_dmy(const Date&);

// Instants as stored: whole seconds since the Unix epoch.
TimePoint from_epoch(std::int64_t seconds);
std::int64_t epoch_seconds(TimePoint);

}  // namespace kd::wf
