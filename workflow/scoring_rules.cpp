#include "workflow/scoring_rules.hpp"

#include <algorithm>
#include <set>

namespace kd::wf {
namespace {

std::string pts(Centi v) { return format_centi_trimmed(v); }

void validate_sheet(const CriteriaSheet& s, const std::string& where,
                    std::vector<std::string>& problems) {
  if (s.key.empty()) problems.push_back(where + ".key: thiếu mã bộ tiêu chí");
  if (s.title.empty()) problems.push_back(where + ".title: thiếu tên bộ tiêu chí");
  if (s.step <= 0) problems.push_back(where + ".step: bước điểm phải > 0");
  if (s.groups.empty()) problems.push_back(where + ".groups: chưa có nhóm tiêu chí nào");
  Centi groups_total = 0;
  std::set<std::string> codes;
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    const CriterionGroup& group = s.groups[g];
    const std::string gw = where + ".groups[" + std::to_string(g) + "]";
    if (group.code.empty() || group.title.empty()) {
      problems.push_back(gw + ": nhóm thiếu code hoặc title");
    }
    if (group.items.empty()) problems.push_back(gw + ".items: nhóm không có tiêu chí nào");
    groups_total += group.max;
    Centi items_total = 0;
    for (std::size_t i = 0; i < group.items.size(); ++i) {
      const CriterionItem& item = group.items[i];
      const std::string iw = gw + ".items[" + std::to_string(i) + "]";
      if (item.code.empty() || item.title.empty()) {
        problems.push_back(iw + ": tiêu chí thiếu code hoặc title");
      } else if (!codes.insert(item.code).second) {
        problems.push_back(iw + ": mã tiêu chí \"" + item.code + "\" bị lặp");
      }
      const Centi step = item.step > 0 ? item.step : s.step;
      if (item.max <= 0) problems.push_back(iw + ".max: điểm tối đa phải > 0");
      if (step > 0 && item.max % step != 0 && !item.pass_fail) {
        problems.push_back(iw + ".max: " + pts(item.max) + " không là bội của bước điểm " +
                           pts(step));
      }
      items_total += item.max;
    }
    if (items_total != group.max) {
      problems.push_back(gw + ".max: tổng điểm các tiêu chí " + pts(items_total) +
                         " khác điểm tối đa của nhóm " + pts(group.max));
    }
  }
  if (groups_total != s.max) {
    problems.push_back(where + ".max: tổng điểm các nhóm " + pts(groups_total) +
                       " khác điểm tối đa " + pts(s.max));
  }
}

std::string_view rating_name(Rating r) { return to_string(r); }

}  // namespace

const std::array<KhtGround, 3>& all_kht_grounds() {
  static const std::array<KhtGround, 3> a = {KhtGround::Discipline, KhtGround::Degradation,
                                             KhtGround::CorruptionInLedUnit};
  return a;
}

std::string_view to_string(KhtGround g) {
  switch (g) {
    case KhtGround::Discipline:
      return "discipline";
    case KhtGround::Degradation:
      return "degradation";
    case KhtGround::CorruptionInLedUnit:
      return "corruption_in_led_unit";
  }
  return "?";
}

std::optional<KhtGround> parse_kht_ground(std::string_view s) {
  for (KhtGround g : all_kht_grounds())
    if (to_string(g) == s) return g;
  return std::nullopt;
}

std::string_view label_vi(KhtGround g) {
  switch (g) {
    case KhtGround::Discipline:
      return "Bị xử lý kỷ luật từ khiển trách trở lên trong năm đánh giá do vi phạm liên quan đến "
             "thực thi công vụ";
    case KhtGround::Degradation:
      return "Có kết luận suy thoái về tư tưởng chính trị, đạo đức, lối sống, \"tự diễn biến\", "
             "\"tự chuyển hóa\" hoặc vi phạm những điều đảng viên không được làm";
    case KhtGround::CorruptionInLedUnit:
      return "Cơ quan, đơn vị hoặc lĩnh vực do mình trực tiếp phụ trách để xảy ra tham nhũng, lãng "
             "phí và bị xử lý theo quy định";
  }
  return "?";
}

std::string_view to_string(SheetScope s) {
  switch (s) {
    case SheetScope::All:
      return "all";
    case SheetScope::Leaders:
      return "leaders";
    case SheetScope::NonLeaders:
      return "non_leaders";
    case SheetScope::Collective:
      return "collective";
  }
  return "?";
}

std::optional<SheetScope> parse_sheet_scope(std::string_view s) {
  for (SheetScope v :
       {SheetScope::All, SheetScope::Leaders, SheetScope::NonLeaders, SheetScope::Collective}) {
    if (to_string(v) == s) return v;
  }
  return std::nullopt;
}

std::string_view to_string(TaskMethod m) {
  return m == TaskMethod::Formula ? "formula" : "entered";
}

std::optional<TaskMethod> parse_task_method(std::string_view s) {
  if (s == "formula") return TaskMethod::Formula;
  if (s == "entered") return TaskMethod::Entered;
  return std::nullopt;
}

const CriteriaSheet* ScoringRules::sheet_for(bool leader, bool collective) const {
  const CriteriaSheet* fallback = nullptr;
  for (const auto& s : sheets) {
    if (collective) {
      if (s.scope == SheetScope::Collective) return &s;
      continue;
    }
    if (s.scope == (leader ? SheetScope::Leaders : SheetScope::NonLeaders)) return &s;
    if (s.scope == SheetScope::All && !fallback) fallback = &s;
  }
  return fallback;
}

const CriteriaSheet* ScoringRules::sheet(const std::string& key) const {
  for (const auto& s : sheets)
    if (s.key == key) return &s;
  return nullptr;
}

Rating ScoringRules::band_of(Centi score) const {
  for (const auto& b : bands)
    if (score >= b.min) return b.rating;
  return Rating::KHT;
}

Centi ScoringRules::band_min(Rating r) const {
  for (const auto& b : bands)
    if (b.rating == r) return b.min;
  return 0;
}

std::vector<CriterionItem> items_of(const CriteriaSheet& s) {
  std::vector<CriterionItem> out;
  for (const auto& g : s.groups) {
    for (CriterionItem item : g.items) {
      if (item.step <= 0) item.step = item.pass_fail ? item.max : s.step;
      out.push_back(std::move(item));
    }
  }
  return out;
}

std::vector<std::string> validate(const ScoringRules& r) {
  std::vector<std::string> problems;
  const std::string w = "scoring";
  if (r.period_kinds.empty()) problems.push_back(w + ".period_kinds: chưa có loại kỳ nào");
  bool default_listed = false;
  for (auto k : r.period_kinds) default_listed = default_listed || k == r.default_period;
  if (!default_listed) {
    problems.push_back(w + ".default_period: không nằm trong period_kinds");
  }
  if (r.sheets.empty()) problems.push_back(w + ".sheets: chưa có bộ tiêu chí chung nào");
  std::set<std::string> keys;
  for (std::size_t i = 0; i < r.sheets.size(); ++i) {
    const std::string sw = w + ".sheets[" + std::to_string(i) + "]";
    validate_sheet(r.sheets[i], sw, problems);
    if (!keys.insert(r.sheets[i].key).second) {
      problems.push_back(sw + ".key: mã bộ tiêu chí \"" + r.sheets[i].key + "\" bị lặp");
    }
    if (r.sheets[i].max + r.tasks.max != r.total_max) {
      problems.push_back(sw + ".max: " + pts(r.sheets[i].max) + " + tasks.max " + pts(r.tasks.max) +
                         " khác tổng điểm " + pts(r.total_max));
    }
  }

  const TaskResultRules& t = r.tasks;
  if (t.deduction_percent < 0 || t.deduction_percent > 100) {
    problems.push_back(w + ".tasks.deduction_percent: phải trong khoảng 0–100");
  }
  if (t.ratio_cap_percent < 0) problems.push_back(w + ".tasks.ratio_cap_percent: phải ≥ 0");
  if (t.entered_step <= 0) problems.push_back(w + ".tasks.entered_step: phải > 0");
  if (t.leader_factor_values.empty()) {
    problems.push_back(w + ".tasks.leader_factor_values: chưa có giá trị nào");
  }
  for (std::size_t i = 0; i < t.leader_factor_values.size(); ++i) {
    const int v = t.leader_factor_values[i];
    if (v < 0 || v > 100) {
      problems.push_back(w + ".tasks.leader_factor_values: " + std::to_string(v) +
                         " ngoài khoảng 0–100");
    }
    if (i > 0 && v >= t.leader_factor_values[i - 1]) {
      problems.push_back(w + ".tasks.leader_factor_values: phải giảm dần (giá trị cao nhất trước)");
    }
  }

  if (r.bands.empty()) problems.push_back(w + ".bands: chưa có thang xếp loại");
  for (std::size_t i = 0; i < r.bands.size(); ++i) {
    const BandRule& b = r.bands[i];
    const std::string bw = w + ".bands." + std::string(rating_name(b.rating));
    if (b.min < 0 || b.min > r.total_max) problems.push_back(bw + ": ngưỡng điểm ngoài thang");
    if (i > 0) {
      const BandRule& prev = r.bands[i - 1];
      if (!better_than(prev.rating, b.rating) || b.min >= prev.min) {
        problems.push_back(bw + ": các mức phải theo thứ tự từ cao xuống thấp, ngưỡng giảm dần");
      }
    }
  }
  if (!r.bands.empty() && (r.bands.back().rating != Rating::KHT || r.bands.back().min != 0)) {
    problems.push_back(w + ".bands: mức cuối phải là KHT từ 0 điểm");
  }

  const KhtRules& k = r.kht;
  const bool discipline =
      std::find(k.grounds.begin(), k.grounds.end(), KhtGround::Discipline) != k.grounds.end();
  if (discipline) {
    if (k.discipline_levels.empty()) {
      problems.push_back(w + ".kht.discipline_levels: chưa có hình thức kỷ luật nào");
    } else if (std::find(k.discipline_levels.begin(), k.discipline_levels.end(),
                         k.discipline_min_level) == k.discipline_levels.end()) {
      problems.push_back(w + ".kht.discipline_min_level: \"" + k.discipline_min_level +
                         "\" không có trong discipline_levels");
    }
  }
  if (r.year.min_periods_worked < 1) problems.push_back(w + ".year.min_periods_worked: phải ≥ 1");
  for (const auto& [stage, days] : r.period_working_days) {
    if (days <= 0) {
      problems.push_back(w + ".period_working_days." + std::string(to_string(stage)) +
                         ": phải > 0");
    }
  }
  for (std::size_t i = 0; i < r.conditions.size(); ++i) {
    const RatingCondition& c = r.conditions[i];
    const std::string cw = w + ".conditions[" + std::to_string(i) + "]";
    if (!c.sheet.empty() && !keys.count(c.sheet)) {
      problems.push_back(cw + ".sheet: không có bộ tiêu chí \"" + c.sheet + "\"");
    }
    for (const auto* p :
         {&c.tasks_done_min_percent, &c.tasks_on_time_min_percent, &c.tasks_exceeded_min_percent,
          &c.tasks_late_max_percent, &c.shortcomings_fixed_min_percent,
          &c.led_unit_on_time_min_percent, &c.led_unit_exceeded_min_percent}) {
      if (*p && (**p < 0 || **p > 100)) problems.push_back(cw + ": tỷ lệ phải trong khoảng 0–100");
    }
  }
  return problems;
}

}  // namespace kd::wf
