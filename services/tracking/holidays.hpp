// Loads the holiday calendar (config/holidays/<year>.json, format in its README)
// into the domain's HolidayCalendar. A malformed file stops loading with an error
// naming the file and the field; a year missing from the directory is reported by
// the calendar itself when a computation needs it (wf::CalendarYearMissing).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "workflow/working_days.hpp"

namespace kd::tracking {

struct HolidayError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses one year; `origin` names the file in errors. Throws HolidayError.
kd::wf::HolidayYear parse_holiday_year(const std::string& json_text, const std::string& origin);

// Every <year>.json of `dir`. Throws HolidayError (no directory, no file, a bad
// file, a file whose year differs from its name).
kd::wf::HolidayCalendar load_holidays(const std::string& dir);

// One warning line per provisional year of the calendar, naming what is not
// confirmed ("holiday calendar 2026 is provisional (not confirmed: ...); check it
// against the government's notice and update config/holidays/2026.json"). Empty
// when every year is confirmed. The server logs these at start-up.
std::vector<std::string> provisional_report(const kd::wf::HolidayCalendar&);

}  // namespace kd::tracking
