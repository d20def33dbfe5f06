// One HTTP request and its answer, as the handlers see it: route parameters,
// the bounded and validated body, the authenticated caller, and the only
// functions that write a response (so the status is known for the access log).
#pragma once

#include <map>
#include <optional>
#include <string>

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "services/api/problem.hpp"
#include "workflow/organisation.hpp"

namespace kd::api {

struct Caller {
  kd::wf::Id account_id = 0;
  kd::wf::Id person_id = 0;
  std::string username;
  std::string token_sha256;  // never the token itself
  // Signed in with a one-time password: only the password change and logout are served.
  bool must_change_password = false;
};

class Exchange {
 public:
  Exchange(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
           std::string path, std::map<std::string, std::string> query,
           std::map<std::string, std::string> params, std::string request_id,
           std::size_t max_body_bytes);

  const std::string& method() const { return request_.getMethod(); }
  const std::string& path() const { return path_; }
  const std::string& request_id() const { return request_id_; }
  // A route parameter ({id}, {action}); the router guarantees it exists.
  const std::string& param(const std::string& name) const;
  std::optional<std::string> query(const std::string& name) const;
  std::optional<std::string> header(const std::string& name) const;
  // The client's IP address (for the access log and the per-address login limit).
  std::string client_address() const;

  // The raw body: at most max_body_bytes (413 beyond), valid UTF-8 (400 otherwise).
  const std::string& body();
  // The body as bytes (uploaded files): at most max_body_bytes, any content.
  const std::string& binary_body();
  // The body as a JSON object (400 when malformed or not an object). An empty
  // body is an empty object when `allow_empty`.
  Poco::JSON::Object::Ptr json_body(bool allow_empty);

  void send_json(int status, const Poco::JSON::Object::Ptr& document);
  void send_raw(int status, const std::string& body, const std::string& content_type);
  void send_problem(const Problem&);
  void send_no_content();
  void set_header(const std::string& name, const std::string& value);

  bool sent() const { return sent_; }
  int status() const { return status_; }

  const Caller& caller() const;
  void set_caller(Caller c) { caller_ = std::move(c); }
  bool has_caller() const { return caller_.has_value(); }
  // For the access log: the review the request is about.
  void note_review(kd::wf::Id id) { review_id_ = id; }
  kd::wf::Id review_id() const { return review_id_; }

 private:
  void read_body(bool text);
  // Reads and discards what the client sent and the handler did not read, so
  // the connection can be reused; gives up (and closes) beyond a bound.
  void discard_unread_body();
  void send(int status, const std::string& body, const std::string& content_type);

  Poco::Net::HTTPServerRequest& request_;
  Poco::Net::HTTPServerResponse& response_;
  std::string path_;
  std::map<std::string, std::string> query_;
  std::map<std::string, std::string> params_;
  std::string request_id_;
  std::size_t max_body_bytes_;
  std::optional<std::string> body_;
  bool body_consumed_ = false;
  bool sent_ = false;
  int status_ = 0;
  std::optional<Caller> caller_;
  kd::wf::Id review_id_ = 0;
};

std::string to_json_text(const Poco::JSON::Object::Ptr&);

}  // namespace kd::api
