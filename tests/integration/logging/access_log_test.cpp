// The log of a real `kiemdiem serve` process: a request whose path holds %0a, %0d and an
// ESC sequence, and whose User-Agent holds ESC, BEL and DEL, produces exactly one access line,
// with all of them escaped — no forged line, no raw control byte anywhere in the log.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/support/raw_client.hpp"
#include "tests/support/test_database.hpp"

namespace kd::logging::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ServeLog : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kd-serve-log-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const std::string src = KD_SOURCE_DIR;
    config_ = dir_ / "kiemdiem.properties";
    std::ofstream(config_) << "http.host = 127.0.0.1\n"
                           << "http.port = 0\n"
                           << "database.url = " << kd::testing::migrated_database_url("log") << "\n"
                           << "data.dir = " << (dir_ / "var").string() << "\n"
                           << "regimes.dir = " << src << "/config/regimes\n"
                           << "templates.dir = " << src << "/templates\n"
                           << "web.root = " << src << "/web\n"
                           << "holidays.dir = " << src << "/config/holidays\n"
                           << "render.workers = 1\n"
                           << "tracking.scheduler = false\n";
  }
  void TearDown() override {
    stop();
    fs::remove_all(dir_);
  }

  // Starts `kiemdiem serve` and returns its port (0 when it did not start).
  int start() {
    out_ = dir_ / "serve.out";
    err_ = dir_ / "serve.err";
    pid_ = ::fork();
    if (pid_ == 0) {
      std::FILE* o = std::freopen(out_.c_str(), "w", stdout);
      std::FILE* e = std::freopen(err_.c_str(), "w", stderr);
      (void)o;
      (void)e;
      ::execl(KD_KIEMDIEM, KD_KIEMDIEM, "--config", config_.c_str(), "serve",
              static_cast<char*>(nullptr));
      std::_Exit(127);
    }
    const std::string marker = "kiemdiem is running at http://127.0.0.1:";
    for (int i = 0; i < 600; ++i) {
      const auto text = read_file(out_);
      const auto at = text.find(marker);
      if (at != std::string::npos) return std::stoi(text.substr(at + marker.size()));
      std::this_thread::sleep_for(100ms);
    }
    return 0;
  }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  std::string log() const { return read_file(err_); }

  fs::path dir_, config_, out_, err_;
  pid_t pid_ = -1;
};

TEST_F(ServeLog, ControlCharactersInAPathAndAHeaderMakeOneEscapedLine) {
  const int port = start();
  ASSERT_GT(port, 0) << read_file(out_) << log();
  const std::string answer = kd::testing::raw_exchange(
      port,
      "GET /api/v1/x%0a2026-01-01%2000:00:00.000+07:00%20[information]%20kd.api:%20FORGED%0d"
      "%1b[2J HTTP/1.1\r\nHost: x\r\nX-Request-Id: logline42\r\n"
      "User-Agent: evil\x1b[31m\x07\x7f agent\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(kd::testing::status_line(answer), "HTTP/1.1 404 Not Found") << answer;
  stop();

  const std::string text = log();
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.find("logline42") != std::string::npos || line.find("FORGED") != std::string::npos)
      lines.push_back(line);
  ASSERT_EQ(lines.size(), 1u) << text;
  const std::string& line = lines[0];
  EXPECT_NE(line.find("[information] kd.api: request_id=\"logline42\" method=\"GET\" "
                      "path=\"/api/v1/x\\n2026-01-01 00:00:00.000+07:00 [information] kd.api: "
                      "FORGED\\r\\x1b[2J\" status=404"),
            std::string::npos)
      << line;
  EXPECT_NE(line.find("user_agent=\"evil\\x1b[31m\\x07\\x7f agent\""), std::string::npos) << line;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_TRUE(u >= 0x20 || c == '\n') << "raw control byte " << int(u) << " in the log";
    if (u < 0x20 && c != '\n') break;
  }
}

}  // namespace
}  // namespace kd::logging::test
