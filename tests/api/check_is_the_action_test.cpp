// A check is the action itself, planned and rolled back: along a review's life, for every
// action, every caller and the bodies they may send, the check answers what the action then
// answers (accepted or not, the same refusal codes) and the check changes nothing.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tests/api/api_fixture.hpp"
#include "workflow/vocabulary.hpp"

namespace kd::api::testing {
namespace {

std::multiset<std::string> codes(const Poco::JSON::Array::Ptr& errors) {
  std::multiset<std::string> out;
  if (!errors) return out;
  for (std::size_t i = 0; i < errors->size(); ++i) {
    out.insert(errors->getObject(i)->getValue<std::string>("code"));
  }
  return out;
}

class CheckIsTheActionTest : public ApiTest {
 protected:
  // The bodies a caller may send with each action: one that passes the decoder and, where
  // the rules look at the text or the rating, one the rules refuse.
  std::vector<std::string> bodies(kd::wf::Action a) const {
    using kd::wf::Action;
    switch (a) {
      case Action::Submit:
        return {complete_form_body(), R"({"form":{"sections":{}}})"};
      case Action::RecordMeeting:
        return {meeting_body()};
      case Action::GiveOpinion:
        return {opinion_body("HTT"), opinion_body("HTXS")};
      case Action::Decide:
        return {R"({"rating":"HTT"})", R"({"rating":"HTXS"})",
                R"({"rating":"HTXS","quota_override":true,"reason":"\u200b"})"};
      case Action::ResolveComplaint:
        return {R"({"rating":"HTT","reason":"Giữ nguyên kết quả."})",
                R"({"rating":"HTXS","reason":"Nâng mức xếp loại."})"};
      case Action::Return:
      case Action::Complain:
        return {R"({"reason":"Cần bổ sung minh chứng."})", R"({"reason":"\u0000\u00a0"})"};
      case Action::Publish:
      case Action::Close:
        return {"{}"};
    }
    return {"{}"};
  }

  // Every caller × action × body on the review as it is now: each refused check is followed
  // by the action, which must be refused with the same codes; nothing changes. Returns the
  // (caller, action, body) the checks accepted.
  std::vector<std::pair<std::string, std::string>> compare_everything(Id review) {
    std::vector<std::pair<std::string, std::string>> accepted;
    const char* callers[] = {"an", "binh", "chi", "khanh", "dung", "em", "giang"};
    for (const std::string caller : callers) {
      for (const auto action : kd::wf::all_actions()) {
        const std::string name(kd::wf::to_string(action));
        for (const auto& body : bodies(action)) {
          const std::string what = caller + " " + name + " " + body;
          const int version = version_of(review);
          const auto events = event_count(review);
          const auto check =
              as(caller, "POST", "/api/v1/reviews/" + std::to_string(review) + "/checks/" + name,
                 body);
          EXPECT_EQ(version_of(review), version) << what;
          EXPECT_EQ(event_count(review), events) << what;
          if (check.status != 200) {
            // A review the caller may not see: the action is refused in the same way.
            EXPECT_EQ(act(caller, review, name, version, body).status, check.status) << what;
            continue;
          }
          const auto o = check.json();
          if (o->getValue<bool>("accepted")) {
            accepted.emplace_back(caller + " " + name, body);
            continue;
          }
          const auto acted = act(caller, review, name, version, body);
          EXPECT_TRUE(acted.status == 403 || acted.status == 409 || acted.status == 422)
              << what << acted.body;
          EXPECT_EQ(codes(acted.json()->getArray("errors")), codes(o->getArray("errors")))
              << what << "\ncheck: " << check.body << "\naction: " << acted.body;
          EXPECT_EQ(version_of(review), version) << what;
        }
      }
    }
    return accepted;
  }

  // The forward action the check accepted is then accepted by the action itself.
  void step(Id review, const std::string& caller, const std::string& action,
            const std::string& body, const std::string& stage_after) {
    const auto accepted = compare_everything(review);
    bool found = false;
    for (const auto& a : accepted)
      found = found || (a.first == caller + " " + action && a.second == body);
    EXPECT_TRUE(found) << caller << " " << action << " not accepted by its check";
    const auto r = act(caller, review, action, version_of(review), body);
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_EQ(r.json()->getValue<std::string>("stage"), stage_after);
  }
};

TEST_F(CheckIsTheActionTest, AlongAReviewsLifeEveryCheckAnswersWhatTheActionDoes) {
  const Id r = review_an_;
  step(r, "an", "submit", complete_form_body(), "collective_review");
  step(r, "binh", "record_meeting", meeting_body(), "head_opinion");
  step(r, "chi", "give_opinion", opinion_body("HTT"), "committee_decision");
  step(r, "dung", "decide", R"({"rating":"HTT"})", "decided");
  // The refused checks of the decided review, and nothing accepted for the reviewee.
  const auto accepted = compare_everything(r);
  for (const auto& a : accepted) EXPECT_NE(a.first.rfind("an ", 0), 0u) << a.first;
}

// The HTXS quota of the campaign is part of a single decision: its check refuses what the
// action refuses (one HTXS against no HTT: the limit is 0), with the same code.
TEST_F(CheckIsTheActionTest, ACheckOfADecisionMeetsTheQuotaOfTheCampaign) {
  walk_to_committee(review_an_);
  const std::string check = "/api/v1/reviews/" + std::to_string(review_an_) + "/checks/decide";
  const int version = version_of(review_an_);
  const auto events = event_count(review_an_);

  const auto checked = as("dung", "POST", check, R"({"rating":"HTXS"})");
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_FALSE(checked.json()->getValue<bool>("accepted"));
  EXPECT_EQ(codes(checked.json()->getArray("errors")), std::multiset<std::string>{"quota_exceeded"})
      << checked.body;
  EXPECT_EQ(version_of(review_an_), version);
  EXPECT_EQ(event_count(review_an_), events);

  const auto refused = act("dung", review_an_, "decide", version, R"({"rating":"HTXS"})");
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json()->getValue<std::string>("code"), "quota_exceeded");

  const auto htt = as("dung", "POST", check, R"({"rating":"HTT"})");
  ASSERT_EQ(htt.status, 200) << htt.body;
  EXPECT_TRUE(htt.json()->getValue<bool>("accepted"));
  EXPECT_EQ(htt.json()->getValue<std::string>("stage_after"), "decided");
  EXPECT_EQ(version_of(review_an_), version);
  EXPECT_EQ(act("dung", review_an_, "decide", version, R"({"rating":"HTT"})").status, 200);
}

}  // namespace
}  // namespace kd::api::testing
