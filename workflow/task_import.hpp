// Tasks posted by an agency's task-assignment system ("phần mềm giao nhiệm vụ",
// Nghị định 335/2025 Điều 26: the evaluation software is linked to it) or read
// from an uploaded file, turned into the period's register_tasks request.
//
// Each system's task keeps the key "<system>:<external id>", so posting the same
// batch again changes nothing (idempotent), a later post updates the task it
// names, and a task the system cancels is removed; tasks registered by hand or by
// another system are left as they are. Quantities completed and the deductions
// the system recorded (failed reviews, delays) come with the task; the person
// still reports the products with their evidence.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflow/period_machine.hpp"

namespace kd::wf {

struct ImportedTask {
  std::string external_id;  // the system's own id of the task
  std::string title;
  std::string product_code;
  Qty assigned = 0;
  std::optional<Date> due;
  std::optional<Qty> completed;  // what the system knows to be done
  std::optional<std::vector<Deduction>> deductions;
  bool cancelled = false;  // withdrawn by the system: removed from the period
};

struct ImportPlan {
  PeriodRequest request;  // register_tasks with the whole new list, origin "import:<system>"
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int removed = 0;
  bool changes() const { return created + updated + removed > 0; }
  Refusals refusals;  // import_invalid: a blank system or external id, an id twice in the batch
};

// The key of a system's task in a period.
std::string import_key(const std::string& system, const std::string& external_id);

ImportPlan plan_task_import(const PeriodRecord&, const std::string& system,
                            const std::vector<ImportedTask>&);

}  // namespace kd::wf
