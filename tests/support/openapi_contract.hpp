// docs/openapi.yaml as a checker of real responses: the tests send every response they get
// through check_response, which finds the documented operation (method and path template),
// the documented response for the status (the exact code, then "4XX"-style ranges, then
// "default"), the media type, and validates a JSON body against its schema with OpenAPI 3.0
// semantics: `nullable` acts only beside a `type` (so `{allOf: [$ref], nullable: true}`
// does not admit null), `enum` must list null for null to pass, siblings of `$ref` are
// ignored. A status the operation does not document is a violation. Paths the document does
// not describe are not operations: the web UI's pages (/ and /app/...) answer HTML, anything
// else that answers an error must answer a Problem.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace YAML {
class Node;
}

namespace kd::testing {

class OpenApiContract {
 public:
  explicit OpenApiContract(const std::string& yaml_text);
  ~OpenApiContract();
  OpenApiContract(const OpenApiContract&) = delete;
  OpenApiContract& operator=(const OpenApiContract&) = delete;

  // docs/openapi.yaml of this source tree, read once.
  static const OpenApiContract& project();

  // The violations of the document by one response; empty when it conforms.
  // `target` is the request target (path and optional query).
  std::vector<std::string> check_response(const std::string& method, const std::string& target,
                                          int status, const std::string& content_type,
                                          const std::string& body) const;

  // The violations of a JSON text against a named component schema (tests of the checker).
  std::vector<std::string> check_schema(const std::string& component,
                                        const std::string& json) const;

  // "getReview 200": the operations and statuses checked so far by this process.
  std::set<std::string> covered() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Adds a test failure for every way the response violates docs/openapi.yaml.
void expect_documented_response(const std::string& method, const std::string& target, int status,
                                const std::string& content_type, const std::string& body);

}  // namespace kd::testing
