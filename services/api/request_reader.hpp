// Frames one HTTP/1.1 request out of the bytes a connection has received: the head (request
// line and headers, at most kMaxHeadBytes, parsed by Poco's HTTPRequest) and then the body, by
// Content-Length or by chunked transfer coding, at most `max_body` bytes. No socket and no
// clock: the front (http_front.hpp) feeds it and enforces the time.
#pragma once

#include <cstddef>
#include <string>

#include <Poco/Net/HTTPRequest.h>

namespace kd::api {

inline constexpr std::size_t kMaxHeadBytes = 32 * 1024;

class RequestReader {
 public:
  enum class State { Head, Body, Complete, Failed };

  explicit RequestReader(std::size_t max_body) : max_body_(max_body) {}

  // Consumes what it can from the front of `in` (erased there; bytes of a pipelined next
  // request are left) and returns the state reached.
  State consume(std::string& in);
  State state() const { return state_; }

  // From Body on: the parsed head (a chunked body is given back with Content-Length).
  const Poco::Net::HTTPRequest& head() const { return head_; }
  Poco::Net::HTTPRequest& head() { return head_; }
  // Complete: the body.
  std::string take_body() { return std::move(body_); }
  // The client waits for "100 Continue" before sending its (acceptable) body.
  bool expects_continue() const { return expect_continue_; }
  // Failed: the answer, as a status, a stable code and a Vietnamese sentence. After a 413
  // the head is known (for the log).
  int error_status() const { return error_status_; }
  const std::string& error_code() const { return error_code_; }
  const std::string& error_detail() const { return error_detail_; }

 private:
  State fail(int status, std::string code, std::string detail);
  State parse_head(std::string& in, std::size_t end);
  State read_length_body(std::string& in);
  State read_chunked_body(std::string& in);
  State too_large();

  std::size_t max_body_;
  State state_ = State::Head;
  std::size_t scanned_ = 0;  // bytes of `in` already searched for the end of the head
  Poco::Net::HTTPRequest head_;
  std::string body_;
  bool chunked_ = false;
  std::size_t remaining_ = 0;  // Content-Length body: bytes still expected
  // Chunked body: 0 = a size line, 1 = chunk data, 2 = the CRLF after it, 3 = trailers.
  int chunk_phase_ = 0;
  std::size_t chunk_left_ = 0;
  bool expect_continue_ = false;
  int error_status_ = 0;
  std::string error_code_;
  std::string error_detail_;
};

}  // namespace kd::api
