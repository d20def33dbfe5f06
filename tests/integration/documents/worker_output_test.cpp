// What render workers print reaches the server's log one whole line per record: two workers
// each printing long lines (6,000 bytes, more than a pipe writes at once) with an ESC
// sequence in them, while the server logs long lines of its own, give exactly the lines they
// printed, each prefixed with the worker's pid and escaped, none cut or mixed with another; a
// line a worker formatted as a record itself passes through as it is.
#include <gtest/gtest.h>
#include <unistd.h>

#include <Poco/Logger.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "services/documents/worker_pool.hpp"
#include "services/logging/log_setup.hpp"
#include "tests/integration/documents/documents_world.hpp"

namespace kd::documents::test {
namespace {

using namespace std::chrono_literals;

// This process's stderr, captured through a pipe while it lives.
class StderrCapture {
 public:
  StderrCapture() {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe");
    saved_ = ::dup(STDERR_FILENO);
    ::dup2(fds[1], STDERR_FILENO);
    ::close(fds[1]);
    reader_ = std::thread([this, fd = fds[0]] {
      char buf[65536];
      for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) break;
        text_.append(buf, static_cast<std::size_t>(n));
      }
      ::close(fd);
    });
  }
  // Restores stderr and returns what was written to it.
  std::string finish() {
    ::dup2(saved_, STDERR_FILENO);  // the pipe's last write end closes: the reader ends
    ::close(saved_);
    reader_.join();
    return text_;
  }

 private:
  int saved_ = -1;
  std::thread reader_;
  std::string text_;
};

class WorkerOutput : public DocumentsTest {};

TEST_F(WorkerOutput, AWorkersLinesComeWholeEscapedAndPrefixed) {
  StderrCapture capture;
  kd::logging::setup("information");
  const std::string payload(6000, 'p');
  PoolOptions opt;
  opt.workers = 2;
  opt.program = "/bin/sh";
  opt.args = {"-c",
              "printf '2026-01-01 10:00:00.000+07:00 [information] kiemdiem.render (worker "
              "%s): ready\\n' $$; i=0; while [ $i -lt 50 ]; do printf 'W%s:%s\\033[31m%s\\n' $$ "
              "$i \"$PAYLOAD\"; i=$((i+1)); done; printf 'no newline at the end'; exec sleep 60"};
  opt.env = {{"PAYLOAD", payload}};
  opt.job_timeout_seconds = 60;
  std::unique_ptr<WorkerPool> pool = std::make_unique<WorkerPool>(*documents_, opt);
  pool->start();
  const auto pids = pool->pids();
  std::thread chatter([] {
    for (int i = 0; i < 100; ++i)
      Poco::Logger::get("kd.api").information("server line " + std::to_string(i) + " " +
                                              std::string(6000, 's'));
  });
  chatter.join();
  std::this_thread::sleep_for(2s);  // the workers have printed everything
  pool->stop();
  pool.reset();
  const std::string text = capture.finish();

  ASSERT_EQ(pids.size(), 2u);
  int worker_lines = 0, server_lines = 0, ready_lines = 0, tails = 0;
  const std::string wrote = "[information] kiemdiem.render: render worker ";
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    SCOPED_TRACE(line.substr(0, 160));
    EXPECT_TRUE(kd::logging::is_formatted_record(line)) << "a line that is not a whole record";
    EXPECT_EQ(line.find('\x1b'), std::string::npos) << "a raw ESC in the log";
    const auto at = line.find(wrote);
    const auto printed = line.find(" wrote: W");
    if (at != std::string::npos && printed != std::string::npos) {
      // "... render worker 4711 wrote: W4711:17\x1b[31mppp...p"
      ++worker_lines;
      const std::string pid = line.substr(at + wrote.size(), printed - at - wrote.size());
      const std::string rest = line.substr(printed + 9);
      EXPECT_EQ(rest.substr(0, pid.size() + 1), pid + ":") << "named by the worker that printed it";
      const auto esc = rest.find("\\x1b[31m");
      ASSERT_NE(esc, std::string::npos);
      EXPECT_EQ(rest.substr(esc + 8), payload);
    } else if (line.find("kd.api: server line ") != std::string::npos) {
      ++server_lines;
      EXPECT_EQ(line.substr(line.find_last_of(' ') + 1), std::string(6000, 's'));
    } else if (line.find("): ready") != std::string::npos) {
      ++ready_lines;
      EXPECT_EQ(
          line.rfind("2026-01-01 10:00:00.000+07:00 [information] kiemdiem.render (worker ", 0),
          0u);
    } else if (line.find("wrote: no newline at the end") != std::string::npos) {
      ++tails;
    }
  }
  EXPECT_EQ(worker_lines, 100);
  EXPECT_EQ(server_lines, 100);
  EXPECT_EQ(ready_lines, 2);
  EXPECT_EQ(tails, 2);  // what a worker printed without a newline is logged when it ends
}

}  // namespace
}  // namespace kd::documents::test
