#include "services/documents/worker_pool.hpp"

#include <Poco/Logger.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "services/documents/pdf_engine.hpp"
#include "services/logging/log_setup.hpp"
#include "services/text/log_text.hpp"

extern char** environ;

namespace kd::documents {
namespace {

Poco::Logger& log() { return Poco::Logger::get("kiemdiem.render"); }

constexpr int kStatusFd = 3;
// A line longer than this is logged in pieces (each one a record).
constexpr std::size_t kMaxOutputLine = 16 * 1024;

std::string exit_text(int status) {
  if (WIFSIGNALED(status)) return "tín hiệu " + std::to_string(WTERMSIG(status));
  return "mã thoát " + std::to_string(WEXITSTATUS(status));
}

}  // namespace

WorkerPool::WorkerPool(kd::storage::DocumentStore& documents, PoolOptions options)
    : documents_(documents), opt_(std::move(options)) {}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::start() {
  std::lock_guard<std::mutex> lock(mu_);
  workers_.resize(static_cast<std::size_t>(opt_.workers));
  for (std::size_t i = 0; i < workers_.size(); ++i) spawn(workers_[i], static_cast<int>(i));
  thread_ = std::thread([this] { run(); });
  log().information("started " + std::to_string(opt_.workers) + " render workers (" +
                    (have_wkhtmltox() ? "libwkhtmltox" : "wkhtmltopdf CLI") + ", job timeout " +
                    std::to_string(opt_.job_timeout_seconds) + " s)");
}

std::vector<pid_t> WorkerPool::pids() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<pid_t> out;
  for (const auto& w : workers_)
    if (w.pid > 0) out.push_back(w.pid);
  return out;
}

void WorkerPool::spawn(Worker& w, int slot) {
  char host[64] = {};
  gethostname(host, sizeof host - 1);
  const int quick_deaths = w.quick_deaths;
  w = Worker{};
  w.quick_deaths = quick_deaths;
  w.id = std::string(host) + ":" + std::to_string(getpid()) + ":" + std::to_string(slot) + ":" +
         std::to_string(++generation_);
  // Everything the child needs is built before fork (only async-signal-safe calls after it).
  std::vector<std::string> args = {opt_.program};
  args.insert(args.end(), opt_.args.begin(), opt_.args.end());
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) env.emplace_back(*e);
  for (const auto& [k, v] : opt_.env) env.push_back(k + "=" + v);
  env.push_back("KIEMDIEM_WORKER_ID=" + w.id);
  env.push_back("KIEMDIEM_STATUS_FD=" + std::to_string(kStatusFd));
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe2: " + std::string(strerror(errno)));
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    close(fds[0]);
    close(fds[1]);
    throw std::runtime_error("pipe2: " + std::string(strerror(errno)));
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork: " + std::string(strerror(errno)));
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);  // serve blocks SIGINT/SIGTERM for sigwait
    dup2(fds[1], kStatusFd);                   // dup2 clears O_CLOEXEC on the copy
    dup2(out[1], STDOUT_FILENO);
    dup2(out[1], STDERR_FILENO);
    // Nothing else of the server's reaches the worker: not its listening socket, not its
    // database connections (close_range is a plain system call, safe after fork).
    if (close_range(kStatusFd + 1, ~0U, 0) != 0)
      for (int fd = kStatusFd + 1; fd < 4096; ++fd) close(fd);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(fds[1]);
  close(out[1]);
  fcntl(fds[0], F_SETFL, O_NONBLOCK);
  fcntl(out[0], F_SETFL, O_NONBLOCK);
  w.pid = pid;
  w.fd = fds[0];
  w.out_fd = out[0];
  w.spawned = std::chrono::steady_clock::now();
  ++started_;
}

void WorkerPool::read_status(Worker& w) {
  char buf[512];
  for (;;) {
    const ssize_t n = read(w.fd, buf, sizeof buf);
    if (n <= 0) break;
    w.pending.append(buf, static_cast<std::size_t>(n));
  }
  std::size_t nl;
  while ((nl = w.pending.find('\n')) != std::string::npos) {
    const std::string line = w.pending.substr(0, nl);
    w.pending.erase(0, nl + 1);
    if (line.rfind("job ", 0) == 0) {
      w.job = std::stol(line.substr(4));
      w.job_started = std::chrono::steady_clock::now();
    } else if (line == "idle") {
      w.job = 0;
    }
  }
}

void WorkerPool::read_output(Worker& w, bool flush) {
  if (w.out_fd < 0) return;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(w.out_fd, buf, sizeof buf);
    if (n <= 0) break;
    w.output.append(buf, static_cast<std::size_t>(n));
  }
  const auto emit = [&](const std::string& line) {
    if (kd::logging::is_formatted_record(line)) {
      kd::logging::write_line(line);  // the worker's own record, already tagged
    } else if (!line.empty()) {
      log().information("render worker " + std::to_string(w.pid) +
                        " wrote: " + kd::text::escape_for_log(line));
    }
  };
  std::size_t nl;
  while ((nl = w.output.find('\n')) != std::string::npos || w.output.size() > kMaxOutputLine) {
    const std::size_t cut = nl == std::string::npos ? kMaxOutputLine : nl;
    emit(w.output.substr(0, cut));
    w.output.erase(0, nl == std::string::npos ? cut : cut + 1);
  }
  if (flush && !w.output.empty()) {
    emit(w.output);
    w.output.clear();
  }
}

void WorkerPool::reap(Worker& w, int status) {
  // How long the process lived is measured now, before giving its jobs back (a database
  // call that may take long, or fail while the database is away).
  const auto now = std::chrono::steady_clock::now();
  read_status(w);
  read_output(w, true);
  close(w.fd);
  close(w.out_fd);
  w.out_fd = -1;
  const std::string reason =
      w.timed_out ? "quá thời gian tạo văn bản (" + std::to_string(opt_.job_timeout_seconds) +
                        " giây): tiến trình bị dừng, sẽ thử lại"
                  : "tiến trình tạo văn bản dừng đột ngột (" + exit_text(status) + "), sẽ thử lại";
  try {
    const auto released =
        documents_.release_worker_jobs(w.id, reason, opt_.backoff_seconds, opt_.max_attempts);
    for (const auto id : released)
      log().warning("render job " + std::to_string(id) + " given back: " + reason);
  } catch (const std::exception& e) {
    log().error("giving back the jobs of worker " + w.id + ": " + e.what() +
                " (their lease will expire)");
  }
  const bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0 && !w.timed_out;
  // Recycled, killed over a hung job, or up long enough: the process itself was sound.
  if (clean || w.timed_out || now - w.spawned >= opt_.respawn_stable) {
    w.quick_deaths = 0;
    w.respawn_at = now;
  } else {
    ++w.quick_deaths;
    auto delay = opt_.respawn_initial;
    for (int i = 1; i < w.quick_deaths && delay < opt_.respawn_max; ++i) delay *= 2;
    delay = std::min(delay, opt_.respawn_max);
    w.respawn_at = now + delay;
    log().warning(
        "render worker " + std::to_string(w.pid) + " ended after " +
        std::to_string(
            std::chrono::duration_cast<std::chrono::milliseconds>(now - w.spawned).count()) +
        " ms: " + exit_text(status) + " (" + std::to_string(w.quick_deaths) +
        " in a row); next start in " + std::to_string(delay.count()) + " ms");
  }
  if (!clean && w.quick_deaths == 0)
    log().warning("render worker " + std::to_string(w.pid) + " ended: " + exit_text(status));
  w.pid = -1;
  w.fd = -1;
}

void WorkerPool::run() {
  using clock = std::chrono::steady_clock;
  while (!stopping_) {
    std::vector<pollfd> fds;
    auto wake = clock::now() + std::chrono::milliseconds(100);
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (const auto& w : workers_) {
        if (w.fd >= 0) fds.push_back({w.fd, POLLIN, 0});
        if (w.pid < 0) wake = std::min(wake, w.respawn_at);  // a restart falls due
        if (w.out_fd >= 0) fds.push_back({w.out_fd, POLLIN, 0});
      }
    }
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(wake - clock::now());
    poll(fds.data(), fds.size(), static_cast<int>(std::max<long long>(0, wait.count())));
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) break;
    const auto now = clock::now();
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      auto& w = workers_[i];
      if (w.pid > 0) {
        read_status(w);
        read_output(w, false);
        if (w.job != 0 && !w.timed_out &&
            now - w.job_started > std::chrono::seconds(opt_.job_timeout_seconds)) {
          log().warning("render worker " + std::to_string(w.pid) + " exceeded " +
                        std::to_string(opt_.job_timeout_seconds) + " s on job " +
                        std::to_string(w.job) + ": killing it");
          w.timed_out = true;
          ++killed_on_timeout_;
          kill(w.pid, SIGKILL);
        }
        int status = 0;
        if (waitpid(w.pid, &status, WNOHANG) == w.pid) reap(w, status);
      }
      // A worker that keeps dying is restarted later and later (reap sets respawn_at).
      if (w.pid < 0 && now >= w.respawn_at) {
        try {
          spawn(w, static_cast<int>(i));
        } catch (const std::exception& e) {
          log().error(std::string("starting a render worker: ") + e.what());
        }
      }
    }
  }
}

void WorkerPool::stop() {
  if (stopping_.exchange(true)) return;
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& w : workers_)
    if (w.pid > 0) kill(w.pid, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  for (auto& w : workers_) {
    while (w.pid > 0) {
      int status = 0;
      if (waitpid(w.pid, &status, WNOHANG) == w.pid) {
        reap(w, status);
        break;
      }
      if (std::chrono::steady_clock::now() > deadline) {
        kill(w.pid, SIGKILL);
        waitpid(w.pid, &status, 0);
        reap(w, status);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  log().information("render workers stopped");
}

}  // namespace kd::documents
