// Opening a month or quarter for the people of a unit's subtree, and recording whether a
// period was worked (absence, sick or maternity leave, not yet employed) or was scored by
// another agency before a transfer: both by a head or an administrator of the unit or above.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/scoring/period_actions.hpp"
#include "workflow/year_rating.hpp"

namespace kd::application {

struct OpenPeriodsCommand {
  wf::Id unit_id = 0;
  wf::PeriodRef ref;
  wf::Id actor_id = 0;
  wf::TimePoint now;
};

struct SkippedPerson {
  wf::Id person_id = 0;
  std::string reason_vi;  // no scoring regime rates them this year, or not in this period kind
};

struct OpenPeriodsOutcome {
  enum class Status { Accepted, Refused, UnitNotFound } status = Status::Refused;
  wf::Refusals refusals;
  std::vector<wf::Id> opened;  // the new periods' ids
  int already_open = 0;
  std::vector<SkippedPerson> skipped;
};

// For each person of the subtree whose state regime of the year scores periods of this
// kind: the period (stage open, version 1) and its "open" event, unless it exists already.
OpenPeriodsOutcome open_periods(storage::ConnectionPool&, const config::RegimeCatalog&,
                                const OpenPeriodsCommand&, Run);

struct PresenceCommand {
  wf::Id period_id = 0;
  std::optional<int> expected_version;
  wf::Id actor_id = 0;
  wf::PeriodPresence presence = wf::PeriodPresence::Worked;
  std::string agency;  // the agency that scored the period, when another one (a transfer)
  std::string note;    // why ("Nghỉ thai sản từ 02/03/2026")
  wf::TimePoint now;
};

// The period's presence and agency, with an event "set_presence": a head or administrator
// of the period's unit or above, or the person's evaluator; a note is required.
PeriodActionOutcome set_presence(storage::ConnectionPool&, const config::RegimeCatalog&,
                                 const PresenceCommand&, Run);

}  // namespace kd::application
