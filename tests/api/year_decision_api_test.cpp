// The annual decision of công chức rated under Nghị định 335/2025, over HTTP: the year follows
// from the locked periods (October 2026: an at 100 points, HTXS; binh, hai, hoa and long at
// 82,50, HTT), the HTXS quota (20 % of HTT: floor(4 × 20 %) = 0) holds at the decision, and
// the exception for an outstanding organisation is an audited override: it needs the decision
// recognising the organisation (the regime's exception_needs_decision), its approver is the
// deciding account, and it may not go beyond floor(HTT × 25 %) (exception_cap_percent).
#include <Poco/JSON/Array.h>

#include "tests/api/scoring_fixture.hpp"

namespace kd::api::testing {
namespace {

const std::string kDecision = "Quyết định số 20/QĐ-UBND ngày 10/12/2026";

class YearDecisionApiTest : public ScoringApiTest {
 protected:
  void SetUp() override {
    ScoringApiTest::SetUp();
    hai_ = add_civil_servant("hai", "Trần Văn Hải", unit_a_);
    hoa_ = add_civil_servant("hoa", "Lý Thị Hoa", unit_a_);
    long_ = add_civil_servant("long", "Ngô Đức Long", unit_a_);
    open_nd335_campaign();
    issue_catalogue("chi", unit_a_);
    ASSERT_EQ(open_period("chi", unit_a_, "2026-10").size(), 7u);
    walk_period(period_of("an", an_, "2026-10"), "an", "chi", "lock");
    const std::vector<std::pair<std::string, Id>> htt = {
        {"binh", binh_}, {"hai", hai_}, {"hoa", hoa_}, {"long", long_}};
    for (const auto& [who, id] : htt) {
      walk_period(period_of(who, id, "2026-10"), who, "chi", "lock", "4", "3");
    }
    to_committee("an", review_of(an_), "HTXS");
    for (const auto& [who, id] : htt) to_committee(who, review_of(id), "HTT");
  }

  std::string items(const std::vector<Id>& people) {
    std::string out;
    for (Id p : people) {
      out += std::string(out.empty() ? "" : ",") + R"({"review_id":)" +
             std::to_string(review_of(p)) + "}";
    }
    return "[" + out + "]";
  }

  HttpResult decide(const std::vector<Id>& people, const std::string& extra) {
    return as("dung", "POST", "/api/v1/campaigns/" + std::to_string(campaign_) + "/decide",
              R"({"items":)" + items(people) + extra + "}");
  }

  Id hai_ = 0, hoa_ = 0, long_ = 0;
};

TEST_F(YearDecisionApiTest, TheQuotaExceptionNeedsItsDecisionAndStaysWithinItsCap) {
  const std::vector<Id> all = {an_, binh_, hai_, hoa_, long_};
  const std::string reason =
      R"(,"quota_override":true,"override_reason":"Sở được tặng Cờ thi đua của Chính phủ năm 2026")";
  const int an_version = version_of(review_of(an_));

  // One review decided alone: the exception without its decision, then beyond its cap
  // (no HTT decided yet: floor(0 × 25 %) = 0).
  auto r = act("dung", review_of(an_), "decide", an_version,
               R"({"rating":"HTXS","quota_override":true,"reason":"Tổ chức xuất sắc"})");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("quota_exception_incomplete"), std::string::npos) << r.body;
  r = act("dung", review_of(an_), "decide", an_version,
          R"({"rating":"HTXS","quota_override":true,"reason":"Tổ chức xuất sắc",)"
          R"("quota_decision":")" +
              kDecision + R"("})");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("quota_exception_cap_exceeded"), std::string::npos) << r.body;

  // The batch: over the quota; the exception with one HTT (cap 0); without its decision.
  r = decide(all, "");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("quota_exceeded"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("vượt giới hạn 0 (20% của 4 người xếp loại Hoàn thành tốt nhiệm vụ"),
            std::string::npos)
      << r.body;
  r = decide({an_, binh_}, reason + R"(,"quota_decision":")" + kDecision + R"(")");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("vượt cả giới hạn ngoại lệ 0 (25% của 1 người xếp loại HTT)"),
            std::string::npos)
      << r.body;
  r = decide(all, reason);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("quota_exception_incomplete"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("cần ghi số quyết định và người phê duyệt"), std::string::npos);
  // Nothing of it was written.
  EXPECT_EQ(version_of(review_of(an_)), an_version);

  // With the decision: floor(4 × 25 %) = 1 HTXS allowed by the exception.
  r = decide(all, reason + R"(,"quota_decision":")" + kDecision + R"(")");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("quota_decision"), kDecision);
  EXPECT_EQ(r.json()->getArray("decided")->size(), 5u);
  const auto review = as("an", "GET", "/api/v1/reviews/" + std::to_string(review_of(an_)));
  EXPECT_EQ(review.json()->getValue<std::string>("stage"), "decided");
  EXPECT_EQ(review.json()->getValue<std::string>("rating"), "HTXS");

  // The audit: the decide event names the approver, the decision, the reason and the lines.
  const auto events =
      as("an", "GET", "/api/v1/reviews/" + std::to_string(review_of(an_)) + "/events");
  ASSERT_EQ(events.status, 200) << events.body;
  const auto items = events.json()->getArray("items");
  const auto last = items->getObject(items->size() - 1);
  EXPECT_EQ(last->getValue<std::string>("action"), "decide");
  EXPECT_EQ(last->getValue<Id>("actor_id"), dung_);
  const auto payload = last->getObject("payload");
  EXPECT_EQ(payload->getValue<std::string>("quota_decision"), kDecision);
  EXPECT_TRUE(payload->getValue<bool>("quota_override"));
  EXPECT_TRUE(payload->getValue<bool>("quota_overridden"));
  EXPECT_EQ(payload->getValue<std::string>("override_reason"),
            "Sở được tặng Cờ thi đua của Chính phủ năm 2026");
  const auto line = payload->getArray("quota_lines")->getObject(0);
  EXPECT_EQ(line->getValue<int>("htxs"), 1);
  EXPECT_EQ(line->getValue<int>("htt"), 4);
  EXPECT_EQ(line->getValue<int>("limit"), 0);
}

TEST_F(YearDecisionApiTest, TheDecisionFollowsTheYearOfThePeriods) {
  // binh's year is 82,50: HTT only, whatever the committee would choose.
  const std::string body =
      R"({"items":[{"review_id":)" + std::to_string(review_of(binh_)) + R"(,"rating":"HTXS"}]})";
  const auto r =
      as("dung", "POST", "/api/v1/campaigns/" + std::to_string(campaign_) + "/decide", body);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("rating_not_allowed"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace kd::api::testing
