#include "services/tracking/holidays.hpp"

#include <Poco/JSON/Array.h>
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
    static const std::set<std::string> known = {"date", "name", "source", "provisional"};
    for (const auto& k : item->getNames()) {
      if (!known.count(k)) bad(origin, field + "." + k, "unknown field");
    }
    wf::NamedDay day{*date, name};
    day.source = item->optValue<std::string>("source", "");
    if (item->has("provisional") && !item->get("provisional").isBoolean())
      bad(origin, field + ".provisional", "expected true or false");
    day.provisional = item->optValue<bool>("provisional", false);
    out.push_back(std::move(day));
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
  static const std::set<std::string> known = {"_comment", "year",         "provisional", "source",
                                              "days_off", "working_days", "unconfirmed"};
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
  if (o->has("unconfirmed")) {
    const auto notes = o->getArray("unconfirmed");
    if (!notes) bad(origin, "unconfirmed", "expected an array of strings");
    for (std::size_t i = 0; i < notes->size(); ++i) {
      const auto v = notes->get(static_cast<unsigned>(i));
      if (!v.isString() || v.extract<std::string>().empty())
        bad(origin, "unconfirmed[" + std::to_string(i) + "]", "expected a non-empty string");
      y.unconfirmed.push_back(v.extract<std::string>());
    }
  }
  // A confirmed year names, for every day, the notice it was checked against.
  if (!y.provisional) {
    auto need_source = [&](const std::vector<wf::NamedDay>& days, const std::string& key) {
      for (std::size_t i = 0; i < days.size(); ++i) {
        if (days[i].source.empty())
          bad(origin, key + "[" + std::to_string(i) + "].source",
              "a year not marked provisional must name the notice of each day");
      }
    };
    need_source(y.off, "days_off");
    need_source(y.worked, "working_days");
  }
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

std::vector<std::string> provisional_report(const wf::HolidayCalendar& cal) {
  std::vector<std::string> out;
  for (int y : cal.years()) {
    const auto items = wf::unconfirmed_items(*cal.year(y));
    if (items.empty()) continue;
    std::string line = "holiday calendar " + std::to_string(y) + " is provisional (not confirmed: ";
    for (std::size_t i = 0; i < items.size(); ++i) line += (i ? "; " : "") + items[i];
    line += "); check it against the government's notice and update <holidays.dir>/" +
            std::to_string(y) + ".json";
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace kd::tracking
