// The use cases of the periodic scoring (Nghị định 335/2025). Each one runs in ONE database
// transaction: it loads what the domain needs, runs the period machine and the rules that
// span records (stored evidence, the agency's catalogue, the year), then commits, or rolls
// back for a check: one code path, so a check never disagrees with the action.
//
// This file: what the period machine needs about one period, read in the transaction.
#pragma once

#include <optional>

#include <pqxx/pqxx>

#include "services/config/regime_catalog.hpp"
#include "services/storage/period_store.hpp"
#include "workflow/period_authority.hpp"
#include "workflow/period_machine.hpp"

namespace kd::application {

namespace wf = kd::wf;

struct PeriodWorld {
  storage::StoredPeriod stored;
  wf::Person person;
  wf::OrgTree org;
  const wf::Regime* regime = nullptr;  // the pinned version, from the catalog of regimes
  wf::ProductCatalogue catalogue;      // of the nearest agency at or above the person's unit
  wf::PeriodAuthority authority;

  const wf::ScoringRules& rules() const { return *regime->scoring; }
  wf::PeriodContext context(wf::Id actor, wf::TimePoint now) const {
    return wf::PeriodContext{stored.record, person, rules(), catalogue, authority, actor, now};
  }
};

// The id a task-assignment system acts under in the period machine: never a person's id.
inline wf::Id system_actor(const storage::TaskSystem& s) { return -s.id; }

// Reads the period (locked when `for_update`) and its world; none when it does not exist.
// A `system` whose agency holds the period's unit may register its tasks. A period whose
// pinned regime is not in the catalog stops with std::runtime_error (configuration).
std::optional<PeriodWorld> load_period_world(pqxx::transaction_base&, const config::RegimeCatalog&,
                                             wf::Id period_id, bool for_update,
                                             const storage::TaskSystem* system = nullptr);

// The person with this id, or none (read in the transaction).
std::optional<wf::Person> load_person(pqxx::transaction_base&, wf::Id id);

// The product catalogue that applies to people of `unit`.
wf::ProductCatalogue catalogue_for_unit(pqxx::transaction_base&, const wf::OrgTree&, wf::Id unit);

// Total and band of the evaluator's score once the period has been scored (nothing before).
void refresh_score(storage::StoredPeriod&, const wf::Person&, const wf::ScoringRules&);

}  // namespace kd::application
