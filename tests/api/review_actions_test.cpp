#include "tests/api/api_fixture.hpp"

#include <Poco/JSON/Array.h>

namespace kd::api::testing {
namespace {

bool contains(const Poco::JSON::Array::Ptr& a, const std::string& value) {
  for (std::size_t i = 0; i < a->size(); ++i) {
    if (a->getElement<std::string>(static_cast<unsigned>(i)) == value) return true;
  }
  return false;
}

TEST_F(ApiTest, GetReviewShowsStageVersionEtagAndTheCallersActions) {
  const auto r = as("an", "GET", "/api/v1/reviews/" + std::to_string(review_an_));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("ETag"), "\"1\"");
  const auto o = r.json();
  EXPECT_EQ(o->getValue<std::string>("stage"), "self_assessment");
  EXPECT_EQ(o->getValue<std::string>("stage_label_vi"),
            std::string(kd::wf::label_vi(kd::wf::Stage::SelfAssessment)));
  EXPECT_EQ(o->getValue<int>("version"), 1);
  EXPECT_EQ(o->getObject("person")->getValue<std::string>("full_name"), "Nguyễn Văn An");
  EXPECT_NE(r.body.find("Nguyễn Văn An"), std::string::npos) << "UTF-8 text, not \\u escapes";
  EXPECT_EQ(o->getObject("unit")->getValue<std::string>("name"), "Phòng Tổ chức cán bộ");
  EXPECT_TRUE(o->has("form"));
  EXPECT_TRUE(o->isNull("rating"));
  EXPECT_TRUE(contains(o->getArray("allowed_actions"), "submit"));
  // The secretary sees the same review but may not submit it.
  const auto binh = as("binh", "GET", "/api/v1/reviews/" + std::to_string(review_an_));
  ASSERT_EQ(binh.status, 200);
  EXPECT_FALSE(contains(binh.json()->getArray("allowed_actions"), "submit"));
}

TEST_F(ApiTest, SubmitMovesTheReviewOnAndAnswersWithTheNewReview) {
  const auto r = act("an", review_an_, "submit", 1, complete_form_body());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("ETag"), "\"2\"");
  const auto o = r.json();
  EXPECT_EQ(o->getValue<std::string>("stage"), "collective_review");
  EXPECT_EQ(o->getValue<int>("version"), 2);
  EXPECT_EQ(o->getObject("form")->getObject("sections")->getValue<std::string>("dao_duc_loi_song"),
            "Giữ gìn đạo đức, lối sống lành mạnh.");
  EXPECT_EQ(event_count(review_an_), 2u);
}

TEST_F(ApiTest, IfMatchAcceptsAQuotedOrABareVersion) {
  const auto r = act("an", review_an_, "submit", 1, complete_form_body(), {{"If-Match", "1"}});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(ApiTest, ReturnNeedsAReasonAndGoesBack) {
  ASSERT_EQ(act("an", review_an_, "submit", 1, complete_form_body()).status, 200);
  EXPECT_EQ(act("binh", review_an_, "return", 2, "{}").status, 400);
  const auto r = act("binh", review_an_, "return", 2, R"({"reason":"Thiếu mục đạo đức."})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("stage"), "self_assessment");
  EXPECT_EQ(r.json()->getValue<std::string>("last_return_reason"), "Thiếu mục đạo đức.");
}

TEST_F(ApiTest, EventsShowTheChainedAuditTrail) {
  ASSERT_EQ(act("an", review_an_, "submit", 1, complete_form_body()).status, 200);
  const auto r = as("an", "GET", "/api/v1/reviews/" + std::to_string(review_an_) + "/events");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto items = r.json()->getArray("items");
  ASSERT_EQ(items->size(), 2u);
  const auto first = items->getObject(0);
  const auto second = items->getObject(1);
  EXPECT_EQ(first->getValue<std::string>("prev_hash"), std::string(64, '0'));
  EXPECT_EQ(second->getValue<std::string>("action"), "submit");
  EXPECT_EQ(second->getValue<std::string>("prev_hash"), first->getValue<std::string>("hash"));
  EXPECT_EQ(second->getValue<std::string>("hash").size(), 64u);
  EXPECT_EQ(second->getValue<std::string>("occurred_at"), "2026-11-20T10:00:00+07:00");
}

TEST_F(ApiTest, MyTasksListTheNextStepOfEachReview) {
  const auto an = as("an", "GET", "/api/v1/me/tasks");
  ASSERT_EQ(an.status, 200) << an.body;
  const auto items = an.json()->getArray("items");
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ(items->getObject(0)->getValue<std::string>("action"), "submit");
  EXPECT_EQ(items->getObject(0)->getValue<Id>("review_id"), review_an_);
  EXPECT_TRUE(items->getObject(0)->getValue<bool>("overdue"));  // due 2026-11-18

  ASSERT_EQ(act("an", review_an_, "submit", 1, complete_form_body()).status, 200);
  const auto binh = as("binh", "GET", "/api/v1/me/tasks");
  ASSERT_EQ(binh.status, 200);
  bool meeting_task = false;
  const auto binh_items = binh.json()->getArray("items");
  for (std::size_t i = 0; i < binh_items->size(); ++i) {
    const auto t = binh_items->getObject(static_cast<unsigned>(i));
    if (t->getValue<Id>("review_id") == review_an_) {
      meeting_task = t->getValue<std::string>("action") == "record_meeting";
    }
  }
  EXPECT_TRUE(meeting_task) << binh.body;
}

}  // namespace
}  // namespace kd::api::testing
