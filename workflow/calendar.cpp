#include "workflow/calendar.hpp"

#include <cstdio>

namespace kd::wf {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::int64_t kVietnamOffsetSeconds = 7 * 3600;  // UTC+07:00, no daylight saving

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Floor division: the epoch is not a lower bound for civil dates.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

}  // namespace

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms": days since 1970-01-01.
std::int64_t Date::days_from_civil(const Date& d) {
  const std::int64_t y = static_cast<std::int64_t>(d.year) - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                           // [0, 399]
  const std::int64_t mp = d.month > 2 ? d.month - 3 : d.month + 9;  // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;          // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;   // [0, 146096]
  return era * 146097 + doe - 719468;
}

Date Date::from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

bool is_valid(const Date& d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month);
}

std::string to_iso(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::optional<Date> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto number = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!y || !m || !d) return std::nullopt;
  const Date date{*y, *m, *d};
  if (!is_valid(date)) return std::nullopt;
  return date;
}

Date add_days(const Date& d, int days) { return Date::from_days(Date::days_from_civil(d) + days); }

Date vietnam_date(TimePoint t) {
  const std::int64_t local = t.time_since_epoch().count() + kVietnamOffsetSeconds;
  return Date::from_days(floor_div(local, kSecondsPerDay));
}

std::string to_iso_vietnam(TimePoint t) {
  const std::int64_t local = t.time_since_epoch().count() + kVietnamOffsetSeconds;
  const std::int64_t secs = local - floor_div(local, kSecondsPerDay) * kSecondsPerDay;
  const Date d = vietnam_date(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", d.year, d.month, d.day,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

std::string vietnam_time_of_day(TimePoint t) {
  const std::int64_t local = t.time_since_epoch().count() + kVietnamOffsetSeconds;
  const std::int64_t secs = local - floor_div(local, kSecondsPerDay) * kSecondsPerDay;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60));
  return buf;
}

std::string to_dmy(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
  return buf;
}

TimePoint from_epoch(std::int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

std::int64_t epoch_seconds(TimePoint t) { return t.time_since_epoch().count(); }

}  // namespace kd::wf
