// A real `kiemdiem` child process for the tests that drive the program from outside
// (`kiemdiem --config FILE serve ...`): stdout and stderr go to files beside the config, and
// the process is stopped (SIGTERM, then waited for) when the object goes.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace kd::testing {

class ServeProcess {
 public:
  // Runs `program --config config args...`; output in dir/<name>.out and dir/<name>.err.
  ServeProcess(const std::string& program, const std::filesystem::path& config,
               const std::filesystem::path& dir, const std::string& name,
               std::vector<std::string> args = {"serve"})
      : out_(dir / (name + ".out")), err_(dir / (name + ".err")) {
    std::vector<std::string> argv = {program, "--config", config.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
      std::FILE* o = std::freopen(out_.c_str(), "w", stdout);
      std::FILE* e = std::freopen(err_.c_str(), "w", stderr);
      (void)o;
      (void)e;
      ::execv(cargv[0], cargv.data());
      std::_Exit(127);
    }
  }
  ~ServeProcess() { stop(SIGTERM); }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      status_ = status;
      return false;
    }
    return true;
  }
  // Sends `sig` and waits; returns the wait status (or the one already collected).
  int stop(int sig) {
    if (pid_ <= 0) return status_;
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    status_ = status;
    return status;
  }
  // The wait status once the process has ended on its own (running() returned false).
  int status() const { return status_; }
  std::string output() const { return read(out_) + read(err_); }
  std::string log() const { return read(err_); }

 private:
  static std::string read(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::filesystem::path out_, err_;
  pid_t pid_ = -1;
  int status_ = -1;
};

inline bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

}  // namespace kd::testing
