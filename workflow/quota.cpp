#include "workflow/quota.hpp"

#include <map>

#include "workflow/rating_rules.hpp"

namespace kd::wf {

std::string peer_group_label_vi(const std::string& peer_group) {
  if (const auto group = parse_group(peer_group)) return std::string(label_vi(*group));
  return peer_group;
}

QuotaReport check_quota(const std::vector<RatedEntry>& entries, const QuotaRule& rule) {
  std::map<std::string, QuotaLine> groups;  // sorted by peer group
  for (const auto& e : entries) {
    QuotaLine& line = groups[e.peer_group];
    line.peer_group = e.peer_group;
    line.label_vi = peer_group_label_vi(e.peer_group);
    if (e.rating == Rating::HTXS) ++line.htxs;
    if (e.rating == Rating::HTT) ++line.htt;
  }
  QuotaReport report;
  for (auto& [name, line] : groups) {
    // Integer arithmetic: the limit is floor(htt * percent / 100), never rounded up.
    line.limit = line.htt * rule.htxs_percent_of_htt / 100;
    line.ok = !rule.enabled || line.htxs <= line.limit;
    if (!line.ok) {
      report.ok = false;
      report.refusals.push_back(
          Refusal{RefusalKind::GuardFailed, "quota_exceeded",
                  "Nhóm " + line.label_vi + ": " + std::to_string(line.htxs) +
                      " người xếp loại Hoàn thành xuất sắc nhiệm vụ (HTXS), vượt giới hạn " +
                      std::to_string(line.limit) + " (" + std::to_string(rule.htxs_percent_of_htt) +
                      "% của " + std::to_string(line.htt) +
                      " người xếp loại Hoàn thành tốt nhiệm vụ (HTT)).",
                  "quota." + name});
    }
    report.lines.push_back(line);
  }
  return report;
}

QuotaReport check_quota(const std::vector<RatedEntry>& entries, const QuotaRule& rule,
                        bool override_requested) {
  QuotaReport report = check_quota(entries, rule);
  if (!override_requested || report.ok) return report;
  if (!rule.override_allowed) {
    report.refusals.push_back(Refusal{RefusalKind::GuardFailed, "quota_override_not_allowed",
                                      "Chế độ đánh giá này không cho phép vượt tỷ lệ HTXS.",
                                      "quota_override"});
    return report;
  }
  // The exception for outstanding units: accepted, but the lines keep ok=false and
  // the refusals stay in the report so the caller can audit what was overridden.
  report.ok = true;
  report.overridden = true;
  return report;
}

QuotaReport check_quota(const std::vector<RatedEntry>& entries, const QuotaRule& rule,
                        const QuotaException& exception) {
  QuotaReport report = check_quota(entries, rule, true);
  if (!report.overridden) return report;  // within the quota, or no override allowed
  Refusals problems;
  if (rule.exception_needs_decision &&
      (is_blank(exception.decision) || exception.approved_by == 0)) {
    problems.push_back(Refusal{RefusalKind::GuardFailed, "quota_exception_incomplete",
                               "Vượt tỷ lệ HTXS đối với tổ chức có thành tích xuất sắc, nổi trội "
                               "cần ghi số quyết định và người phê duyệt.",
                               "quota_exception"});
  }
  if (rule.exception_cap_percent > 0) {
    for (const auto& line : report.lines) {
      const int cap = line.htt * rule.exception_cap_percent / 100;
      if (line.htxs <= cap) continue;
      problems.push_back(Refusal{RefusalKind::GuardFailed, "quota_exception_cap_exceeded",
                                 "Nhóm " + line.label_vi + ": " + std::to_string(line.htxs) +
                                     " người xếp loại HTXS, vượt cả giới hạn ngoại lệ " +
                                     std::to_string(cap) + " (" +
                                     std::to_string(rule.exception_cap_percent) + "% của " +
                                     std::to_string(line.htt) + " người xếp loại HTT).",
                                 "quota." + line.peer_group});
    }
  }
  if (!problems.empty()) {
    report.ok = false;
    report.overridden = false;
    for (auto& p : problems) report.refusals.push_back(std::move(p));
  }
  return report;
}

}  // namespace kd::wf
