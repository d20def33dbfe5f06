// Routing and UTF-8 checks: no server, no database.
#include <gtest/gtest.h>

#include "services/api/router.hpp"

namespace kd::api {
namespace {

void none(ApiContext&, Exchange&) {}

TEST(Router, MatchesTemplatesAndExtractsParameters) {
  const Router router({{"GET", "/api/v1/reviews/{id}", none, true},
                       {"POST", "/api/v1/reviews/{id}/actions/{action}", none, true}});
  const auto m = router.match("POST", "/api/v1/reviews/12/actions/submit");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "12");
  EXPECT_EQ(m.params.at("action"), "submit");
}

TEST(Router, KnownPathWithAnotherMethodListsTheAllowedMethods) {
  const Router router({{"GET", "/api/v1/reviews/{id}", none, true}});
  const auto m = router.match("PUT", "/api/v1/reviews/12");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, std::vector<std::string>{"GET"});
}

TEST(Router, UnknownPathsAndEmptySegmentsDoNotMatch) {
  const Router router({{"GET", "/api/v1/reviews/{id}", none, true}});
  EXPECT_EQ(router.match("GET", "/api/v1/reviews/").route, nullptr);
  EXPECT_EQ(router.match("GET", "/api/v1/reviews/1/extra").route, nullptr);
  EXPECT_TRUE(router.match("GET", "/api/v2/reviews/1").allowed.empty());
}

}  // namespace
}  // namespace kd::api
