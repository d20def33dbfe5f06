// The reviewee's draft on the server, its PDF preview, actor names in the timeline and the
// testing clock, over HTTP against a real server and database.

#include "services/api/testing_clock.hpp"
#include "tests/api/api_fixture.hpp"

namespace kd::api::testing {
namespace {

class DraftsTest : public ApiTest {
 protected:
  // Restarts the server with a testing clock (starting at test_now()) and a PDF previewer that
  // records what it was given.
  void restart_with_testing_clock() {
    server_->stop();
    clock_ = std::make_unique<TestingClock>(test_now);
    ApiDeps deps{*store_, catalog_, settings_, clock_->as_clock()};
    deps.testing_clock = clock_.get();
    deps.form_preview = [this](Id review, const kd::wf::FormContent& form, Id actor,
                               kd::wf::TimePoint) {
      previewed_review_ = review;
      previewed_actor_ = actor;
      previewed_form_ = form;
      return std::string("%PDF-1.4 preview of ") + form.strengths;
    };
    server_ = std::make_unique<ApiServer>(std::move(deps));
    server_->start();
    forget_tokens();
  }
  std::string draft_path() const {
    return "/api/v1/reviews/" + std::to_string(review_an_) + "/draft";
  }

  std::unique_ptr<TestingClock> clock_;
  Id previewed_review_ = 0;
  Id previewed_actor_ = 0;
  kd::wf::FormContent previewed_form_;
};

// "Tiếng Việt" typed with combining marks: e + U+0302 + U+0301, e + U+0323 + U+0302.
const std::string kDecomposed = "Tie\xCC\x82\xCC\x81ng Vie\xCC\xA3\xCC\x82t <&> \\\"x\\\"";
const std::string kNfc = "Tiếng Việt <&> \"x\"";

TEST_F(DraftsTest, TheRevieweeSavesHerDraftAndReadsItBackInNfc) {
  auto none = as("an", "GET", draft_path());
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_TRUE(none.json()->isNull("form"));

  const auto put = as("an", "PUT", draft_path(),
                      R"({"form":{"sections":{"chinh_tri_tu_tuong":")" + kDecomposed +
                          R"("},"self_rating":"HTT","strengths":"Chủ động."}})");
  ASSERT_EQ(put.status, 200) << put.body;
  const auto got = as("an", "GET", draft_path());
  ASSERT_EQ(got.status, 200) << got.body;
  const auto form = got.json()->getObject("form");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->getObject("sections")->getValue<std::string>("chinh_tri_tu_tuong"), kNfc);
  EXPECT_EQ(form->getValue<std::string>("self_rating"), "HTT");
  EXPECT_EQ(form->getValue<std::string>("strengths"), "Chủ động.");
  EXPECT_EQ(got.json()->getValue<std::string>("updated_at"), "2026-11-20T10:00:00+07:00");
  // A draft is not an event: the review did not change.
  EXPECT_EQ(event_count(review_an_), 1u);
}

TEST_F(DraftsTest, OnlyTheRevieweeReadsOrWritesHerDraft) {
  ASSERT_EQ(as("an", "PUT", draft_path(), R"({"form":{"strengths":"Của An."}})").status, 200);
  for (const std::string user : {"binh", "chi", "dung"}) {  // they may see the review
    EXPECT_EQ(as(user, "GET", "/api/v1/reviews/" + std::to_string(review_an_)).status, 200);
    const auto get = as(user, "GET", draft_path());
    EXPECT_EQ(get.status, 403) << user;
    EXPECT_EQ(get.body.find("Của An"), std::string::npos);
    EXPECT_EQ(as(user, "PUT", draft_path(), R"({"form":{"strengths":"x"}})").status, 403) << user;
  }
  EXPECT_EQ(as("em", "GET", draft_path()).status, 403);  // another unit
  EXPECT_EQ(call("GET", draft_path()).status, 401);
  const auto got = as("an", "GET", draft_path());
  EXPECT_EQ(got.json()->getObject("form")->getValue<std::string>("strengths"), "Của An.");
}

TEST_F(DraftsTest, AnInvalidDraftIsRefusedAndChangesNothing) {
  ASSERT_EQ(as("an", "PUT", draft_path(), R"({"form":{"strengths":"Bản trước."}})").status, 200);
  const auto unknown = as("an", "PUT", draft_path(), R"({"form":{"sections":{"khong_co":"x"}}})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.json()->getValue<std::string>("code"), "unknown_section");
  const auto rating = as("an", "PUT", draft_path(), R"({"form":{"self_rating":"XYZ"}})");
  EXPECT_EQ(rating.status, 400);
  EXPECT_EQ(rating.json()->getValue<std::string>("code"), "invalid_field");
  EXPECT_EQ(
      as("an", "PUT", draft_path(), R"({"strengths":"x"})").json()->getValue<std::string>("code"),
      "missing_field");
  EXPECT_EQ(
      as("an", "PUT", draft_path(), R"({"form":"văn bản"})").json()->getValue<std::string>("code"),
      "invalid_field");
  EXPECT_EQ(as("an", "PUT", draft_path(), "[1]").status, 400);
  EXPECT_EQ(as("an", "PUT", draft_path(), R"({"form":{"strengths":42}})").status, 400);
  const auto too_long = as("an", "PUT", draft_path(),
                           R"({"form":{"weaknesses":")" + std::string(20001, 'a') + R"("}})");
  EXPECT_EQ(too_long.status, 422);
  EXPECT_EQ(too_long.json()->getValue<std::string>("code"), "text_too_long");
  const auto got = as("an", "GET", draft_path());
  EXPECT_EQ(got.json()->getObject("form")->getValue<std::string>("strengths"), "Bản trước.");
}

TEST_F(DraftsTest, AfterSubmitTheDraftIsClosedAndAReturnedFileStartsFromTheSubmittedForm) {
  restart_with_testing_clock();
  ASSERT_EQ(as("an", "PUT", draft_path(), R"({"form":{"strengths":"Nháp cũ."}})").status, 200);
  clock_->advance(std::chrono::minutes(5));
  ASSERT_EQ(act("an", review_an_, "submit", version_of(review_an_), complete_form_body()).status,
            200);
  const auto late = as("an", "PUT", draft_path(), R"({"form":{"strengths":"Sau khi nộp."}})");
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.json()->getValue<std::string>("code"), "not_allowed_in_stage");
  clock_->advance(std::chrono::minutes(5));
  ASSERT_EQ(act("binh", review_an_, "return", version_of(review_an_),
                R"({"reason":"Bổ sung minh chứng."})")
                .status,
            200);
  // The draft predates the submission: not offered again (the submitted form is newer).
  const auto got = as("an", "GET", draft_path());
  ASSERT_EQ(got.status, 200);
  EXPECT_TRUE(got.json()->isNull("form"));
  // A new draft after the return is.
  clock_->advance(std::chrono::minutes(1));
  ASSERT_EQ(as("an", "PUT", draft_path(), R"({"form":{"strengths":"Bổ sung."}})").status, 200);
  EXPECT_EQ(
      as("an", "GET", draft_path()).json()->getObject("form")->getValue<std::string>("strengths"),
      "Bổ sung.");
}

TEST_F(DraftsTest, ThePreviewRendersTheFormItIsGivenAndStoresNothing) {
  const std::string path = "/api/v1/reviews/" + std::to_string(review_an_) + "/form/preview";
  const std::string body = R"({"form":{"sections":{"chinh_tri_tu_tuong":")" + kDecomposed +
                           R"("},"strengths":"Xem trước"}})";
  // Without a previewer (a server not wired to the documents pipeline): 503, in Vietnamese.
  const auto off = as("an", "POST", path, body);
  EXPECT_EQ(off.status, 503);
  EXPECT_EQ(off.json()->getValue<std::string>("code"), "preview_unavailable");

  restart_with_testing_clock();
  const auto r = as("an", "POST", path, body);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/pdf");
  EXPECT_EQ(r.body, "%PDF-1.4 preview of Xem trước");
  EXPECT_EQ(previewed_review_, review_an_);
  EXPECT_EQ(previewed_actor_, an_);
  EXPECT_EQ(previewed_form_.sections.at("chinh_tri_tu_tuong"), kNfc);
  EXPECT_EQ(as("binh", "POST", path, body).status, 403);
  EXPECT_EQ(as("an", "POST", path, R"({"form":{"sections":{"x":"y"}}})").status, 422);
  EXPECT_EQ(event_count(review_an_), 1u);
}

TEST_F(DraftsTest, TheTimelineNamesWhoActed) {
  ASSERT_EQ(act("an", review_an_, "submit", version_of(review_an_), complete_form_body()).status,
            200);
  ASSERT_EQ(
      act("binh", review_an_, "return", version_of(review_an_), R"({"reason":"Bổ sung."})").status,
      200);
  const auto r = as("an", "GET", "/api/v1/reviews/" + std::to_string(review_an_) + "/events");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto items = r.json()->getArray("items");
  ASSERT_EQ(items->size(), 3u);
  const auto actor = [&](unsigned i) { return items->getObject(i)->getObject("actor"); };
  EXPECT_EQ(actor(0)->getValue<Id>("id"), dung_);  // opened the campaign
  EXPECT_EQ(actor(0)->getValue<std::string>("full_name"), "Phạm Quốc Dũng");
  EXPECT_EQ(actor(1)->getValue<std::string>("full_name"), "Nguyễn Văn An");
  EXPECT_EQ(actor(2)->getValue<Id>("id"), binh_);
  EXPECT_EQ(actor(2)->getValue<std::string>("full_name"), "Trần Thị Bình");
  // Someone who may not see the review learns no names from it.
  EXPECT_EQ(as("em", "GET", "/api/v1/reviews/" + std::to_string(review_an_) + "/events").status,
            403);
}

TEST_F(DraftsTest, TheTestingClockIsNotRoutedInANormalRun) {
  const auto r = call("POST", "/api/v1/testing/clock", R"({"advance_seconds":86400})",
                      {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 404);
}

TEST_F(DraftsTest, TheTestingClockMovesWhatTheApiAndTheTrackingQueriesRead) {
  restart_with_testing_clock();
  const auto before = as("giang", "GET", "/api/v1/tracking/summary");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json()->getValue<std::string>("as_of"), "2026-11-20T10:00:00+07:00");
  const auto moved = call("POST", "/api/v1/testing/clock", R"({"now":"2026-12-10T09:00:00+07:00"})",
                          {{"Content-Type", "application/json"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()->getValue<std::string>("now"), "2026-12-10T09:00:00+07:00");
  // Sessions read the same clock: the one opened three weeks ago has expired.
  EXPECT_EQ(as("giang", "GET", "/api/v1/tracking/summary").status, 401);
  forget_tokens();
  const auto after = as("giang", "GET", "/api/v1/tracking/summary");
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.json()->getValue<std::string>("as_of"), "2026-12-10T09:00:00+07:00");
  // Nobody has acted for 14 working days: every review is stalled.
  EXPECT_EQ(after.json()->getValue<int>("stalled"), after.json()->getValue<int>("total"));
  EXPECT_GT(after.json()->getValue<int>("total"), 0);
  const auto advanced = call("POST", "/api/v1/testing/clock", R"({"advance_seconds":3600})",
                             {{"Content-Type", "application/json"}});
  EXPECT_EQ(advanced.json()->getValue<std::string>("now"), "2026-12-10T10:00:00+07:00");
  for (const std::string bad :
       {R"({"now":"2026-12-10"})", R"({"now":"2026-12-10T09:00:00"})", R"({})",
        R"({"now":"2026-12-10T09:00:00Z","advance_seconds":1})", R"({"advance_seconds":"1"})"}) {
    EXPECT_EQ(
        call("POST", "/api/v1/testing/clock", bad, {{"Content-Type", "application/json"}}).status,
        400)
        << bad;
  }
}

}  // namespace
}  // namespace kd::api::testing
