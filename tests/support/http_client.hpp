// The HTTP client of the API and end-to-end tests: Poco's real client against a real server on
// its port, logging each user in once and keeping the bearer tokens; every response it receives
// must be one docs/openapi.yaml documents (tests/support/openapi_contract.hpp).
#pragma once

#include <functional>
#include <map>
#include <string>

#include <Poco/JSON/Object.h>

#include "workflow/organisation.hpp"

namespace kd::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // last value wins
  std::string header(const std::string& name) const;
  Poco::JSON::Object::Ptr json() const;  // fails the test when the body is not an object
};

class HttpClient {
 public:
  // `port` is asked on every call (a test may restart its server); `password` is every test
  // account's.
  HttpClient(std::function<int()> port, std::string password)
      : port_(std::move(port)), password_(std::move(password)) {}

  HttpResult call(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::map<std::string, std::string>& headers = {},
                  const std::string& token = "");
  // Logs in (once per user) and returns the bearer token; the person's id is kept too.
  std::string token(const std::string& username);
  kd::wf::Id person_of(const std::string& username);
  HttpResult as(const std::string& username, const std::string& method, const std::string& path,
                const std::string& body = "", std::map<std::string, std::string> headers = {});
  // POST /api/v1/reviews/{id}/actions/{action} with If-Match: "version".
  HttpResult act(const std::string& username, kd::wf::Id review, const std::string& action,
                 int version, const std::string& body = "{}",
                 std::map<std::string, std::string> headers = {});
  void forget_tokens() { tokens_.clear(); }

 private:
  std::function<int()> port_;
  std::string password_;
  std::map<std::string, std::string> tokens_;
  std::map<std::string, kd::wf::Id> people_;
};

}  // namespace kd::testing
