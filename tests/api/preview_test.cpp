// The web UI's dry runs: the form of a review, an action checked by the workflow
// without being recorded, and the quota a batch decision would give. Nothing is written;
// scope as for the review and the campaign.
#include <gtest/gtest.h>

#include "tests/api/api_fixture.hpp"

namespace kd::api::testing {
namespace {

TEST_F(ApiTest, TheFormOfAReviewComesFromItsRegimeWithWhatIsMissing) {
  const std::string path = "/api/v1/reviews/" + std::to_string(review_an_) + "/form";
  const auto r = as("an", "GET", path);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto o = r.json();
  const auto sections = o->getObject("form")->getArray("sections");
  ASSERT_EQ(sections->size(), 2u);
  EXPECT_EQ(sections->getObject(0)->getValue<std::string>("key"), "chinh_tri_tu_tuong");
  EXPECT_TRUE(sections->getObject(0)->getValue<bool>("required"));
  EXPECT_EQ(o->getArray("missing")->size(), 2u);
  EXPECT_EQ(o->getArray("ratings")->size(), 4u);
  EXPECT_EQ(as("em", "GET", path).status, 403);
}

TEST_F(ApiTest, ACheckAnswersTheWorkflowsVerdictAndWritesNothing) {
  const std::string path = "/api/v1/reviews/" + std::to_string(review_an_) + "/checks/submit";
  const int version = version_of(review_an_);
  const auto events = event_count(review_an_);

  const auto blank = as("an", "POST", path, R"({"form":{"sections":{}}})");
  ASSERT_EQ(blank.status, 200) << blank.body;
  EXPECT_FALSE(blank.json()->getValue<bool>("accepted"));
  EXPECT_EQ(blank.json()->getArray("errors")->getObject(0)->getValue<std::string>("code"),
            "missing_sections");

  const auto full = as("an", "POST", path, complete_form_body());
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_TRUE(full.json()->getValue<bool>("accepted"));
  EXPECT_EQ(full.json()->getValue<std::string>("stage_after"), "collective_review");

  // Someone else's submit is refused by the workflow, as the action itself would be.
  const auto other = as("chi", "POST", path, complete_form_body());
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_FALSE(other.json()->getValue<bool>("accepted"));
  EXPECT_EQ(as("em", "POST", path, complete_form_body()).status, 403);
  EXPECT_EQ(as("an", "POST", "/api/v1/reviews/" + std::to_string(review_an_) + "/checks/fly", "{}")
                .status,
            400);

  EXPECT_EQ(version_of(review_an_), version);
  EXPECT_EQ(event_count(review_an_), events);
}

TEST_F(ApiTest, ACheckSeesTheSignaturesTheActionWouldNeed) {
  store_->require_signatures(true);
  ASSERT_EQ(act("an", review_an_, "submit", version_of(review_an_), complete_form_body()).status,
            200);
  ASSERT_EQ(
      act("binh", review_an_, "record_meeting", version_of(review_an_), meeting_body()).status,
      200);
  const auto r =
      as("chi", "POST", "/api/v1/reviews/" + std::to_string(review_an_) + "/checks/give_opinion",
         opinion_body("HTT"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.json()->getValue<bool>("accepted"));
  EXPECT_NE(r.body.find("minutes_not_signed"), std::string::npos) << r.body;
}

TEST_F(ApiTest, TheQuotaPreviewGivesTheLinesOfTheBatchAndWritesNothing) {
  walk_to_committee(review_an_);
  const std::string path = "/api/v1/campaigns/" + std::to_string(campaign_) + "/decide/preview";
  const std::string items =
      R"({"items":[{"review_id":)" + std::to_string(review_an_) + R"(,"rating":"HTXS"}]})";
  const int version = version_of(review_an_);

  const auto r = as("dung", "POST", path, items);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto o = r.json();
  EXPECT_FALSE(o->getValue<bool>("quota_ok"));
  const auto line = o->getArray("quota")->getObject(0);
  EXPECT_EQ(line->getValue<int>("htxs"), 1);
  EXPECT_EQ(line->getValue<int>("htt"), 0);
  EXPECT_EQ(line->getValue<int>("limit"), 0);
  EXPECT_FALSE(line->getValue<bool>("ok"));

  const auto htt =
      as("dung", "POST", path,
         R"({"items":[{"review_id":)" + std::to_string(review_an_) + R"(,"rating":"HTT"}]})");
  ASSERT_EQ(htt.status, 200) << htt.body;
  EXPECT_TRUE(htt.json()->getValue<bool>("quota_ok"));

  // The reviewee sees the campaign: the preview answers the decision's own refusal.
  const auto own = as("an", "POST", path, items);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_FALSE(own.json()->getValue<bool>("accepted"));
  EXPECT_EQ(own.json()->getArray("errors")->getObject(0)->getValue<std::string>("code"),
            "own_review");
  EXPECT_EQ(version_of(review_an_), version);
}

}  // namespace
}  // namespace kd::api::testing
