#include "workflow/working_days.hpp"

#include <algorithm>
#include <set>

namespace kd::wf {
namespace {

bool is_weekend(const Date& d) { return weekday(d) >= 5; }

std::string day_label(const Date& d) { return to_iso(d); }

}  // namespace

CalendarYearMissing::CalendarYearMissing(int y)
    : std::runtime_error("Lịch ngày nghỉ lễ, Tết chưa có dữ liệu năm " + std::to_string(y) +
                         ": không thể tính ngày làm việc (cần bổ sung ngày nghỉ, ngày làm bù "
                         "của năm " +
                         std::to_string(y) + " theo thông báo chính thức)"),
      year(y) {}

int weekday(const Date& d) {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  const std::int64_t days = Date::days_from_civil(d);
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

std::vector<std::string> validate(const HolidayYear& y) {
  std::vector<std::string> problems;
  const std::string where = "năm " + std::to_string(y.year) + ": ";
  std::set<std::int64_t> seen;
  auto check = [&](const NamedDay& d, bool worked) {
    if (!is_valid(d.date)) {
      problems.push_back(where + "ngày không hợp lệ");
      return;
    }
    if (d.date.year != y.year) {
      problems.push_back(where + day_label(d.date) + " không thuộc năm " + std::to_string(y.year));
    }
    if (d.name.empty()) problems.push_back(where + day_label(d.date) + " thiếu tên");
    if (worked && !is_weekend(d.date)) {
      problems.push_back(where + day_label(d.date) +
                         " là ngày làm bù nhưng không phải thứ Bảy hoặc Chủ nhật");
    }
    if (!seen.insert(Date::days_from_civil(d.date)).second) {
      problems.push_back(where + day_label(d.date) + " được liệt kê hai lần");
    }
  };
  for (const auto& d : y.off) check(d, false);
  for (const auto& d : y.worked) check(d, true);
  if (!y.provisional) {
    bool any = !y.unconfirmed.empty();
    for (const auto& d : y.off) any = any || d.provisional;
    for (const auto& d : y.worked) any = any || d.provisional;
    if (any) {
      problems.push_back(where +
                         "có ngày hoặc nội dung chưa xác nhận nhưng năm không được đánh dấu "
                         "provisional");
    }
  }
  return problems;
}

std::vector<std::string> unconfirmed_items(const HolidayYear& y) {
  std::vector<std::string> out;
  if (!y.provisional) return out;
  auto add = [&](const NamedDay& d, const char* kind) {
    if (d.provisional) out.push_back(day_label(d.date) + " " + kind + ": " + d.name);
  };
  for (const auto& d : y.off) add(d, "nghỉ");
  for (const auto& d : y.worked) add(d, "làm bù");
  for (const auto& note : y.unconfirmed) out.push_back(note);
  if (out.empty()) {
    out.push_back("cả năm " + std::to_string(y.year) + " chưa đối chiếu với thông báo chính thức");
  }
  return out;
}

HolidayCalendar::HolidayCalendar(std::vector<HolidayYear> years) {
  std::vector<std::string> problems;
  for (auto& y : years) {
    for (auto& p : validate(y)) problems.push_back(std::move(p));
    if (years_.count(y.year)) {
      problems.push_back("năm " + std::to_string(y.year) + " có hai lần");
      continue;
    }
    for (const auto& d : y.off) off_[Date::days_from_civil(d.date)] = d.name;
    for (const auto& d : y.worked) worked_[Date::days_from_civil(d.date)] = d.name;
    const int key = y.year;
    years_.emplace(key, std::move(y));
  }
  if (!problems.empty()) {
    std::string all = "Lịch ngày nghỉ không hợp lệ:";
    for (const auto& p : problems) all += " " + p + ";";
    throw std::invalid_argument(all);
  }
}

std::vector<int> HolidayCalendar::years() const {
  std::vector<int> out;
  for (const auto& [y, _] : years_) out.push_back(y);
  return out;
}

const HolidayYear* HolidayCalendar::year(int y) const {
  auto it = years_.find(y);
  return it == years_.end() ? nullptr : &it->second;
}

void HolidayCalendar::require(int y) const {
  if (!covers(y)) throw CalendarYearMissing(y);
}

bool HolidayCalendar::is_working_day(const Date& d) const {
  require(d.year);
  const std::int64_t key = Date::days_from_civil(d);
  if (worked_.count(key)) return true;
  if (off_.count(key)) return false;
  return !is_weekend(d);
}

std::optional<std::string> HolidayCalendar::day_off_name(const Date& d) const {
  require(d.year);
  auto it = off_.find(Date::days_from_civil(d));
  if (it == off_.end()) return std::nullopt;
  return it->second;
}

Date HolidayCalendar::add_working_days(const Date& d, int n) const {
  const int step = n >= 0 ? 1 : -1;
  int left = n >= 0 ? n : -n;
  Date cur = d;
  while (left > 0) {
    cur = add_days(cur, step);
    if (is_working_day(cur)) --left;
  }
  return cur;
}

int HolidayCalendar::working_days_between(const Date& from, const Date& to) const {
  int count = 0;
  for (Date cur = add_days(from, 1); cur <= to; cur = add_days(cur, 1)) {
    if (is_working_day(cur)) ++count;
  }
  return count;
}

Date HolidayCalendar::working_day_on_or_before(const Date& d) const {
  Date cur = d;
  while (!is_working_day(cur)) cur = add_days(cur, -1);
  return cur;
}

}  // namespace kd::wf
