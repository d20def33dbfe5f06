// The text policy on every route that takes text: NFC in the database whatever the client sends,
// blank reasons refused, one length limit per kind of text, and the draft and the submitted form
// under the same form policy.
#include <pqxx/pqxx>

#include "tests/api/api_fixture.hpp"

namespace kd::api::testing {
namespace {

// "Tiếng Việt" typed with combining marks (e + U+0302 + U+0301, e + U+0323 + U+0302), and the
// same text precomposed (NFC).
std::string nfd(const std::string& tag) {
  return "Tie\xCC\x82\xCC\x81ng Vie\xCC\xA3\xCC\x82t " + tag;
}
std::string nfc(const std::string& tag) { return "Tiếng Việt " + tag; }

class TextPolicyTest : public ApiTest {
 protected:
  std::string review_path(Id review) const { return "/api/v1/reviews/" + std::to_string(review); }
  Poco::JSON::Object::Ptr review_json(Id review) {
    const auto r = as("dung", "GET", review_path(review));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  // Rows of the tables that hold people's text, in which a combining mark of U+0300–U+036F is
  // left (NFC precomposes every Vietnamese letter: none may remain).
  long rows_with_combining_marks() {
    pqxx::connection c(pool_->url());
    pqxx::read_transaction t(c);
    long n = 0;
    for (const char* table : {"reviews", "review_events", "campaigns", "review_drafts", "outbox"}) {
      n += t.exec1(std::string("SELECT count(*) FROM ") + table +
                   " x WHERE row_to_json(x)::text ~ ('[' || chr(768) || '-' || chr(879) || ']')")[0]
               .as<long>();
    }
    return n;
  }
  std::string decide_body(const std::string& rating) const {
    return R"({"rating":")" + rating + R"(","quota_override":true,"reason":")" + nfd("vượt") +
           R"("})";
  }
};

TEST_F(TextPolicyTest, EveryTextThatEntersTheDatabaseIsNfc) {
  // submit: every text of the form.
  const std::string form = R"({"form":{"sections":{"chinh_tri_tu_tuong":")" + nfd("s1") +
                           R"(","dao_duc_loi_song":")" + nfd("s2") +
                           R"("},"self_rating":"HTT","strengths":")" + nfd("ưu") +
                           R"(","weaknesses":")" + nfd("hạn chế") + R"("}})";
  ASSERT_EQ(as("an", "PUT", review_path(review_an_) + "/draft", form).status, 200);
  ASSERT_EQ(act("an", review_an_, "submit", version_of(review_an_), form).status, 200);
  // return, then submit again.
  auto r = act("binh", review_an_, "return", version_of(review_an_),
               R"({"reason":")" + nfd("trả lại") + R"("})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("last_return_reason"), nfc("trả lại"));
  ASSERT_EQ(act("an", review_an_, "submit", version_of(review_an_), form).status, 200);
  // record_meeting: place, absences, comments, conclusion.
  const std::string meeting =
      R"({"meeting":{"date":"2026-11-21","place":")" + nfd("nơi họp") + R"(","chair_id":)" +
      std::to_string(chi_) + R"(,"secretary_id":)" + std::to_string(binh_) +
      R"(,"summoned":4,"present":3,"absent":[{"name":")" + nfd("vắng") + R"(","reason":")" +
      nfd("lý do vắng") + R"("}],"comments":[{"author":")" + nfd("người nói") + R"(","text":")" +
      nfd("ý kiến") +
      R"("}],"proposed_rating":"HTT","votes":{"in_favour":3,"against":0,"abstain":0},"conclusion":")" +
      nfd("kết luận") + R"("}})";
  r = act("binh", review_an_, "record_meeting", version_of(review_an_), meeting);
  ASSERT_EQ(r.status, 200) << r.body;
  // give_opinion, decide (with an exception's reason), publish, complain, resolve_complaint.
  r = act("chi", review_an_, "give_opinion", version_of(review_an_),
          R"({"opinion":{"comments":")" + nfd("nhận xét") + R"(","proposed_rating":"HTT"}})");
  ASSERT_EQ(r.status, 200) << r.body;
  r = act("dung", review_an_, "decide", version_of(review_an_), decide_body("HTT"));
  ASSERT_EQ(r.status, 200) << r.body;
  r = as("dung", "POST", "/api/v1/campaigns/" + std::to_string(campaign_) + "/publish",
         R"({"review_ids":[)" + std::to_string(review_an_) + "]}");
  ASSERT_EQ(r.status, 200) << r.body;
  r = act("an", review_an_, "complain", version_of(review_an_),
          R"({"reason":")" + nfd("kiến nghị") + R"("})");
  ASSERT_EQ(r.status, 200) << r.body;
  r = act("dung", review_an_, "resolve_complaint", version_of(review_an_),
          R"({"rating":"HTT","reason":")" + nfd("giữ nguyên") + R"("})");
  ASSERT_EQ(r.status, 200) << r.body;
  // A campaign's name.
  r = as("dung", "POST", "/api/v1/campaigns",
         R"({"unit_id":)" + std::to_string(unit_b_) +
             R"(,"year":2027,"regime_id":"test-nd90","name":")" + nfd("đợt") + R"("})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("name"), nfc("đợt"));

  const auto o = review_json(review_an_);
  const auto f = o->getObject("form");
  EXPECT_EQ(f->getObject("sections")->getValue<std::string>("chinh_tri_tu_tuong"), nfc("s1"));
  EXPECT_EQ(f->getValue<std::string>("weaknesses"), nfc("hạn chế"));
  const auto m = o->getObject("meeting");
  EXPECT_EQ(m->getValue<std::string>("place"), nfc("nơi họp"));
  EXPECT_EQ(m->getValue<std::string>("conclusion"), nfc("kết luận"));
  EXPECT_EQ(m->getArray("comments")->getObject(0)->getValue<std::string>("text"), nfc("ý kiến"));
  EXPECT_EQ(m->getArray("absent")->getObject(0)->getValue<std::string>("reason"),
            nfc("lý do vắng"));
  EXPECT_EQ(o->getObject("opinion")->getValue<std::string>("comments"), nfc("nhận xét"));
  const auto events = as("dung", "GET", review_path(review_an_) + "/events").json();
  std::string payloads;
  for (std::size_t i = 0; i < events->getArray("items")->size(); ++i)
    payloads += events->getArray("items")
                    ->getObject(static_cast<unsigned>(i))
                    ->getValue<std::string>("payload_canonical");
  for (const std::string tag : {"trả lại", "vượt", "kiến nghị", "giữ nguyên", "ý kiến"})
    EXPECT_NE(payloads.find(nfc(tag)), std::string::npos) << tag;
  // Nothing anywhere keeps a decomposed letter: reviews, their events and render snapshots,
  // drafts, campaigns.
  EXPECT_EQ(rows_with_combining_marks(), 0);
}

TEST_F(TextPolicyTest, ABatchExceptionReasonIsStoredInNfc) {
  walk_to_committee(review_an_);
  const auto r = as("dung", "POST", "/api/v1/campaigns/" + std::to_string(campaign_) + "/decide",
                    R"({"items":[{"review_id":)" + std::to_string(review_an_) +
                        R"(,"rating":"HTT"}],"quota_override":true,"override_reason":")" +
                        nfd("lô") + R"("})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto events = store_->events(review_an_);
  EXPECT_NE(events.back().payload_json.find(nfc("lô")), std::string::npos);
  EXPECT_EQ(rows_with_combining_marks(), 0);
}

// "\u0000", "\u200b", "\u00a0" alone are no reason: refused by the action and by its check.
TEST_F(TextPolicyTest, AReasonOfInvisibleCharactersIsRefused) {
  ASSERT_EQ(act("an", review_an_, "submit", 1, complete_form_body()).status, 200);
  for (const std::string reason : {R"(\u0000)", R"(\u200b)", R"(\u00a0)", R"( \u200b\t\u00a0 )"}) {
    const std::string body = R"({"reason":")" + reason + R"("})";
    const auto r = act("binh", review_an_, "return", 2, body);
    EXPECT_EQ(r.status, 422) << reason << " " << r.body;
    EXPECT_EQ(r.json()->getArray("errors")->getObject(0)->getValue<std::string>("code"),
              "reason_required");
    const auto check = as("binh", "POST", review_path(review_an_) + "/checks/return", body);
    ASSERT_EQ(check.status, 200) << check.body;
    EXPECT_FALSE(check.json()->getValue<bool>("accepted"));
  }
  EXPECT_EQ(version_of(review_an_), 2);
}

TEST_F(TextPolicyTest, EachKindOfTextHasOneLimitOnEveryRoute) {
  ASSERT_EQ(act("an", review_an_, "submit", 1, complete_form_body()).status, 200);
  const auto too_long =
      act("binh", review_an_, "return", 2, R"({"reason":")" + std::string(5001, 'x') + R"("})");
  EXPECT_EQ(too_long.status, 422) << too_long.body;
  EXPECT_EQ(too_long.json()->getValue<std::string>("code"), "text_too_long");
  EXPECT_EQ(
      act("binh", review_an_, "return", 2, R"({"reason":")" + std::string(5000, 'x') + R"("})")
          .status,
      200);
  // A batch's exception reason is a reason too.
  walk_to_committee(review_an_);
  const auto batch =
      as("dung", "POST", "/api/v1/campaigns/" + std::to_string(campaign_) + "/decide",
         R"({"items":[{"review_id":)" + std::to_string(review_an_) +
             R"(}],"quota_override":true,"override_reason":")" + std::string(5001, 'y') + R"("})");
  EXPECT_EQ(batch.status, 422) << batch.body;
  EXPECT_EQ(batch.json()->getValue<std::string>("code"), "text_too_long");
  const auto blank =
      as("dung", "POST", "/api/v1/campaigns/" + std::to_string(campaign_) + "/decide",
         R"({"items":[{"review_id":)" + std::to_string(review_an_) +
             R"(}],"quota_override":true,"override_reason":"\u200b"})");
  EXPECT_EQ(blank.status, 422) << blank.body;
  EXPECT_EQ(blank.json()->getValue<std::string>("code"), "override_reason_required");
  EXPECT_EQ(store_->get_review(review_an_)->stage, kd::wf::Stage::CommitteeDecision);
}

// The draft and the submitted form: the same policy, the same answer.
TEST_F(TextPolicyTest, TheDraftAndTheSubmittedFormObeyOneFormPolicy) {
  const std::string ok_a = R"("chinh_tri_tu_tuong":"Vững vàng.")";
  const std::string ok_b = R"("dao_duc_loi_song":"Trong sáng.")";
  struct Case {
    std::string form;
    std::string code;  // empty: accepted by both
  };
  const std::vector<Case> cases = {
      {R"({"sections":{)" + ok_a + "," + ok_b + R"(,"khong_co":"x"}})", "unknown_section"},
      {R"({"sections":{)" + ok_a + R"(,"dao_duc_loi_song":")" + std::string(20001, 'a') + R"("}})",
       "text_too_long"},
      {R"({"sections":{)" + ok_a + "," + ok_b + R"(},"strengths":")" + std::string(20001, 's') +
           R"("})",
       "text_too_long"},
      {R"({"sections":{"chinh_tri_tu_tuong":")" + std::string(15001, 'a') +
           R"(","dao_duc_loi_song":")" + std::string(15001, 'b') + R"("},"strengths":")" +
           std::string(15001, 'c') + R"(","weaknesses":")" + std::string(15001, 'd') + R"("})",
       "form_too_long"},
  };
  for (const auto& c : cases) {
    const std::string body = R"({"form":)" + c.form + "}";
    const auto draft = as("an", "PUT", review_path(review_an_) + "/draft", body);
    const auto submit = act("an", review_an_, "submit", 1, body);
    EXPECT_EQ(draft.status, 422) << c.code << " " << draft.body;
    EXPECT_EQ(submit.status, 422) << c.code << " " << submit.body;
    EXPECT_EQ(draft.json()->getValue<std::string>("code"), c.code);
    EXPECT_EQ(submit.json()->getValue<std::string>("code"), c.code);
  }
  EXPECT_EQ(version_of(review_an_), 1);
  // At the limit both accept (the draft first: a submitted review takes no draft).
  const std::string at_limit = R"({"form":{"sections":{)" + ok_a + R"(,"dao_duc_loi_song":")" +
                               std::string(20000, 'a') + R"("}}})";
  EXPECT_EQ(as("an", "PUT", review_path(review_an_) + "/draft", at_limit).status, 200);
  const auto submitted = act("an", review_an_, "submit", 1, at_limit);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  // What was submitted holds only the person's sections.
  const auto sections = submitted.json()->getObject("form")->getObject("sections");
  EXPECT_EQ(sections->size(), 2u);
}

}  // namespace
}  // namespace kd::api::testing
