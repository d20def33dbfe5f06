#include "services/api/buffered_exchange.hpp"

#include <fstream>
#include <stdexcept>

namespace kd::api {

std::ostream& BufferedResponse::send() {
  if (sent_) throw std::logic_error("response already sent");
  sent_ = true;
  return body_;
}

void BufferedResponse::sendFile(const std::string& path, const std::string& media_type) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  setContentType(media_type);
  send() << in.rdbuf();
}

void BufferedResponse::sendBuffer(const void* buffer, std::size_t length) {
  send().write(static_cast<const char*>(buffer), static_cast<std::streamsize>(length));
}

void BufferedResponse::redirect(const std::string& uri, HTTPStatus status) {
  setStatusAndReason(status);
  set("Location", uri);
  send();
}

void BufferedResponse::requireAuthentication(const std::string& realm) {
  setStatusAndReason(HTTP_UNAUTHORIZED);
  set("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
  send();
}

std::string BufferedResponse::serialize(bool head_request) {
  const auto status = getStatus();
  // Whatever a handler set, the status line carries the status's own reason phrase.
  setReason(getReasonForStatus(status));
  const bool bodiless = status < 200 || status == HTTP_NO_CONTENT || status == HTTP_NOT_MODIFIED;
  std::string body = body_.str();
  erase("Transfer-Encoding");  // the whole body is known: always sent with its length
  if (bodiless) {
    erase("Content-Length");
    body.clear();
  } else if (!head_request || !body.empty() || !hasContentLength()) {
    // A HEAD answer keeps the length the handler declared for the body it does not send.
    setContentLength64(static_cast<Poco::Int64>(body.size()));
  }
  std::ostringstream out;
  write(out);
  if (!head_request) out << body;
  return out.str();
}

BufferedRequest::BufferedRequest(const Poco::Net::HTTPRequest& head, std::string body,
                                 Poco::Net::SocketAddress client, Poco::Net::SocketAddress server,
                                 Poco::Net::HTTPServerParams::Ptr params,
                                 BufferedResponse& response)
    : body_(std::move(body)),
      client_(std::move(client)),
      server_(std::move(server)),
      params_(std::move(params)),
      response_(response) {
  Poco::Net::HTTPRequest::operator=(head);
}

}  // namespace kd::api
