#include "services/storage/prepared_statements.hpp"

#include <string>

#include "services/storage/sql.hpp"

namespace kd::storage {

void prepare_statements(pqxx::connection& c) {
  for (const auto& s : sql::kAll) c.prepare(std::string(s.name), std::string(s.text));
}

}  // namespace kd::storage
