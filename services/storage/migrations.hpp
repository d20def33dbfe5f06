// Versioned SQL migrations, embedded in the program. Applied in order inside
// one transaction each, recorded in schema_migrations with a checksum; an
// applied migration whose text changed stops the program (never edit one).
#pragma once

#include <string>
#include <vector>

namespace kd::storage {

class ConnectionPool;

struct MigrationReport {
  std::vector<std::string> applied;  // names applied by this call
  int current_version = 0;
};

MigrationReport migrate(ConnectionPool&);  // throws std::runtime_error on checksum mismatch

}  // namespace kd::storage
