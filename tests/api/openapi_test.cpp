// Every route the server serves is in docs/openapi.yaml, and every documented
// operation is served with an operationId. The document is scanned line by line: path keys
// sit at two spaces of indentation under `paths:`, methods at four. Every response the API
// tests receive is checked against the document by the fixture (tests/support/
// openapi_contract.hpp); the checker itself is tested here on small documents.
#include <algorithm>
#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

#include "services/api/server.hpp"
#include "tests/support/openapi_contract.hpp"

namespace kd::api {
namespace {

std::set<std::string> documented_operations(const std::string& file) {
  std::ifstream in(file);
  EXPECT_TRUE(in.good()) << "cannot read " << file;
  std::set<std::string> ops;
  std::string line;
  std::string server_prefix;
  bool in_paths = false;
  std::string path;
  while (std::getline(in, line)) {
    if (line.rfind("paths:", 0) == 0) {
      in_paths = true;
      continue;
    }
    if (!line.empty() && line[0] != ' ' && line[0] != '#') in_paths = false;
    if (!in_paths) continue;
    if (line.size() > 3 && line.rfind("  /", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
      if (path.size() > 1 && path.front() == '\'') path = path.substr(1, path.size() - 2);
      continue;
    }
    static const char* const kMethods[] = {"get", "post", "put", "patch", "delete"};
    for (const char* m : kMethods) {
      if (line == std::string("    ") + m + ":") {
        std::string upper(m);
        std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
        ops.insert(upper + " " + path);
      }
    }
  }
  return ops;
}

TEST(OpenApi, EveryRouteIsDocumentedAndEveryDocumentedRouteIsServed) {
  const auto documented = documented_operations(std::string(KD_SOURCE_DIR) + "/docs/openapi.yaml");
  const auto served_list = ApiServer::routes();
  const std::set<std::string> served(served_list.begin(), served_list.end());
  for (const auto& r : served) EXPECT_TRUE(documented.count(r)) << "not documented: " << r;
  for (const auto& d : documented) EXPECT_TRUE(served.count(d)) << "not served: " << d;
  EXPECT_EQ(served.size(), served_list.size()) << "a route is declared twice";
}

TEST(OpenApi, EveryOperationHasItsOwnOperationId) {
  const YAML::Node doc = YAML::LoadFile(std::string(KD_SOURCE_DIR) + "/docs/openapi.yaml");
  std::set<std::string> ids;
  int operations = 0;
  for (const auto& path : doc["paths"]) {
    for (const auto& m : path.second) {
      const std::string method = m.first.Scalar();
      if (method == "parameters") continue;
      ++operations;
      const auto id = m.second["operationId"];
      ASSERT_TRUE(id) << method << " " << path.first.Scalar() << " has no operationId";
      EXPECT_TRUE(ids.insert(id.Scalar()).second) << "operationId used twice: " << id.Scalar();
    }
  }
  EXPECT_EQ(operations, static_cast<int>(ApiServer::routes().size()));
}

// A nullable referenced value in the form OpenAPI 3.0 honours: null and the referenced
// values pass, anything else is named.
TEST(OpenApi, ReviewWithoutRatingMeetingOrOpinionConformsToTheDocument) {
  const auto& contract = kd::testing::OpenApiContract::project();
  EXPECT_TRUE(contract
                  .check_schema("Review", R"({"id":1,"rating":null,"meeting":null,)"
                                          R"("opinion":null,"form":{"self_rating":null}})")
                  .empty());
  EXPECT_TRUE(contract.check_schema("ReviewSummary", R"({"id":1,"rating":"HTT"})").empty());
  EXPECT_TRUE(
      contract.check_schema("Draft", R"({"review_id":1,"form":null,"updated_at":null})").empty());
  const auto wrong = contract.check_schema("Review", R"({"rating":"GIOI","meeting":3})");
  ASSERT_EQ(wrong.size(), 2u);
  EXPECT_NE(wrong[0].find("/meeting"), std::string::npos) << wrong[0];
  EXPECT_NE(wrong[1].find("/rating"), std::string::npos) << wrong[1];
}

constexpr const char* kSmallDocument = R"(
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things/{id}:
    get:
      operationId: getThing
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
        '404': {$ref: '#/components/responses/Problem'}
  /things/{id}/pdf:
    get:
      operationId: getThingPdf
      responses:
        '200': {description: ok, content: {application/pdf: {}}}
        '304': {description: not modified}
components:
  responses:
    Problem:
      description: a problem
      content:
        application/problem+json:
          schema: {$ref: '#/components/schemas/Problem'}
  schemas:
    Problem:
      type: object
      required: [code]
      properties: {code: {type: string}, status: {type: integer}}
    Rating: {type: string, enum: [HTT, HT]}
    Thing:
      type: object
      required: [id]
      properties:
        id: {type: integer}
        old_style: {allOf: [{$ref: '#/components/schemas/Rating'}], nullable: true}
        typed: {type: string, nullable: true, enum: [a, null]}
        day: {type: string, format: date}
        tags: {type: array, items: {type: string}}
        extra: {type: object, additionalProperties: false, properties: {x: {type: boolean}}}
)";

TEST(OpenApiContract, NullableBesideAllOfWithoutTypeDoesNotAdmitNull) {
  const kd::testing::OpenApiContract contract(kSmallDocument);
  const auto v = contract.check_response("GET", "/things/1", 200, "application/json",
                                         R"({"id":1,"old_style":null,"typed":null})");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("/old_style: null"), std::string::npos) << v[0];
  EXPECT_TRUE(contract
                  .check_response("GET", "/things/1?x=1", 200, "application/json; charset=utf-8",
                                  R"({"id":1,"old_style":"HT","typed":"a","day":"2026-12-05"})")
                  .empty());
}

TEST(OpenApiContract, NamesEveryWayAResponseLeavesTheDocument) {
  const kd::testing::OpenApiContract contract(kSmallDocument);
  auto one = [&](int status, const std::string& type, const std::string& body,
                 const std::string& path = "/things/1") {
    const auto v = contract.check_response("GET", path, status, type, body);
    return v.size() == 1 ? v[0] : "violations: " + std::to_string(v.size());
  };
  EXPECT_NE(one(200, "application/json", R"({"old_style":"HT"})").find("\"id\" missing"),
            std::string::npos);
  EXPECT_NE(one(200, "application/json", R"({"id":"1"})").find("where the document says integer"),
            std::string::npos);
  EXPECT_NE(one(200, "application/json", R"({"id":1,"day":"05/12/2026"})").find("is not a date"),
            std::string::npos);
  EXPECT_NE(one(200, "application/json", R"({"id":1,"tags":["a",2]})").find("/tags/1"),
            std::string::npos);
  EXPECT_NE(one(200, "application/json", R"({"id":1,"extra":{"y":1}})").find("\"y\" not allowed"),
            std::string::npos);
  EXPECT_NE(one(200, "application/json", R"({"id":1,"typed":"b"})").find("not in the enum"),
            std::string::npos);
  EXPECT_NE(one(409, "application/problem+json", R"({"code":"x"})").find("409 is not documented"),
            std::string::npos);
  EXPECT_NE(one(404, "application/json", R"({"code":"x"})").find("content type"),
            std::string::npos);
  EXPECT_NE(one(404, "application/problem+json", R"({"status":404})").find("\"code\" missing"),
            std::string::npos);
  EXPECT_NE(one(200, "application/json", "not json").find("not JSON"), std::string::npos);
  EXPECT_NE(one(304, "", "body", "/things/1/pdf").find("a body where the document says none"),
            std::string::npos);
  EXPECT_TRUE(
      contract.check_response("GET", "/things/1/pdf", 200, "application/pdf", "%PDF").empty());
  // Not an operation (a page of the web UI, an unknown route): an error is still a Problem.
  EXPECT_TRUE(contract.check_response("GET", "/app/index.html", 200, "text/html", "<p>").empty());
  EXPECT_TRUE(contract.check_response("GET", "/app/missing.js", 404, "text/html", "<h1>").empty());
  EXPECT_NE(one(404, "text/plain", "no", "/nowhere").find("not a Problem"), std::string::npos);
  EXPECT_TRUE(contract
                  .check_response("GET", "/nowhere", 404, "application/problem+json",
                                  R"({"code":"not_found"})")
                  .empty());
}

}  // namespace
}  // namespace kd::api
