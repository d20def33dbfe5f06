// `kiemdiem serve` on its own embedded cluster (a temporary data directory), under load, when
// that cluster is stopped behind its back with `pg_ctl stop -m immediate`: the program brings
// the cluster back and says so, the API answers again, and every transition a client saw
// acknowledged is in the review's events exactly once (clients retry what failed with the
// same Idempotency-Key, as they should). When the cluster cannot come back, `serve` exits
// non-zero so that a supervisor restarts it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/serve_process.hpp"

namespace kd::pg::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using kd::testing::ServeProcess;
using kd::testing::wait_until;

struct Reply {
  int status = 0;  // 0: no answer (connection refused or reset)
  std::string body;
  std::string etag;
  Poco::JSON::Object::Ptr json() const {
    return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
  }
};

Reply call(int port, const std::string& method, const std::string& path, const std::string& body,
           const std::string& token = "",
           const std::vector<std::pair<std::string, std::string>>& headers = {}) {
  Reply r;
  try {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    session.setTimeout(Poco::Timespan(20, 0));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!token.empty()) req.set("Authorization", "Bearer " + token);
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty()) {
      req.setContentType("application/json");
      req.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    session.sendRequest(req) << body;
    Poco::Net::HTTPResponse resp;
    std::istream& in = session.receiveResponse(resp);
    Poco::StreamCopier::copyToString(in, r.body);
    r.status = static_cast<int>(resp.getStatus());
    r.etag = resp.get("ETag", "");
  } catch (const Poco::Exception&) {
    r.status = 0;
  }
  return r;
}

const char* kFormBody =
    R"({"form":{"sections":{)"
    R"("chinh_tri_tu_tuong":"Kiên định lập trường, chấp hành nghiêm chủ trương của Đảng.",)"
    R"("dao_duc_loi_song":"Sống giản dị, trung thực; giữ gìn đoàn kết nội bộ.",)"
    R"("tac_phong_le_loi":"Làm việc khoa học, đúng giờ.",)"
    R"("y_thuc_ky_luat":"Chấp hành nội quy, quy chế của cơ quan.",)"
    R"("ket_qua_nhiem_vu":"Hoàn thành 100% nhiệm vụ được giao.",)"
    R"("thai_do_phuc_vu":"Tận tình hướng dẫn người dân và doanh nghiệp."},)"
    R"("self_rating":"HTT","strengths":"Chủ động.","weaknesses":"Đôi lúc còn chậm."}})";
const char* kReturnBody = R"({"reason":"Bổ sung minh chứng kết quả nhiệm vụ."})";

// One review driven back and forth: its reviewee submits, someone of the meeting returns it.
struct Lane {
  Lane(std::string name, std::string who, std::string by)
      : full_name(std::move(name)), reviewee(std::move(who)), returner(std::move(by)) {}
  std::string full_name;
  std::string reviewee;  // login
  std::string returner;  // login (secretary or chair of the unit)
  long review_id = 0;
  std::vector<int> acknowledged;  // the version each acknowledged transition produced
  int acknowledged_after_stop = 0;
  std::string failure;
};

class ServeRecovery : public ::testing::Test {
 protected:
  void SetUp() override {
    // Short: the cluster's socket path must fit in 107 bytes.
    dir_ = fs::path("/tmp") / ("kd-rec-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    config_ = dir_ / "kiemdiem.properties";
    const std::string src = KD_SOURCE_DIR;
    std::ofstream(config_) << "http.host = 127.0.0.1\n"
                           << "http.port = 0\n"
                           << "data.dir = " << (dir_ / "var").string() << "\n"
                           << "database.pool_size = 6\n"
                           << "regimes.dir = " << src << "/config/regimes\n"
                           << "templates.dir = " << src << "/templates\n"
                           << "web.root = " << src << "/web\n"
                           << "holidays.dir = " << src << "/config/holidays\n"
                           << "render.workers = 1\n"
                           << "tracking.scheduler = false\n"
                           << "log.level = information\n";
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }

  fs::path data_dir() const { return dir_ / "var" / "pg" / "data"; }

  // `pg_ctl stop -m immediate` as the cluster's owner (the postgres user when we are root):
  // the postmaster and every backend stop at once, without a checkpoint (the next start
  // replays the WAL).
  int stop_cluster_immediately() {
    const std::string as_owner = ::geteuid() == 0 ? "runuser -u postgres -- " : "";
    const std::string cmd = as_owner + "/usr/lib/postgresql/15/bin/pg_ctl stop -D '" +
                            data_dir().string() + "' -m immediate -s >/dev/null 2>&1";
    return std::system(cmd.c_str());
  }

  void start_server() {
    server_ = std::make_unique<ServeProcess>(KD_KIEMDIEM, config_, dir_, "serve",
                                             std::vector<std::string>{"serve", "--demo"});
    ASSERT_TRUE(wait_until(
        [&] { return server_->output().find("kiemdiem is running at") != std::string::npos; },
        180s))
        << server_->output();
    std::smatch m;
    const std::string out = server_->output();
    ASSERT_TRUE(std::regex_search(out, m, std::regex("running at http://127\\.0\\.0\\.1:(\\d+)")))
        << out;
    port_ = std::stoi(m[1]);
  }

  std::string login(const std::string& user) {
    const auto r = call(port_, "POST", "/api/v1/auth/login",
                        R"({"username":")" + user + R"(","password":"kiemdiem2026"})");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json()->getValue<std::string>("token") : "";
  }

  long review_of(const std::string& token, const std::string& full_name) {
    const auto campaigns = call(port_, "GET", "/api/v1/campaigns", "", token);
    EXPECT_EQ(campaigns.status, 200) << campaigns.body;
    const long campaign = campaigns.json()->getArray("items")->getObject(0)->getValue<long>("id");
    const auto r =
        call(port_, "GET", "/api/v1/campaigns/" + std::to_string(campaign) + "/reviews?limit=200",
             "", token);
    EXPECT_EQ(r.status, 200) << r.body;
    const auto items = r.json()->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
      const auto item = items->getObject(static_cast<unsigned>(i));
      if (item->getObject("person")->getValue<std::string>("full_name") == full_name)
        return item->getValue<long>("id");
    }
    ADD_FAILURE() << "no review for " << full_name;
    return 0;
  }

  // Drives one lane until `stop`: each transition is sent with its own Idempotency-Key and
  // the version it was read at, and sent again unchanged until the server acknowledges it
  // (any answer but 2xx, or none, is retried: a failed request may or may not have
  // committed, and the key makes the retry safe).
  void drive(Lane& lane, const std::atomic<bool>& stop, const std::atomic<bool>& cluster_stopped) {
    const std::map<std::string, std::string> tokens = {{lane.reviewee, login(lane.reviewee)},
                                                       {lane.returner, login(lane.returner)}};
    const auto first = call(port_, "GET", "/api/v1/reviews/" + std::to_string(lane.review_id), "",
                            tokens.at(lane.reviewee));
    if (first.status != 200) {
      lane.failure = "cannot read the review: " + first.body;
      return;
    }
    int version = first.json()->getValue<int>("version");
    std::string stage = first.json()->getValue<std::string>("stage");
    for (int n = 1; !stop; ++n) {
      const bool submit = stage == "self_assessment";
      const std::string& user = submit ? lane.reviewee : lane.returner;
      const std::string key =
          "recovery-" + std::to_string(lane.review_id) + "-" + std::to_string(n);
      const std::string path = "/api/v1/reviews/" + std::to_string(lane.review_id) + "/actions/" +
                               (submit ? "submit" : "return");
      const auto give_up = Clock::now() + 120s;
      Reply r;
      for (;;) {
        r = call(port_, "POST", path, submit ? kFormBody : kReturnBody, tokens.at(user),
                 {{"If-Match", "\"" + std::to_string(version) + "\""}, {"Idempotency-Key", key}});
        if (r.status / 100 == 2) break;
        if (r.status / 100 == 4) {
          lane.failure = "refused " + std::to_string(r.status) + " (" + key + "): " + r.body;
          return;
        }
        if (Clock::now() > give_up) {
          lane.failure = "no acknowledgment in 120 s for " + key +
                         ", last: " + std::to_string(r.status) + " " + r.body;
          return;
        }
        std::this_thread::sleep_for(100ms);
      }
      const auto o = r.json();
      version = o->getValue<int>("version");
      stage = o->getValue<std::string>("stage");
      lane.acknowledged.push_back(version);
      if (cluster_stopped) ++lane.acknowledged_after_stop;
    }
  }

  fs::path dir_, config_;
  std::unique_ptr<ServeProcess> server_;
  int port_ = 0;
};

TEST_F(ServeRecovery, ClusterStoppedImmediatelyUnderLoadComesBackAndNothingAcknowledgedIsLost) {
  start_server();
  if (HasFatalFailure()) return;
  const std::string giamdoc = login("giamdoc");
  std::vector<Lane> lanes = {
      {"Đỗ Quang Huy", "nhanvien.tccb", "thuky.tccb"},
      {"Dương Văn Toàn", "thuky.ccvc", "truongphong.ccvc"},
      {"Tạ Thị Thùy Linh", "thuky.tt", "chanhthanhtra"},
      {"Vũ Thị Hồng Nhung", "thuky.vp", "chanhvp"},
  };
  for (auto& lane : lanes) lane.review_id = review_of(giamdoc, lane.full_name);

  std::atomic<bool> stop{false}, cluster_stopped{false};
  std::vector<std::thread> threads;
  for (auto& lane : lanes)
    threads.emplace_back([&, l = &lane] { drive(*l, stop, cluster_stopped); });
  auto acknowledged = [&] {
    std::size_t n = 0;
    for (const auto& l : lanes) n += l.acknowledged.size();
    return n;
  };
  ASSERT_TRUE(wait_until([&] { return acknowledged() >= 20; }, 120s)) << server_->output();

  // Under load: stop the cluster the way an operator (or a crash) would.
  const auto stopped_at = Clock::now();
  cluster_stopped = true;
  ASSERT_EQ(stop_cluster_immediately(), 0);
  // The service answers again: every lane gets transitions acknowledged after the stop.
  const bool recovered = wait_until(
      [&] {
        for (const auto& l : lanes)
          if (l.acknowledged_after_stop < 5 || !l.failure.empty()) return false;
        return true;
      },
      120s);
  const auto recovery_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - stopped_at).count();
  stop = true;
  for (auto& t : threads) t.join();
  for (const auto& l : lanes) EXPECT_EQ(l.failure, "") << l.full_name;
  ASSERT_TRUE(recovered) << server_->output();
  RecordProperty("acknowledged_transitions", static_cast<int>(acknowledged()));
  RecordProperty("ms_until_every_lane_answered_five_times", static_cast<int>(recovery_ms));

  // What the log says: what happened, that it restarted, how long it took.
  const std::string log = server_->log();
  EXPECT_NE(log.find("has stopped without kiemdiem stopping it"), std::string::npos) << log;
  EXPECT_TRUE(std::regex_search(
      log, std::regex("PostgreSQL server is running again \\(restarted in \\d+ ms, attempt 1")))
      << log;
  EXPECT_TRUE(server_->running());

  // Every acknowledged transition exactly once: versions follow one another without a gap,
  // and the review's events hold one submit or return per acknowledgment, no more.
  for (const auto& lane : lanes) {
    ASSERT_FALSE(lane.acknowledged.empty()) << lane.full_name;
    for (std::size_t i = 1; i < lane.acknowledged.size(); ++i)
      EXPECT_EQ(lane.acknowledged[i], lane.acknowledged[i - 1] + 1) << lane.full_name;
    const auto events = call(
        port_, "GET", "/api/v1/reviews/" + std::to_string(lane.review_id) + "/events", "", giamdoc);
    ASSERT_EQ(events.status, 200) << events.body;
    const auto items = events.json()->getArray("items");
    std::size_t moves = 0;
    for (std::size_t i = 0; i < items->size(); ++i) {
      const auto action =
          items->getObject(static_cast<unsigned>(i))->getValue<std::string>("action");
      if (action == "submit" || action == "return") ++moves;
    }
    EXPECT_EQ(moves, lane.acknowledged.size()) << lane.full_name;
    const auto review =
        call(port_, "GET", "/api/v1/reviews/" + std::to_string(lane.review_id), "", giamdoc);
    EXPECT_EQ(review.json()->getValue<int>("version"), lane.acknowledged.back()) << lane.full_name;
  }

  // A clean stop, and the audit chains are whole.
  const int status = server_->stop(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  ServeProcess audit(KD_KIEMDIEM, config_, dir_, "audit", {"verify-audit"});
  ASSERT_TRUE(wait_until([&] { return !audit.running(); }, 120s));
  EXPECT_TRUE(WIFEXITED(audit.status()) && WEXITSTATUS(audit.status()) == 0) << audit.output();
}

TEST_F(ServeRecovery, ServeExitsNonZeroWhenItsClusterCannotComeBack) {
  start_server();
  if (HasFatalFailure()) return;
  // The cluster's control file goes away: PostgreSQL cannot start on this directory again.
  fs::rename(data_dir() / "global" / "pg_control", dir_ / "pg_control.away");
  ASSERT_EQ(stop_cluster_immediately(), 0);
  ASSERT_TRUE(wait_until([&] { return !server_->running(); }, 120s)) << server_->output();
  EXPECT_TRUE(WIFEXITED(server_->status())) << server_->status();
  EXPECT_EQ(WEXITSTATUS(server_->status()), 75) << server_->output();
  const std::string log = server_->log();
  EXPECT_NE(log.find("has stopped without kiemdiem stopping it"), std::string::npos) << log;
  EXPECT_NE(log.find("attempt 3 of 3, failed"), std::string::npos) << log;
  EXPECT_NE(log.find("could not be restarted"), std::string::npos) << log;
}

}  // namespace
}  // namespace kd::pg::testing
