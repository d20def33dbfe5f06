// One action on one period (register tasks, report products, self-score, score, approve,
// lock, return, unlock), by a person or by an agency's task-assignment system: the row
// locked, the version checked, the machine run, the evidence cited checked against the
// stored files, then the new record with its score, the chained event and the evidence
// links committed together, or everything rolled back for a check.
#pragma once

#include <optional>

#include "services/scoring/period_world.hpp"
#include "services/storage/connection_pool.hpp"

namespace kd::application {

enum class Run {
  Commit,  // the action
  DryRun,  // its check: the same code, rolled back
};

struct PeriodActionCommand {
  wf::Id period_id = 0;
  std::optional<int> expected_version;        // If-Match; none = whatever is current (checks)
  wf::Id actor_id = 0;                        // the person acting
  std::optional<storage::TaskSystem> system;  // a task-assignment system acting instead
  wf::PeriodRequest request;
  wf::TimePoint now;
};

struct PeriodActionOutcome {
  enum class Status { Accepted, Refused, NotFound, StaleVersion } status = Status::Refused;
  storage::StoredPeriod period;  // after the action when accepted, else as it is
  wf::Person person;
  wf::Refusals refusals;
  int current_version = 0;
};

PeriodActionOutcome run_period_action(storage::ConnectionPool&, const config::RegimeCatalog&,
                                      const PeriodActionCommand&, Run);

// The same inside the caller's transaction (batches: a task import over several people).
PeriodActionOutcome run_period_action(pqxx::transaction_base&, const config::RegimeCatalog&,
                                      const PeriodActionCommand&);

// What the actor may do on the period now, and the period's live totals for the person
// and the evaluator.
struct PeriodView {
  PeriodWorld world;
  std::vector<wf::PeriodAction> allowed;
};
std::optional<PeriodView> view_period(storage::ConnectionPool&, const config::RegimeCatalog&,
                                      wf::Id period_id, wf::Id viewer, wf::TimePoint now);

}  // namespace kd::application
