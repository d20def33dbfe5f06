#include "tests/support/http_client.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <gtest/gtest.h>

#include "tests/support/openapi_contract.hpp"

namespace kd::testing {

std::string HttpResult::header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (Poco::icompare(k, name) == 0) return v;
  }
  return {};
}

Poco::JSON::Object::Ptr HttpResult::json() const {
  try {
    Poco::JSON::Parser parser;
    auto v = parser.parse(body);
    if (v.type() == typeid(Poco::JSON::Object::Ptr)) return v.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    ADD_FAILURE() << "not JSON: " << e.displayText() << "\n" << body;
    return new Poco::JSON::Object;
  }
  ADD_FAILURE() << "not a JSON object: " << body;
  return new Poco::JSON::Object;
}

HttpResult HttpClient::call(const std::string& method, const std::string& path,
                            const std::string& body,
                            const std::map<std::string, std::string>& headers,
                            const std::string& token) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port_()));
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!token.empty()) req.set("Authorization", "Bearer " + token);
  if (!body.empty() || method == "POST") {
    req.setContentType("application/json");
    req.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  std::ostream& out = session.sendRequest(req);
  out << body;
  Poco::Net::HTTPResponse resp;
  std::istream& in = session.receiveResponse(resp);
  HttpResult r;
  r.status = static_cast<int>(resp.getStatus());
  Poco::StreamCopier::copyToString(in, r.body);
  for (const auto& [k, v] : resp) r.headers[k] = v;
  expect_documented_response(method, path, r.status, resp.getContentType(), r.body);
  return r;
}

std::string HttpClient::token(const std::string& username) {
  if (const auto it = tokens_.find(username); it != tokens_.end()) return it->second;
  const auto r = call("POST", "/api/v1/auth/login",
                      R"({"username":")" + username + R"(","password":")" + password_ + R"("})");
  EXPECT_EQ(r.status, 200) << r.body;
  const auto o = r.json();
  const std::string t = o->optValue<std::string>("token", "");
  tokens_[username] = t;
  if (const auto person = o->getObject("person"))
    people_[username] = person->optValue<kd::wf::Id>("id", 0);
  return t;
}

kd::wf::Id HttpClient::person_of(const std::string& username) {
  token(username);
  return people_[username];
}

HttpResult HttpClient::as(const std::string& username, const std::string& method,
                          const std::string& path, const std::string& body,
                          std::map<std::string, std::string> headers) {
  return call(method, path, body, headers, token(username));
}

HttpResult HttpClient::act(const std::string& username, kd::wf::Id review,
                           const std::string& action, int version, const std::string& body,
                           std::map<std::string, std::string> headers) {
  headers.emplace("If-Match", "\"" + std::to_string(version) + "\"");
  return as(username, "POST", "/api/v1/reviews/" + std::to_string(review) + "/actions/" + action,
            body, headers);
}

}  // namespace kd::testing
