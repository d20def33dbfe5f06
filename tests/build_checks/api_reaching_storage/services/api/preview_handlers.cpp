// A handler that reaches storage internals, as the batch preview once did: its own read
// transaction, a private storage header, a storage::detail function. The API boundary check
// (cmake/check_api_boundary.cmake) must refuse this tree.
#include <pqxx/pqxx>

#include "services/storage/campaign_quota.hpp"
#include "services/storage/store.hpp"

namespace kd::api {

void preview(kd::storage::Store& store) {
  auto conn = store.pool().acquire();
  pqxx::read_transaction t(*conn);
  kd::storage::detail::quota_entries(t);
}

}  // namespace kd::api
