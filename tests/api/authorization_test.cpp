#include "tests/api/api_fixture.hpp"

#include <Poco/JSON/Array.h>

namespace kd::api::testing {
namespace {

TEST_F(ApiTest, AnotherUnitsMemberCannotSeeOrActOnAReview) {
  const std::string path = "/api/v1/reviews/" + std::to_string(review_an_);
  const auto get = as("em", "GET", path);
  EXPECT_EQ(get.status, 403);
  EXPECT_EQ(get.json()->getValue<std::string>("code"), "forbidden");
  EXPECT_EQ(as("em", "GET", path + "/events").status, 403);
  const auto post = act("em", review_an_, "submit", 1, complete_form_body());
  EXPECT_EQ(post.status, 403);
  EXPECT_EQ(version_of(review_an_), 1);
  EXPECT_EQ(event_count(review_an_), 1u);
}

TEST_F(ApiTest, WrongRoleIsRefusedWith403AndChangesNothing) {
  ASSERT_EQ(act("an", review_an_, "submit", 1, complete_form_body()).status, 200);
  const auto events = event_count(review_an_);
  // khanh is a member of the unit, not its secretary.
  const auto r = act("khanh", review_an_, "record_meeting", 2, meeting_body());
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "forbidden");
  EXPECT_EQ(version_of(review_an_), 2);
  EXPECT_EQ(event_count(review_an_), events);
}

TEST_F(ApiTest, SupervisorSeesTheSubtreeButCannotAct) {
  const auto get = as("giang", "GET", "/api/v1/reviews/" + std::to_string(review_an_));
  ASSERT_EQ(get.status, 200) << get.body;
  EXPECT_EQ(get.json()->getArray("allowed_actions")->size(), 0u);
  EXPECT_EQ(act("giang", review_an_, "submit", 1, complete_form_body()).status, 403);
  EXPECT_EQ(version_of(review_an_), 1);
}

TEST_F(ApiTest, OnlyTheCommitteeOrAdminCreatesCampaigns) {
  const std::string body = R"({"unit_id":)" + std::to_string(unit_a_) +
                           R"(,"year":2027,"regime_id":"test-nd90","regime_version":1})";
  const auto r = as("khanh", "POST", "/api/v1/campaigns", body);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(store_->list_campaigns({}).size(), 1u);
}

TEST_F(ApiTest, ReviewListsAreScopedToTheCallersUnits) {
  const std::string path = "/api/v1/campaigns/" + std::to_string(campaign_) + "/reviews";
  const auto em = as("em", "GET", path);
  ASSERT_EQ(em.status, 200) << em.body;
  const auto items = em.json()->getArray("items");
  ASSERT_EQ(items->size(), 1u);  // only Phòng B, which has one person
  EXPECT_EQ(items->getObject(0)->getObject("unit")->getValue<Id>("id"), unit_b_);

  const auto giang = as("giang", "GET", path);
  ASSERT_EQ(giang.status, 200);
  EXPECT_EQ(giang.json()->getValue<int>("total"), 7);  // the whole tree
}

}  // namespace
}  // namespace kd::api::testing
