#include "workflow/quota.hpp"

#include <map>

#include "workflow/rating_rules.hpp"
#include "workflow/text_policy.hpp"

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

std::string peer_group_of(const Person& p) {
  return p.peer_group.empty() ? std::string(to_string(p.group)) : p.peer_group;
}

bool counts_for_quota(const Review& r) {
  if (!r.final_rating || r.not_rated) return false;
  return r.stage == Stage::Decided || r.stage == Stage::Published || r.stage == Stage::Complaint ||
         r.stage == Stage::Closed;
}

bool sets_rating(Action a) { return a == Action::Decide || a == Action::ResolveComplaint; }

QuotaEntry quota_entry(const Review& r, const Person& p) {
  QuotaEntry e;
  e.review_id = r.id;
  e.peer_group = peer_group_of(p);
  if (counts_for_quota(r)) e.rating = r.final_rating;
  return e;
}

std::vector<RatedEntry> standing_ratings(const std::vector<QuotaEntry>& campaign,
                                         const std::set<Id>& except) {
  std::vector<RatedEntry> entries;
  for (const auto& e : campaign) {
    if (e.rating && except.count(e.review_id) == 0) entries.push_back({e.peer_group, *e.rating});
  }
  return entries;
}

namespace {

const QuotaLine* line_of(const QuotaReport& report, const std::string& group) {
  for (const auto& l : report.lines) {
    if (l.peer_group == group) return &l;
  }
  return nullptr;
}

}  // namespace

Refusals quota_refusals_for_change(const std::vector<QuotaEntry>& campaign,
                                   const QuotaEntry& before, const QuotaEntry& after,
                                   const QuotaRule& rule, const QuotaException* exception) {
  const std::string& group = after.peer_group;
  auto entries = standing_ratings(campaign, {after.review_id});
  auto before_entries = entries;
  if (before.rating) before_entries.push_back({before.peer_group, *before.rating});
  if (after.rating) entries.push_back({group, *after.rating});

  const auto was = check_quota(before_entries, rule);
  const auto now = exception ? check_quota(entries, rule, *exception) : check_quota(entries, rule);
  const QuotaLine* b = line_of(was, group);
  const QuotaLine* a = line_of(now, group);
  if (a == nullptr || a->ok) return {};
  const bool worse = b == nullptr || a->htxs > b->htxs || a->limit < b->limit;
  if (!worse || now.ok) return {};  // an unchanged old breach, or an allowed override
  Refusals out;
  for (const auto& r : now.refusals) {
    if (r.code != "quota_exceeded" || r.field == "quota." + group) out.push_back(r);
  }
  if (out.empty()) out = now.refusals;
  return out;
}

}  // namespace kd::wf
