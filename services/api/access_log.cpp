#include "services/api/access_log.hpp"

#include <Poco/Logger.h>

#include "services/text/log_text.hpp"

namespace kd::api {

void log_access(const AccessRecord& r) {
  using kd::text::quote_for_log;
  const std::string line =
      "request_id=" + quote_for_log(r.request_id) + " method=" + quote_for_log(r.method) +
      " path=" + quote_for_log(r.path) + " status=" + std::to_string(r.status) +
      " duration_ms=" + std::to_string(r.duration_ms) + " client=" + quote_for_log(r.client) +
      " user_agent=" + quote_for_log(r.user_agent) + r.extra;
  auto& log = Poco::Logger::get("kd.api");
  if (r.status >= 500) {
    log.error(line);
  } else {
    log.information(line);
  }
}

}  // namespace kd::api
