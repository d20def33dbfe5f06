// Two real `kiemdiem serve` processes on one database, each with its scheduler on a
// 5-second interval and the local SMTP sink as relay, by the real clock: the fixture's
// reviews are overdue (self-assessment due 20/11/2026), so escalations to the heads and
// to the supervisor are due now. Each expected message arrives exactly once (headers,
// RFC 2047 subject, recipients parsed back), both instances scan, and killing one with
// SIGKILL and starting it again sends nothing twice.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <pqxx/pqxx>

#include "tests/integration/tracking/smtp_sink.hpp"
#include "tests/integration/tracking/tracking_world.hpp"
#include "tests/support/serve_process.hpp"

namespace kd::tracking::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

using kd::testing::ServeProcess;

bool wait_for(const std::function<bool()>& done, std::chrono::seconds limit) {
  return kd::testing::wait_until(done, limit);
}

class TwoServersTest : public TrackingWorld {
 protected:
  void SetUp() override {
    TrackingWorld::SetUp();
    dir_ = fs::temp_directory_path() / ("kd-two-servers-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    config_ = dir_ / "kiemdiem.properties";
    const std::string src = KD_SOURCE_DIR;
    std::ofstream(config_) << "http.host = 127.0.0.1\n"
                           << "http.port = 0\n"
                           << "database.url = " << url_ << "\n"
                           << "database.pool_size = 4\n"
                           << "data.dir = " << (dir_ / "var").string() << "\n"
                           << "regimes.dir = " << src << "/config/regimes\n"
                           << "templates.dir = " << src << "/templates\n"
                           << "web.root = " << src << "/web\n"
                           << "holidays.dir = " << src << "/config/holidays\n"
                           << "render.workers = 0\n"
                           << "tracking.scheduler = true\n"
                           << "tracking.interval_seconds = 5\n"
                           << "tracking.stalled_working_days = 5\n"
                           << "tracking.reminder_working_days = 2\n"
                           << "tracking.supervisor_after_working_days = 3\n"
                           << "smtp.host = 127.0.0.1\n"
                           << "smtp.port = " << sink_.port() << "\n"
                           << "smtp.from = kiemdiem@so.test\n"
                           << "smtp.timeout_seconds = 5\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  long count(const std::string& query) {
    pqxx::connection c(url_);
    pqxx::read_transaction t(c);
    return t.exec1(query)[0].as<long>();
  }
  // Scans recorded by the instance of process `pid` (its name ends in ":<pid>").
  long scans_by(pid_t pid) {
    return count(
        "SELECT count(*) FROM scheduler_runs WHERE instance LIKE '%:" + std::to_string(pid) + "'");
  }
  std::unique_ptr<ServeProcess> start(const std::string& name) {
    auto p = std::make_unique<ServeProcess>(KD_KIEMDIEM, config_, dir_, name);
    const bool up = wait_for(
        [&] { return p->output().find("kiemdiem is running at") != std::string::npos; }, 60s);
    EXPECT_TRUE(up) << name << " did not start:\n" << p->output();
    return p;
  }
  std::map<std::string, int> per_recipient() const {
    std::map<std::string, int> out;
    for (const auto& m : sink_.messages()) {
      for (const auto& r : m.rcpt_to) ++out[r];
    }
    return out;
  }
  void expect_each_once() {
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& m : sink_.messages()) {
      ASSERT_EQ(m.rcpt_to.size(), 1u);
      EXPECT_TRUE(seen.insert({m.rcpt_to[0], m.subject}).second)
          << "sent twice to " << m.rcpt_to[0] << ": " << m.subject;
    }
  }

  SmtpSink sink_;
  fs::path dir_, config_;
};

TEST_F(TwoServersTest, EachEscalationIsSentOnceAcrossTwoServersAndARestart) {
  // The real clock: the fixture's self-assessments were due 20/11/2026, so by today every
  // file is overdue by at least three working days (both escalation levels are due).
  const auto today =
      wf::vietnam_date(wf::TimePoint(std::chrono::duration_cast<std::chrono::seconds>(
          std::chrono::system_clock::now().time_since_epoch())));
  ASSERT_TRUE(calendar_.covers(today.year))
      << "config/holidays has no " << today.year << ": the scheduler would refuse to compute";
  ASSERT_GE(calendar_.working_days_between({2026, 11, 20}, today), 3);

  auto a = start("a");
  auto b = start("b");
  // Start-up names what the shipped calendar does not confirm, year by year.
  EXPECT_NE(a->output().find("holiday calendar 2026 is provisional (not confirmed: 24/11/2026"),
            std::string::npos)
      << a->output();
  EXPECT_NE(a->output().find("holiday calendar 2027 is provisional"), std::string::npos);
  EXPECT_EQ(a->output().find("holiday calendar 2025 is provisional"), std::string::npos);
  // 4 files overdue: Phòng A's head (Chí) for An, Bình and Khánh, the head above (Dũng) for
  // Chí's own; and the supervisor (Giang) for all four.
  const std::map<std::string, int> expected = {
      {"chi@so.test", 3}, {"dung@so.test", 1}, {"giang@so.test", 4}};
  ASSERT_TRUE(wait_for([&] { return sink_.messages().size() >= 8; }, 60s))
      << sink_.messages().size() << " messages\n"
      << a->output() << b->output();
  // Both instances scan (each every 5 s; the advisory lock lets one at a time in).
  ASSERT_TRUE(wait_for([&] { return scans_by(a->pid()) >= 2 && scans_by(b->pid()) >= 2; }, 30s))
      << "a: " << scans_by(a->pid()) << ", b: " << scans_by(b->pid());
  EXPECT_EQ(per_recipient(), expected);
  expect_each_once();

  // What a recipient sees: Vietnamese subjects encoded per RFC 2047, the right people named.
  const int overdue = calendar_.working_days_between({2026, 11, 20}, today);
  std::map<std::string, std::set<std::string>> subjects;
  for (const auto& m : sink_.messages()) {
    EXPECT_NE(m.headers.at("subject").find("=?UTF-8?Q?"), std::string::npos);
    EXPECT_EQ(m.mail_from, "kiemdiem@so.test");
    EXPECT_NE(m.headers.at("content-type").find("charset=UTF-8"), std::string::npos);
    EXPECT_NE(m.to.find("<" + m.rcpt_to[0] + ">"), std::string::npos) << m.to;
    subjects[m.rcpt_to[0]].insert(m.subject);
  }
  auto head = [](const std::string& who) {
    return "[Đánh giá, xếp loại] Quá hạn: hồ sơ của " + who + " ở bước \"Tự đánh giá\"";
  };
  auto supervisor = [&](const std::string& who) {
    return "[Đánh giá, xếp loại] Báo cáo cấp trên: hồ sơ của " + who + " quá hạn " +
           std::to_string(overdue) + " ngày làm việc";
  };
  EXPECT_EQ(
      subjects["chi@so.test"],
      (std::set<std::string>{head("Nguyễn Văn An"), head("Trần Thị Bình"), head("Đỗ Văn Khánh")}));
  EXPECT_EQ(subjects["dung@so.test"], std::set<std::string>{head("Lê Minh Chí")});
  EXPECT_EQ(subjects["giang@so.test"],
            (std::set<std::string>{supervisor("Nguyễn Văn An"), supervisor("Trần Thị Bình"),
                                   supervisor("Lê Minh Chí"), supervisor("Đỗ Văn Khánh")}));
  // Delivered and marked sent before one instance is killed.
  ASSERT_TRUE(wait_for(
      [&] { return count("SELECT count(*) FROM mail_outbox WHERE sent_at IS NOT NULL") == 8; },
      30s));

  // Kill one without warning, start it again, and let both scan a few more times.
  const pid_t old_a = a->pid();
  a->stop(SIGKILL);
  a = start("a2");
  ASSERT_NE(a->pid(), old_a);
  ASSERT_TRUE(wait_for([&] { return scans_by(a->pid()) >= 2; }, 30s)) << a->output();
  ASSERT_TRUE(b->running()) << b->output();
  const long b_scans = scans_by(b->pid());
  ASSERT_TRUE(wait_for([&] { return scans_by(b->pid()) > b_scans; }, 30s));

  EXPECT_EQ(sink_.messages().size(), 8u);
  EXPECT_EQ(per_recipient(), expected);
  expect_each_once();
  EXPECT_EQ(count("SELECT count(*) FROM notifications"), 8);
  EXPECT_EQ(count("SELECT count(*) FROM mail_outbox WHERE sent_at IS NOT NULL"), 8);
  EXPECT_EQ(count("SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL"), 0);
  a->stop(SIGTERM);
  b->stop(SIGTERM);
}

}  // namespace
}  // namespace kd::tracking::testing
