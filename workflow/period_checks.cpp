#include "workflow/period_checks.hpp"

#include <algorithm>
#include <set>

#include "workflow/rating_rules.hpp"
#include "workflow/text_policy.hpp"

namespace kd::wf {
namespace {

Refusal guard_failed(std::string code, std::string message, std::string field = {}) {
  return Refusal{RefusalKind::GuardFailed, std::move(code), std::move(message), std::move(field)};
}

bool is_hex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string task_name(const PeriodRecord& p, const std::string& key) {
  const PeriodTask* t = p.task(key);
  return t ? "\"" + t->title + "\"" : "\"" + key + "\"";
}

std::string percent(int v) { return std::to_string(v) + "%"; }

}  // namespace

Refusals check_task_drafts(const std::vector<TaskDraft>& drafts, const std::string& no_tasks_reason,
                           const PeriodRecord& period, const ProductCatalogue& catalogue,
                           bool by_manager) {
  Refusals out;
  if (drafts.empty()) {
    if (!by_manager) {
      out.push_back(guard_failed("tasks_required",
                                 "Chưa có nhiệm vụ nào trong kỳ " + label_vi(period.ref) + ".",
                                 "tasks"));
    } else if (is_blank(no_tasks_reason)) {
      out.push_back(guard_failed("no_tasks_reason_required",
                                 "Không giao nhiệm vụ nào trong kỳ: cần ghi rõ lý do.",
                                 "no_tasks_reason"));
    }
    return out;
  }
  const Date first = period.ref.first_day();
  const Date last = period.ref.last_day();
  std::set<std::string> keys;
  std::string unknown;
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    const TaskDraft& d = drafts[i];
    const std::string field = "tasks[" + std::to_string(i) + "]";
    const std::string name = "Nhiệm vụ thứ " + std::to_string(i + 1);
    if (is_blank(d.key)) {
      out.push_back(guard_failed("task_invalid", name + " chưa có mã.", field + ".key"));
    } else if (!keys.insert(d.key).second) {
      out.push_back(
          guard_failed("task_invalid", "Mã nhiệm vụ \"" + d.key + "\" bị lặp.", field + ".key"));
    }
    if (is_blank(d.title)) {
      out.push_back(guard_failed("task_invalid", name + " chưa có tên.", field + ".title"));
    }
    if (d.assigned <= 0) {
      out.push_back(guard_failed("task_invalid", name + ": số lượng được giao phải lớn hơn 0.",
                                 field + ".assigned"));
    }
    if (d.completed && *d.completed < 0) {
      out.push_back(guard_failed("task_invalid", name + ": số lượng hoàn thành không được âm.",
                                 field + ".completed"));
    }
    if (d.due && (!is_valid(*d.due) || *d.due < first || last < *d.due)) {
      out.push_back(guard_failed(
          "task_invalid", name + ": hạn hoàn thành phải trong kỳ " + label_vi(period.ref) + ".",
          field + ".due"));
    }
    if (!catalogue.find(d.product_code, first)) {
      unknown += (unknown.empty() ? "" : ", ") + std::string("\"") + d.product_code + "\"";
    }
    if (d.deductions && !by_manager) {
      out.push_back(guard_failed("deductions_by_manager_only",
                                 "Chỉ cấp có thẩm quyền theo dõi, đánh giá mới ghi nhận lỗi chất "
                                 "lượng, chậm tiến độ.",
                                 field + ".deductions"));
    }
  }
  if (!unknown.empty()) {
    out.push_back(guard_failed("product_unknown",
                               "Không có trong danh mục sản phẩm, công việc của cơ quan áp dụng "
                               "từ ngày " +
                                   to_iso(first) + ": " + unknown + ".",
                               "tasks"));
  }
  return out;
}

std::vector<PeriodTask> build_tasks(const std::vector<TaskDraft>& drafts,
                                    const PeriodRecord& period, const ProductCatalogue& catalogue,
                                    const std::string& origin) {
  std::vector<PeriodTask> out;
  for (const auto& d : drafts) {
    PeriodTask t;
    if (const PeriodTask* old = period.task(d.key)) t = *old;
    t.key = d.key;
    t.title = d.title;
    t.product_code = d.product_code;
    if (const Product* p = catalogue.find(d.product_code, period.ref.first_day())) {
      t.product_name = p->name;
      t.k = p->k;
    }
    t.assigned = d.assigned;
    t.due = d.due;
    if (!period.task(d.key)) t.origin = origin;
    if (d.completed) t.completed = *d.completed;
    if (d.deductions) t.deductions = *d.deductions;
    out.push_back(std::move(t));
  }
  return out;
}

Refusals check_evidence(const Evidence& e, const std::string& field) {
  if (e.kind == "file") {
    if (is_hex64(e.sha256)) return {};
    return {guard_failed("evidence_invalid",
                         "Minh chứng \"" + e.name + "\": tệp chưa được lưu (thiếu mã SHA-256).",
                         field + ".sha256")};
  }
  if (e.kind == "link") {
    if (e.url.rfind("https://", 0) == 0 || e.url.rfind("http://", 0) == 0) return {};
    return {guard_failed("evidence_invalid",
                         "Minh chứng \"" + e.name +
                             "\": đường dẫn phải bắt đầu bằng http:// "
                             "hoặc https://.",
                         field + ".url")};
  }
  if (e.kind == "document") {
    if (!is_blank(e.document_number)) return {};
    return {guard_failed("evidence_invalid",
                         "Minh chứng \"" + e.name + "\": cần số, ký hiệu văn bản.",
                         field + ".document_number")};
  }
  return {
      guard_failed("evidence_invalid",
                   "Loại minh chứng \"" + e.kind + "\" không hợp lệ (file, link hoặc document).",
                   field + ".kind")};
}

Refusals check_product_reports(const std::map<std::string, ProductReport>& reports,
                               const PeriodRecord& period) {
  Refusals out;
  for (const auto& [key, report] : reports) {
    const std::string field = "products." + key;
    if (!period.task(key)) {
      out.push_back(
          guard_failed("task_unknown", "Không có nhiệm vụ mã \"" + key + "\" trong kỳ.", field));
      continue;
    }
    if (report.completed < 0) {
      out.push_back(guard_failed(
          "quantity_invalid",
          "Nhiệm vụ " + task_name(period, key) + ": số lượng hoàn thành không được âm.",
          field + ".completed"));
    }
    for (std::size_t i = 0; i < report.evidence.size(); ++i) {
      for (auto& r :
           check_evidence(report.evidence[i], field + ".evidence[" + std::to_string(i) + "]")) {
        out.push_back(std::move(r));
      }
    }
  }
  std::string lacking;
  for (const auto& t : period.tasks) {
    const auto it = reports.find(t.key);
    const Qty completed = it != reports.end() ? it->second.completed : t.completed;
    const bool has_evidence =
        it != reports.end() ? !it->second.evidence.empty() : !t.evidence.empty();
    if (completed > 0 && !has_evidence) {
      lacking += (lacking.empty() ? "" : ", ") + std::string("\"") + t.title + "\"";
    }
  }
  if (!lacking.empty()) {
    out.push_back(guard_failed(
        "evidence_required",
        "Cần đính kèm minh chứng cho sản phẩm đã hoàn thành của nhiệm vụ: " + lacking + ".",
        "products"));
  }
  return out;
}

Refusals check_deductions(const std::map<std::string, std::vector<Deduction>>& deductions,
                          const PeriodRecord& period) {
  Refusals out;
  for (const auto& [key, list] : deductions) {
    const std::string field = "deductions." + key;
    if (!period.task(key)) {
      out.push_back(
          guard_failed("task_unknown", "Không có nhiệm vụ mã \"" + key + "\" trong kỳ.", field));
      continue;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string f = field + "[" + std::to_string(i) + "]";
      if (is_blank(list[i].note)) {
        out.push_back(guard_failed("deduction_note_required",
                                   "Nhiệm vụ " + task_name(period, key) +
                                       ": cần ghi rõ lần đánh giá chưa đạt hoặc chậm tiến độ.",
                                   f + ".note"));
      }
      if (list[i].excused && is_blank(list[i].excuse_reason)) {
        out.push_back(guard_failed("excuse_reason_required",
                                   "Nhiệm vụ " + task_name(period, key) +
                                       ": không trừ điểm vì nguyên nhân khách quan cần ghi rõ "
                                       "nguyên nhân được chấp nhận.",
                                   f + ".excuse_reason"));
      }
    }
  }
  return out;
}

Refusals check_leader_factors(const std::optional<LeaderFactors>& f, const Person& person,
                              const ScoringRules& rules) {
  if (!person.leader || rules.tasks.method != TaskMethod::Formula) return {};
  if (!f) {
    return {guard_failed("leader_factors_required",
                         "Người giữ chức vụ lãnh đạo, quản lý: cần chấm các tiêu chí d, đ, e.",
                         "leader")};
  }
  const auto& values = rules.tasks.leader_factor_values;
  const int best = values.empty() ? 100 : values.front();
  std::string allowed;
  for (int v : values) allowed += (allowed.empty() ? "" : " hoặc ") + percent(v);
  Refusals out;
  struct Factor {
    const char* name;
    const char* field;
    int value;
    const std::string& reason;
  };
  for (const Factor& x :
       {Factor{"d", "leader.d", f->d, f->d_reason}, Factor{"đ", "leader.dd", f->dd, f->dd_reason},
        Factor{"e", "leader.e", f->e, f->e_reason}}) {
    if (std::find(values.begin(), values.end(), x.value) == values.end()) {
      out.push_back(guard_failed("leader_factor_invalid",
                                 std::string("Tiêu chí ") + x.name + ": " + percent(x.value) +
                                     " không hợp lệ, chỉ chấm " + allowed + ".",
                                 x.field));
    } else if (x.value < best && is_blank(x.reason)) {
      out.push_back(guard_failed(
          "leader_factor_reason_required",
          std::string("Tiêu chí ") + x.name + " chấm " + percent(x.value) + ": cần ghi rõ lý do.",
          std::string(x.field) + "_reason"));
    }
  }
  return out;
}

Refusals check_entered_task_points(const std::optional<Centi>& points, const ScoringRules& rules) {
  if (rules.tasks.method != TaskMethod::Entered) return {};
  if (!points) {
    return {guard_failed("task_points_required", "Chưa chấm điểm kết quả thực hiện nhiệm vụ.",
                         "task_points")};
  }
  if (*points < 0 || *points > rules.tasks.max || *points % rules.tasks.entered_step != 0) {
    return {guard_failed("task_points_invalid",
                         "Điểm kết quả thực hiện nhiệm vụ " + format_centi_trimmed(*points) +
                             " không hợp lệ (từ 0 đến " + format_centi_trimmed(rules.tasks.max) +
                             ", bước " + format_centi_trimmed(rules.tasks.entered_step) + ").",
                         "task_points")};
  }
  return {};
}

}  // namespace kd::wf
