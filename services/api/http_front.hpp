// The HTTP front of the API server: one reactor thread (epoll) accepts connections and reads
// each request WHOLE — head and body — before a worker thread ever sees it, then writes the
// worker's answer back without blocking anyone. A client that sends slowly therefore holds a
// socket, never a thread:
//   - every request must arrive complete within `request_timeout` of its first byte (a
//     whole-request deadline, not a per-read timeout: a byte every second does not extend
//     it), or it is answered 408 and closed; a connection that sends nothing is closed after
//     `request_timeout` (a new one) or `keep_alive` (between two requests);
//   - at most `max_connections_per_address` open connections per client IP address (429 and
//     closed beyond it), and `max_connections` in all (beyond it new connections are closed);
//   - a body over `max_body` is answered 413 at once, and the connection is kept reading and
//     discarding (lingering) until the client has sent it, so the client reads the 413
//     instead of a reset; the same for every answer that closes the connection;
//   - complete requests wait for one of `threads` workers; more than `queue` waiting are
//     answered 503 with Retry-After;
//   - an answer must be written within `write_timeout`, or the connection is closed.
// Handlers are Poco request handlers over buffers (buffered_exchange.hpp).
#pragma once

#include <memory>
#include <string>

#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace kd::api {

struct FrontOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 = any free port
  int threads = 8;
  int queue = 64;
  std::size_t max_body = 1 << 20;
  int request_timeout_seconds = 15;
  int keep_alive_seconds = 10;
  int write_timeout_seconds = 60;
  int max_connections = 2000;
  int max_connections_per_address = 64;  // 0 = no limit
};

class HttpFront {
 public:
  HttpFront(FrontOptions options, Poco::Net::HTTPRequestHandlerFactory::Ptr factory);
  ~HttpFront();
  HttpFront(const HttpFront&) = delete;
  HttpFront& operator=(const HttpFront&) = delete;

  void start();  // binds and listens (throws when it cannot), then serves
  void stop();   // stops accepting, lets the workers finish their requests, closes everything
  int port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kd::api
