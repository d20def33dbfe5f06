// A private PostgreSQL cluster the program creates and runs itself (the
// embedded default and the test harness). PostgreSQL refuses to run as root:
// as an ordinary user (the installed service's `kiemdiem`) the cluster runs as
// that user; as root, initdb/pg_ctl run as the owner of the cluster directory
// when it is not root (an installation's service user), else as the `postgres`
// system user, to whom the data and socket directories are then given.
#pragma once

#include <stdexcept>
#include <string>

namespace kd::pg {

struct ClusterError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ClusterOptions {
  std::string dir;   // the cluster lives in <dir>/data, the socket in <dir>/run
  int port = 55432;  // names the socket file (.s.PGSQL.<port>); TCP only if `tcp`
  bool tcp = false;  // listen on 127.0.0.1:<port> as well
  std::string database = "kiemdiem";
  std::string bin_dir;  // default: /usr/lib/postgresql/15/bin (or the newest installed)
  bool fsync = true;    // tests may turn it off for speed
};

class Cluster {
 public:
  explicit Cluster(ClusterOptions);
  ~Cluster();  // stops the cluster if this object started it
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  // initdb on first use, start (recovering a stale postmaster.pid left by a crash),
  // wait until it accepts connections, create the database. Throws ClusterError
  // with a clear message, e.g. when another live server already uses the directory.
  void start();
  void stop();  // pg_ctl stop -m fast; idempotent

  // True while the server started by this object runs: its postmaster.pid names a live
  // postgres of this data directory. False after it was killed, crashed, or stopped behind
  // our back (`pg_ctl stop -m immediate`).
  bool alive() const;
  // Starts the server again after it stopped without us (see alive()): clears what the
  // dead server left and starts it (PostgreSQL replays its WAL: crash recovery). Keeps the
  // directory's ownership lock throughout. Throws ClusterError when it does not come back.
  void recover();
  const std::string& dir() const { return opt_.dir; }

  // libpq URL/keyword string for the database (socket in <dir>/run).
  std::string url() const;
  std::string url_for(const std::string& database) const;
  // Creates a database (owned by the cluster's superuser) if absent.
  void create_database(const std::string& name);
  bool running() const { return started_; }
  // True when another live process owns and runs the cluster of this directory (a `serve`):
  // its server then accepts connections at url() without this object starting anything.
  bool held_elsewhere() const;

 private:
  ClusterOptions opt_;
  bool started_ = false;
  int lock_fd_ = -1;  // flock on <dir>/cluster.lock while this object owns the cluster
};

// When we are root the `postgres` user must be able to traverse every parent of the
// cluster directory; a checkout under /root (mode 0700) is not. Returns `dir` (absolute)
// when usable, otherwise /var/lib/kiemdiem/<name>-<hash of dir> and sets *moved.
std::string reachable_cluster_dir(const std::string& dir, bool* moved = nullptr);

}  // namespace kd::pg
