#include "tests/support/test_database.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <stdexcept>
#include <vector>

#include "services/codec/sha256.hpp"
#include "services/pgcluster/cluster.hpp"
#include "services/pgcluster/process.hpp"
#include "services/storage/connection_pool.hpp"
#include "services/storage/migrations.hpp"
#include "services/storage/migrations/migrations_sql.hpp"

#ifndef KD_BUILD_DIR
#define KD_BUILD_DIR "build"
#endif

namespace fs = std::filesystem;

namespace kd::testing {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// Where per-process clusters live: $KIEMDIEM_TEST_PG_DIR, else <build>/test-pg; a place the
// postgres user cannot reach (a checkout under /root) falls back to /tmp.
fs::path clusters_base() {
  std::string base = env("KIEMDIEM_TEST_PG_DIR");
  if (base.empty()) base = std::string(KD_BUILD_DIR) + "/test-pg";
  bool moved = false;
  kd::pg::reachable_cluster_dir(base, &moved);
  const bool too_long = fs::absolute(base).string().size() > 60;
  if (moved || too_long) return "/tmp/kiemdiem-test-pg";
  return fs::absolute(base).lexically_normal();
}

// Clusters of test processes that died without stopping theirs (a crash, a timeout kill).
void sweep_dead_clusters(const fs::path& base) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(base, ec)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const long owner = std::stol(name);
    if (owner != getpid() && (kill(static_cast<pid_t>(owner), 0) == 0 || errno == EPERM)) continue;
    long postmaster = 0;
    std::ifstream(e.path() / "data" / "postmaster.pid") >> postmaster;
    if (kd::pg::detail::is_live_postgres(postmaster)) {
      kill(static_cast<pid_t>(postmaster), SIGQUIT);  // immediate shutdown
      for (int i = 0; i < 50 && kd::pg::detail::is_live_postgres(postmaster); ++i) usleep(100000);
    }
    fs::remove_all(e.path(), ec);
  }
}

std::string sanitize(const std::string& hint) {
  std::string out;
  for (unsigned char c : hint) {
    if (out.size() >= 24) break;
    out += std::isalnum(c) ? static_cast<char>(std::tolower(c)) : '_';
  }
  return out.empty() ? "t" : out;
}

// The URL of `database` on the server of `url` (a URI or a keyword/value string).
std::string with_database(const std::string& url, const std::string& database) {
  for (const std::string scheme : {"postgresql://", "postgres://"}) {
    if (url.rfind(scheme, 0) != 0) continue;
    const auto host_end = url.find_first_of("/?", scheme.size());
    if (host_end == std::string::npos) return url + "/" + database;
    const auto query = url.find('?', host_end);
    return url.substr(0, host_end) + "/" + database +
           (query == std::string::npos ? "" : url.substr(query));
  }
  return url + " dbname=" + database;  // the last dbname wins
}

class Harness;
Harness& harness();

class Harness {
 public:
  // A new empty database (or, with `migrated`, a copy of the migrated template database of
  // this program's migrations) on the shared server or this process's own cluster.
  std::string create(const std::string& hint, bool migrated) {
    std::lock_guard<std::mutex> lock(mu_);
    const std::string name =
        "kd_" + sanitize(hint) + "_" + std::to_string(getpid()) + "_" + std::to_string(++counter_);
    if (server_url_.empty()) {
      server_url_ = env("KIEMDIEM_TEST_DATABASE_URL");
      if (server_url_.empty()) {
        start_cluster();
        server_url_ = cluster_->url_for("postgres");
      }
    }
    pqxx::connection c{server_url_};
    pqxx::nontransaction w{c};
    if (migrated) {
      const std::string tmpl = migrated_template(w, server_url_);
      w.exec0("CREATE DATABASE " + w.quote_name(name) + " TEMPLATE " + w.quote_name(tmpl));
    } else {
      w.exec0("CREATE DATABASE " + w.quote_name(name));
    }
    created_.push_back(name);
    if (!exit_hook_) {
      // Registered only now, after libpqxx's own statics came to life through the queries
      // above: exit handlers run in reverse order, so the drops below still find them alive.
      // (A static Harness would be destroyed after them: use after free under ASan.)
      std::atexit([] { harness().shutdown(); });
      exit_hook_ = true;
    }
    return with_database(server_url_, name);
  }

  void shutdown() {
    std::lock_guard<std::mutex> lock(mu_);
    if (!cluster_) {
      drop_created();  // a shared server outlives this process: leave it as it was
      return;
    }
    try {
      cluster_->stop();
    } catch (...) {
      // Exit path: the next test process sweeps what is left.
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

 private:
  // The migrated template database, made once per server and migration set (under an advisory
  // lock, so concurrent test processes wait for the first), then copied by CREATE DATABASE …
  // TEMPLATE: a test database costs a file copy instead of running every migration.
  static std::string migrated_template(pqxx::nontransaction& w, const std::string& server_url) {
    std::string all;
    for (const auto& m : kd::storage::migrations::kAll) {
      all += std::to_string(m.version) + ":" + std::string(m.sql) + "\n";
    }
    const std::string tmpl = "kd_template_" + kd::codec::sha256_hex(all).substr(0, 16);
    w.exec("SELECT pg_advisory_lock(7236001)");
    try {
      if (w.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", tmpl).empty()) {
        const std::string building = tmpl + "_" + std::to_string(getpid());
        w.exec0("CREATE DATABASE " + w.quote_name(building));
        {
          kd::storage::ConnectionPool pool(with_database(server_url, building), 1);
          kd::storage::migrate(pool);
        }
        w.exec0("ALTER DATABASE " + w.quote_name(building) + " RENAME TO " + w.quote_name(tmpl));
      }
    } catch (...) {
      w.exec("SELECT pg_advisory_unlock(7236001)");
      throw;
    }
    w.exec("SELECT pg_advisory_unlock(7236001)");
    return tmpl;
  }

  void drop_created() {
    if (created_.empty() || server_url_.empty()) return;
    try {
      pqxx::connection c{server_url_};
      pqxx::nontransaction w{c};
      for (const auto& name : created_) {
        w.exec0("DROP DATABASE IF EXISTS " + w.quote_name(name) + " WITH (FORCE)");
      }
    } catch (...) {
      // The server may already be gone (scripts/test stops it at the end of the run).
    }
  }

  void start_cluster() {
    const fs::path base = clusters_base();
    fs::create_directories(base);
    sweep_dead_clusters(base);
    dir_ = base / std::to_string(getpid());
    copy_template(base, dir_ / "data");
    kd::pg::ClusterOptions opt;
    opt.dir = dir_.string();
    opt.fsync = false;
    opt.database = "kiemdiem_test";
    cluster_ = std::make_unique<kd::pg::Cluster>(opt);
    cluster_->start();
  }

  // One initdb per build directory (under a lock); each test process copies its data
  // directory (~0.1 s) instead of running initdb (~0.6 s). Cluster::start fixes ownership.
  static void copy_template(const fs::path& base, const fs::path& data) {
    const fs::path tmpl = base / "template";
    const int fd = open((base / "template.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 || flock(fd, LOCK_EX) != 0)
      throw std::runtime_error("cannot lock the test template");
    try {
      if (!fs::exists(tmpl / "ready")) {
        fs::remove_all(tmpl);
        kd::pg::ClusterOptions opt;
        opt.dir = tmpl.string();
        opt.fsync = false;
        opt.database = "kiemdiem_test";
        kd::pg::Cluster cluster(opt);
        cluster.start();
        cluster.stop();
        std::ofstream(tmpl / "ready") << "initdb done\n";
      }
      fs::create_directories(data.parent_path());
      fs::copy(tmpl / "data", data, fs::copy_options::recursive);
    } catch (...) {
      close(fd);
      throw;
    }
    close(fd);
  }

  std::mutex mu_;
  int counter_ = 0;
  std::string server_url_;
  std::vector<std::string> created_;
  bool exit_hook_ = false;
  fs::path dir_;
  std::unique_ptr<kd::pg::Cluster> cluster_;
};

Harness& harness() {
  // Never destroyed: shutdown() runs from an exit handler registered at the first database.
  static Harness* const h = new Harness;
  return *h;
}

}  // namespace

std::string fresh_database_url(const std::string& name_hint) {
  return harness().create(name_hint, false);
}

std::string migrated_database_url(const std::string& name_hint) {
  return harness().create(name_hint, true);
}

}  // namespace kd::testing
