// Routing and UTF-8 checks: no server, no database.
#include <gtest/gtest.h>

#include "services/api/router.hpp"
#include "services/api/utf8.hpp"

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

TEST(Utf8, AcceptsVietnameseAndRejectsBrokenSequences) {
  EXPECT_TRUE(is_valid_utf8("Hoàn thành xuất sắc nhiệm vụ — Đảng ủy"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));   // U+1F600
  EXPECT_FALSE(is_valid_utf8("\xC3\x28"));          // bad continuation
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("abc\xE1\xBA"));       // truncated
}

}  // namespace
}  // namespace kd::api
