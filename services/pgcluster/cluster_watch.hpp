// Keeps the embedded cluster up while `serve` runs. PostgreSQL restarts its own backends
// after one crashes, but nothing restarts the postmaster itself once it is gone (killed,
// OOM, `pg_ctl stop -m immediate` by an operator): the API would answer 503 for ever. The
// watch checks the postmaster every `interval`; when it is gone it logs what happened,
// starts the server again (crash recovery replays the WAL, so every committed transaction
// is kept) and logs how long the database was away. When the server does not come back
// after `attempts` tries, it logs why and calls `on_lost`, so that the program can exit
// non-zero and let its own supervisor (systemd, a container runtime) restart it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "services/pgcluster/cluster.hpp"

namespace kd::pg {

struct WatchOptions {
  std::chrono::milliseconds interval{500};
  int attempts = 3;                             // restarts tried before giving up
  std::chrono::milliseconds retry_pause{2000};  // between two failed attempts
};

class ClusterWatch {
 public:
  ClusterWatch(Cluster& cluster, WatchOptions options, std::function<void()> on_lost);
  ~ClusterWatch();  // stop()
  ClusterWatch(const ClusterWatch&) = delete;
  ClusterWatch& operator=(const ClusterWatch&) = delete;

  void start();
  // Returns once the watch thread has ended (a restart under way is finished first); the
  // cluster may then be stopped.
  void stop();

  int restarts() const { return restarts_; }

 private:
  void run();
  bool wait(std::chrono::milliseconds);  // false when stopping
  bool bring_back();

  Cluster& cluster_;
  WatchOptions opt_;
  std::function<void()> on_lost_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::atomic<int> restarts_{0};
};

}  // namespace kd::pg
