// Supervision of real `kiemdiem render-worker` processes: a hung job is killed at the timeout
// and retried, a worker killed with SIGKILL mid-job loses no job, two workers never render the
// same job, and a review walked through the five stages gets its documents in order.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "services/documents/worker_pool.hpp"
#include "tests/integration/documents/documents_world.hpp"
#include "tests/integration/documents/pdf_tools.hpp"

namespace kd::documents::test {
namespace {

class WorkerPoolTest : public DocumentsTest {
 protected:
  std::unique_ptr<WorkerPool> start_pool(int workers, int timeout_seconds, int max_attempts,
                                         kd::wf::Id hang_review = 0, int hang_attempts = 0,
                                         int recycle_after = 500, bool testing = true) {
    const auto config = artefact_dir() / ("worker-" + std::to_string(::getpid()) + ".properties");
    std::ofstream(config) << "templates.dir = " << KD_SOURCE_DIR << "/templates\n"
                          << "log.level = warning\n"
                          << "render.retry_seconds = 1\n"
                          << "render.max_attempts = " << max_attempts << "\n"
                          << "render.job_timeout_seconds = " << timeout_seconds << "\n"
                          << "render.recycle_after_jobs = " << recycle_after << "\n"
                          << "testing.enabled = " << (testing ? "true" : "false") << "\n";
    PoolOptions opt;
    opt.workers = workers;
    opt.job_timeout_seconds = timeout_seconds;
    opt.backoff_seconds = 1;
    opt.max_attempts = max_attempts;
    opt.program = KD_KIEMDIEM;
    opt.args = {"--config", config.string(), "render-worker"};
    opt.env = {{"KIEMDIEM_DATABASE_URL", url_},
               {"KIEMDIEM_TEST_HANG_REVIEW", std::to_string(hang_review)},
               {"KIEMDIEM_TEST_HANG_ATTEMPTS", std::to_string(hang_attempts)}};
    auto pool = std::make_unique<WorkerPool>(*documents_, opt);
    pool->start();
    return pool;
  }

  // Waits until `query` counts at least `n` (or the deadline passes); returns the count.
  long wait_for(const std::string& query, long n, int seconds = 60) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    long c = 0;
    while ((c = count(query)) < n && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return c;
  }

  std::string text(const std::string& query) {
    pqxx::connection c(url_);
    pqxx::read_transaction t(c);
    return t.exec1(query)[0].as<std::string>();
  }
};

TEST_F(WorkerPoolTest, AHungJobIsKilledAtTheTimeoutAndRetried) {
  build_world();
  const auto review = review_of(an_);
  auto pool = start_pool(2, 6, 3, review, 1);  // 6 s: room for the retry even under ASan
  ASSERT_EQ(act(review, an_, submit(kd::storage::test::full_form())).status,
            TransitionOutcome::Status::Accepted);
  EXPECT_EQ(wait_for("SELECT count(*) FROM outbox WHERE done_at IS NOT NULL", 1), 1);
  EXPECT_EQ(count("SELECT attempts FROM outbox"), 2);
  EXPECT_EQ(pool->killed_on_timeout(), 1);
  EXPECT_NE(text("SELECT last_error FROM outbox").find("quá thời gian"), std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM documents"), 1);
  EXPECT_EQ(documents_->render_status(review).state, "done");
}

TEST_F(WorkerPoolTest, AJobThatAlwaysHangsEndsFailedWithTheReason) {
  build_world();
  const auto review = review_of(an_);
  auto pool = start_pool(1, 1, 2, review, 99);
  ASSERT_EQ(act(review, an_, submit(kd::storage::test::full_form())).status,
            TransitionOutcome::Status::Accepted);
  EXPECT_EQ(wait_for("SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL", 1), 1);
  const auto status = documents_->render_status(review);
  EXPECT_EQ(status.state, "failed");
  EXPECT_EQ(status.attempts, 2);
  EXPECT_NE(status.last_error.find("quá thời gian"), std::string::npos) << status.last_error;
  EXPECT_EQ(count("SELECT count(*) FROM documents"), 0);
}

TEST_F(WorkerPoolTest, TheHangHookIsIgnoredWithoutTestingEnabled) {
  build_world();
  const auto review = review_of(an_);
  auto pool = start_pool(1, 2, 2, review, 99, 500, /*testing=*/false);
  ASSERT_EQ(act(review, an_, submit(kd::storage::test::full_form())).status,
            TransitionOutcome::Status::Accepted);
  EXPECT_EQ(wait_for("SELECT count(*) FROM outbox WHERE done_at IS NOT NULL", 1, 30), 1);
  EXPECT_EQ(count("SELECT attempts FROM outbox"), 1);
  EXPECT_EQ(pool->killed_on_timeout(), 0);
  EXPECT_EQ(count("SELECT count(*) FROM documents"), 1);
}

TEST_F(WorkerPoolTest, AWorkerKilledMidJobLosesNoJob) {
  build_world();
  const auto review = review_of(an_);
  auto pool = start_pool(1, 60, 3, review, 1);
  ASSERT_EQ(act(review, an_, submit(kd::storage::test::full_form())).status,
            TransitionOutcome::Status::Accepted);
  ASSERT_EQ(wait_for("SELECT count(*) FROM outbox WHERE claimed_by IS NOT NULL", 1), 1);
  EXPECT_EQ(documents_->render_status(review).state, "rendering");
  const auto pids = pool->pids();
  ASSERT_EQ(pids.size(), 1u);
  ASSERT_EQ(::kill(pids[0], SIGKILL), 0);
  EXPECT_EQ(wait_for("SELECT count(*) FROM outbox WHERE done_at IS NOT NULL", 1), 1);
  EXPECT_EQ(count("SELECT attempts FROM outbox"), 2);
  EXPECT_NE(text("SELECT last_error FROM outbox").find("tín hiệu 9"), std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM documents"), 1);
}

// The server's listening socket (and anything else it has open) must not be held by its workers:
// a worker outliving a crashed server would keep the HTTP port busy.
TEST_F(WorkerPoolTest, WorkersInheritNoneOfTheServersFiles) {
  build_world();
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);  // no SOCK_CLOEXEC, as Poco opens them
  ASSERT_GE(listener, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(listener, 4), 0);
  const auto link = [](const std::filesystem::path& p) {
    std::error_code ec;
    const auto target = std::filesystem::read_symlink(p, ec);
    return ec ? std::string() : target.string();
  };
  const std::string socket = link("/proc/self/fd/" + std::to_string(listener));
  ASSERT_EQ(socket.rfind("socket:[", 0), 0u) << socket;

  auto pool = start_pool(1, 60, 3);
  const auto pids = pool->pids();
  ASSERT_EQ(pids.size(), 1u);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // past execve
  std::vector<std::string> held;
  for (const auto& e :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pids[0]) + "/fd"))
    held.push_back(link(e.path()));
  EXPECT_FALSE(held.empty());
  EXPECT_EQ(std::count(held.begin(), held.end(), socket), 0) << socket;
  ::close(listener);
}

TEST_F(WorkerPoolTest, TwoWorkersRenderEveryJobExactlyOnce) {
  build_world(12);
  auto pool = start_pool(2, 60, 3);
  for (const auto person : extra_)
    ASSERT_EQ(act(review_of(person), person, submit(kd::storage::test::full_form())).status,
              TransitionOutcome::Status::Accepted);
  EXPECT_EQ(wait_for("SELECT count(*) FROM outbox WHERE done_at IS NOT NULL", 12), 12);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE attempts <> 1"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM documents"), 12);
  EXPECT_EQ(count("SELECT count(*) FROM documents WHERE version <> 1"), 0);
  EXPECT_EQ(count("SELECT count(DISTINCT claimed_by) FROM outbox"), 0);  // all released
}

TEST_F(WorkerPoolTest, WorkersAreReplacedAfterTheirQuotaOfJobs) {
  build_world(6);
  auto pool = start_pool(1, 60, 3, 0, 0, 2);
  for (const auto person : extra_)
    ASSERT_EQ(act(review_of(person), person, submit(kd::storage::test::full_form())).status,
              TransitionOutcome::Status::Accepted);
  EXPECT_EQ(wait_for("SELECT count(*) FROM outbox WHERE done_at IS NOT NULL", 6), 6);
  EXPECT_GE(pool->started(), 3);  // 6 jobs, 2 per process
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE attempts <> 1"), 0);
}

TEST_F(WorkerPoolTest, FiveStagesYieldTheirDocumentsInOrder) {
  build_world();
  const auto review = review_of(an_);
  auto pool = start_pool(2, 60, 3);
  walk_five_stages(review, kd::storage::test::full_form());
  // Five stages, seven jobs: the decision and the publication each have one job for the
  // review's own document and one for the batch's.
  EXPECT_EQ(wait_for("SELECT count(*) FROM outbox WHERE done_at IS NOT NULL", 7), 7);
  std::vector<std::string> kinds;
  kd::wf::Id last = 0;
  for (const auto& d : documents_->review_documents(review)) {
    EXPECT_GT(d.id, last);
    last = d.id;
    kinds.push_back(d.kind);
  }
  const std::vector<std::string> expected = {
      "self_assessment_form", "meeting_minutes", "opinion_form", "decision",
      "final_form",           "result_notice",   "public_list"};
  EXPECT_EQ(kinds, expected);
  EXPECT_EQ(documents_->render_status(review).state, "done");
}

// A worker that dies as soon as it starts (here a shell that exits at once; in life, a
// database that cannot be reached) is started again later and later, up to the cap; one
// that stays up long enough puts its slot's delay back to the start.
class RespawnBackoffTest : public WorkerPoolTest {
 protected:
  using ms = std::chrono::milliseconds;

  std::unique_ptr<WorkerPool> start_dying(const std::filesystem::path& stay_up_flag) {
    PoolOptions opt;
    opt.workers = 1;
    opt.program = "/bin/sh";
    // Exits at once with status 3, or after 1.5 s while the flag file exists. A worker counts
    // as having stayed up after 1 s: far above what a shell that exits at once lives, even on
    // a loaded machine.
    opt.args = {"-c", "if [ -e '" + stay_up_flag.string() + "' ]; then sleep 1.5; fi; exit 3"};
    opt.respawn_initial = ms(200);
    opt.respawn_max = ms(1600);
    opt.respawn_stable = ms(1000);
    auto pool = std::make_unique<WorkerPool>(*documents_, opt);
    pool->start();
    return pool;
  }

  // The times of the next `n` starts of a worker (polled every 2 ms).
  static std::vector<std::chrono::steady_clock::time_point> next_starts(const WorkerPool& pool,
                                                                        int n) {
    std::vector<std::chrono::steady_clock::time_point> out;
    int seen = pool.started();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (static_cast<int>(out.size()) < n && std::chrono::steady_clock::now() < deadline) {
      if (pool.started() != seen) {
        seen = pool.started();
        out.push_back(std::chrono::steady_clock::now());
      }
      std::this_thread::sleep_for(ms(2));
    }
    return out;
  }

  static std::vector<long> gaps_ms(const std::vector<std::chrono::steady_clock::time_point>& t) {
    std::vector<long> out;
    for (std::size_t i = 1; i < t.size(); ++i)
      out.push_back(std::chrono::duration_cast<ms>(t[i] - t[i - 1]).count());
    return out;
  }
};

TEST_F(RespawnBackoffTest, AWorkerThatKeepsDyingIsRestartedLaterAndLaterUpToTheCap) {
  const auto flag = artefact_dir() / ("stay-up-" + std::to_string(::getpid()));
  std::filesystem::remove(flag);
  auto pool = start_dying(flag);
  // The first worker is started by start(); the next ones after each death, with delays of
  // 200, 400, 800, 1600, 1600, 1600 ms: the gaps between the starts seen here are the delays
  // from 400 ms on, plus the time a shell takes to start and end and to be reaped (up to a
  // few hundred ms on a busy machine).
  const auto starts = next_starts(*pool, 6);
  ASSERT_EQ(starts.size(), 6u);
  const auto gaps = gaps_ms(starts);
  std::string shown;
  for (const auto g : gaps) shown += std::to_string(g) + " ms ";
  RecordProperty("respawn_gaps", shown);
  const long delays[] = {400, 800, 1600, 1600, 1600};
  for (std::size_t i = 0; i < gaps.size(); ++i) EXPECT_GE(gaps[i], delays[i]) << shown;
  for (std::size_t i = 1; i < 3; ++i)
    EXPECT_GT(gaps[i], gaps[i - 1] + 200) << "gap " << i << " did not grow: " << shown;
  for (std::size_t i = 3; i < gaps.size(); ++i)
    EXPECT_LT(gaps[i], 1600 + 700) << "the delay is capped at 1.6 s: " << shown;
  pool->stop();
}

TEST_F(RespawnBackoffTest, AWorkerThatStaysUpStartsItsSlotsDelayOver) {
  const auto flag = artefact_dir() / ("stay-up-" + std::to_string(::getpid()));
  std::filesystem::remove(flag);
  auto pool = start_dying(flag);
  auto gaps = gaps_ms(next_starts(*pool, 4));  // dying young: 400, 800, 1600 ms
  ASSERT_EQ(gaps.size(), 3u);
  EXPECT_GE(gaps[2], 1600);  // the cap is reached
  // Now each worker stays up 1.5 s (longer than respawn_stable): replaced at once, where a
  // worker dying young would wait 1.6 s.
  std::ofstream(flag) << "up\n";
  const auto up = gaps_ms(next_starts(*pool, 4));
  ASSERT_EQ(up.size(), 3u);
  for (std::size_t i = 1; i < up.size(); ++i) {
    EXPECT_GE(up[i], 1450) << "lived 1.5 s";
    EXPECT_LT(up[i], 1500 + 1000) << "a worker that stayed up is replaced without delay";
  }
  // Dying young again: the delay starts over from 200 ms (a worker that started before the
  // flag went may still have seen it), far below the 1.6 s the slot had reached.
  std::filesystem::remove(flag);
  gaps = gaps_ms(next_starts(*pool, 3));
  ASSERT_EQ(gaps.size(), 2u);
  for (const auto g : gaps)
    EXPECT_LT(g, 1400) << "the delay started over after the worker stayed up";
  pool->stop();
}

}  // namespace
}  // namespace kd::documents::test
