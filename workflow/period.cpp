#include "workflow/period.hpp"

#include <cstdio>

namespace kd::wf {
namespace {

constexpr const char* kRoman[] = {"I", "II", "III", "IV"};

int days_in_month(int year, int month) {
  const Date first{year, month, 1};
  const Date next = month == 12 ? Date{year + 1, 1, 1} : Date{year, month + 1, 1};
  return static_cast<int>(Date::days_from_civil(next) - Date::days_from_civil(first));
}

}  // namespace

Date PeriodRef::last_day() const {
  const int month = first_month() + months() - 1;
  return Date{year, month, days_in_month(year, month)};
}

bool is_valid(const PeriodRef& p) {
  if (p.year < 2000 || p.year > 2200) return false;
  return p.index >= 1 && p.index <= (p.kind == PeriodKind::Month ? 12 : 4);
}

std::string label_vi(const PeriodRef& p) {
  char buf[32];
  if (p.kind == PeriodKind::Month) {
    std::snprintf(buf, sizeof buf, "Tháng %02d/%04d", p.index, p.year);
  } else {
    std::snprintf(buf, sizeof buf, "Quý %s/%04d", kRoman[(p.index - 1) & 3], p.year);
  }
  return buf;
}

std::string to_key(const PeriodRef& p) {
  char buf[16];
  if (p.kind == PeriodKind::Month) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", p.year, p.index);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-Q%d", p.year, p.index);
  }
  return buf;
}

std::optional<PeriodRef> parse_period_key(std::string_view s) {
  auto digits = [](std::string_view d) {
    int v = 0;
    for (char c : d) {
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return d.empty() ? -1 : v;
  };
  if (s.size() < 6 || s[4] != '-') return std::nullopt;
  PeriodRef p;
  p.year = digits(s.substr(0, 4));
  if (s.size() == 7 && s[5] == 'Q') {
    p.kind = PeriodKind::Quarter;
    p.index = digits(s.substr(6, 1));
  } else if (s.size() == 7) {
    p.kind = PeriodKind::Month;
    p.index = digits(s.substr(5, 2));
  } else {
    return std::nullopt;
  }
  if (!is_valid(p)) return std::nullopt;
  return p;
}

const PeriodTask* PeriodRecord::task(const std::string& key) const {
  for (const auto& t : tasks)
    if (t.key == key) return &t;
  return nullptr;
}

}  // namespace kd::wf
