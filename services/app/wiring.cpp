#include "services/app/wiring.hpp"

#include <Poco/Logger.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "services/logging/log_setup.hpp"
#include "services/storage/migrations.hpp"

namespace kd::app {
namespace {

Poco::Logger& log() { return Poco::Logger::get("kiemdiem"); }

long long ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               t0)
      .count();
}

}  // namespace

bool CommandLine::wants_help() const {
  for (const auto& a : args)
    if (a == "-h" || a == "--help") return true;
  return false;
}

bool handle_usage(const CommandLine& cl, const std::vector<std::string>& allowed, const char* usage,
                  int* exit_code) {
  if (cl.wants_help()) {
    std::cout << usage;
    *exit_code = 0;
    return true;
  }
  for (const auto& a : cl.args) {
    if (std::find(allowed.begin(), allowed.end(), a) == allowed.end()) {
      std::cerr << "kiemdiem: unexpected argument '" << a << "'\n\n" << usage;
      *exit_code = 2;
      return true;
    }
  }
  return false;
}

bool has_flag(const CommandLine& cl, const std::string& flag) {
  return std::find(cl.args.begin(), cl.args.end(), flag) != cl.args.end();
}

void setup_logging(const std::string& level) { kd::logging::setup(level); }

kd::config::Settings load_and_log(const CommandLine& cl) {
  auto settings = kd::config::load_settings(cl.config_file);
  setup_logging(settings.log_level);
  return settings;
}

std::string embedded_cluster_dir(const kd::config::Settings& s, bool* moved) {
  return kd::pg::reachable_cluster_dir((std::filesystem::path(s.data_dir) / "pg").string(), moved);
}

Database::Database(const kd::config::Settings& s, Running running) {
  url_ = s.database_url;
  if (url_.empty()) {
    bool moved = false;
    kd::pg::ClusterOptions opt;
    opt.dir = embedded_cluster_dir(s, &moved);
    opt.port = s.embedded_port;
    opt.tcp = s.embedded_tcp;
    if (moved) {
      log().warning("the postgres system user cannot reach " + s.data_dir +
                    " (a private parent directory such as /root); the embedded cluster lives in " +
                    opt.dir + " instead");
    }
    const auto t0 = std::chrono::steady_clock::now();
    cluster_ = std::make_unique<kd::pg::Cluster>(opt);
    if (running == Running::share && cluster_->held_elsewhere()) {
      url_ = cluster_->url();
      cluster_.reset();
      log().information("using the embedded PostgreSQL that a running server owns in " + opt.dir);
      pool_ = std::make_unique<kd::storage::ConnectionPool>(url_, s.pool_size);
      return;
    }
    cluster_->start();
    url_ = cluster_->url();
    log().information("embedded PostgreSQL running in " + opt.dir + " (" +
                      std::to_string(ms_since(t0)) + " ms)");
  } else {
    log().information("using the PostgreSQL server at " + redact_url(url_));
  }
  pool_ = std::make_unique<kd::storage::ConnectionPool>(url_, s.pool_size);
}

Database::~Database() {
  try {
    stop();
  } catch (const std::exception& e) {
    log().error(std::string("stopping the database: ") + e.what());
  }
}

kd::storage::MigrationReport Database::migrate() {
  auto report = kd::storage::migrate(*pool_);
  for (const auto& name : report.applied) log().information("applied migration " + name);
  log().information("database schema at version " + std::to_string(report.current_version));
  return report;
}

void Database::stop() {
  pool_.reset();
  if (cluster_ && cluster_->running()) {
    cluster_->stop();
    log().information("embedded PostgreSQL stopped");
  }
}

std::string redact_url(const std::string& url) {
  std::string out = url;
  const auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    const auto at = out.find('@', scheme + 3);
    const auto colon = out.find(':', scheme + 3);
    if (at != std::string::npos && colon != std::string::npos && colon < at)
      out.replace(colon + 1, at - colon - 1, "***");
  }
  for (const std::string key : {"password=", "password%3D"}) {
    auto pos = out.find(key);
    if (pos == std::string::npos) continue;
    pos += key.size();
    const auto end = out.find_first_of(" &", pos);
    out.replace(pos, (end == std::string::npos ? out.size() : end) - pos, "***");
  }
  return out;
}

}  // namespace kd::app
