#include "services/scoring/period_reads.hpp"

namespace kd::application {

PeriodPage list_periods(storage::ConnectionPool& pool, const storage::PeriodFilter& filter,
                        int limit, int offset) {
  auto conn = pool.acquire();
  pqxx::read_transaction t(*conn);
  PeriodPage page;
  page.items = storage::periods::list(t, filter, limit, offset);
  page.total = storage::periods::count(t, filter);
  return page;
}

std::vector<storage::PeriodEventRecord> period_events(storage::ConnectionPool& pool,
                                                      wf::Id period_id) {
  auto conn = pool.acquire();
  pqxx::read_transaction t(*conn);
  return storage::periods::events(t, period_id);
}

}  // namespace kd::application
