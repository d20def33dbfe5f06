#include "services/pgcluster/cluster.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "services/pgcluster/process.hpp"

#include <Poco/Logger.h>

namespace fs = std::filesystem;

namespace kd::pg {
namespace {

using detail::ServerUser;
constexpr auto kStartTimeout = std::chrono::seconds(30);
constexpr std::size_t kMaxSocketPath = 107;  // sizeof(sockaddr_un::sun_path) - 1

std::string default_bin_dir() {
  const fs::path base = "/usr/lib/postgresql";
  if (fs::exists(base / "15/bin/pg_ctl")) return (base / "15/bin").string();
  int best = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(base, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    if (!fs::exists(entry.path() / "bin/pg_ctl")) continue;
    best = std::max(best, std::stoi(name));
  }
  if (best < 0) {
    throw ClusterError(
        "no PostgreSQL server found under /usr/lib/postgresql/*/bin; install the "
        "Debian package `postgresql` (scripts/bootstrap does)");
  }
  return (base / std::to_string(best) / "bin").string();
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string tail(const std::string& text, std::size_t lines) {
  std::size_t pos = text.size();
  while (lines-- > 0 && pos > 0) {
    pos = text.rfind('\n', pos - 1);
    if (pos == std::string::npos) return text;
  }
  return text.substr(pos == 0 ? 0 : pos + 1);
}

long read_first_number(const fs::path& file) {
  std::ifstream in(file);
  long n = 0;
  if (!(in >> n)) return 0;
  return n;
}

long read_postmaster_pid(const fs::path& data) {
  return read_first_number(data / "postmaster.pid");
}

// postgresql.conf values are single-quoted with '' as the escape.
std::string conf_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += (c == '\'') ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string percent_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

void chown_tree(const fs::path& p, const ServerUser& user) {
  if (!user.switch_user) return;
  struct stat st {};
  if (lstat(p.c_str(), &st) == 0 && st.st_uid == user.uid) return;
  if (lchown(p.c_str(), user.uid, user.gid) != 0)
    throw ClusterError("cannot give " + p.string() + " to the postgres user: " + strerror(errno));
  if (!fs::is_directory(fs::symlink_status(p))) return;
  for (const auto& e : fs::recursive_directory_iterator(p)) {
    if (lchown(e.path().c_str(), user.uid, user.gid) != 0)
      throw ClusterError("cannot give " + e.path().string() + " to the postgres user");
  }
}

void make_private_dir(const fs::path& p, const ServerUser& user) {
  fs::create_directories(p);
  fs::permissions(p, fs::perms::owner_all, fs::perm_options::replace);
  chown_tree(p, user);
}

struct Paths {
  fs::path dir, data, run, log, socket;
  Paths(const std::string& d, int port)
      : dir(fs::absolute(d).lexically_normal()),
        data(dir / "data"),
        run(dir / "run"),
        log(dir / "log" / "server.log"),
        socket(run / (".s.PGSQL." + std::to_string(port))) {}
};

void check_paths(const Paths& p, const ServerUser& user) {
  if (p.socket.string().size() + 5 > kMaxSocketPath) {  // + ".lock"
    throw ClusterError("the cluster directory " + p.dir.string() +
                       " is too long for a Unix socket path (" + p.socket.string() +
                       "); choose a shorter data directory");
  }
  // pg_ctl hands the paths to /bin/sh inside double quotes.
  if (p.dir.string().find_first_of("\"$`\\\n") != std::string::npos)
    throw ClusterError("the cluster directory " + p.dir.string() +
                       " contains a quote, $, ` or \\; choose another");
  fs::create_directories(p.dir);
  if (!detail::can_traverse(p.dir.string(), user)) {
    throw ClusterError("the cluster directory " + p.dir.string() +
                       " cannot be reached by the `postgres` system user (a parent directory "
                       "such as /root is private, mode 0700); choose a data directory elsewhere, "
                       "e.g. /var/lib/kiemdiem");
  }
}

// One owner per directory: a flock that the kernel releases if the owner dies, so a live
// owner is refused at once and a crashed one never blocks the next start.
int take_ownership(const Paths& p) {
  const fs::path lock_path = p.dir / "cluster.lock";
  const int fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw ClusterError("cannot open " + lock_path.string() + ": " + strerror(errno));
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const std::string owner = read_file(lock_path);
    close(fd);
    throw ClusterError(
        "the data directory " + p.data.string() + " is already used by a running server, pid " +
        std::to_string(read_postmaster_pid(p.data)) + " (started by process " +
        (owner.empty() ? "?" : owner) + "); stop that process first or use another data directory");
  }
  const std::string me = std::to_string(getpid());
  if (ftruncate(fd, 0) != 0 || write(fd, me.data(), me.size()) < 0) {
    // The owner's pid only improves the message above.
  }
  return fd;
}

void init_if_needed(const Paths& p, const ClusterOptions& opt, const ServerUser& user) {
  if (fs::exists(p.data / "PG_VERSION")) return;
  if (!fs::is_empty(p.data))
    throw ClusterError(p.data.string() + " is not empty and holds no PostgreSQL cluster");
  std::vector<std::string> args = {opt.bin_dir + "/initdb",
                                   "-D",
                                   p.data.string(),
                                   "-U",
                                   "postgres",
                                   "-E",
                                   "UTF8",
                                   "--locale=C.UTF-8",
                                   "--auth-local=trust",
                                   "--auth-host=scram-sha-256"};
  if (!opt.fsync) args.push_back("--no-sync");
  const auto r = detail::run(args, user);
  if (r.exit_code != 0)
    throw ClusterError("initdb failed in " + p.data.string() + ":\n" + tail(r.output, 20));
  std::ofstream(p.data / "postgresql.conf", std::ios::app)
      << "\n# Written at each start by kiemdiem (kd::pg::Cluster).\n"
      << "include_if_exists = 'kiemdiem.conf'\n";
}

// Our settings in a file of their own (no shell quoting through pg_ctl -o).
void write_settings(const Paths& p, const ClusterOptions& opt, const ServerUser& user) {
  {
    std::ofstream conf(p.data / "kiemdiem.conf", std::ios::trunc);
    conf << "listen_addresses = " << (opt.tcp ? "'127.0.0.1'" : "''") << "\n"
         << "port = " << opt.port << "\n"
         << "unix_socket_directories = " << conf_quote(p.run.string()) << "\n"
         << "unix_socket_permissions = 0700\n"
         << "fsync = " << (opt.fsync ? "on" : "off") << "\n";
    if (!opt.fsync) conf << "synchronous_commit = off\nfull_page_writes = off\n";
  }
  chown_tree(p.data / "kiemdiem.conf", user);
}

// We hold the lock, so nobody owns a server still running here: its owner crashed. Stop
// it and start again with our settings. Remove the pid files of a killed server.
void clear_leftovers(const Paths& p, const ClusterOptions& opt, const ServerUser& user) {
  auto& log = Poco::Logger::get("kd.pgcluster");
  const long old_pid = read_postmaster_pid(p.data);
  if (old_pid > 0 && detail::is_live_postgres_for(old_pid, p.data.string())) {
    log.warning("stopping a server left running in " + p.data.string() + " (pid " +
                std::to_string(old_pid) + ") by a process that ended without stopping it");
    const auto r = detail::run(
        {opt.bin_dir + "/pg_ctl", "stop", "-D", p.data.string(), "-m", "fast", "-w", "-t", "30"},
        user);
    if (r.exit_code != 0)
      throw ClusterError("a server left running in " + p.data.string() + " (pid " +
                         std::to_string(old_pid) + ") could not be stopped:\n" + r.output);
  } else if (old_pid > 0) {
    log.warning("removed a stale postmaster.pid (pid " + std::to_string(old_pid) +
                " is gone): the previous server crashed or was killed");
    fs::remove(p.data / "postmaster.pid");
  }
  // The socket lock names the pid too, and postgres trusts kill(pid, 0), which a zombie
  // (no reaper in a container) still answers.
  const fs::path socket_lock = p.socket.string() + ".lock";
  const long lock_pid = read_first_number(socket_lock);
  if (lock_pid > 0 && !detail::is_live_postgres(lock_pid)) {
    fs::remove(socket_lock);
    fs::remove(p.socket);
  }
}

// pg_ctl start -w waits until the server accepts connections (bounded by -t).
void launch(const Paths& p, const ClusterOptions& opt, const ServerUser& user) {
  const std::string pg_ctl = opt.bin_dir + "/pg_ctl";
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  for (;;) {
    const auto r = detail::run({pg_ctl, "start", "-D", p.data.string(), "-l", p.log.string(), "-w",
                                "-t", std::to_string(kStartTimeout.count()), "-s"},
                               user);
    if (r.exit_code == 0) return;
    const std::string log = tail(read_file(p.log), 15);
    // Children of a killed postmaster may hold its shared memory for a moment: retry.
    const bool transient = log.find("pre-existing shared memory block") != std::string::npos;
    if (!transient || std::chrono::steady_clock::now() > deadline) {
      detail::run({pg_ctl, "stop", "-D", p.data.string(), "-m", "immediate"}, user);
      throw ClusterError("the PostgreSQL server in " + p.data.string() + " did not start:\n" +
                         r.output + "\nlast lines of " + p.log.string() + ":\n" + log);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace

std::string reachable_cluster_dir(const std::string& dir, bool* moved) {
  const fs::path abs = fs::absolute(dir).lexically_normal();
  if (moved) *moved = false;
  const ServerUser user = detail::server_user(abs.string());
  fs::path probe = abs;
  while (!fs::exists(probe) && probe.has_parent_path() && probe != probe.parent_path())
    probe = probe.parent_path();
  if (detail::can_traverse(probe.string(), user)) return abs.string();
  if (moved) *moved = true;
  const std::size_t h = std::hash<std::string>{}(abs.string());
  std::ostringstream name;
  name << abs.filename().string() << '-' << std::hex << (h & 0xffffffffffULL);
  return (fs::path("/var/lib/kiemdiem") / name.str()).string();
}

Cluster::Cluster(ClusterOptions opt) : opt_(std::move(opt)) {
  if (opt_.dir.empty()) throw ClusterError("cluster directory is empty");
  opt_.dir = fs::absolute(opt_.dir).lexically_normal().string();
  if (opt_.bin_dir.empty()) opt_.bin_dir = default_bin_dir();
}

Cluster::~Cluster() {
  try {
    stop();
  } catch (...) {
    // A destructor must not throw; stop() already tried fast then immediate shutdown.
  }
}

std::string Cluster::url() const { return url_for(opt_.database); }

std::string Cluster::url_for(const std::string& database) const {
  return "postgresql:///" + percent_encode(database) +
         "?host=" + percent_encode((fs::path(opt_.dir) / "run").string()) +
         "&port=" + std::to_string(opt_.port) + "&user=postgres";
}

void Cluster::start() {
  if (started_) return;
  const Paths p(opt_.dir, opt_.port);
  const ServerUser user = detail::server_user(opt_.dir);
  check_paths(p, user);
  lock_fd_ = take_ownership(p);
  try {
    make_private_dir(p.data, user);
    make_private_dir(p.run, user);
    make_private_dir(p.log.parent_path(), user);
    init_if_needed(p, opt_, user);
    write_settings(p, opt_, user);
    clear_leftovers(p, opt_, user);
    launch(p, opt_, user);
    started_ = true;
    create_database(opt_.database);
  } catch (...) {
    if (started_) {
      stop();
    } else {
      close(lock_fd_);
      lock_fd_ = -1;
    }
    throw;
  }
}

void Cluster::stop() {
  if (!started_) return;
  const ServerUser user = detail::server_user(opt_.dir);
  const std::string data = (fs::path(opt_.dir) / "data").string();
  detail::RunResult r;
  r.exit_code = 0;
  // Killed from outside (a crash test, the OOM killer): nothing left to stop.
  if (detail::is_live_postgres(read_postmaster_pid(data)))
    r = detail::run(
        {opt_.bin_dir + "/pg_ctl", "stop", "-D", data, "-m", "fast", "-w", "-t", "30", "-s"}, user);
  if (r.exit_code != 0)
    r = detail::run({opt_.bin_dir + "/pg_ctl", "stop", "-D", data, "-m", "immediate", "-s"}, user);
  started_ = false;
  if (lock_fd_ >= 0) {
    close(lock_fd_);
    lock_fd_ = -1;
  }
  if (r.exit_code != 0)
    throw ClusterError("could not stop the server in " + data + ":\n" + r.output);
}

bool Cluster::alive() const {
  if (!started_) return false;
  const std::string data = (fs::path(opt_.dir) / "data").string();
  const long pid = read_postmaster_pid(data);
  return pid > 0 && detail::is_live_postgres_for(pid, data);
}

void Cluster::recover() {
  if (!started_) throw ClusterError("recover: the cluster was not started by this process");
  const Paths p(opt_.dir, opt_.port);
  const ServerUser user = detail::server_user(opt_.dir);
  clear_leftovers(p, opt_, user);
  launch(p, opt_, user);
}

bool Cluster::held_elsewhere() const {
  if (started_) return false;
  const fs::path lock_path = fs::path(opt_.dir) / "cluster.lock";
  const int fd = open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool held = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close(fd);
  return held;
}

void Cluster::create_database(const std::string& name) {
  if (name.empty() || name.size() > 63 ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
    throw ClusterError("invalid database name '" + name +
                       "': use 1-63 lower-case letters, digits and _");
  }
  if (!started_) throw ClusterError("create_database: the cluster is not running");
  const ServerUser me;  // the client needs no privilege switch
  const std::string run_dir = (fs::path(opt_.dir) / "run").string();
  auto r = detail::run({opt_.bin_dir + "/createdb", "-h", run_dir, "-p", std::to_string(opt_.port),
                        "-U", "postgres", "-E", "UTF8", name},
                       me);
  if (r.exit_code != 0 && r.output.find("already exists") == std::string::npos)
    throw ClusterError("could not create database " + name + ":\n" + r.output);
}

}  // namespace kd::pg
