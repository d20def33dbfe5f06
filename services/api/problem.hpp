// RFC 9457 problem details: the one shape of every error the API returns.
// `code` is stable snake_case (clients branch on it); `detail` is Vietnamese.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "workflow/organisation.hpp"

namespace kd::api {

// One reason among several (guard refusals, per-review batch refusals, field errors).
struct ProblemError {
  std::string code;
  std::string field;
  std::string detail;
  kd::wf::Id review_id = 0;  // batch requests: the review concerned (0 = none)
};

struct Problem {
  int status = 500;
  std::string code;    // "stale_version", "guard_failed", ...
  std::string detail;  // Vietnamese sentence for people
  std::vector<ProblemError> errors;
  Poco::JSON::Object::Ptr extensions;  // extra members (current_version, quota, ...); may be null
};

Problem make_problem(int status, std::string code, std::string detail);

// "https://kiemdiem.vn/problems/<code>"
std::string problem_type_uri(const std::string& code);
// Short Vietnamese title per status ("Không có quyền" for 403, ...).
std::string problem_title(int status);

// The problem+json document; `instance` is the request path, percent-encoded where it is not
// printable UTF-8.
Poco::JSON::Object::Ptr problem_json(const Problem&, const std::string& instance,
                                     const std::string& request_id);

// Adapter-internal control flow: request validation deep inside a handler throws
// this and the dispatcher answers with the problem. Domain refusals never use it:
// they come back as values and are mapped in error_mapping.cpp.
struct HttpError : std::runtime_error {
  Problem problem;
  explicit HttpError(Problem p) : std::runtime_error(p.code), problem(std::move(p)) {}
};

[[noreturn]] void fail(int status, const std::string& code, const std::string& detail);

}  // namespace kd::api
