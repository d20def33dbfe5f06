#include "services/api/front_answers.hpp"

#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include "services/api/access_log.hpp"
#include "services/api/buffered_exchange.hpp"
#include "services/api/exchange.hpp"
#include "services/api/problem.hpp"
#include "services/api/tokens.hpp"

namespace kd::api {

FrontProblem too_many_connections(int limit) {
  return {429, "too_many_connections",
          "Quá nhiều kết nối đồng thời từ địa chỉ này (tối đa " + std::to_string(limit) +
              "). Vui lòng đóng bớt kết nối hoặc thử lại sau.",
          5};
}

FrontProblem server_busy() {
  return {503, "server_busy", "Máy chủ đang bận. Vui lòng thử lại sau giây lát.", 1};
}

FrontProblem request_timeout(int seconds) {
  return {408, "request_timeout",
          "Yêu cầu không được gửi đầy đủ trong " + std::to_string(seconds) +
              " giây; kết nối đã bị đóng.",
          0};
}

std::string front_answer_bytes(const FrontProblem& p, const std::string& uri,
                               const std::string& client, const std::string& method) {
  const std::string request_id = random_hex(8);
  std::string path;
  if (!uri.empty()) {
    try {
      path = Poco::URI(uri).getPath();
    } catch (const Poco::Exception&) {
      path = "?";
    }
  }
  BufferedResponse response;
  response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
  response.setDate(Poco::Timestamp());
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(p.status));
  response.setKeepAlive(false);
  response.set("Server", "kiemdiem");
  response.set("X-Request-Id", request_id);
  response.set("Cache-Control", "no-store");
  if (p.retry_after_seconds > 0) response.set("Retry-After", std::to_string(p.retry_after_seconds));
  response.setContentType("application/problem+json; charset=utf-8");
  response.send() << to_json_text(
      problem_json(make_problem(p.status, p.code, p.detail), path, request_id));
  log_access(AccessRecord{request_id, method, path, p.status, 0, client, "", ""});
  return response.serialize(false);
}

std::string internal_error_body() {
  return to_json_text(problem_json(
      make_problem(500, "internal_error", "Lỗi máy chủ. Vui lòng thử lại sau."), "", ""));
}

}  // namespace kd::api
