// The access log: one line per answered request, from the API, the web UI's files and the
// front's own answers (408, 413, 429...). Never bodies, passwords or tokens. What the client
// chose (method, path, user agent) is quoted and escaped (services/text/log_text.hpp), so a
// %0a in a path or an ESC in a header cannot forge or hide a line.
#pragma once

#include <string>

namespace kd::api {

struct AccessRecord {
  std::string request_id;
  std::string method;
  std::string path;  // percent-decoded
  int status = 0;
  long long duration_ms = 0;
  std::string client;  // IP address
  std::string user_agent;
  std::string extra;  // " account_id=7 review_id=12" (already safe)
};

void log_access(const AccessRecord&);

}  // namespace kd::api
