// The JSON codec: round trips, strict decoding with Vietnamese messages, canonical text.
#include "services/codec/json_codec.hpp"

#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>

namespace kd::codec {
namespace {

namespace wf = kd::wf;

const std::string kVietnamese =
    "aàáảãạ ăằắẳẵặ âầấẩẫậ êềếểễệ ôồốổỗộ ơờớởỡợ ưừứửữự yỳýỷỹỵ đĐ <b>&amp;</b> \"q\" \\ \n";

// Decodes `text` as an action body and returns the CodecError's field and message.
std::pair<std::string, std::string> error_of(wf::Action a, const std::string& text) {
  try {
    action_request_from_json(a, *parse_object(text));
  } catch (const CodecError& e) {
    return {e.field, e.what()};
  }
  return {"<none>", ""};
}

TEST(JsonCodec, FormRoundTrips) {
  wf::FormContent f;
  f.sections["chinh_tri_tu_tuong"] = kVietnamese;
  f.sections["dao_duc"] = "";
  f.self_rating = wf::Rating::HTXS;
  f.strengths = kVietnamese;
  f.weaknesses = "Hạn chế";
  const auto back = form_from_json(*parse_object(canonical(to_json(f))));
  EXPECT_EQ(back.sections, f.sections);
  EXPECT_EQ(back.self_rating, f.self_rating);
  EXPECT_EQ(back.strengths, f.strengths);
  EXPECT_EQ(back.weaknesses, f.weaknesses);
  EXPECT_FALSE(form_from_json(*parse_object(R"({"self_rating":null})")).self_rating);
}

TEST(JsonCodec, MeetingRoundTrips) {
  wf::MeetingRecord m;
  m.date = {2026, 11, 25};
  m.place = "Phòng họp số 2";
  m.chair_id = 12;
  m.secretary_id = 11;
  m.summoned = 9;
  m.present = 8;
  m.official_members = 10;
  m.absent = {{"Phạm Thị Hoa", "Đi công tác"}};
  m.comments = {{"Lê Thị Chi", kVietnamese}, {"Trần Văn Dũng", "Đồng ý."}};
  m.proposed_rating = wf::Rating::HTT;
  m.votes = {7, 1, 0};
  m.conclusion = "Đề nghị xếp loại HTT.";
  const auto back = meeting_from_json(*parse_object(canonical(to_json(m))));
  EXPECT_EQ(back.date, m.date);
  EXPECT_EQ(back.place, m.place);
  EXPECT_EQ(back.chair_id, 12);
  EXPECT_EQ(back.secretary_id, 11);
  EXPECT_EQ(back.summoned, 9);
  EXPECT_EQ(back.present, 8);
  EXPECT_EQ(back.official_members, 10);
  ASSERT_EQ(back.absent.size(), 1u);
  EXPECT_EQ(back.absent[0].reason, "Đi công tác");
  ASSERT_EQ(back.comments.size(), 2u);
  EXPECT_EQ(back.comments[0].text, kVietnamese);
  EXPECT_EQ(back.proposed_rating, wf::Rating::HTT);
  EXPECT_EQ(back.votes.in_favour, 7);
  EXPECT_EQ(back.votes.against, 1);
  EXPECT_EQ(back.conclusion, m.conclusion);
}

TEST(JsonCodec, OpinionAndYearFactsRoundTrip) {
  const wf::Opinion o{13, kVietnamese, wf::Rating::HT};
  const auto ob = opinion_from_json(*parse_object(canonical(to_json(o))));
  EXPECT_EQ(ob.by, 13);
  EXPECT_EQ(ob.comments, kVietnamese);
  EXPECT_EQ(ob.proposed_rating, wf::Rating::HT);

  wf::YearFacts f;
  f.months_worked = 5;
  f.leave_months = 4;
  f.maternity = true;
  f.disciplined = true;
  f.degradation_finding = true;
  f.corruption_in_unit = true;
  const auto fb = year_facts_from_json(*parse_object(canonical(to_json(f))));
  EXPECT_EQ(fb.months_worked, 5);
  EXPECT_EQ(fb.leave_months, 4);
  EXPECT_TRUE(fb.maternity && fb.disciplined && fb.degradation_finding && fb.corruption_in_unit);
}

TEST(JsonCodec, StageDueRoundTrips) {
  const std::map<wf::Stage, wf::Date> due = {{wf::Stage::SelfAssessment, {2026, 11, 20}},
                                             {wf::Stage::HeadOpinion, {2026, 12, 2}}};
  EXPECT_EQ(canonical(to_json(due)),
            R"({"head_opinion":"2026-12-02","self_assessment":"2026-11-20"})");
  EXPECT_EQ(stage_due_from_json(*to_json(due)), due);
  EXPECT_THROW(stage_due_from_json(*parse_object(R"({"stage_9":"2026-01-01"})")), CodecError);
}

TEST(Canonical, SortsKeysIsCompactAndKeepsVietnameseLetters) {
  const auto o = parse_object(
      "{ \"z\": 1, \"a\": { \"y\": [true, false, null], \"b\": \"Nguy\\u1ec5n V\\u0103n \\u0110\" "
      "}, "
      "\"m\": -5 }");
  EXPECT_EQ(canonical(o),
            "{\"a\":{\"b\":\"Nguyễn Văn Đ\",\"y\":[true,false,null]},\"m\":-5,\"z\":1}");
}

TEST(Canonical, EscapesOnlyQuotesBackslashesAndControls) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("t", std::string("a\"b\\c\n\t\x01 <&> /Đ"));
  EXPECT_EQ(canonical(o), "{\"t\":\"a\\\"b\\\\c\\n\\t\\u0001 <&> /Đ\"}");
  EXPECT_EQ(parse_object(canonical(o))->getValue<std::string>("t"), "a\"b\\c\n\t\x01 <&> /Đ");
}

TEST(Canonical, SameValueSameTextWhateverTheInsertionOrder) {
  Poco::JSON::Object::Ptr a = new Poco::JSON::Object;
  a->set("b", 1);
  a->set("a", 2);
  Poco::JSON::Object::Ptr b = new Poco::JSON::Object;
  b->set("a", 2);
  b->set("b", 1);
  EXPECT_EQ(canonical(a), canonical(b));
}

TEST(ParseObject, RefusesInvalidUtf8MalformedJsonAndNonObjects) {
  EXPECT_THROW(parse_object("{\"a\":\"\xC3\x28\"}"), CodecError);
  EXPECT_THROW(parse_object("{\"a\":\"\xED\xA0\x80\"}"), CodecError);  // surrogate
  EXPECT_THROW(parse_object("{\"a\":"), CodecError);
  EXPECT_THROW(parse_object("[1,2]"), CodecError);
  EXPECT_THROW(parse_object("\"x\""), CodecError);
  EXPECT_NO_THROW(parse_object("{\"tên\":\"Đặng Thị Ánh\"}"));
}

TEST(ActionRequest, DecodesEachActionsFields) {
  auto r = action_request_from_json(
      wf::Action::RecordMeeting,
      *parse_object(R"({"meeting":{"date":"2026-11-25","summoned":9,"present":8,
        "votes":{"in_favour":7,"against":1,"abstain":0},"proposed_rating":"HTT"}})"));
  EXPECT_EQ(r.action, wf::Action::RecordMeeting);
  ASSERT_TRUE(r.meeting);
  EXPECT_EQ(r.meeting->present, 8);
  EXPECT_EQ(r.meeting->proposed_rating, wf::Rating::HTT);

  r = action_request_from_json(wf::Action::Decide, *parse_object(R"({"rating":"HTXS"})"));
  EXPECT_EQ(r.rating, wf::Rating::HTXS);
  EXPECT_FALSE(r.quota_override);
  r = action_request_from_json(wf::Action::Decide, *parse_object("{}"));
  EXPECT_FALSE(r.rating);

  r = action_request_from_json(wf::Action::Return, *parse_object(R"({"reason":"Thiếu mục 5."})"));
  EXPECT_EQ(r.reason, "Thiếu mục 5.");

  r = action_request_from_json(wf::Action::Submit, *parse_object("{}"));
  EXPECT_FALSE(r.form);
  r = action_request_from_json(
      wf::Action::Submit,
      *parse_object(R"({"form":{"sections":{"a":"Nội dung"},"self_rating":"HT"}})"));
  ASSERT_TRUE(r.form);
  EXPECT_EQ(r.form->sections.at("a"), "Nội dung");

  r = action_request_from_json(
      wf::Action::GiveOpinion,
      *parse_object(R"({"opinion":{"comments":"Tốt","proposed_rating":"HTT"}})"));
  ASSERT_TRUE(r.opinion);
  EXPECT_EQ(r.opinion->comments, "Tốt");
  EXPECT_NO_THROW(action_request_from_json(wf::Action::Publish, *parse_object("{}")));
}

TEST(ActionRequest, WrongTypesNameTheFieldInVietnamese) {
  auto e =
      error_of(wf::Action::RecordMeeting, R"({"meeting":{"date":"2026-11-25","present":"tám"}})");
  EXPECT_EQ(e.first, "meeting.present");
  EXPECT_EQ(e.second, "Trường 'meeting.present' phải là số nguyên");

  e = error_of(wf::Action::RecordMeeting, R"({"meeting":{"date":"2026-11-25","present":8.5}})");
  EXPECT_EQ(e.first, "meeting.present");
  e = error_of(wf::Action::RecordMeeting, R"({"meeting":{"date":"2026-11-25","present":-1}})");
  EXPECT_EQ(e.first, "meeting.present");
  e = error_of(wf::Action::RecordMeeting, R"({"meeting":{"date":"25/11/2026"}})");
  EXPECT_EQ(e.first, "meeting.date");
  e = error_of(wf::Action::RecordMeeting, R"({"meeting":{"date":"2026-02-30"}})");
  EXPECT_EQ(e.first, "meeting.date");
  e = error_of(wf::Action::RecordMeeting, R"({"meeting":{}})");
  EXPECT_EQ(e.first, "meeting.date");
  e = error_of(wf::Action::RecordMeeting, R"({})");
  EXPECT_EQ(e.first, "meeting");
  e = error_of(wf::Action::RecordMeeting,
               R"({"meeting":{"date":"2026-11-25","comments":[{"author":1}]}})");
  EXPECT_EQ(e.first, "meeting.comments[0].author");
  e = error_of(wf::Action::RecordMeeting, R"({"meeting":{"date":"2026-11-25","comments":"x"}})");
  EXPECT_EQ(e.first, "meeting.comments");
  e = error_of(wf::Action::RecordMeeting,
               R"({"meeting":{"date":"2026-11-25","votes":{"against":true}}})");
  EXPECT_EQ(e.first, "meeting.votes.against");
  e = error_of(wf::Action::Decide, R"({"rating":"XUAT_SAC"})");
  EXPECT_EQ(e.first, "rating");
  EXPECT_EQ(e.second, "Trường 'rating' phải là một trong các mức HTXS, HTT, HT, KHT");
  e = error_of(wf::Action::Decide, R"({"rating":1})");
  EXPECT_EQ(e.first, "rating");
  e = error_of(wf::Action::Decide, R"({"quota_override":"yes"})");
  EXPECT_EQ(e.first, "quota_override");
  e = error_of(wf::Action::Submit, R"({"form":{"sections":{"a":5}}})");
  EXPECT_EQ(e.first, "form.sections.a");
  e = error_of(wf::Action::Submit, R"({"form":"x"})");
  EXPECT_EQ(e.first, "form");
  e = error_of(wf::Action::Return, R"({"reason":5})");
  EXPECT_EQ(e.first, "reason");
  e = error_of(wf::Action::Complain, R"({})");
  EXPECT_EQ(e.first, "reason");
  e = error_of(wf::Action::ResolveComplaint, R"({"reason":"x"})");
  EXPECT_EQ(e.first, "rating");
  e = error_of(wf::Action::GiveOpinion, R"({"opinion":{"by":"me"}})");
  EXPECT_EQ(e.first, "opinion.by");
}

TEST(ActionRequest, PayloadRecordsTheActionsData) {
  wf::ActionRequest r;
  r.action = wf::Action::Decide;
  r.rating = wf::Rating::HTXS;
  r.quota_override = true;
  r.reason = "Đơn vị xuất sắc";
  EXPECT_EQ(
      canonical(action_payload(r)),
      R"({"action":"decide","quota_override":true,"rating":"HTXS","reason":"Đơn vị xuất sắc"})");
  wf::ActionRequest p;
  p.action = wf::Action::Publish;
  EXPECT_EQ(canonical(action_payload(p)), R"({"action":"publish"})");
}

TEST(ReviewJson, CarriesStageVersionAndData) {
  wf::Review r;
  r.id = 5;
  r.stage = wf::Stage::HeadOpinion;
  r.version = 3;
  r.final_rating = wf::Rating::HT;
  const auto o = to_json(r);
  EXPECT_EQ(o->getValue<std::string>("stage"), "head_opinion");
  EXPECT_EQ(o->getValue<int>("version"), 3);
  EXPECT_EQ(o->getValue<std::string>("final_rating"), "HT");
  EXPECT_TRUE(o->isNull("meeting"));
}

}  // namespace
}  // namespace kd::codec
