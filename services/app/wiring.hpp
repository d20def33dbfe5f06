// The one place where adapters are wired together: settings, logging, the database
// (a configured server or the embedded private cluster), the regime catalog.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "services/config/settings.hpp"
#include "services/pgcluster/cluster.hpp"
#include "services/storage/connection_pool.hpp"
#include "services/storage/migrations.hpp"

namespace kd::app {

// What every subcommand receives: the settings file chosen and its own arguments.
struct CommandLine {
  std::string config_file;        // --config FILE, else config/kiemdiem.properties if present
  std::vector<std::string> args;  // after the subcommand name
  bool wants_help() const;        // -h or --help among args
};

// Loads the settings and sets up logging at their level (stderr, +07:00 timestamps).
kd::config::Settings load_and_log(const CommandLine&);
void setup_logging(const std::string& level);

// The database the program talks to. With an empty database.url, the embedded cluster
// under <data.dir>/pg is created/started here and stopped by the destructor.
class Database {
 public:
  // How to treat an embedded cluster that another process (a running `serve`) owns:
  // refuse with the owner's pid (the default), or use its server as it runs (backups).
  enum class Running { refuse, share };
  explicit Database(const kd::config::Settings&, Running = Running::refuse);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  kd::storage::ConnectionPool& pool() { return *pool_; }
  const std::string& url() const { return url_; }
  bool embedded() const { return cluster_ != nullptr; }
  kd::pg::Cluster* cluster() { return cluster_.get(); }  // the embedded cluster, if any
  kd::storage::MigrationReport migrate();                // applies pending migrations, logging each
  void stop();  // closes the pool, then stops the embedded cluster (idempotent)

 private:
  std::unique_ptr<kd::pg::Cluster> cluster_;
  std::unique_ptr<kd::storage::ConnectionPool> pool_;
  std::string url_;
};

// Prints `usage` and returns true when -h/--help was given (*exit_code = 0) or an argument
// is not one of `allowed` (*exit_code = 2). Subcommands call it first.
bool handle_usage(const CommandLine&, const std::vector<std::string>& allowed, const char* usage,
                  int* exit_code);
bool has_flag(const CommandLine&, const std::string& flag);

// The directory of the embedded cluster for these settings (<data.dir>/pg, or a directory
// the postgres user can reach when that one lies under a private parent such as /root).
std::string embedded_cluster_dir(const kd::config::Settings&, bool* moved = nullptr);

// The URL with any password replaced by ***, for printing.
std::string redact_url(const std::string& url);

}  // namespace kd::app
