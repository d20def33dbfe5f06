// Loads the holiday calendar (config/holidays/<year>.json, format in its README)
// into the domain's HolidayCalendar. A malformed file stops loading with an error
// naming the file and the field; a year missing from the directory is reported by
// the calendar itself when a computation needs it (wf::CalendarYearMissing).
#pragma once

#include <stdexcept>
#include <string>

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

}  // namespace kd::tracking
