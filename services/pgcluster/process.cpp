#include "services/pgcluster/process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "services/pgcluster/cluster.hpp"

namespace kd::pg::detail {
namespace {

std::vector<std::string> child_environment() {
  std::vector<std::string> env = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
                                  "PGCONNECT_TIMEOUT=10", "HOME=/"};
  if (const char* tz = std::getenv("TZ")) env.push_back(std::string("TZ=") + tz);
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// In the child, after fork: only async-signal-safe calls until exec/_exit.
void drop_privileges_or_die(const ServerUser& user) {
  if (!user.switch_user) return;
  if (setgroups(1, &user.gid) != 0 || setgid(user.gid) != 0 || setuid(user.uid) != 0) _exit(126);
}

// The owner of `dir`, or of its nearest existing parent; 0 when unknown.
uid_t owner_of(const std::string& dir) {
  if (dir.empty()) return 0;
  std::filesystem::path p = std::filesystem::absolute(dir).lexically_normal();
  struct stat st {};
  for (;;) {
    if (stat(p.c_str(), &st) == 0) return st.st_uid;
    if (!p.has_parent_path() || p == p.parent_path()) return 0;
    p = p.parent_path();
  }
}

}  // namespace

ServerUser server_user(const std::string& cluster_dir) {
  ServerUser u;
  if (geteuid() != 0) {
    u.uid = geteuid();
    u.gid = getegid();
    return u;
  }
  struct passwd pw {};
  struct passwd* found = nullptr;
  std::vector<char> buf(16384);
  const uid_t owner = owner_of(cluster_dir);
  if (owner != 0 && getpwuid_r(owner, &pw, buf.data(), buf.size(), &found) == 0 && found) {
    u.switch_user = true;
    u.uid = pw.pw_uid;
    u.gid = pw.pw_gid;
    u.name = pw.pw_name;
    return u;
  }
  if (getpwnam_r("postgres", &pw, buf.data(), buf.size(), &found) != 0 || found == nullptr) {
    throw ClusterError(
        "PostgreSQL refuses to run as root and there is no `postgres` system user; install the "
        "Debian package `postgresql` (scripts/bootstrap does) or run as an ordinary user");
  }
  u.switch_user = true;
  u.uid = pw.pw_uid;
  u.gid = pw.pw_gid;
  u.name = pw.pw_name;
  return u;
}

RunResult run(const std::vector<std::string>& argv_in, const ServerUser& user,
              const std::vector<std::string>& extra_env) {
  std::vector<std::string> argv_s = argv_in;
  std::vector<std::string> env_s = child_environment();
  env_s.insert(env_s.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> argv = c_strings(argv_s);
  std::vector<char*> envp = c_strings(env_s);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw ClusterError("pipe: " + std::string(strerror(errno)));
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    throw ClusterError("fork: " + std::string(strerror(errno)));
  }
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull < 0 || dup2(devnull, 0) < 0 || dup2(fds[1], 1) < 0 || dup2(fds[1], 2) < 0)
      _exit(127);
    sigset_t none;  // a server (`serve`) blocks SIGINT/SIGTERM for sigwait: do not inherit that
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    drop_privileges_or_die(user);
    if (chdir("/") != 0) _exit(127);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(fds[1]);
  RunResult r;
  char chunk[4096];
  for (;;) {
    ssize_t n = read(fds[0], chunk, sizeof chunk);
    if (n > 0) {
      r.output.append(chunk, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.exit_code = 128 + WTERMSIG(status);
  if (r.exit_code == 126) r.output += "\n(could not switch to the user " + user.name + ")";
  if (r.exit_code == 127 && r.output.empty()) r.output = "could not execute " + argv_in.at(0);
  return r;
}

bool can_traverse(const std::string& dir, const ServerUser& user) {
  if (!user.switch_user) return access(dir.c_str(), X_OK) == 0;
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    drop_privileges_or_die(user);
    _exit(access(dir.c_str(), X_OK) == 0 ? 0 : 1);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

bool is_live_postgres(long pid) {
  if (pid <= 0) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!stat || !std::getline(stat, line)) return false;
  // "<pid> (<comm>) <state> ..."; comm may contain spaces, so use the last ')'.
  auto open = line.find('(');
  auto close_paren = line.rfind(')');
  if (open == std::string::npos || close_paren == std::string::npos ||
      close_paren + 2 >= line.size())
    return false;
  std::string comm = line.substr(open + 1, close_paren - open - 1);
  char state = line[close_paren + 2];
  return comm == "postgres" && state != 'Z' && state != 'X';
}

bool is_live_postgres_for(long pid, const std::string& data) {
  if (!is_live_postgres(pid)) return false;
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline");
  std::string arg;
  while (std::getline(in, arg, '\0'))
    if (arg == data) return true;
  return false;
}

}  // namespace kd::pg::detail
