// Reads of the periods (lists, audit trail), each in one read-only transaction: what the API
// shows without reaching the repository's transactions itself.
#pragma once

#include <vector>

#include "services/storage/connection_pool.hpp"
#include "services/storage/period_store.hpp"

namespace kd::application {

struct PeriodPage {
  std::vector<storage::StoredPeriod> items;
  long total = 0;  // every period the filter matches
};

PeriodPage list_periods(storage::ConnectionPool&, const storage::PeriodFilter&, int limit,
                        int offset);

// The period's events, oldest first.
std::vector<storage::PeriodEventRecord> period_events(storage::ConnectionPool&, wf::Id period_id);

}  // namespace kd::application
