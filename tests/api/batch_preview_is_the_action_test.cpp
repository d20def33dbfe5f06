// A batch preview is the batch action itself, planned and rolled back: over generated batches
// (empty ones, duplicate and unknown ids, every rating, callers with and without the right,
// exceptions with and without a reason), the preview answers what the action then answers
// (accepted or not, the same refusal codes for the same reviews) and the preview changes
// nothing.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "tests/api/api_fixture.hpp"

namespace kd::api::testing {
namespace {

using Codes = std::multiset<std::pair<std::string, Id>>;

Codes codes(const Poco::JSON::Array::Ptr& errors) {
  Codes out;
  if (!errors) return out;
  for (std::size_t i = 0; i < errors->size(); ++i) {
    const auto e = errors->getObject(static_cast<unsigned>(i));
    out.emplace(e->getValue<std::string>("code"),
                e->has("review_id") ? e->getValue<Id>("review_id") : Id{0});
  }
  return out;
}

std::string describe(const Codes& c) {
  std::string s;
  for (const auto& [code, id] : c) s += code + "@" + std::to_string(id) + " ";
  return s;
}

class BatchPreviewIsTheActionTest : public ApiTest {
 protected:
  // Every review of the campaign: (version, stage), and its events.
  using State = std::map<Id, std::tuple<int, std::string, std::size_t>>;
  State state() {
    State s;
    kd::storage::ReviewFilter f;
    f.campaign_id = campaign_;
    f.today = {2026, 11, 20};
    for (const auto& row : store_->list_reviews(f, 200, 0).items) {
      s[row.review.id] = {row.review.version, std::string(kd::wf::to_string(row.review.stage)),
                          event_count(row.review.id)};
    }
    return s;
  }

  // khanh is disciplined: only KHT reaches the committee.
  void walk_khanh_to_committee(Id review) {
    auto r = act("khanh", review, "submit", version_of(review),
                 R"({"form":{"sections":{"chinh_tri_tu_tuong":"Nội dung.",)"
                 R"("dao_duc_loi_song":"Nội dung."},"self_rating":"KHT"}})");
    ASSERT_EQ(r.status, 200) << r.body;
    std::string meeting = meeting_body();
    const std::string htt = R"("proposed_rating":"HTT")";
    meeting.replace(meeting.find(htt), htt.size(), R"("proposed_rating":"KHT")");
    r = act("binh", review, "record_meeting", version_of(review), meeting);
    ASSERT_EQ(r.status, 200) << r.body;
    r = act("chi", review, "give_opinion", version_of(review), opinion_body("KHT"));
    ASSERT_EQ(r.status, 200) << r.body;
  }

  std::string path(const std::string& what) const {
    return "/api/v1/campaigns/" + std::to_string(campaign_) + "/" + what;
  }
};

TEST_F(BatchPreviewIsTheActionTest, OverGeneratedBatchesThePreviewAnswersWhatTheActionDoes) {
  walk_to_committee(review_an_);
  const Id khanh = review_of(khanh_);
  walk_khanh_to_committee(khanh);

  std::vector<Id> pool;
  for (const auto& [id, s] : state()) pool.push_back(id);
  pool.push_back(987654);  // not in the campaign
  const std::vector<std::string> ratings = {"", "HTXS", "HTT", "HTT", "HT", "KHT", "KHT"};
  const std::vector<std::string> callers = {"dung", "dung", "dung", "dung", "an", "em", "giang"};
  const std::vector<std::string> exceptions = {
      "",
      "",
      "",
      R"(,"quota_override":true)",
      R"(,"quota_override":true,"override_reason":"\u200b")",
      R"(,"quota_override":true,"override_reason":"Đơn vị có thành tích xuất sắc.")",
      R"(,"quota_override":false,"override_reason":"Không dùng.")"};

  std::mt19937 random(20261205);
  auto pick = [&](std::size_t n) {
    return static_cast<std::size_t>(std::uniform_int_distribution<std::size_t>(0, n - 1)(random));
  };
  // Batches drawn from the reviews at the committee more often than from the others.
  auto draw_ids = [&](std::size_t count) {
    std::vector<Id> ids;
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t way = pick(6);
      if (way < 3) {
        ids.push_back(way == 0 ? review_an_ : khanh);
      } else if (way == 3 && !ids.empty()) {
        ids.push_back(ids[pick(ids.size())]);  // a duplicate
      } else {
        ids.push_back(pool[pick(pool.size())]);
      }
    }
    return ids;
  };

  std::map<std::string, int> seen;  // what the generated batches covered
  for (int round = 0; round < 150; ++round) {
    const bool decide = pick(4) != 0;
    const std::string caller = callers[pick(callers.size())];
    const auto ids = draw_ids(pick(4));
    std::string body;
    if (decide) {
      body = R"({"items":[)";
      for (std::size_t i = 0; i < ids.size(); ++i) {
        const std::string& rating = ratings[pick(ratings.size())];
        body += (i ? "," : "") + std::string(R"({"review_id":)") + std::to_string(ids[i]) +
                (rating.empty() ? "" : R"(,"rating":")" + rating + "\"") + "}";
      }
      body += "]" + exceptions[pick(exceptions.size())] + "}";
    } else {
      body = R"({"review_ids":[)";
      for (std::size_t i = 0; i < ids.size(); ++i) body += (i ? "," : "") + std::to_string(ids[i]);
      body += "]}";
    }
    const std::string action = decide ? "decide" : "publish";
    const std::string what = caller + " " + action + " " + body;

    const State before = state();
    const auto preview = as(caller, "POST", path(action + "/preview"), body);
    EXPECT_EQ(state(), before) << "the preview changed something: " << what;
    const auto acted = as(caller, "POST", path(action), body);
    if (preview.status != 200) {
      EXPECT_EQ(acted.status, preview.status) << what << "\n" << preview.body;
      ++seen["status " + std::to_string(preview.status)];
      continue;
    }
    const auto o = preview.json();
    const bool accepted = o->getValue<bool>("accepted");
    EXPECT_EQ(acted.status == 200, accepted)
        << what << "\npreview: " << preview.body << "\naction: " << acted.body;
    if (accepted) {
      EXPECT_TRUE(codes(o->getArray("errors")).empty()) << preview.body;
      ++seen[action + " accepted"];
      continue;
    }
    EXPECT_EQ(state(), before) << what;
    const auto preview_codes = codes(o->getArray("errors"));
    const auto action_codes = codes(acted.json()->getArray("errors"));
    EXPECT_EQ(action_codes, preview_codes) << what << "\npreview: " << describe(preview_codes)
                                           << "\naction:  " << describe(action_codes);
    for (const auto& [code, id] : preview_codes) ++seen[code];
  }
  // The generated batches met the cases the preview used to answer differently.
  for (const char* c : {"decide accepted", "publish accepted", "empty_batch", "duplicate_in_batch",
                        "review_not_in_campaign", "override_reason_required", "quota_exceeded",
                        "action_not_allowed_in_stage", "own_review", "role_required"}) {
    EXPECT_GT(seen[c], 0) << c << " never generated";
  }
}

// The preview of a batch decision takes the exception as the action does: with its reason the
// quota is passed (overridden), without one it is refused, once for the batch.
TEST_F(BatchPreviewIsTheActionTest, AnExceptionIsPreviewedWithItsReason) {
  walk_to_committee(review_an_);
  const std::string items =
      R"({"items":[{"review_id":)" + std::to_string(review_an_) + R"(,"rating":"HTXS"}])";
  const auto without = as("dung", "POST", path("decide/preview"), items + "}");
  ASSERT_EQ(without.status, 200) << without.body;
  EXPECT_FALSE(without.json()->getValue<bool>("accepted"));
  EXPECT_FALSE(without.json()->getValue<bool>("quota_ok"));

  const auto no_reason =
      as("dung", "POST", path("decide/preview"), items + R"(,"quota_override":true})");
  ASSERT_EQ(no_reason.status, 200) << no_reason.body;
  EXPECT_FALSE(no_reason.json()->getValue<bool>("accepted"));
  EXPECT_EQ(codes(no_reason.json()->getArray("errors")).count({"override_reason_required", 0}), 1u)
      << no_reason.body;

  const auto with = as("dung", "POST", path("decide/preview"),
                       items + R"(,"quota_override":true,"override_reason":"Đơn vị xuất sắc."})");
  ASSERT_EQ(with.status, 200) << with.body;
  EXPECT_TRUE(with.json()->getValue<bool>("accepted")) << with.body;
  EXPECT_TRUE(with.json()->getValue<bool>("quota_ok"));
  EXPECT_EQ(version_of(review_an_), 4);
}

}  // namespace
}  // namespace kd::api::testing
