// Registers every statement of sql.hpp on a connection (libpqxx prepares lazily,
// at first use, so registering on a fresh database before migrations is harmless).
#pragma once

#include <pqxx/pqxx>

namespace kd::storage {

void prepare_statements(pqxx::connection&);

}  // namespace kd::storage
