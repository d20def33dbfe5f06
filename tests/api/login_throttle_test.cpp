// Password guessing is slowed down: after auth.login_account_failures failures for one
// account name the next logins — even with the right password — are refused with 429,
// Retry-After and a Vietnamese message, doubling at each further failure; after
// auth.login_address_failures failures from one address, every name from it is refused while
// other addresses still log in; an unknown name is treated exactly like an existing one
// (same answers, same Retry-After, similar time), and a successful login clears its name.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <vector>

#include <Poco/JSON/Parser.h>

#include "services/api/passwords.hpp"
#include "tests/api/api_fixture.hpp"
#include "tests/support/raw_client.hpp"

namespace kd::api::testing {
namespace {

using namespace ::kd::testing;  // raw sockets (tests/support/raw_client.hpp)

using namespace std::chrono_literals;

std::string login_body(const std::string& user, const std::string& password) {
  return R"({"username":")" + user + R"(","password":")" + password + R"("})";
}

class LoginThrottling : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    settings_.login_account_failures = 3;
    settings_.login_address_failures = 8;
    settings_.login_delay_seconds = 60;
    settings_.login_max_delay_seconds = 3600;
    restart_server();
  }

  HttpResult login(const std::string& user, const std::string& password) {
    return call("POST", "/api/v1/auth/login", login_body(user, password));
  }

  // A login from another client address (127.0.0.N), over a raw socket.
  std::string login_from(const std::string& source, const std::string& user,
                         const std::string& password) {
    const int fd = connect_from(source, server_->port());
    if (fd < 0) return {};
    const std::string body = login_body(user, password);
    send_all(fd,
             "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
             "Content-Type: application/json\r\nContent-Length: " +
                 std::to_string(body.size()) + "\r\n\r\n" + body);
    const auto answer = read_until_closed(fd, 10s);
    ::close(fd);
    return status_line(answer);
  }

  // The problem without what differs between two requests anyway.
  static std::string comparable(const HttpResult& r) {
    auto o = r.json();
    o->remove("request_id");
    std::ostringstream s;
    o->stringify(s);
    return s.str();
  }
};

TEST_F(LoginThrottling, AnAccountIsSlowedAfterItsFailuresEvenWithTheRightPassword) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(login("an", "sai-" + std::to_string(i)).status, 401);
  const auto refused = login("an", kPassword);
  ASSERT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(refused.header("Retry-After"), "60");
  const auto o = refused.json();
  EXPECT_EQ(o->getValue<std::string>("code"), "too_many_login_attempts");
  EXPECT_EQ(o->getValue<std::string>("detail"),
            "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 60 giây.");
  EXPECT_EQ(o->getValue<std::string>("title"), "Quá nhiều yêu cầu");
  // Another account from the same address is not affected.
  EXPECT_EQ(login("binh", kPassword).status, 200);
}

TEST_F(LoginThrottling, AnUnknownNameGetsExactlyTheSameAnswers) {
  std::vector<HttpResult> known, unknown;
  for (int i = 0; i < 5; ++i) {
    known.push_back(login("chi", "sai"));
    unknown.push_back(login("khong-ton-tai", "sai"));
  }
  for (int i = 0; i < 5; ++i) {
    SCOPED_TRACE("attempt " + std::to_string(i + 1));
    EXPECT_EQ(known[i].status, unknown[i].status);
    EXPECT_EQ(known[i].header("Retry-After"), unknown[i].header("Retry-After"));
    EXPECT_EQ(comparable(known[i]), comparable(unknown[i]));
  }
  EXPECT_EQ(known[2].status, 401);
  EXPECT_EQ(known[3].status, 429);
  EXPECT_EQ(known[3].header("Retry-After"), "60");

  // Refusals take the same time for both: neither looks at a password or an account.
  const auto median_ms = [&](const std::string& user) {
    std::vector<long long> ms;
    for (int i = 0; i < 9; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      EXPECT_EQ(login(user, kPassword).status, 429);
      ms.push_back(std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::steady_clock::now() - t0)
                       .count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2] / 1000.0;
  };
  const double known_ms = median_ms("chi");
  const double unknown_ms = median_ms("khong-ton-tai");
  EXPECT_NEAR(known_ms, unknown_ms, 20.0 + 0.5 * std::max(known_ms, unknown_ms))
      << "median 429 for an account " << known_ms << " ms, for an unknown name " << unknown_ms
      << " ms";
}

TEST_F(LoginThrottling, AWrongPasswordTakesAsLongForAnUnknownName) {
  // An account hashed at the cost real accounts use (the fixture's are hashed cheaply).
  store_->create_account(em_, "em.that", hash_password(kPassword));
  const auto median_ms = [&](const std::string& user) {
    std::vector<long long> ms;
    for (int i = 0; i < 3; ++i) {  // under the limit: every one is checked
      const auto t0 = std::chrono::steady_clock::now();
      EXPECT_EQ(login(user, "sai").status, 401);
      ms.push_back(std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::steady_clock::now() - t0)
                       .count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[1] / 1000.0;
  };
  const double known_ms = median_ms("em.that");
  const double unknown_ms = median_ms("khong.co.ai");
  EXPECT_NEAR(known_ms, unknown_ms, 0.5 * std::max(known_ms, unknown_ms))
      << "median 401 for an account " << known_ms << " ms, for an unknown name " << unknown_ms
      << " ms";
}

TEST_F(LoginThrottling, TheDelayDoublesWithEachFurtherFailure) {
  // Each refused attempt is not a failure (the password is not looked at); the runs are
  // counted in the database, so the counts are set there to stand for attempts made after
  // each delay expired.
  for (int i = 0; i < 3; ++i) login("dung", "sai");
  EXPECT_EQ(login("dung", "sai").header("Retry-After"), "60");
  pqxx::connection c(pool_->url());
  {
    pqxx::work w(c);
    w.exec("UPDATE login_failures SET blocked_until = NULL WHERE scope = 'account'");
    w.commit();
  }
  EXPECT_EQ(login("dung", "sai").status, 401);  // the 4th failure
  EXPECT_EQ(login("dung", kPassword).header("Retry-After"), "120");
  {
    pqxx::work w(c);
    w.exec("UPDATE login_failures SET blocked_until = NULL, failures = 12 WHERE scope = 'account'");
    w.commit();
  }
  EXPECT_EQ(login("dung", "sai").status, 401);  // the 13th: capped at the maximum
  const auto capped = login("dung", kPassword);
  EXPECT_EQ(capped.header("Retry-After"), "3600");
  EXPECT_EQ(capped.json()->getValue<std::string>("detail"),
            "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 1 giờ.");
}

TEST_F(LoginThrottling, AnAddressIsSlowedAcrossNamesAndOthersStillLogIn) {
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(login_from("127.0.0.9", "ten-" + std::to_string(i), "sai"),
              "HTTP/1.1 401 Unauthorized");
  EXPECT_EQ(login_from("127.0.0.9", "em", kPassword), "HTTP/1.1 429 Too Many Requests");
  EXPECT_EQ(login_from("127.0.0.10", "em", kPassword), "HTTP/1.1 200 OK");
}

TEST_F(LoginThrottling, ASuccessfulLoginForgetsTheNamesFailures) {
  EXPECT_EQ(login("khanh", "sai").status, 401);
  EXPECT_EQ(login("khanh", "sai").status, 401);
  EXPECT_EQ(login("khanh", kPassword).status, 200);
  EXPECT_EQ(login("khanh", "sai").status, 401);
  EXPECT_EQ(login("khanh", "sai").status, 401);
  EXPECT_EQ(login("khanh", kPassword).status, 200);  // two failures again, not four
}

}  // namespace
}  // namespace kd::api::testing
