// The answers the HTTP front gives by itself, before any handler (http_front.hpp): RFC 9457
// problem+json with a stable code and a Vietnamese detail, `Connection: close`, logged as
// one access line.
#pragma once

#include <string>

namespace kd::api {

struct FrontProblem {
  int status = 0;
  std::string code;
  std::string detail;
  int retry_after_seconds = 0;  // 0: no Retry-After header
};

FrontProblem too_many_connections(int limit);
FrontProblem server_busy();
FrontProblem request_timeout(int seconds);

// The whole answer (status line, headers, body). `uri` and `method` may be empty (the head
// was not read); `client` is the peer's IP address.
std::string front_answer_bytes(const FrontProblem&, const std::string& uri,
                               const std::string& client, const std::string& method);

// The body of a 500 when something failed outside every handler.
std::string internal_error_body();

}  // namespace kd::api
