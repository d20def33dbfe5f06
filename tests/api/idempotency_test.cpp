#include "tests/api/api_fixture.hpp"

namespace kd::api::testing {
namespace {

TEST_F(ApiTest, RetryWithTheSameKeyReturnsTheFirstAnswerAndWritesOneEvent) {
  const std::map<std::string, std::string> key = {{"Idempotency-Key", "submit-an-0001"}};
  const auto first = act("an", review_an_, "submit", 1, complete_form_body(), key);
  ASSERT_EQ(first.status, 200) << first.body;
  // The client did not see the answer and sends exactly the same request again.
  const auto retry = act("an", review_an_, "submit", 1, complete_form_body(), key);
  EXPECT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.body, first.body);
  EXPECT_EQ(retry.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(event_count(review_an_), 2u);  // create + one submit
  EXPECT_EQ(version_of(review_an_), 2);
}

TEST_F(ApiTest, TheSameKeyForAnotherRequestIsRefused) {
  const std::map<std::string, std::string> key = {{"Idempotency-Key", "k-42"}};
  ASSERT_EQ(act("an", review_an_, "submit", 1, complete_form_body(), key).status, 200);
  const auto other = act("binh", review_an_, "return", 2, R"({"reason":"Bổ sung."})", key);
  // Keys belong to an account: binh's key is a new key and the action goes through.
  EXPECT_EQ(other.status, 200) << other.body;
  const auto reused = act("an", review_an_, "submit", 3, R"({"form":{"sections":{}}})", key);
  EXPECT_EQ(reused.status, 422) << reused.body;
  EXPECT_EQ(reused.json()->getValue<std::string>("code"), "idempotency_key_reused");
  EXPECT_EQ(version_of(review_an_), 3);
  EXPECT_EQ(event_count(review_an_), 3u);
}

}  // namespace
}  // namespace kd::api::testing
