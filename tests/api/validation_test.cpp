// Every error class of the API: each is a problem+json with a stable code, and
// none of them changes the review (version and event count stay the same).
#include "tests/api/api_fixture.hpp"

#include <set>

#include <Poco/JSON/Array.h>

namespace kd::api::testing {
namespace {

class RefusedRequest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    version_before_ = version_of(review_an_);
    events_before_ = event_count(review_an_);
  }
  void expect_problem(const HttpResult& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.header("Content-Type").rfind("application/problem+json", 0), 0u) << r.body;
    const auto o = r.json();
    EXPECT_EQ(o->optValue<std::string>("code", ""), code) << r.body;
    EXPECT_EQ(o->optValue<int>("status", 0), status);
    EXPECT_FALSE(o->optValue<std::string>("detail", "").empty());
    EXPECT_FALSE(o->optValue<std::string>("title", "").empty());
    EXPECT_EQ(version_of(review_an_), version_before_);
    EXPECT_EQ(event_count(review_an_), events_before_);
  }
  int version_before_ = 0;
  std::size_t events_before_ = 0;
};

TEST_F(RefusedRequest, MalformedJsonIs400) {
  expect_problem(act("an", review_an_, "submit", 1, R"({"form": {)"), 400, "malformed_json");
  expect_problem(act("an", review_an_, "submit", 1, R"([1, 2])"), 400, "malformed_json");
  expect_problem(act("an", review_an_, "submit", 1, R"({"form":{}} trailing)"), 400,
                 "malformed_json");
  // Nesting deeper than the parser's limit (128) is refused, not recursed into.
  expect_problem(act("an", review_an_, "submit", 1, std::string(5000, '[')), 400, "malformed_json");
}

TEST_F(RefusedRequest, WrongTypeIs400NamingTheField) {
  const auto r = act("an", review_an_, "submit", 1, R"({"form":{"self_rating":5}})");
  expect_problem(r, 400, "invalid_field");
  const auto errors = r.json()->getArray("errors");
  ASSERT_TRUE(errors);
  EXPECT_NE(errors->getObject(0)->getValue<std::string>("field").find("self_rating"),
            std::string::npos);
}

TEST_F(RefusedRequest, InvalidUtf8Is400) {
  const std::string body = "{\"form\":{\"strengths\":\"T\xC3\x28t\"}}";
  expect_problem(act("an", review_an_, "submit", 1, body), 400, "invalid_utf8");
}

TEST_F(RefusedRequest, UnknownActionIs400) {
  expect_problem(act("an", review_an_, "approve_everything", 1), 400, "unknown_action");
}

TEST_F(RefusedRequest, OversizedBodyIs413) {
  const std::string big = R"({"form":{"strengths":")" + std::string(100 * 1024, 'a') + R"("}})";
  expect_problem(act("an", review_an_, "submit", 1, big), 413, "payload_too_large");
}

TEST_F(RefusedRequest, MissingIfMatchIs428) {
  const auto r =
      as("an", "POST", "/api/v1/reviews/" + std::to_string(review_an_) + "/actions/submit",
         complete_form_body());
  expect_problem(r, 428, "if_match_required");
}

TEST_F(RefusedRequest, MalformedIfMatchIs400) {
  expect_problem(act("an", review_an_, "submit", 1, complete_form_body(), {{"If-Match", "abc"}}),
                 400, "invalid_if_match");
}

TEST_F(RefusedRequest, StaleVersionIs409WithTheCurrentVersion) {
  const auto r = act("an", review_an_, "submit", 7, complete_form_body());
  expect_problem(r, 409, "stale_version");
  EXPECT_EQ(r.json()->getValue<int>("current_version"), 1);
}

TEST_F(RefusedRequest, ActionNotAllowedInStageIs409) {
  // The head may give opinions, but not while the review is still in self-assessment.
  expect_problem(act("chi", review_an_, "give_opinion", 1, opinion_body("HTT")), 409,
                 "not_allowed_in_stage");
}

TEST_F(RefusedRequest, GuardRefusalIs422WithItsReason) {
  const auto r = act("an", review_an_, "submit", 1, R"({"form":{"sections":{}}})");
  expect_problem(r, 422, "guard_failed");
  const auto errors = r.json()->getArray("errors");
  ASSERT_TRUE(errors);
  ASSERT_EQ(errors->size(), 1u);
  EXPECT_EQ(errors->getObject(0)->getValue<std::string>("code"), "missing_sections");
  EXPECT_NE(errors->getObject(0)->getValue<std::string>("detail").find("Đạo đức, lối sống"),
            std::string::npos);
}

TEST_F(ApiTest, GuardRefusalListsEveryReason) {
  const Id review = review_of(khanh_);
  const auto r =
      act("khanh", review, "submit", 1, R"({"form":{"sections":{},"self_rating":"HTT"}})");
  ASSERT_EQ(r.status, 422) << r.body;
  const auto o = r.json();
  EXPECT_EQ(o->getValue<std::string>("code"), "guard_failed");
  std::set<std::string> codes;
  const auto errors = o->getArray("errors");
  for (std::size_t i = 0; i < errors->size(); ++i) {
    codes.insert(errors->getObject(static_cast<unsigned>(i))->getValue<std::string>("code"));
  }
  EXPECT_EQ(codes, (std::set<std::string>{"missing_sections", "rating_not_allowed"}));
  EXPECT_EQ(version_of(review), 1);
  EXPECT_EQ(event_count(review), 1u);
}

TEST_F(RefusedRequest, UnknownReviewIs404AndMalformedIdIs400) {
  expect_problem(act("an", 999999, "submit", 1, complete_form_body()), 404, "review_not_found");
  expect_problem(as("an", "GET", "/api/v1/reviews/abc"), 400, "invalid_parameter");
}

TEST_F(RefusedRequest, UnknownRouteIs404AndWrongMethodIs405) {
  expect_problem(as("an", "GET", "/api/v1/nothing-here"), 404, "not_found");
  const auto r = as("an", "DELETE", "/api/v1/reviews/" + std::to_string(review_an_));
  expect_problem(r, 405, "method_not_allowed");
  EXPECT_EQ(r.header("Allow"), "GET");
}

TEST_F(RefusedRequest, RequestIdIsEchoedOnProblems) {
  const auto r = call("GET", "/api/v1/me/tasks", "", {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(r.header("X-Request-Id"), "abc-123");
  EXPECT_EQ(r.json()->getValue<std::string>("request_id"), "abc-123");
}

}  // namespace
}  // namespace kd::api::testing
