// Running PostgreSQL's programs, as the `postgres` system user when we are root
// (initdb and postgres refuse to run as root). Internal to kd_pgcluster.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace kd::pg::detail {

// Who runs the server: ourselves, or the `postgres` system user when we are root.
struct ServerUser {
  bool switch_user = false;  // true when we are root
  uid_t uid = 0;
  gid_t gid = 0;
  std::string name;
};
// When we are root: the owner of `cluster_dir` (or of its nearest existing parent) when that
// owner is not root — an installation's service user such as `kiemdiem` —, else `postgres`.
ServerUser server_user(const std::string& cluster_dir = "");  // throws ClusterError when root
                                                              // and no such user exists

struct RunResult {
  int exit_code = -1;  // 128 + signal when killed by a signal
  std::string output;  // stdout and stderr together
};

// Runs argv[0] (an absolute path) with a clean environment (C.UTF-8 locale), stdin from
// /dev/null, in "/" as working directory, as `user`. Blocks until it exits.
// `extra_env` ("NAME=value") is added to that environment.
RunResult run(const std::vector<std::string>& argv, const ServerUser& user,
              const std::vector<std::string>& extra_env = {});

// True when `user` can search (traverse) `dir` and every parent of it.
bool can_traverse(const std::string& dir, const ServerUser& user);

// True when `pid` is a live (not zombie) process named "postgres".
bool is_live_postgres(long pid);

// True when `pid` is a live postgres whose command line names the data directory `data`
// (not another cluster's server that happens to reuse the pid of a crashed one).
bool is_live_postgres_for(long pid, const std::string& data);

}  // namespace kd::pg::detail
