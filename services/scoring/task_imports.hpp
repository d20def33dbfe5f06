// Tasks from an agency's task-assignment system ("phần mềm giao nhiệm vụ", linked to the
// evaluation software under Nghị định 335/2025 Điều 26) and from uploaded CSV files.
//
// A system is registered by a head or administrator of its agency and posts with its own
// token; it may post the tasks of people of its agency's subtree only. A post names the
// period and, per person, the system's tasks: all of it is applied in one transaction or
// nothing is (every refusal reported, each under "assignments[i]."). A task keeps the key
// "<system>:<external id>": posting the same batch again changes nothing and writes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/scoring/period_actions.hpp"
#include "workflow/task_import.hpp"

namespace kd::application {

struct SystemRegistration {
  wf::Id agency_id = 0;
  std::string code;  // lowercase letters, digits, '-' and '_', at most 32
  std::string name;
  std::string token_sha256;  // of the bearer token handed to the system once
  wf::Id actor_id = 0;
  wf::TimePoint now;
};

struct SystemRegistrationOutcome {
  enum class Status { Accepted, Refused, UnitNotFound } status = Status::Refused;
  wf::Refusals refusals;  // role_required, system_code_invalid, system_code_taken
  storage::TaskSystem system;
};

SystemRegistrationOutcome register_task_system(storage::ConnectionPool&, const SystemRegistration&);

// The system a bearer token belongs to (not revoked), or none.
std::optional<storage::TaskSystem> task_system_for(storage::ConnectionPool&,
                                                   const std::string& token_sha256);

struct TaskAssignment {
  wf::Id person_id = 0;
  std::vector<wf::ImportedTask> tasks;
};

struct TaskImportCommand {
  storage::TaskSystem system;
  wf::PeriodRef ref;
  std::vector<TaskAssignment> assignments;
  wf::TimePoint now;
};

struct AssignmentResult {
  wf::Id person_id = 0;
  wf::Id period_id = 0;
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int removed = 0;
  int version = 0;  // of the period after the import
};

struct TaskImportOutcome {
  bool accepted = false;
  wf::Refusals refusals;
  std::vector<AssignmentResult> results;
};

TaskImportOutcome import_tasks(storage::ConnectionPool&, const config::RegimeCatalog&,
                               const TaskImportCommand&, Run);

// A CSV file of one period's tasks, uploaded by the person or the evaluator: its rows become
// the tasks "csv:<code>" (codec/task_csv.hpp gives the columns), through the same plan.
struct CsvImportCommand {
  wf::Id period_id = 0;
  std::optional<int> expected_version;
  wf::Id actor_id = 0;
  std::vector<wf::ImportedTask> tasks;
  wf::TimePoint now;
};

struct CsvImportOutcome {
  PeriodActionOutcome action;
  AssignmentResult counts;
};

CsvImportOutcome import_task_csv(storage::ConnectionPool&, const config::RegimeCatalog&,
                                 const CsvImportCommand&, Run);

}  // namespace kd::application
