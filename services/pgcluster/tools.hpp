// PostgreSQL's client programs (pg_dump, pg_restore) and other helper programs, run as this
// process's user with a clean environment: the backup and restore of an installation.
#pragma once

#include <string>
#include <vector>

namespace kd::pg {

struct ToolResult {
  int exit_code = -1;  // 128 + signal when killed by a signal
  std::string output;  // stdout and stderr together
};

// Runs argv[0] (an absolute path), stdin from /dev/null, in "/", with the C.UTF-8 locale and
// libpq's password file (PGPASSFILE, else ~/.pgpass) passed on. Blocks until it exits.
ToolResult run_tool(const std::vector<std::string>& argv);

// The absolute path of a PostgreSQL client program from the newest installed major version
// (/usr/lib/postgresql/<N>/bin/<name>: a newer pg_dump reads older servers). Throws
// ClusterError when none is installed.
std::string client_program(const std::string& name);

// pg_dump --format=custom of the database at `url` into `file`: one consistent snapshot
// (a repeatable-read transaction) while the server keeps serving writes.
void dump_database(const std::string& url, const std::string& file);

// pg_restore of a custom-format dump into the (empty) database at `url`, in one transaction,
// stopping at the first error; objects owned by the connecting role, no grants.
void restore_database(const std::string& url, const std::string& file);

}  // namespace kd::pg
