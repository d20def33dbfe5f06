#include "tests/api/api_fixture.hpp"

#include <Poco/JSON/Array.h>

namespace kd::api::testing {
namespace {

TEST_F(ApiTest, CommitteeCreatesAndOpensACampaignPinnedToACatalogRegime) {
  const std::string body = R"({"unit_id":)" + std::to_string(unit_b_) +
                           R"(,"year":2027,"name":"Đánh giá năm 2027","regime_id":"test-nd90",)"
                           R"("regime_version":1,"stage_due":{"self_assessment":"2027-11-25"}})";
  const auto created = as("dung", "POST", "/api/v1/campaigns", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto c = created.json();
  const Id id = c->getValue<Id>("id");
  EXPECT_EQ(created.header("Location"), "/api/v1/campaigns/" + std::to_string(id));
  EXPECT_EQ(c->getValue<std::string>("status"), "draft");
  EXPECT_EQ(c->getObject("regime")->getValue<std::string>("id"), "test-nd90");

  const auto opened = as("dung", "POST", "/api/v1/campaigns/" + std::to_string(id) + "/open");
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json()->getValue<int>("reviews_created"), 1);  // Phòng B has one person
  EXPECT_EQ(as("dung", "POST", "/api/v1/campaigns/" + std::to_string(id) + "/open").status, 409);

  const auto list = as("em", "GET", "/api/v1/campaigns");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json()->getArray("items")->size(), 2u);
  const auto an_list = as("an", "GET", "/api/v1/campaigns");
  EXPECT_EQ(an_list.json()->getArray("items")->size(), 1u);  // the 2027 one covers Phòng B only
  EXPECT_EQ(as("an", "GET", "/api/v1/campaigns/" + std::to_string(id)).status, 403);
}

TEST_F(ApiTest, UnknownRegimeIs422) {
  const std::string body = R"({"unit_id":)" + std::to_string(root_) +
                           R"(,"year":2027,"regime_id":"nd-khong-co","regime_version":3})";
  const auto r = as("dung", "POST", "/api/v1/campaigns", body);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "unknown_regime");
}

TEST_F(ApiTest, CampaignReviewsArePaginatedAndFiltered) {
  const std::string base = "/api/v1/campaigns/" + std::to_string(campaign_) + "/reviews";
  const auto page = as("dung", "GET", base + "?limit=3&offset=3");
  ASSERT_EQ(page.status, 200) << page.body;
  const auto o = page.json();
  EXPECT_EQ(o->getValue<int>("total"), 7);
  EXPECT_EQ(o->getValue<int>("limit"), 3);
  EXPECT_EQ(o->getValue<int>("offset"), 3);
  EXPECT_EQ(o->getArray("items")->size(), 3u);

  ASSERT_EQ(act("an", review_an_, "submit", 1, complete_form_body()).status, 200);
  const auto collective = as("dung", "GET", base + "?stage=collective_review");
  EXPECT_EQ(collective.json()->getValue<int>("total"), 1);
  const auto overdue = as("dung", "GET", base + "?overdue=true");  // self-assessment due 18/11
  EXPECT_EQ(overdue.json()->getValue<int>("total"), 6);
  const auto unit_b = as("dung", "GET", base + "?unit=" + std::to_string(unit_b_));
  EXPECT_EQ(unit_b.json()->getValue<int>("total"), 1);

  EXPECT_EQ(as("dung", "GET", base + "?limit=201").status, 400);
  EXPECT_EQ(as("dung", "GET", base + "?stage=unknown").status, 400);
}

TEST_F(ApiTest, BatchDecisionRefusedByTheQuotaThenAcceptedWithAnAuditedOverride) {
  walk_to_committee(review_an_);
  const std::string decide = "/api/v1/campaigns/" + std::to_string(campaign_) + "/decide";
  const std::string items =
      R"({"items":[{"review_id":)" + std::to_string(review_an_) + R"(,"rating":"HTXS"}])";
  const int version = version_of(review_an_);
  const auto events = event_count(review_an_);

  // One HTXS against no HTT: the limit is 0.
  const auto refused = as("dung", "POST", decide, items + "}");
  ASSERT_EQ(refused.status, 422) << refused.body;
  const auto p = refused.json();
  EXPECT_EQ(p->getValue<std::string>("code"), "quota_exceeded");
  const auto line = p->getArray("quota")->getObject(0);
  EXPECT_EQ(line->getValue<int>("htxs"), 1);
  EXPECT_EQ(line->getValue<int>("htt"), 0);
  EXPECT_EQ(line->getValue<int>("limit"), 0);
  EXPECT_EQ(version_of(review_an_), version);
  EXPECT_EQ(event_count(review_an_), events);

  EXPECT_EQ(as("dung", "POST", decide, items + R"(,"quota_override":true})").status, 422);
  const auto accepted =
      as("dung", "POST", decide,
         items + R"(,"quota_override":true,"override_reason":"Đơn vị xuất sắc."})");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json()->getArray("decided")->size(), 1u);

  const auto published =
      as("dung", "POST", "/api/v1/campaigns/" + std::to_string(campaign_) + "/publish",
         R"({"review_ids":[)" + std::to_string(review_an_) + "]}");
  ASSERT_EQ(published.status, 200) << published.body;
  const auto review = as("an", "GET", "/api/v1/reviews/" + std::to_string(review_an_));
  EXPECT_EQ(review.json()->getValue<std::string>("stage"), "published");
  EXPECT_EQ(review.json()->getValue<std::string>("rating"), "HTXS");
}

TEST_F(ApiTest, BatchDecisionOfAReviewNotYetAtTheCommitteeChangesNothing) {
  const std::string decide = "/api/v1/campaigns/" + std::to_string(campaign_) + "/decide";
  const auto r =
      as("dung", "POST", decide,
         R"({"items":[{"review_id":)" + std::to_string(review_an_) + R"(,"rating":"HT"}]})");
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(version_of(review_an_), 1);
  const auto empty = as("dung", "POST", decide, R"({"items":[]})");
  EXPECT_EQ(empty.status, 422) << empty.body;
  EXPECT_EQ(empty.json()->getArray("errors")->getObject(0)->getValue<std::string>("code"),
            "empty_batch");
  EXPECT_EQ(as("dung", "POST", decide, R"({"items":[{"review_id":"x"}]})").status, 400);
}

}  // namespace
}  // namespace kd::api::testing
