// Supervision of the render worker processes, run by `kiemdiem serve`: starts `workers`
// processes (`kiemdiem render-worker`), learns from each one's status pipe which job it holds,
// kills (SIGKILL) a worker whose job runs past the timeout, and whenever a worker is gone
// (killed, crashed, recycled) gives its jobs back to the queue with backoff — or marks them
// failed with the reason after the last attempt — and starts a fresh process in its place.
// A worker that dies young (it cannot reach the database, its binary is broken) is replaced
// after a delay that doubles with each such death in a row, from `respawn_initial` up to
// `respawn_max`; one that stayed up `respawn_stable` (or was recycled or killed for a hung
// job) is replaced at once and its slot's delay starts over.
// Workers die with the supervisor (PR_SET_PDEATHSIG); a claim left by a supervisor that died
// itself is taken again after its lease expires. A worker's stdout and stderr are a pipe the
// supervisor reads line by line: its log records (tagged with its pid) are written whole into
// the server's log, and anything else it prints (a library's warning) becomes one record of
// the supervisor, escaped and prefixed with the worker's pid, so lines never mix.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "services/storage/document_store.hpp"

namespace kd::documents {

struct PoolOptions {
  int workers = 2;
  int job_timeout_seconds = 60;
  double backoff_seconds = 2;
  int max_attempts = 3;
  std::chrono::milliseconds respawn_initial{1000};
  std::chrono::milliseconds respawn_max{30000};
  std::chrono::milliseconds respawn_stable{30000};
  std::string program;                                   // the kiemdiem executable
  std::vector<std::string> args;                         // e.g. {"--config", F, "render-worker"}
  std::vector<std::pair<std::string, std::string>> env;  // added to the environment
};

class WorkerPool {
 public:
  WorkerPool(kd::storage::DocumentStore& documents, PoolOptions options);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void start();
  // SIGTERM to every worker, up to 5 s to finish the job in hand, then SIGKILL.
  void stop();

  std::vector<pid_t> pids() const;
  int started() const { return started_; }
  int killed_on_timeout() const { return killed_on_timeout_; }

 private:
  struct Worker {
    pid_t pid = -1;
    int fd = -1;      // read end of its status pipe
    int out_fd = -1;  // read end of its stdout and stderr
    std::string id;
    long job = 0;  // the job in hand (0: idle)
    std::chrono::steady_clock::time_point job_started;
    std::chrono::steady_clock::time_point spawned;
    bool timed_out = false;
    std::string pending;  // partial status line
    // The slot's respawn backoff (kept across the processes of the slot).
    int quick_deaths = 0;  // deaths in a row of workers that did not stay up
    std::chrono::steady_clock::time_point respawn_at;
    std::string output;  // partial line of its stdout/stderr
  };
  void run();
  void spawn(Worker&, int slot);
  void read_status(Worker&);
  // Reads what the worker printed and logs every complete line (`flush`: the rest too).
  void read_output(Worker&, bool flush);
  void reap(Worker&, int status);

  kd::storage::DocumentStore& documents_;
  PoolOptions opt_;
  std::vector<Worker> workers_;
  mutable std::mutex mu_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> started_{0};
  std::atomic<int> killed_on_timeout_{0};
  int generation_ = 0;
};

}  // namespace kd::documents
