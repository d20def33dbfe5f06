// JSON encoding of the domain values (form, meeting, opinion, year facts, review).
#include "services/codec/json_codec.hpp"

#include <Poco/JSON/Array.h>

#include "services/codec/json_read.hpp"

namespace kd::codec {

using detail::element_object;
using detail::join_path;
using detail::opt_array;
using detail::opt_bool;
using detail::opt_count;
using detail::opt_date;
using detail::opt_int;
using detail::opt_object;
using detail::opt_rating;
using detail::opt_string;
namespace wf = kd::wf;

namespace {

Poco::Dynamic::Var rating_or_null(const std::optional<wf::Rating>& r) {
  if (!r) return {};
  return std::string(wf::to_string(*r));
}

wf::FormContent form_at(const Poco::JSON::Object& o, const std::string& prefix) {
  wf::FormContent f;
  if (auto s = opt_object(o, "sections", prefix)) {
    const std::string sp = join_path(prefix, "sections");
    for (const auto& name : s->getNames()) {
      auto text = opt_string(*s, name, sp);
      f.sections[name] = text.value_or("");
    }
  }
  f.self_rating = opt_rating(o, "self_rating", prefix);
  f.strengths = opt_string(o, "strengths", prefix).value_or("");
  f.weaknesses = opt_string(o, "weaknesses", prefix).value_or("");
  return f;
}

wf::MeetingRecord meeting_at(const Poco::JSON::Object& o, const std::string& prefix) {
  wf::MeetingRecord m;
  auto date = opt_date(o, "date", prefix);
  if (!date) detail::fail_missing(join_path(prefix, "date"));
  m.date = *date;
  m.place = opt_string(o, "place", prefix).value_or("");
  m.chair_id = opt_int(o, "chair_id", prefix).value_or(0);
  m.secretary_id = opt_int(o, "secretary_id", prefix).value_or(0);
  m.summoned = opt_count(o, "summoned", prefix).value_or(0);
  m.present = opt_count(o, "present", prefix).value_or(0);
  m.official_members = opt_count(o, "official_members", prefix).value_or(0);
  if (auto a = opt_array(o, "absent", prefix)) {
    const std::string ap = join_path(prefix, "absent");
    for (unsigned i = 0; i < a->size(); ++i) {
      auto e = element_object(*a, i, ap);
      const std::string ep = ap + "[" + std::to_string(i) + "]";
      m.absent.push_back(
          {opt_string(*e, "name", ep).value_or(""), opt_string(*e, "reason", ep).value_or("")});
    }
  }
  if (auto a = opt_array(o, "comments", prefix)) {
    const std::string cp = join_path(prefix, "comments");
    for (unsigned i = 0; i < a->size(); ++i) {
      auto e = element_object(*a, i, cp);
      const std::string ep = cp + "[" + std::to_string(i) + "]";
      m.comments.push_back(
          {opt_string(*e, "author", ep).value_or(""), opt_string(*e, "text", ep).value_or("")});
    }
  }
  m.proposed_rating = opt_rating(o, "proposed_rating", prefix);
  if (auto v = opt_object(o, "votes", prefix)) {
    const std::string vp = join_path(prefix, "votes");
    m.votes.in_favour = opt_count(*v, "in_favour", vp).value_or(0);
    m.votes.against = opt_count(*v, "against", vp).value_or(0);
    m.votes.abstain = opt_count(*v, "abstain", vp).value_or(0);
  }
  m.conclusion = opt_string(o, "conclusion", prefix).value_or("");
  return m;
}

wf::Opinion opinion_at(const Poco::JSON::Object& o, const std::string& prefix) {
  wf::Opinion op;
  op.by = opt_int(o, "by", prefix).value_or(0);
  op.comments = opt_string(o, "comments", prefix).value_or("");
  op.proposed_rating = opt_rating(o, "proposed_rating", prefix);
  return op;
}

}  // namespace

Poco::JSON::Object::Ptr to_json(const wf::FormContent& f) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  Poco::JSON::Object::Ptr sections = new Poco::JSON::Object;
  for (const auto& [k, v] : f.sections) sections->set(k, v);
  o->set("sections", sections);
  o->set("self_rating", rating_or_null(f.self_rating));
  o->set("strengths", f.strengths);
  o->set("weaknesses", f.weaknesses);
  return o;
}

Poco::JSON::Object::Ptr to_json(const wf::MeetingRecord& m) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("date", wf::to_iso(m.date));
  o->set("place", m.place);
  o->set("chair_id", static_cast<Poco::Int64>(m.chair_id));
  o->set("secretary_id", static_cast<Poco::Int64>(m.secretary_id));
  o->set("summoned", m.summoned);
  o->set("present", m.present);
  o->set("official_members", m.official_members);
  Poco::JSON::Array::Ptr absent = new Poco::JSON::Array;
  for (const auto& a : m.absent) {
    Poco::JSON::Object::Ptr e = new Poco::JSON::Object;
    e->set("name", a.name);
    e->set("reason", a.reason);
    absent->add(e);
  }
  o->set("absent", absent);
  Poco::JSON::Array::Ptr comments = new Poco::JSON::Array;
  for (const auto& c : m.comments) {
    Poco::JSON::Object::Ptr e = new Poco::JSON::Object;
    e->set("author", c.author);
    e->set("text", c.text);
    comments->add(e);
  }
  o->set("comments", comments);
  o->set("proposed_rating", rating_or_null(m.proposed_rating));
  Poco::JSON::Object::Ptr votes = new Poco::JSON::Object;
  votes->set("in_favour", m.votes.in_favour);
  votes->set("against", m.votes.against);
  votes->set("abstain", m.votes.abstain);
  o->set("votes", votes);
  o->set("conclusion", m.conclusion);
  return o;
}

Poco::JSON::Object::Ptr to_json(const wf::Opinion& op) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("by", static_cast<Poco::Int64>(op.by));
  o->set("comments", op.comments);
  o->set("proposed_rating", rating_or_null(op.proposed_rating));
  return o;
}

Poco::JSON::Object::Ptr to_json(const wf::YearFacts& f) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("months_worked", f.months_worked);
  o->set("leave_months", f.leave_months);
  o->set("maternity", f.maternity);
  o->set("disciplined", f.disciplined);
  o->set("degradation_finding", f.degradation_finding);
  o->set("corruption_in_unit", f.corruption_in_unit);
  return o;
}

Poco::JSON::Object::Ptr to_json(const std::map<wf::Stage, wf::Date>& due) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  for (const auto& [stage, date] : due) o->set(std::string(wf::to_string(stage)), wf::to_iso(date));
  return o;
}

Poco::JSON::Object::Ptr to_json(const wf::Review& r) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", static_cast<Poco::Int64>(r.id));
  o->set("campaign_id", static_cast<Poco::Int64>(r.campaign_id));
  o->set("person_id", static_cast<Poco::Int64>(r.person_id));
  o->set("unit_id", static_cast<Poco::Int64>(r.unit_id));
  o->set("stage", std::string(wf::to_string(r.stage)));
  o->set("workflow_version", r.workflow_version);
  o->set("version", r.version);
  o->set("facts", to_json(r.facts));
  o->set("form", to_json(r.form));
  o->set("meeting", r.meeting ? Poco::Dynamic::Var(to_json(*r.meeting)) : Poco::Dynamic::Var());
  o->set("opinion", r.opinion ? Poco::Dynamic::Var(to_json(*r.opinion)) : Poco::Dynamic::Var());
  o->set("final_rating", rating_or_null(r.final_rating));
  o->set("not_rated", r.not_rated);
  o->set("published_at", r.published_at ? Poco::Dynamic::Var(wf::to_iso_vietnam(*r.published_at))
                                        : Poco::Dynamic::Var());
  o->set("complaints", r.complaints);
  o->set("last_return_reason", r.last_return_reason);
  return o;
}

wf::FormContent form_from_json(const Poco::JSON::Object& o) { return form_at(o, "form"); }

wf::MeetingRecord meeting_from_json(const Poco::JSON::Object& o) {
  return meeting_at(o, "meeting");
}

wf::Opinion opinion_from_json(const Poco::JSON::Object& o) { return opinion_at(o, "opinion"); }

wf::YearFacts year_facts_from_json(const Poco::JSON::Object& o) {
  wf::YearFacts f;
  const std::string p = "facts";
  f.months_worked = opt_count(o, "months_worked", p).value_or(f.months_worked);
  f.leave_months = opt_count(o, "leave_months", p).value_or(f.leave_months);
  f.maternity = opt_bool(o, "maternity", p).value_or(false);
  f.disciplined = opt_bool(o, "disciplined", p).value_or(false);
  f.degradation_finding = opt_bool(o, "degradation_finding", p).value_or(false);
  f.corruption_in_unit = opt_bool(o, "corruption_in_unit", p).value_or(false);
  return f;
}

std::map<wf::Stage, wf::Date> stage_due_from_json(const Poco::JSON::Object& o) {
  std::map<wf::Stage, wf::Date> due;
  for (const auto& name : o.getNames()) {
    auto stage = wf::parse_stage(name);
    if (!stage) {
      throw CodecError("stage_due." + name, "Giai đoạn '" + name + "' không tồn tại");
    }
    auto date = opt_date(o, name, "stage_due");
    if (date) due[*stage] = *date;
  }
  return due;
}

}  // namespace kd::codec
