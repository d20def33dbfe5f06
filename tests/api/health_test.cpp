#include "tests/api/api_fixture.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "services/config/version.hpp"
#include "services/storage/migrations.hpp"

namespace kd::api::testing {
namespace {

TEST_F(ApiTest, HealthzAndReadyzAnswerWithoutAToken) {
  const auto h = call("GET", "/healthz");
  EXPECT_EQ(h.status, 200) << h.body;
  EXPECT_EQ(h.json()->getValue<std::string>("database"), "ok");
  // What an operator checks after an upgrade: the release and the schema, both migrated.
  EXPECT_EQ(h.json()->getValue<std::string>("version"), kd::config::program_version());
  EXPECT_EQ(h.json()->getValue<int>("schema_version"), kd::storage::latest_schema_version());
  EXPECT_EQ(h.json()->getValue<int>("program_schema_version"),
            kd::storage::latest_schema_version());
  const auto r = call("GET", "/readyz");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("status"), "ready");
}

TEST_F(ApiTest, HealthzIs503WhenTheDatabaseIsUnreachable) {
  kd::storage::ConnectionPool dead(
      "host=/nonexistent-socket-dir port=1 dbname=none connect_timeout=1", 1);
  kd::storage::Store store(dead);
  kd::config::Settings settings = settings_;
  ApiServer server(ApiDeps{store, catalog_, settings, test_now});
  server.start();
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server.port()));
  Poco::Net::HTTPRequest req("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
  session.sendRequest(req);
  Poco::Net::HTTPResponse resp;
  std::istream& in = session.receiveResponse(resp);
  std::string body;
  Poco::StreamCopier::copyToString(in, body);
  EXPECT_EQ(static_cast<int>(resp.getStatus()), 503) << body;
  EXPECT_NE(body.find("database_unavailable"), std::string::npos);
  server.stop();
}

}  // namespace
}  // namespace kd::api::testing
