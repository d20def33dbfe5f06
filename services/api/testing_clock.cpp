#include "services/api/testing_clock.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>

#include <string>

namespace kd::api {

std::optional<kd::wf::TimePoint> parse_iso_time(std::string_view text) {
  // A zone is required: a bare local time would be read as UTC by Poco, silently 7 hours off.
  const std::string s(text);
  if (s.size() < 20 || (s.back() != 'Z' && s[s.size() - 3] != ':')) return std::nullopt;
  Poco::DateTime dt;
  int tzd = 0;
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT, s, dt, tzd))
    return std::nullopt;
  dt.makeUTC(tzd);
  return kd::wf::TimePoint(std::chrono::seconds(dt.timestamp().epochTime()));
}

}  // namespace kd::api
