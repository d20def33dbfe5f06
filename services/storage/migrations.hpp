// Versioned SQL migrations, embedded in the program. Applied in order inside
// one transaction each, recorded in schema_migrations with a checksum; an
// applied migration whose text changed stops the program (never edit one), and
// so does a database whose schema is newer than every migration the program has.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace kd::storage {

class ConnectionPool;

struct MigrationReport {
  std::vector<std::string> applied;  // names applied by this call
  int current_version = 0;
};

// The database was migrated by a newer release: this program must not touch it.
struct SchemaTooNew : std::runtime_error {
  SchemaTooNew(int database_version, int program_version);
  int database_version;
  int program_version;
};

MigrationReport migrate(ConnectionPool&);  // throws SchemaTooNew, std::runtime_error (checksum)

// The newest schema version this program carries (its last migration).
int latest_schema_version();

// The schema version recorded in the database: the highest applied migration, 0 for a
// database no migration has touched. Reads only.
int database_schema_version(ConnectionPool&);

}  // namespace kd::storage
