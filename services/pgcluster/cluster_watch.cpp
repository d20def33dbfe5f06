#include "services/pgcluster/cluster_watch.hpp"

#include <Poco/Logger.h>

#include <string>

namespace kd::pg {
namespace {

Poco::Logger& log() { return Poco::Logger::get("kd.pgcluster"); }

long long ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               t0)
      .count();
}

}  // namespace

ClusterWatch::ClusterWatch(Cluster& cluster, WatchOptions options, std::function<void()> on_lost)
    : cluster_(cluster), opt_(options), on_lost_(std::move(on_lost)) {}

ClusterWatch::~ClusterWatch() { stop(); }

void ClusterWatch::start() {
  thread_ = std::thread([this] { run(); });
}

void ClusterWatch::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool ClusterWatch::wait(std::chrono::milliseconds d) {
  std::unique_lock<std::mutex> lock(mu_);
  return !cv_.wait_for(lock, d, [this] { return stopping_; });
}

void ClusterWatch::run() {
  while (wait(opt_.interval)) {
    if (cluster_.alive()) continue;
    if (!bring_back()) {
      if (on_lost_) on_lost_();
      return;
    }
  }
}

bool ClusterWatch::bring_back() {
  const auto t0 = std::chrono::steady_clock::now();
  log().error("the embedded PostgreSQL server in " + cluster_.dir() +
              " has stopped without kiemdiem stopping it (killed, crashed or stopped by "
              "hand); requests that need the database answer 503 until it is back; restarting "
              "it");
  for (int attempt = 1; attempt <= opt_.attempts; ++attempt) {
    try {
      cluster_.recover();
      ++restarts_;
      log().warning("the embedded PostgreSQL server is running again (restarted in " +
                    std::to_string(ms_since(t0)) + " ms, attempt " + std::to_string(attempt) +
                    " of " + std::to_string(opt_.attempts) +
                    "); committed data was recovered from its write-ahead log");
      return true;
    } catch (const std::exception& e) {
      log().error("restarting the embedded PostgreSQL server, attempt " + std::to_string(attempt) +
                  " of " + std::to_string(opt_.attempts) + ", failed: " + e.what());
    }
    if (attempt < opt_.attempts && !wait(opt_.retry_pause)) return true;  // stopping anyway
  }
  log().critical("the embedded PostgreSQL server in " + cluster_.dir() +
                 " could not be restarted (" + std::to_string(opt_.attempts) + " attempts in " +
                 std::to_string(ms_since(t0)) +
                 " ms); stopping so that a supervisor can restart kiemdiem");
  return false;
}

}  // namespace kd::pg
