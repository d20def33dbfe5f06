// The HTTP front under abuse, with a real server and plain sockets: 200 clients sending one
// header byte at a time do not stop /healthz or a login from answering within a second, and
// each of them is answered 408 and closed when its whole-request deadline passes even though
// its bytes keep coming; connections per client address are capped (429) while other
// addresses are served; a 10 MB body is answered 413 and the client, having sent all of it,
// reads that answer (no reset); every status line carries the standard reason phrase; and
// every body is valid UTF-8, whatever the path echoed in it.
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>
#include <vector>

#include <Poco/Net/HTTPResponse.h>

#include "services/text/utf8_text.hpp"
#include "tests/api/api_fixture.hpp"
#include "tests/support/raw_client.hpp"

namespace kd::api::testing {
namespace {

using namespace ::kd::testing;  // raw sockets (tests/support/raw_client.hpp)

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::string reason(Poco::Net::HTTPResponse::HTTPStatus status) {
  return Poco::Net::HTTPResponse::getReasonForStatus(status);
}

long long ms_since(Clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
}

class HttpLimits : public ApiTest {};

TEST_F(HttpLimits, TwoHundredSlowClientsDoNotStopHealthOrLogin) {
  settings_.http_request_timeout_seconds = 4;
  restart_server();
  const int port = server_->port();

  // 200 connections from 8 addresses (25 each, under the per-address cap), each sending the
  // head of a request one byte every 700 ms: the head would take ~25 s to arrive.
  const std::string head = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaa\r\n\r\n";
  std::vector<int> slow;
  for (int i = 0; i < 200; ++i) {
    const int fd = connect_from("127.0.0." + std::to_string(2 + i % 8), port);
    ASSERT_GE(fd, 0) << "connection " << i;
    slow.push_back(fd);
  }
  const auto started = Clock::now();
  std::atomic<bool> stop{false};
  std::thread dribble([&] {
    for (std::size_t at = 0; at < head.size() && !stop; ++at) {
      for (const int fd : slow) ::send(fd, head.data() + at, 1, MSG_NOSIGNAL | MSG_DONTWAIT);
      for (int k = 0; k < 7 && !stop; ++k) std::this_thread::sleep_for(100ms);
    }
  });
  std::this_thread::sleep_for(1500ms);  // every slow client has started its request

  for (int round = 0; round < 3; ++round) {
    auto t0 = Clock::now();
    const auto health = call("GET", "/healthz");
    const auto health_ms = ms_since(t0);
    EXPECT_EQ(health.status, 200) << health.body;
    EXPECT_LT(health_ms, 1000) << "/healthz took " << health_ms << " ms";
    t0 = Clock::now();
    const auto login = call("POST", "/api/v1/auth/login",
                            R"({"username":"an","password":")" + kPassword + R"("})");
    const auto login_ms = ms_since(t0);
    EXPECT_EQ(login.status, 200) << login.body;
    EXPECT_LT(login_ms, 1000) << "login took " << login_ms << " ms";
    std::cout << "with 200 slow clients: /healthz " << health_ms << " ms, login " << login_ms
              << " ms\n";
  }

  // The deadline is for the whole request: bytes still arriving every 700 ms do not extend
  // it. Each slow client gets a readable 408 and is closed.
  int timed_out = 0;
  for (const int fd : slow) {
    const std::string answer = read_until_closed(fd, 8s);
    if (status_line(answer) ==
        "HTTP/1.1 408 " + reason(Poco::Net::HTTPResponse::HTTP_REQUEST_TIMEOUT))
      ++timed_out;
  }
  const auto all_answered_ms = ms_since(started);
  stop = true;
  dribble.join();
  for (const int fd : slow) ::close(fd);
  std::cout << "200 slow clients answered 408 within " << all_answered_ms
            << " ms of their first byte (deadline 4 s)\n";
  EXPECT_EQ(timed_out, 200);
  EXPECT_LT(all_answered_ms, 9000) << "the 4-second deadline took " << all_answered_ms << " ms";
}

TEST_F(HttpLimits, ConnectionsPerAddressAreCapped) {
  settings_.http_max_connections_per_address = 5;
  restart_server();
  const int port = server_->port();
  std::vector<int> held;
  for (int i = 0; i < 5; ++i) {
    held.push_back(connect_from("127.0.0.7", port));
    ASSERT_GE(held.back(), 0);
  }
  std::this_thread::sleep_for(200ms);  // accepted and counted
  const int sixth = connect_from("127.0.0.7", port);
  ASSERT_GE(sixth, 0);
  const std::string refused = read_until_closed(sixth, 5s);
  ::close(sixth);
  EXPECT_EQ(status_line(refused),
            "HTTP/1.1 429 " + reason(Poco::Net::HTTPResponse::HTTP_TOO_MANY_REQUESTS));
  EXPECT_NE(refused.find("application/problem+json"), std::string::npos) << refused;
  EXPECT_NE(refused.find("\"code\":\"too_many_connections\""), std::string::npos) << refused;
  EXPECT_NE(refused.find("Quá nhiều kết nối đồng thời từ địa chỉ này"), std::string::npos);

  // Another address is served meanwhile.
  EXPECT_EQ(call("GET", "/healthz").status, 200);
  // One of the five closes: the address may connect again.
  ::close(held.back());
  held.pop_back();
  std::this_thread::sleep_for(200ms);
  const int again = connect_from("127.0.0.7", port);
  ASSERT_GE(again, 0);
  send_all(again, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_line(read_until_closed(again, 5s)), "HTTP/1.1 200 OK");
  ::close(again);
  for (const int fd : held) ::close(fd);
}

TEST_F(HttpLimits, ATenMegabyteBodyGetsA413TheClientReads) {
  const int fd = connect_from("127.0.0.1", server_->port());
  ASSERT_GE(fd, 0);
  const std::string body(10 * 1024 * 1024, 'x');
  const std::string head =
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  ASSERT_TRUE(send_all(fd, head));
  EXPECT_TRUE(send_all(fd, body)) << "the server reset the connection while the body was sent";
  bool reset = false;
  const std::string answer = read_until_closed(fd, 10s, &reset);
  ::close(fd);
  EXPECT_FALSE(reset);
  EXPECT_EQ(status_line(answer),
            "HTTP/1.1 413 " + reason(Poco::Net::HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE));
  EXPECT_NE(answer.find("\"code\":\"payload_too_large\""), std::string::npos) << answer;
  EXPECT_NE(answer.find("Nội dung yêu cầu vượt quá giới hạn 65536 byte."), std::string::npos);
}

TEST_F(HttpLimits, AChunkedBodyOverTheLimitIsRefusedToo) {
  const int fd = connect_from("127.0.0.1", server_->port());
  ASSERT_GE(fd, 0);
  std::string request =
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 20; ++i) request += "1000\r\n" + std::string(4096, 'y') + "\r\n";
  request += "0\r\n\r\n";
  EXPECT_TRUE(send_all(fd, request));
  const std::string answer = read_until_closed(fd, 10s);
  ::close(fd);
  EXPECT_EQ(status_line(answer),
            "HTTP/1.1 413 " + reason(Poco::Net::HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE));
}

TEST_F(HttpLimits, AChunkedBodyWithinTheLimitIsRead) {
  const std::string json = R"({"username":"an","password":")" + kPassword + R"("})";
  char size[16];
  std::snprintf(size, sizeof size, "%zx", json.size());
  const std::string answer =
      raw_exchange(server_->port(),
                   "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                   "Transfer-Encoding: chunked\r\n\r\n" +
                       std::string(size) + "\r\n" + json + "\r\n0\r\n\r\n");
  EXPECT_EQ(status_line(answer), "HTTP/1.1 200 OK") << answer;
}

TEST_F(HttpLimits, StatusLinesCarryTheStandardReasonPhrase) {
  using S = Poco::Net::HTTPResponse;
  const auto line = [&](const std::string& request) {
    return status_line(raw_exchange(server_->port(), request));
  };
  EXPECT_EQ(line("GET /api/v1/nothing-here HTTP/1.1\r\nHost: x\r\n\r\n"),
            "HTTP/1.1 404 " + reason(S::HTTP_NOT_FOUND));
  EXPECT_EQ(line("GET /api/v1/me/tasks HTTP/1.1\r\nHost: x\r\n\r\n"),
            "HTTP/1.1 401 " + reason(S::HTTP_UNAUTHORIZED));
  EXPECT_EQ(line("DELETE /healthz HTTP/1.1\r\nHost: x\r\n\r\n"),
            "HTTP/1.1 405 " + reason(S::HTTP_METHOD_NOT_ALLOWED));
  EXPECT_EQ(line("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n{x}"),
            "HTTP/1.1 400 " + reason(S::HTTP_BAD_REQUEST));
  EXPECT_EQ(line("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"), "HTTP/1.1 200 OK");
  EXPECT_EQ(line("GET /app/no-such-file.js HTTP/1.1\r\nHost: x\r\n\r\n"),
            "HTTP/1.1 404 " + reason(S::HTTP_NOT_FOUND));
  EXPECT_EQ(line("GARBAGE\r\n\r\n"), "HTTP/1.1 400 " + reason(S::HTTP_BAD_REQUEST));
}

TEST_F(HttpLimits, EveryBodyIsValidUtf8WhateverThePathHolds) {
  const auto review = as("an", "GET", "/api/v1/reviews/%ff%fe");
  EXPECT_EQ(review.status, 400);
  EXPECT_TRUE(kd::text::is_valid_utf8(review.body)) << review.body;
  EXPECT_EQ(review.json()->getValue<std::string>("instance"), "/api/v1/reviews/%FF%FE");

  const auto missing = call("GET", "/api/v1/%c3%28/%0a%1b");
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(kd::text::is_valid_utf8(missing.body)) << missing.body;
  EXPECT_EQ(missing.json()->getValue<std::string>("instance"), "/api/v1/%C3(/%0A%1B");

  const auto action =
      as("an", "POST", "/api/v1/reviews/" + std::to_string(review_an_) + "/actions/%ff%80", "{}",
         {{"If-Match", "\"1\""}});
  EXPECT_TRUE(kd::text::is_valid_utf8(action.body)) << action.body;

  // Vietnamese letters in a path stay readable.
  const auto vietnamese = call("GET", "/api/v1/%C4%91%C6%A1n-v%E1%BB%8B");
  EXPECT_EQ(vietnamese.json()->getValue<std::string>("instance"), "/api/v1/đơn-vị");
}

TEST_F(HttpLimits, KeptAliveConnectionsServeSeveralRequestsAndPipelines) {
  const int fd = connect_from("127.0.0.1", server_->port());
  ASSERT_GE(fd, 0);
  const std::string one = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_TRUE(send_all(fd, one + one));  // two pipelined requests
  std::string answers = read_response(fd, 5s);
  answers += read_response(fd, 5s);
  ASSERT_TRUE(send_all(fd, "GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  answers += read_until_closed(fd, 5s);
  ::close(fd);
  std::size_t oks = 0;
  for (auto at = answers.find("HTTP/1.1 200 OK"); at != std::string::npos;
       at = answers.find("HTTP/1.1 200 OK", at + 1))
    ++oks;
  EXPECT_EQ(oks, 3u) << answers;
}

}  // namespace
}  // namespace kd::api::testing
