// The text policy (workflow/text_policy.hpp): blank text, one limit per kind of text, the form's
// sections, through the machine for every action that takes text.
#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include "tests/unit/workflow/fixture.hpp"
#include "workflow/text_policy.hpp"
#include "workflow/utf8.hpp"

namespace kd::wf::test {
namespace {

std::string utf8_of(char32_t cp) {
  std::string s;
  append_utf8(s, cp);
  return s;
}

// What the policy calls blank, character by character, is exactly ICU's white space, control
// and format characters (Unicode of Debian 12's ICU), for every code point.
TEST(TextPolicy, BlankCharactersAreUnicodeWhiteSpaceControlAndFormat) {
  int blank = 0;
  for (UChar32 cp = 0; cp <= 0x10FFFF; ++cp) {
    const int8_t type = u_charType(cp);
    const bool icu = u_isUWhiteSpace(cp) || type == U_CONTROL_CHAR || type == U_FORMAT_CHAR;
    ASSERT_EQ(is_blank_code_point(static_cast<char32_t>(cp)), icu) << std::hex << cp;
    blank += icu ? 1 : 0;
  }
  EXPECT_GT(blank, 200);
}

TEST(TextPolicy, AReasonOfInvisibleCharactersIsBlank) {
  EXPECT_TRUE(is_blank(""));
  EXPECT_TRUE(is_blank(std::string("\0", 1)));
  EXPECT_TRUE(is_blank(utf8_of(0x200B)));                                // zero width space
  EXPECT_TRUE(is_blank(utf8_of(0x00A0)));                                // no-break space
  EXPECT_TRUE(is_blank(" \t\r\n" + utf8_of(0x3000) + utf8_of(0xFEFF)));  // ideographic, BOM
  EXPECT_FALSE(is_blank("a"));
  EXPECT_FALSE(is_blank(utf8_of(0x0301)));  // a combining mark alone is text, not blank
  EXPECT_FALSE(is_blank(" Lý do "));
}

TEST(TextPolicy, EachKindOfTextHasOneLimitInCharacters) {
  EXPECT_EQ(max_chars(TextKind::Long), 20000u);
  EXPECT_EQ(max_chars(TextKind::Reason), 5000u);
  EXPECT_EQ(max_chars(TextKind::Short), 500u);
  // Counted in characters, not bytes: 20,000 "ệ" (3 bytes each) fit, one more does not.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "ệ";
  EXPECT_TRUE(text_length_refusals(TextKind::Long, text, "x").empty());
  text += "a";
  const auto r = text_length_refusals(TextKind::Long, text, "form.strengths");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].code, "text_too_long");
  EXPECT_EQ(r[0].field, "form.strengths");
  EXPECT_EQ(r[0].kind, RefusalKind::GuardFailed);
}

TEST(TextPolicy, EveryTextOfARequestIsVisitedWithItsKindAndField) {
  ActionRequest req = valid_request(Action::RecordMeeting);
  std::vector<std::pair<TextKind, std::string>> seen;
  for_each_text(req, [&](TextKind k, const std::string&, const std::string& field) {
    seen.emplace_back(k, field);
  });
  const std::vector<std::pair<TextKind, std::string>> want = {
      {TextKind::Short, "meeting.place"},
      {TextKind::Short, "meeting.absent[0].name"},
      {TextKind::Short, "meeting.absent[0].reason"},
      {TextKind::Short, "meeting.comments[0].author"},
      {TextKind::Long, "meeting.comments[0].text"},
      {TextKind::Long, "meeting.conclusion"},
      {TextKind::Reason, "reason"},
      {TextKind::Short, "quota_decision"}};
  EXPECT_EQ(seen, want);
  // The mutable visitor changes the request in place (how the application normalises).
  for_each_text(req, [](TextKind, std::string& text, const std::string&) { text = "x"; });
  EXPECT_EQ(req.meeting->comments[0].text, "x");
  EXPECT_EQ(req.meeting->place, "x");
}

TEST(TextPolicy, TheFormHoldsOnlyThePersonsSectionsWithinTheirLimits) {
  World w;
  FormContent f = full_form();
  EXPECT_TRUE(form_policy_refusals(f, w.an, w.regime).empty());
  f.sections["khong_co"] = "x";
  f.sections["nang_luc_lanh_dao"] = "x";  // leaders only: not An's
  f.weaknesses = std::string(20001, 'a');
  const auto r = form_policy_refusals(f, w.an, w.regime);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].code, "unknown_section");
  EXPECT_EQ(r[0].field, "form.sections.khong_co");
  EXPECT_EQ(r[1].field, "form.sections.nang_luc_lanh_dao");
  EXPECT_EQ(r[2].code, "text_too_long");
  EXPECT_EQ(r[2].field, "form.weaknesses");
  // A leader's form has those sections.
  FormContent leader = full_form(true);
  EXPECT_TRUE(form_policy_refusals(leader, w.dung, w.regime).empty());
  // The whole form has a limit too.
  FormContent big = full_form();
  for (auto& [key, text] : big.sections) text = std::string(15000, 'a');
  EXPECT_TRUE(has_code(form_policy_refusals(big, w.an, w.regime), "form_too_long"));
}

// The machine applies the same policy to every action that takes text, for the action and for
// its check alike (both run apply_action).
TEST(TextPolicy, TheMachineRefusesBlankReasonsAndTooLongTexts) {
  World w;
  const std::string invisible = std::string("\0", 1) + utf8_of(0x200B) + utf8_of(0x00A0);
  for (const auto& [stage, action] : {std::pair{Stage::CollectiveReview, Action::Return},
                                      {Stage::HeadOpinion, Action::Return},
                                      {Stage::CommitteeDecision, Action::Return},
                                      {Stage::Published, Action::Complain}}) {
    ActionRequest req = valid_request(action);
    req.reason = invisible;
    const auto blank = w.run(review_in(stage), rightful_actor(action, stage), req);
    EXPECT_FALSE(blank.accepted) << to_string(stage);
    EXPECT_TRUE(has_code(blank.refusals, "reason_required")) << to_string(stage);
    req.reason = std::string(5001, 'x');
    const auto long_reason = w.run(review_in(stage), rightful_actor(action, stage), req);
    EXPECT_TRUE(has_code(long_reason.refusals, "text_too_long")) << to_string(stage);
    req.reason = std::string(5000, 'x');
    EXPECT_TRUE(w.run(review_in(stage), rightful_actor(action, stage), req).accepted);
  }

  ActionRequest submit = valid_request(Action::Submit);
  submit.form->sections["chinh_tri_tu_tuong"] = utf8_of(0x200B);
  EXPECT_TRUE(
      has_code(w.run(review_in(Stage::SelfAssessment), kAn, submit).refusals, "missing_sections"));
  submit = valid_request(Action::Submit);
  submit.form->sections["khong_co"] = "x";
  EXPECT_TRUE(
      has_code(w.run(review_in(Stage::SelfAssessment), kAn, submit).refusals, "unknown_section"));
  submit = valid_request(Action::Submit);
  submit.form->strengths = std::string(20001, 'a');
  EXPECT_TRUE(
      has_code(w.run(review_in(Stage::SelfAssessment), kAn, submit).refusals, "text_too_long"));

  ActionRequest meeting = valid_request(Action::RecordMeeting);
  meeting.meeting->place = std::string(501, 'p');
  EXPECT_TRUE(has_code(w.run(review_in(Stage::CollectiveReview), kBinh, meeting).refusals,
                       "text_too_long"));
  ActionRequest opinion = valid_request(Action::GiveOpinion);
  opinion.opinion->comments = std::string(20001, 'c');
  EXPECT_TRUE(
      has_code(w.run(review_in(Stage::HeadOpinion), kDung, opinion).refusals, "text_too_long"));
  ActionRequest resolve = valid_request(Action::ResolveComplaint);
  resolve.reason = std::string(5001, 'r');
  EXPECT_TRUE(has_code(w.run(review_in(Stage::Complaint), kHa, resolve).refusals, "text_too_long"));
}

TEST(TextPolicy, AnExceptionToTheQuotaNeedsAReason) {
  World w;
  ActionRequest decide = valid_request(Action::Decide);
  decide.quota_override = true;
  decide.reason = utf8_of(0x00A0);
  const auto r = w.run(review_in(Stage::CommitteeDecision), kHa, decide);
  EXPECT_FALSE(r.accepted);
  EXPECT_TRUE(has_code(r.refusals, "override_reason_required"));
  decide.reason = "Đơn vị được khen thưởng xuất sắc.";
  EXPECT_TRUE(w.run(review_in(Stage::CommitteeDecision), kHa, decide).accepted);
  EXPECT_TRUE(override_refusals(false, "").empty());
  EXPECT_EQ(override_refusals(true, " ", "override_reason").at(0).field, "override_reason");
}

}  // namespace
}  // namespace kd::wf::test
