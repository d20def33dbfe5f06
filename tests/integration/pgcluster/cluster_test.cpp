// The embedded PostgreSQL cluster against the real server binaries.
#include "services/pgcluster/cluster.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <thread>

namespace fs = std::filesystem;
using kd::pg::Cluster;
using kd::pg::ClusterError;
using kd::pg::ClusterOptions;

namespace {

class ClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Short: the socket path must fit in 107 bytes.
    static int n = 0;
    dir_ = fs::path("/tmp/kd-ct") / (std::to_string(getpid()) + "-" + std::to_string(++n));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  ClusterOptions options() const {
    ClusterOptions o;
    o.dir = dir_.string();
    o.fsync = false;
    o.database = "kd_cluster_test";
    return o;
  }
  long postmaster_pid() const {
    long pid = 0;
    std::ifstream(dir_ / "data" / "postmaster.pid") >> pid;
    return pid;
  }

  fs::path dir_;
};

int select_one(const std::string& url) {
  pqxx::connection c{url};
  pqxx::work w{c};
  return w.exec1("SELECT 1")[0].as<int>();
}

}  // namespace

TEST_F(ClusterTest, FirstStartCreatesTheClusterAndAcceptsConnections) {
  Cluster cluster(options());
  const auto t0 = std::chrono::steady_clock::now();
  cluster.start();
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  RecordProperty("first_start_ms", static_cast<int>(ms));
  EXPECT_TRUE(cluster.running());
  EXPECT_TRUE(fs::exists(dir_ / "data" / "PG_VERSION"));
  EXPECT_EQ(select_one(cluster.url()), 1);
  cluster.stop();
  EXPECT_FALSE(cluster.running());
  cluster.stop();  // idempotent
}

TEST_F(ClusterTest, RestartKeepsData) {
  {
    Cluster cluster(options());
    cluster.start();
    pqxx::connection c{cluster.url()};
    pqxx::work w{c};
    w.exec0("CREATE TABLE kept (v text)");
    w.exec0("INSERT INTO kept VALUES ('Nguyễn Văn An')");
    w.commit();
  }  // the destructor stops the server
  Cluster again(options());
  again.start();
  pqxx::connection c{again.url()};
  pqxx::work w{c};
  EXPECT_EQ(w.exec1("SELECT v FROM kept")[0].as<std::string>(), "Nguyễn Văn An");
}

TEST_F(ClusterTest, SecondClusterOnTheSameDirectoryFailsQuicklyWithAClearMessage) {
  Cluster first(options());
  first.start();
  Cluster second(options());
  const auto t0 = std::chrono::steady_clock::now();
  try {
    second.start();
    FAIL() << "a second start on a used directory must fail";
  } catch (const ClusterError& e) {
    const std::string what = e.what();
    EXPECT_NE(
        what.find("already used by a running server, pid " + std::to_string(postmaster_pid())),
        std::string::npos)
        << what;
  }
  const auto elapsed = std::chrono::steady_clock::now() - t0;
  RecordProperty(
      "second_start_error_ms",
      static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()));
  EXPECT_LT(elapsed, std::chrono::seconds(10));
  EXPECT_FALSE(second.running());
  EXPECT_EQ(select_one(first.url()), 1);  // the first one is untouched
}

TEST_F(ClusterTest, StalePostmasterPidAfterACrashIsRecovered) {
  Cluster cluster(options());
  cluster.start();
  const long pid = postmaster_pid();
  ASSERT_GT(pid, 0);
  ASSERT_EQ(kill(static_cast<pid_t>(pid), SIGKILL), 0);
  for (int i = 0; i < 100 && kill(static_cast<pid_t>(pid), 0) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    // A zombie (no reaper in a container) still answers kill(0): stop waiting once
    // /proc says so.
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    if (line.find(") Z") != std::string::npos) break;
  }
  ASSERT_TRUE(fs::exists(dir_ / "data" / "postmaster.pid"));
  cluster.stop();  // nothing to stop: the server is gone

  Cluster recovered(options());
  recovered.start();
  EXPECT_NE(postmaster_pid(), pid);
  EXPECT_EQ(select_one(recovered.url()), 1);
}

TEST_F(ClusterTest, ServerLeftRunningByACrashedOwnerIsTakenOver) {
  // A crashed owner leaves the server up but releases its lock (the kernel drops flocks).
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    Cluster cluster(options());
    cluster.start();
    _exit(0);  // no destructor: the server stays up, as after a crash
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const long orphan = postmaster_pid();
  ASSERT_GT(orphan, 0);

  Cluster cluster(options());
  cluster.start();
  EXPECT_NE(postmaster_pid(), orphan);
  EXPECT_EQ(select_one(cluster.url()), 1);
}

TEST_F(ClusterTest, CreateDatabaseIsIdempotentAndRejectsOddNames) {
  Cluster cluster(options());
  cluster.start();
  cluster.create_database("kd_extra");
  cluster.create_database("kd_extra");
  EXPECT_EQ(select_one(cluster.url_for("kd_extra")), 1);
  EXPECT_THROW(cluster.create_database("x; DROP DATABASE postgres"), ClusterError);
}

TEST(ClusterPaths, APrivateParentDirectoryIsMovedSomewherePostgresCanReach) {
  if (geteuid() != 0) GTEST_SKIP() << "only root switches to the postgres user";
  const fs::path priv = "/tmp/kd-private-" + std::to_string(getpid());
  fs::create_directories(priv);
  fs::permissions(priv, fs::perms::owner_all, fs::perm_options::replace);
  bool moved = false;
  const std::string dir = kd::pg::reachable_cluster_dir((priv / "var/pg").string(), &moved);
  EXPECT_TRUE(moved);
  EXPECT_EQ(dir.rfind("/var/lib/kiemdiem/", 0), 0u) << dir;

  ClusterOptions o;
  o.dir = (priv / "var/pg").string();
  Cluster cluster(o);
  try {
    cluster.start();
    FAIL() << "a directory postgres cannot reach must be refused";
  } catch (const ClusterError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot be reached by the `postgres` system user"),
              std::string::npos)
        << e.what();
  }
  fs::remove_all(priv);
}
