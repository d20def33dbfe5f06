// A request whose head and body the front (http_front.hpp) has already received whole, and
// the response a handler writes into memory: Poco's HTTPServerRequest and HTTPServerResponse
// over buffers, so the handlers run unchanged and no worker thread ever waits on a client.
#pragma once

#include <memory>
#include <sstream>
#include <string>

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SocketAddress.h>

namespace kd::api {

class BufferedResponse : public Poco::Net::HTTPServerResponse {
 public:
  BufferedResponse() = default;
  void sendContinue() override {}  // the front answered Expect: 100-continue itself
  std::ostream& send() override;
  void sendFile(const std::string& path, const std::string& media_type) override;
  void sendBuffer(const void* buffer, std::size_t length) override;
  void redirect(const std::string& uri, HTTPStatus status = HTTP_FOUND) override;
  void requireAuthentication(const std::string& realm) override;
  bool sent() const override { return sent_; }

  // The bytes to write: status line with the standard reason phrase, headers with the body's
  // Content-Length, and the body (none for HEAD, 1xx, 204 and 304).
  std::string serialize(bool head_request);

 private:
  bool sent_ = false;
  std::ostringstream body_;
};

class BufferedRequest : public Poco::Net::HTTPServerRequest {
 public:
  BufferedRequest(const Poco::Net::HTTPRequest& head, std::string body,
                  Poco::Net::SocketAddress client, Poco::Net::SocketAddress server,
                  Poco::Net::HTTPServerParams::Ptr params, BufferedResponse& response);
  std::istream& stream() override { return body_; }
  const Poco::Net::SocketAddress& clientAddress() const override { return client_; }
  const Poco::Net::SocketAddress& serverAddress() const override { return server_; }
  const Poco::Net::HTTPServerParams& serverParams() const override { return *params_; }
  Poco::Net::HTTPServerResponse& response() const override { return response_; }
  bool secure() const override { return false; }

 private:
  std::istringstream body_;
  Poco::Net::SocketAddress client_;
  Poco::Net::SocketAddress server_;
  Poco::Net::HTTPServerParams::Ptr params_;
  BufferedResponse& response_;
};

}  // namespace kd::api
