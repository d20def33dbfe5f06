#include "workflow/regime.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace kd::wf {
namespace {

std::string name(Stage s) { return std::string(to_string(s)); }

void validate_threshold(const Threshold& t, const std::string& what,
                        std::vector<std::string>& problems) {
  if (t.den <= 0 || t.num < 0 || t.num > t.den) {
    problems.push_back(what + ": phân số " + std::to_string(t.num) + "/" + std::to_string(t.den) +
                       " không hợp lệ (cần 0 ≤ tử ≤ mẫu, mẫu > 0)");
  }
}

void validate_form(const FormSpec& form, const std::string& where,
                   std::vector<std::string>& problems) {
  if (form.code.empty()) problems.push_back(where + ": thiếu mã biểu mẫu (code)");
  if (form.title.empty()) problems.push_back(where + ": thiếu tiêu đề biểu mẫu (title)");
  if (form.sections.empty()) problems.push_back(where + ": biểu mẫu không có mục nào (sections)");
  std::set<std::string> keys;
  for (const auto& s : form.sections) {
    if (s.key.empty() || s.title.empty()) {
      problems.push_back(where + ": mục thiếu key hoặc title");
    } else if (!keys.insert(s.key).second) {
      problems.push_back(where + ": mục trùng key \"" + s.key + "\"");
    }
  }
}

}  // namespace

bool Regime::has_stage(Stage s) const {
  return std::find(stages.begin(), stages.end(), s) != stages.end();
}

bool Regime::applies(Group g, int year) const {
  if (applies_to.empty()) return std::find(groups.begin(), groups.end(), g) != groups.end();
  for (const auto& a : applies_to) {
    if (a.group != g) continue;
    if (a.from_year != 0 && year < a.from_year) continue;
    if (a.until_year != 0 && year > a.until_year) continue;
    return true;
  }
  return false;
}

const FormSpec& Regime::form_for(Group g) const {
  auto it = forms.find(g);
  if (it == forms.end()) {
    throw std::out_of_range("regime " + id + " v" + std::to_string(version) + " has no form for " +
                            std::string(to_string(g)));
  }
  return it->second;
}

std::vector<std::string> validate(const Regime& r) {
  std::vector<std::string> problems;
  if (r.id.empty()) problems.push_back("id: thiếu mã chế độ đánh giá");
  if (r.version < 1) problems.push_back("version: phải là số nguyên ≥ 1");
  if (r.title.empty()) problems.push_back("title: thiếu tên văn bản");
  if (r.groups.empty()) problems.push_back("groups: chưa có nhóm đối tượng nào");

  // Stages: the canonical order, starting with self_assessment, with the stages
  // every review needs to reach a rating and be published.
  if (r.stages.empty() || r.stages.front() != Stage::SelfAssessment) {
    problems.push_back("stages: phải bắt đầu bằng self_assessment");
  }
  for (std::size_t i = 1; i < r.stages.size(); ++i) {
    if (static_cast<int>(r.stages[i]) <= static_cast<int>(r.stages[i - 1])) {
      problems.push_back("stages: \"" + name(r.stages[i]) + "\" sai thứ tự hoặc bị lặp");
    }
  }
  for (Stage needed : {Stage::CommitteeDecision, Stage::Decided, Stage::Published, Stage::Closed}) {
    if (!r.has_stage(needed))
      problems.push_back("stages: thiếu giai đoạn bắt buộc \"" + name(needed) + "\"");
  }

  for (Group g : r.groups) {
    if (!r.forms.count(g)) {
      problems.push_back("forms: thiếu biểu mẫu cho nhóm \"" + std::string(to_string(g)) + "\"");
    }
  }
  for (const auto& [g, form] : r.forms) {
    validate_form(form, "forms." + std::string(to_string(g)), problems);
  }

  validate_threshold(r.quorum, "quorum", problems);
  std::set<Rating> rule_ratings;
  for (const auto& vr : r.vote_rules) {
    const std::string where = "vote_rules." + std::string(to_string(vr.rating));
    validate_threshold(vr.threshold, where, problems);
    if (!rule_ratings.insert(vr.rating).second) problems.push_back(where + ": quy tắc bị lặp");
  }

  if (r.quota.htxs_percent_of_htt < 0 || r.quota.htxs_percent_of_htt > 100) {
    problems.push_back("quota.htxs_percent_of_htt: phải trong khoảng 0–100");
  }

  const RatingRules& rr = r.rating_rules;
  if (rr.min_months_worked < 0 || rr.min_months_worked > 12) {
    problems.push_back("rating_rules.min_months_worked: phải trong khoảng 0–12");
  }
  if (rr.leave_cap_min_months < 0 || rr.leave_cap_min_months >= rr.leave_cap_max_months) {
    problems.push_back("rating_rules.leave_cap_min_months: phải nhỏ hơn leave_cap_max_months");
  }

  const DeadlineRules& d = r.deadlines;
  // Year 2000 is a leap year, so 29/02 is accepted as a day of the year.
  if (!is_valid(Date{2000, d.final_month, d.final_day})) {
    problems.push_back("deadlines.final: ngày/tháng không hợp lệ");
  }
  if (!is_valid(Date{2000, d.special_final_month, d.special_final_day})) {
    problems.push_back("deadlines.special_final: ngày/tháng không hợp lệ");
  }
  if (d.complaint_window_days < 0) problems.push_back("deadlines.complaint_window_days: phải ≥ 0");
  for (const auto& [stage, days] : d.stage_working_days) {
    if (days <= 0) problems.push_back("deadlines.stage_working_days." + name(stage) + ": phải > 0");
    if (!r.has_stage(stage)) {
      problems.push_back("deadlines.stage_working_days." + name(stage) +
                         ": giai đoạn không có trong stages");
    }
  }
  for (std::size_t i = 0; i < r.applies_to.size(); ++i) {
    const Applicability& a = r.applies_to[i];
    const std::string where = "applies_to[" + std::to_string(i) + "]";
    if (std::find(r.groups.begin(), r.groups.end(), a.group) == r.groups.end()) {
      problems.push_back(where + ": nhóm \"" + std::string(to_string(a.group)) +
                         "\" không có trong groups");
    }
    if (a.from_year != 0 && a.until_year != 0 && a.until_year < a.from_year) {
      problems.push_back(where + ": until_year trước from_year");
    }
  }
  if (r.scoring) {
    for (auto& p : validate(*r.scoring)) problems.push_back(std::move(p));
  }
  return problems;
}

bool meets(const Threshold& t, int count, int base) {
  if (base <= 0 || t.den <= 0) return false;
  const long long lhs = static_cast<long long>(count) * t.den;
  const long long rhs = static_cast<long long>(t.num) * base;
  return t.strictly_greater ? lhs > rhs : lhs >= rhs;
}

}  // namespace kd::wf
