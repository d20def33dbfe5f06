#include "services/tracking/holidays.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace kd::tracking {
namespace {

namespace wf = kd::wf;
using Poco::JSON::Object;

[[noreturn]] void bad(const std::string& origin, const std::string& field,
                      const std::string& what) {
  throw HolidayError(origin + ": " + field + ": " + what);
}

std::vector<wf::NamedDay> read_days(const Object& o, const std::string& key,
                                    const std::string& origin) {
  std::vector<wf::NamedDay> out;
  if (!o.has(key)) return out;
  const auto arr = o.getArray(key);
  if (!arr) bad(origin, key, "expected an array");
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string field = key + "[" + std::to_string(i) + "]";
    const auto item = arr->getObject(static_cast<unsigned>(i));
    if (!item) bad(origin, field, "expected an object {\"date\": ..., \"name\": ...}");
    const auto date = wf::parse_iso_date(item->optValue<std::string>("date", ""));
    if (!date) bad(origin, field + ".date", "expected a date YYYY-MM-DD");
    const std::string name = item->optValue<std::string>("name", "");
    if (name.empty()) bad(origin, field + ".name", "expected a non-empty name");
    out.push_back({*date, name});
  }
  return out;
}

}  // namespace

wf::HolidayYear parse_holiday_year(const std::string& text, const std::string& origin) {
  Poco::Dynamic::Var parsed;
  try {
    Poco::JSON::Parser parser;
    parsed = parser.parse(text);
  } catch (const Poco::Exception& e) {
    throw HolidayError(origin + ": not valid JSON: " + e.displayText());
  }
  if (parsed.type() != typeid(Object::Ptr)) throw HolidayError(origin + ": expected an object");
  const auto o = parsed.extract<Object::Ptr>();
  static const std::set<std::string> known = {"_comment", "year",     "provisional",
                                              "source",   "days_off", "working_days"};
  for (const auto& name : o->getNames()) {
    if (!known.count(name)) bad(origin, name, "unknown field");
  }
  wf::HolidayYear y;
  if (!o->has("year") || !o->get("year").isInteger()) bad(origin, "year", "expected an integer");
  y.year = o->getValue<int>("year");
  if (y.year < 2000 || y.year > 2100) bad(origin, "year", "expected a year 2000–2100");
  y.provisional = o->optValue<bool>("provisional", false);
  y.source = o->optValue<std::string>("source", "");
  y.off = read_days(*o, "days_off", origin);
  y.worked = read_days(*o, "working_days", origin);
  const auto problems = wf::validate(y);
  if (!problems.empty()) bad(origin, "days", problems.front());
  return y;
}

wf::HolidayCalendar load_holidays(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw HolidayError(dir + ": not a directory");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) throw HolidayError(dir + ": no holiday file (<year>.json)");
  std::vector<wf::HolidayYear> years;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) throw HolidayError(path.string() + ": cannot read");
    auto y = parse_holiday_year(text.str(), path.string());
    if (path.stem().string() != std::to_string(y.year)) {
      throw HolidayError(path.string() + ": year: " + std::to_string(y.year) +
                         " does not match the file name");
    }
    years.push_back(std::move(y));
  }
  try {
    return wf::HolidayCalendar(std::move(years));
  } catch (const std::invalid_argument& e) {
    throw HolidayError(dir + ": " + e.what());
  }
}

}  // namespace kd::tracking
