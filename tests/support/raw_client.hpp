// Plain TCP clients for tests that must control every byte and the source address: slow
// senders, oversized bodies, raw status lines. Linux routes all of 127.0.0.0/8 to loopback,
// so binding 127.0.0.N gives a test as many client addresses as it needs.
#pragma once

#include <chrono>
#include <string>

namespace kd::testing {

// A connected socket from `source` (an IPv4 loopback address) to 127.0.0.1:port; -1 on failure.
int connect_from(const std::string& source, int port);

// Sends everything (blocking); false when the connection failed (reset, closed).
bool send_all(int fd, const std::string& bytes);

// Reads until the peer closes or `limit` passes; `*reset` tells whether the read ended on an
// error (ECONNRESET) rather than a clean close.
std::string read_until_closed(int fd, std::chrono::milliseconds limit, bool* reset = nullptr);

// Reads one HTTP response with a Content-Length (head and body), or what came before `limit`.
std::string read_response(int fd, std::chrono::milliseconds limit);

// One request on a new connection from 127.0.0.1; the whole raw answer.
std::string raw_exchange(int port, const std::string& request);

// "HTTP/1.1 404 Not Found" of a raw answer; the body after the empty line.
std::string status_line(const std::string& response);
std::string body_of(const std::string& response);

}  // namespace kd::testing
