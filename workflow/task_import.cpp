#include "workflow/task_import.hpp"

#include <set>

#include "workflow/rating_rules.hpp"
#include "workflow/text_policy.hpp"

namespace kd::wf {
namespace {

Refusal invalid(std::string message, std::string field) {
  return Refusal{RefusalKind::GuardFailed, "import_invalid", std::move(message), std::move(field)};
}

TaskDraft draft_of(const PeriodTask& t) {
  TaskDraft d;
  d.key = t.key;
  d.title = t.title;
  d.product_code = t.product_code;
  d.assigned = t.assigned;
  d.due = t.due;
  return d;
}

bool same_deductions(const std::vector<Deduction>& a, const std::vector<Deduction>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].note != b[i].note || a[i].excused != b[i].excused ||
        a[i].excuse_reason != b[i].excuse_reason)
      return false;
  }
  return true;
}

bool same(const PeriodTask& t, const ImportedTask& i) {
  return t.title == i.title && t.product_code == i.product_code && t.assigned == i.assigned &&
         t.due == i.due && (!i.completed || *i.completed == t.completed) &&
         (!i.deductions || same_deductions(*i.deductions, t.deductions));
}

}  // namespace

std::string import_key(const std::string& system, const std::string& external_id) {
  return system + ":" + external_id;
}

ImportPlan plan_task_import(const PeriodRecord& period, const std::string& system,
                            const std::vector<ImportedTask>& batch) {
  ImportPlan plan;
  plan.request.action = PeriodAction::RegisterTasks;
  plan.request.origin = "import:" + system;
  if (is_blank(system)) {
    plan.refusals.push_back(invalid("Chưa xác định hệ thống giao nhiệm vụ.", "system"));
    return plan;
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const std::string field = "tasks[" + std::to_string(i) + "].external_id";
    if (is_blank(batch[i].external_id)) {
      plan.refusals.push_back(
          invalid("Nhiệm vụ thứ " + std::to_string(i + 1) + " chưa có mã của hệ thống.", field));
    } else if (!ids.insert(batch[i].external_id).second) {
      plan.refusals.push_back(
          invalid("Mã nhiệm vụ \"" + batch[i].external_id + "\" bị lặp trong lần gửi.", field));
    }
  }
  if (!plan.refusals.empty()) return plan;

  // The period's tasks in their order, each replaced by the system's version; new ones last.
  std::set<std::string> handled;
  for (const auto& t : period.tasks) {
    const ImportedTask* incoming = nullptr;
    for (const auto& i : batch)
      if (import_key(system, i.external_id) == t.key) incoming = &i;
    if (!incoming) {
      plan.request.tasks.push_back(draft_of(t));
      continue;
    }
    handled.insert(t.key);
    if (incoming->cancelled) {
      ++plan.removed;
      continue;
    }
    ++(same(t, *incoming) ? plan.unchanged : plan.updated);
    TaskDraft d = draft_of(t);
    d.title = incoming->title;
    d.product_code = incoming->product_code;
    d.assigned = incoming->assigned;
    d.due = incoming->due;
    d.completed = incoming->completed;
    d.deductions = incoming->deductions;
    plan.request.tasks.push_back(std::move(d));
  }
  for (const auto& i : batch) {
    const std::string key = import_key(system, i.external_id);
    if (handled.count(key) || i.cancelled) continue;
    ++plan.created;
    TaskDraft d;
    d.key = key;
    d.title = i.title;
    d.product_code = i.product_code;
    d.assigned = i.assigned;
    d.due = i.due;
    d.completed = i.completed;
    d.deductions = i.deductions;
    plan.request.tasks.push_back(std::move(d));
  }
  return plan;
}

}  // namespace kd::wf
