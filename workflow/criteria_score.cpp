#include "workflow/criteria_score.hpp"

#include <set>

#include "workflow/rating_rules.hpp"
#include "workflow/text_policy.hpp"

namespace kd::wf {
namespace {

Refusal guard_failed(std::string code, std::string message, std::string field) {
  return Refusal{RefusalKind::GuardFailed, std::move(code), std::move(message), std::move(field)};
}

std::string pts(Centi v) { return format_centi_trimmed(v); }

}  // namespace

Refusals check_criteria_scores(const CriteriaScores& scores, const CriteriaSheet& sheet,
                               const std::string& prefix) {
  Refusals out;
  const auto items = items_of(sheet);
  std::set<std::string> known;
  std::string missing;
  for (const auto& item : items) {
    known.insert(item.code);
    const std::string field = prefix + "." + item.code;
    const auto it = scores.find(item.code);
    if (it == scores.end()) {
      missing += (missing.empty() ? "" : "; ") + item.code + " " + item.title;
      continue;
    }
    const CriterionScore& s = it->second;
    const std::string what = "Tiêu chí " + item.code + " \"" + item.title + "\"";
    if (s.points < 0 || s.points > item.max) {
      out.push_back(guard_failed(
          "criteria_points_invalid",
          what + ": " + pts(s.points) + " điểm nằm ngoài khoảng 0–" + pts(item.max) + ".", field));
      continue;
    }
    if (item.pass_fail && s.points != 0 && s.points != item.max) {
      out.push_back(guard_failed("criteria_points_invalid",
                                 what + ": chỉ chấm \"đảm bảo\" (" + pts(item.max) +
                                     " điểm) hoặc \"không đảm bảo\" (0 điểm).",
                                 field));
      continue;
    }
    if (!item.pass_fail && s.points % item.step != 0) {
      out.push_back(guard_failed(
          "criteria_points_invalid",
          what + ": " + pts(s.points) + " điểm không đúng bước chấm " + pts(item.step) + " điểm.",
          field));
      continue;
    }
    if (s.points < item.max && sheet.reason_required_when_withheld && is_blank(s.reason)) {
      out.push_back(guard_failed("reason_required",
                                 what + ": chấm " + pts(s.points) + "/" + pts(item.max) +
                                     " điểm, cần ghi rõ lý do trừ " + pts(item.max - s.points) +
                                     " điểm.",
                                 field + ".reason"));
    }
    if (item.evidence_required && s.points > 0 && s.evidence.empty()) {
      out.push_back(
          guard_failed("evidence_required",
                       what + ": cần đính kèm minh chứng để được chấm " + pts(s.points) + " điểm.",
                       field + ".evidence"));
    }
  }
  for (const auto& [code, s] : scores) {
    if (!known.count(code)) {
      out.push_back(guard_failed(
          "criteria_unknown_item",
          "Không có tiêu chí mã \"" + code + "\" trong bộ tiêu chí " + sheet.title + ".",
          prefix + "." + code));
    }
  }
  if (!missing.empty()) {
    out.insert(out.begin(), guard_failed("criteria_incomplete",
                                         "Chưa chấm điểm các tiêu chí: " + missing + ".", prefix));
  }
  return out;
}

Centi criteria_total(const CriteriaScores& scores, const CriteriaSheet& sheet) {
  Centi total = 0;
  for (const auto& [group, sum] : criteria_group_totals(scores, sheet)) total += sum;
  return total;
}

std::map<std::string, Centi> criteria_group_totals(const CriteriaScores& scores,
                                                   const CriteriaSheet& sheet) {
  std::map<std::string, Centi> out;
  for (const auto& g : sheet.groups) {
    Centi sum = 0;
    for (const auto& item : g.items) {
      const auto it = scores.find(item.code);
      if (it != scores.end()) sum += it->second.points;
    }
    out[g.code] = sum;
  }
  return out;
}

CriteriaScores default_criteria_scores(const CriteriaSheet& sheet) {
  CriteriaScores out;
  for (const auto& item : items_of(sheet)) {
    out[item.code].points = item.default_full ? item.max : 0;
  }
  return out;
}

}  // namespace kd::wf
