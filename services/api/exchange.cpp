#include "services/api/exchange.hpp"

#include <istream>
#include <sstream>

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include "services/text/utf8_text.hpp"
#include "workflow/utf8.hpp"

namespace kd::api {
namespace {

constexpr std::size_t kChunk = 16 * 1024;
// Beyond this many unread bytes the connection is closed instead of drained.
constexpr std::size_t kMaxDrain = 8 * 1024 * 1024;

}  // namespace

std::string to_json_text(const Poco::JSON::Object::Ptr& document) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(document, out);
  return out.str();
}

Exchange::Exchange(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                   std::string path, std::map<std::string, std::string> query,
                   std::map<std::string, std::string> params, std::string request_id,
                   std::size_t max_body_bytes)
    : request_(request),
      response_(response),
      path_(std::move(path)),
      query_(std::move(query)),
      params_(std::move(params)),
      request_id_(std::move(request_id)),
      max_body_bytes_(max_body_bytes) {}

const std::string& Exchange::param(const std::string& name) const { return params_.at(name); }

std::optional<std::string> Exchange::query(const std::string& name) const {
  auto it = query_.find(name);
  if (it == query_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Exchange::header(const std::string& name) const {
  if (!request_.has(name)) return std::nullopt;
  return request_.get(name);
}

std::string Exchange::client_address() const { return request_.clientAddress().host().toString(); }

const Caller& Exchange::caller() const {
  if (!caller_) throw std::logic_error("route without authentication asked for the caller");
  return *caller_;
}

void Exchange::read_body(bool text) {
  if (body_) return;
  body_consumed_ = true;
  const auto declared = request_.getContentLength64();
  if (declared != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH &&
      static_cast<std::uint64_t>(declared) > max_body_bytes_) {
    body_consumed_ = false;  // left for discard_unread_body()
    fail(413, "payload_too_large",
         "Nội dung yêu cầu vượt quá giới hạn " + std::to_string(max_body_bytes_) + " byte.");
  }
  std::string data;
  std::istream& in = request_.stream();
  char buf[kChunk];
  while (in) {
    in.read(buf, sizeof buf);
    data.append(buf, static_cast<std::size_t>(in.gcount()));
    if (data.size() > max_body_bytes_) {
      body_consumed_ = false;
      fail(413, "payload_too_large",
           "Nội dung yêu cầu vượt quá giới hạn " + std::to_string(max_body_bytes_) + " byte.");
    }
  }
  if (text && !kd::wf::is_valid_utf8(data)) {
    fail(400, "invalid_utf8", "Nội dung yêu cầu không phải là văn bản UTF-8 hợp lệ.");
  }
  body_ = std::move(data);
}

const std::string& Exchange::body() {
  read_body(true);
  return *body_;
}

const std::string& Exchange::binary_body() {
  read_body(false);
  return *body_;
}

Poco::JSON::Object::Ptr Exchange::json_body(bool allow_empty) {
  const std::string& text = body();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    if (allow_empty) return new Poco::JSON::Object;
    fail(400, "malformed_json", "Yêu cầu phải có nội dung JSON.");
  }
  Poco::Dynamic::Var parsed;
  try {
    Poco::JSON::Parser parser;
    parsed = parser.parse(text);
  } catch (const Poco::Exception&) {
    fail(400, "malformed_json", "Nội dung yêu cầu không phải là JSON hợp lệ.");
  }
  if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
    fail(400, "malformed_json", "Nội dung yêu cầu phải là một đối tượng JSON ({...}).");
  }
  return parsed.extract<Poco::JSON::Object::Ptr>();
}

void Exchange::discard_unread_body() {
  if (body_consumed_) return;
  body_consumed_ = true;
  const auto declared = request_.getContentLength64();
  const bool has_body =
      request_.getChunkedTransferEncoding() ||
      (declared != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH && declared > 0);
  if (!has_body) return;
  if (declared != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH &&
      static_cast<std::uint64_t>(declared) > kMaxDrain) {
    response_.setKeepAlive(false);
    return;
  }
  std::istream& in = request_.stream();
  char buf[kChunk];
  std::size_t drained = 0;
  while (in && drained <= kMaxDrain) {
    in.read(buf, sizeof buf);
    drained += static_cast<std::size_t>(in.gcount());
  }
  if (drained > kMaxDrain) response_.setKeepAlive(false);
}

void Exchange::set_header(const std::string& name, const std::string& value) {
  response_.set(name, value);
}

void Exchange::send(int status, const std::string& body, const std::string& content_type) {
  if (sent_) throw std::logic_error("response already sent");
  discard_unread_body();
  sent_ = true;
  status_ = status;
  // The standard reason phrase ("404 Not Found"), never Poco's default "OK".
  response_.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  response_.set("X-Request-Id", request_id_);
  response_.set("Cache-Control", "no-store");
  if (status == 204) {
    response_.setContentLength(0);
    response_.send();
    return;
  }
  response_.setContentType(content_type);
  // A text body is UTF-8 whatever it echoes (a field a client sent, a decoded path).
  const bool repair =
      content_type.find("charset=utf-8") != std::string::npos && !kd::text::is_valid_utf8(body);
  const std::string repaired = repair ? kd::text::repair_utf8(body) : std::string();
  const std::string& out_body = repair ? repaired : body;
  response_.setContentLength64(static_cast<Poco::Int64>(out_body.size()));
  std::ostream& out = response_.send();
  out << out_body;
  out.flush();
}

void Exchange::send_json(int status, const Poco::JSON::Object::Ptr& document) {
  send(status, to_json_text(document), "application/json; charset=utf-8");
}

void Exchange::send_raw(int status, const std::string& body, const std::string& content_type) {
  send(status, body, content_type);
}

void Exchange::send_problem(const Problem& p) {
  if (p.status == 401) response_.set("WWW-Authenticate", "Bearer realm=\"kiemdiem\"");
  send(p.status, to_json_text(problem_json(p, path_, request_id_)),
       "application/problem+json; charset=utf-8");
}

void Exchange::send_no_content() { send(204, "", ""); }

}  // namespace kd::api
