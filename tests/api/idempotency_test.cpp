#include "tests/api/api_fixture.hpp"

#include <set>

#include <Poco/JSON/Array.h>

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

TEST_F(ApiTest, BatchDecideAndPublishRetriedWithTheSameKeyReturnTheFirstAnswer) {
  walk_to_committee(review_an_);
  const std::string campaign = "/api/v1/campaigns/" + std::to_string(campaign_);
  const std::string items =
      R"({"items":[{"review_id":)" + std::to_string(review_an_) + R"(,"rating":"HTT"}]})";
  const std::map<std::string, std::string> key = {{"Idempotency-Key", "decide-lot-1"}};
  const auto first = as("dung", "POST", campaign + "/decide", items, key);
  ASSERT_EQ(first.status, 200) << first.body;
  const auto events = event_count(review_an_);
  // The answer was lost; the client sends the same request again.
  const auto retry = as("dung", "POST", campaign + "/decide", items, key);
  EXPECT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.body, first.body);
  EXPECT_EQ(retry.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(event_count(review_an_), events);
  // The same key for another request is refused, and changes nothing.
  const auto other =
      as("dung", "POST", campaign + "/decide",
         R"({"items":[{"review_id":)" + std::to_string(review_an_) + R"(,"rating":"HT"}]})", key);
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_EQ(other.json()->getValue<std::string>("code"), "idempotency_key_reused");
  EXPECT_EQ(event_count(review_an_), events);

  const std::string ids = R"({"review_ids":[)" + std::to_string(review_an_) + "]}";
  const std::map<std::string, std::string> publish_key = {{"Idempotency-Key", "publish-lot-1"}};
  const auto published = as("dung", "POST", campaign + "/publish", ids, publish_key);
  ASSERT_EQ(published.status, 200) << published.body;
  const auto again = as("dung", "POST", campaign + "/publish", ids, publish_key);
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.body, published.body);
  EXPECT_EQ(again.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(event_count(review_an_), events + 1);
  // Without a key, the same publication again is refused by the workflow (already published).
  EXPECT_EQ(as("dung", "POST", campaign + "/publish", ids).status, 409);
}

TEST_F(ApiTest, ARefusedBatchListsEachRefusalOnceAndSaysEachSentenceOnce) {
  // Two reviews still at self-assessment, refused for the same reason.
  const Id binh_review = review_of(binh_);
  const auto r = as("dung", "POST", "/api/v1/campaigns/" + std::to_string(campaign_) + "/decide",
                    R"({"items":[{"review_id":)" + std::to_string(review_an_) +
                        R"(,"rating":"HT"},{"review_id":)" + std::to_string(binh_review) +
                        R"(,"rating":"HT"}]})");
  ASSERT_EQ(r.status, 409) << r.body;
  const auto p = r.json();
  const auto errors = p->getArray("errors");
  ASSERT_EQ(errors->size(), 2u) << r.body;
  std::set<std::pair<std::string, Id>> seen;
  for (std::size_t i = 0; i < errors->size(); ++i) {
    const auto e = errors->getObject(static_cast<unsigned>(i));
    EXPECT_TRUE(seen.emplace(e->getValue<std::string>("code"), e->getValue<Id>("review_id")).second)
        << r.body;
  }
  EXPECT_EQ(seen.size(), 2u);
  const std::string detail = p->getValue<std::string>("detail");
  const std::string sentence = errors->getObject(0)->getValue<std::string>("detail");
  EXPECT_EQ(detail.find(sentence), 0u) << detail;
  EXPECT_EQ(detail.find(sentence, sentence.size()), std::string::npos) << detail;
}

}  // namespace
}  // namespace kd::api::testing
