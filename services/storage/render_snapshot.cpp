#include "services/storage/render_snapshot.hpp"

#include <Poco/JSON/Array.h>

#include <set>

#include "services/codec/json_codec.hpp"
#include "services/codec/json_read.hpp"
#include "services/storage/row_mapping.hpp"
#include "services/storage/sql.hpp"

namespace kd::storage {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
namespace cd = kd::codec::detail;

constexpr int kFormat = 1;

Poco::Int64 i64(wf::Id id) { return static_cast<Poco::Int64>(id); }

Object::Ptr person_json(const wf::Person& p) {
  Object::Ptr o = new Object;
  o->set("id", i64(p.id));
  o->set("full_name", p.full_name);
  o->set("unit_id", i64(p.unit_id));
  o->set("group", std::string(wf::to_string(p.group)));
  o->set("party_member", p.party_member);
  o->set("leader", p.leader);
  o->set("position", p.position);
  o->set("peer_group", p.peer_group);
  return o;
}

wf::Person person_from(const Object& o, const std::string& path) {
  wf::Person p;
  p.id = cd::opt_int(o, "id", path).value_or(0);
  p.full_name = cd::opt_string(o, "full_name", path).value_or("");
  p.unit_id = cd::opt_int(o, "unit_id", path).value_or(0);
  const auto g = cd::opt_string(o, "group", path).value_or("");
  const auto group = wf::parse_group(g);
  if (!group) throw codec::CodecError(path + ".group", "Nhóm đối tượng không hợp lệ: " + g);
  p.group = *group;
  p.party_member = cd::opt_bool(o, "party_member", path).value_or(false);
  p.leader = cd::opt_bool(o, "leader", path).value_or(false);
  p.position = cd::opt_string(o, "position", path).value_or("");
  p.peer_group = cd::opt_string(o, "peer_group", path).value_or("");
  return p;
}

Object::Ptr unit_json(const wf::Unit& u) {
  Object::Ptr o = new Object;
  o->set("id", i64(u.id));
  o->set("parent_id", u.parent_id ? Poco::Dynamic::Var(i64(*u.parent_id)) : Poco::Dynamic::Var());
  o->set("code", u.code);
  o->set("name", u.name);
  o->set("kind", u.kind);
  o->set("superior_name", u.superior_name);
  o->set("place_name", u.place_name);
  o->set("head_title", u.head_title);
  o->set("deputy_title", u.deputy_title);
  o->set("collective_body", u.collective_body);
  return o;
}

wf::Unit unit_from(const Object& o, const std::string& path) {
  wf::Unit u;
  u.id = cd::opt_int(o, "id", path).value_or(0);
  if (const auto parent = cd::opt_int(o, "parent_id", path)) u.parent_id = *parent;
  u.code = cd::opt_string(o, "code", path).value_or("");
  u.name = cd::opt_string(o, "name", path).value_or("");
  u.kind = cd::opt_string(o, "kind", path).value_or("");
  u.superior_name = cd::opt_string(o, "superior_name", path).value_or("");
  u.place_name = cd::opt_string(o, "place_name", path).value_or("");
  u.head_title = cd::opt_string(o, "head_title", path).value_or("");
  u.deputy_title = cd::opt_string(o, "deputy_title", path).value_or("");
  u.collective_body = cd::opt_string(o, "collective_body", path).value_or("");
  return u;
}

// codec::to_json(Review), with published_at as epoch seconds (exact, no time zone).
Object::Ptr review_json(const wf::Review& r) {
  auto o = codec::to_json(r);
  o->set("published_at",
         r.published_at
             ? Poco::Dynamic::Var(static_cast<Poco::Int64>(detail::epoch_seconds(*r.published_at)))
             : Poco::Dynamic::Var());
  return o;
}

wf::Review review_from(const Object& o, const std::string& path) {
  wf::Review r;
  r.id = cd::opt_int(o, "id", path).value_or(0);
  r.campaign_id = cd::opt_int(o, "campaign_id", path).value_or(0);
  r.person_id = cd::opt_int(o, "person_id", path).value_or(0);
  r.unit_id = cd::opt_int(o, "unit_id", path).value_or(0);
  const auto s = cd::opt_string(o, "stage", path).value_or("");
  const auto stage = wf::parse_stage(s);
  if (!stage) throw codec::CodecError(path + ".stage", "Giai đoạn không hợp lệ: " + s);
  r.stage = *stage;
  r.workflow_version = cd::opt_count(o, "workflow_version", path).value_or(r.workflow_version);
  r.version = cd::opt_count(o, "version", path).value_or(r.version);
  if (const auto f = cd::opt_object(o, "facts", path)) r.facts = codec::year_facts_from_json(*f);
  if (const auto f = cd::opt_object(o, "form", path)) r.form = codec::form_from_json(*f);
  if (const auto m = cd::opt_object(o, "meeting", path)) r.meeting = codec::meeting_from_json(*m);
  if (const auto op = cd::opt_object(o, "opinion", path)) r.opinion = codec::opinion_from_json(*op);
  r.final_rating = cd::opt_rating(o, "final_rating", path);
  r.not_rated = cd::opt_bool(o, "not_rated", path).value_or(false);
  if (const auto t = cd::opt_int(o, "published_at", path))
    r.published_at = detail::from_epoch_seconds(*t);
  r.complaints = cd::opt_count(o, "complaints", path).value_or(0);
  r.last_return_reason = cd::opt_string(o, "last_return_reason", path).value_or("");
  return r;
}

Object::Ptr year_json(const wf::YearSheet& y) {
  Object::Ptr o = new Object;
  Array::Ptr periods = new Array;
  for (const auto& p : y.periods) {
    Object::Ptr x = new Object;
    x->set("period", wf::to_key(p.ref));
    x->set("presence", std::string(wf::to_string(p.presence)));
    x->set("agency", p.agency);
    x->set("locked", p.locked);
    x->set("total",
           p.total ? Poco::Dynamic::Var(static_cast<Poco::Int64>(*p.total)) : Poco::Dynamic::Var());
    periods->add(x);
  }
  o->set("periods", periods);
  const auto& r = y.result;
  o->set("rated", r.rated);
  o->set("score", static_cast<Poco::Int64>(r.score));  // hundredths
  o->set("periods_counted", r.periods_counted);
  o->set("months_counted", r.months_counted);
  o->set("by_score", std::string(wf::to_string(r.by_score)));
  o->set("rating", std::string(wf::to_string(r.rating)));
  Array::Ptr grounds = new Array;
  for (const auto& g : r.grounds) {
    Object::Ptr x = new Object;
    x->set("ground", std::string(wf::to_string(g.ground)));
    x->set("reference", g.reference);
    x->set("text", g.text_vi);
    grounds->add(x);
  }
  o->set("grounds", grounds);
  Array::Ptr notes = new Array;
  for (const auto& n : r.notes_vi) notes->add(n);
  o->set("notes", notes);
  Array::Ptr refusals = new Array;
  for (const auto& f : r.refusals) refusals->add(f.message_vi);
  o->set("not_ready", refusals);
  return o;
}

wf::YearSheet year_from(const Object& o, const std::string& path) {
  wf::YearSheet y;
  if (const auto a = cd::opt_array(o, "periods", path)) {
    for (unsigned i = 0; i < a->size(); ++i) {
      const std::string p = path + ".periods[" + std::to_string(i) + "]";
      const auto x = cd::element_object(*a, i, p);
      wf::PeriodOutcome out;
      const auto key = cd::opt_string(*x, "period", p).value_or("");
      const auto ref = wf::parse_period_key(key);
      if (!ref) throw codec::CodecError(p + ".period", "Kỳ không hợp lệ: " + key);
      out.ref = *ref;
      const auto presence =
          wf::parse_period_presence(cd::opt_string(*x, "presence", p).value_or(""));
      if (!presence) throw codec::CodecError(p + ".presence", "Tình trạng công tác không hợp lệ");
      out.presence = *presence;
      out.agency = cd::opt_string(*x, "agency", p).value_or("");
      out.locked = cd::opt_bool(*x, "locked", p).value_or(false);
      if (const auto t = cd::opt_int(*x, "total", p)) out.total = *t;
      y.periods.push_back(out);
    }
  }
  auto& r = y.result;
  r.rated = cd::opt_bool(o, "rated", path).value_or(false);
  r.score = cd::opt_int(o, "score", path).value_or(0);
  r.periods_counted = cd::opt_count(o, "periods_counted", path).value_or(0);
  r.months_counted = cd::opt_count(o, "months_counted", path).value_or(0);
  r.by_score = cd::opt_rating(o, "by_score", path).value_or(wf::Rating::KHT);
  r.rating = cd::opt_rating(o, "rating", path).value_or(wf::Rating::KHT);
  if (const auto a = cd::opt_array(o, "grounds", path)) {
    for (unsigned i = 0; i < a->size(); ++i) {
      const std::string p = path + ".grounds[" + std::to_string(i) + "]";
      const auto x = cd::element_object(*a, i, p);
      const auto ground = wf::parse_kht_ground(cd::opt_string(*x, "ground", p).value_or(""));
      if (!ground) throw codec::CodecError(p + ".ground", "Căn cứ không hợp lệ");
      r.grounds.push_back({*ground, cd::opt_string(*x, "reference", p).value_or(""),
                           cd::opt_string(*x, "text", p).value_or("")});
    }
  }
  if (const auto a = cd::opt_array(o, "notes", path)) {
    for (unsigned i = 0; i < a->size(); ++i) r.notes_vi.push_back(a->getElement<std::string>(i));
  }
  if (const auto a = cd::opt_array(o, "not_ready", path)) {
    for (unsigned i = 0; i < a->size(); ++i) {
      r.refusals.push_back(
          {wf::RefusalKind::GuardFailed, "year_not_ready", a->getElement<std::string>(i), "year"});
    }
  }
  return y;
}

template <class T, class F>
std::vector<T> elements(const Object& o, const std::string& key, F read) {
  std::vector<T> out;
  const auto a = cd::opt_array(o, key, "");
  if (!a) return out;
  for (unsigned i = 0; i < a->size(); ++i) {
    const std::string path = key + "[" + std::to_string(i) + "]";
    out.push_back(read(*cd::element_object(*a, i, path), path));
  }
  return out;
}

}  // namespace

std::string encode_render_snapshot(const RenderSnapshot& s) {
  Object::Ptr o = new Object;
  o->set("format", kFormat);
  Array::Ptr reviews = new Array;
  for (const auto& m : s.reviews) {
    Object::Ptr x = new Object;
    x->set("review", review_json(m.review));
    x->set("person", person_json(m.person));
    x->set("unit_name", m.unit_name);
    if (m.year) x->set("year", year_json(*m.year));
    reviews->add(x);
  }
  o->set("reviews", reviews);
  Array::Ptr units = new Array;
  for (const auto& u : s.unit_path) units->add(unit_json(u));
  o->set("unit_path", units);
  Array::Ptr people = new Array;
  for (const auto& p : s.people) people->add(person_json(p));
  o->set("people", people);
  o->set("actor_standing", std::string(wf::to_string(s.actor_standing)));
  return codec::canonical(o);
}

RenderSnapshot decode_render_snapshot(const std::string& json) {
  const auto o = codec::parse_object(json);
  const auto format = cd::opt_int(*o, "format", "").value_or(0);
  if (format != kFormat)
    throw codec::CodecError(
        "format", "Phiên bản dữ liệu văn bản không được hỗ trợ: " + std::to_string(format));
  RenderSnapshot s;
  s.reviews = elements<SnapshotMember>(*o, "reviews", [](const Object& x, const std::string& p) {
    SnapshotMember m;
    const auto review = cd::opt_object(x, "review", p);
    const auto person = cd::opt_object(x, "person", p);
    if (!review) cd::fail_missing(p + ".review");
    if (!person) cd::fail_missing(p + ".person");
    m.review = review_from(*review, p + ".review");
    m.person = person_from(*person, p + ".person");
    m.unit_name = cd::opt_string(x, "unit_name", p).value_or("");
    if (const auto y = cd::opt_object(x, "year", p)) m.year = year_from(*y, p + ".year");
    return m;
  });
  s.unit_path = elements<wf::Unit>(*o, "unit_path", unit_from);
  s.people = elements<wf::Person>(*o, "people", person_from);
  // Absent in snapshots taken before the standing was recorded: nobody's standing.
  const auto standing = cd::opt_string(*o, "actor_standing", "").value_or("other");
  const auto parsed = wf::parse_signer_standing(standing);
  if (!parsed)
    throw codec::CodecError("actor_standing", "Vị trí người ký không hợp lệ: " + standing);
  s.actor_standing = *parsed;
  return s;
}

namespace {

std::vector<wf::Unit> unit_path(const std::vector<SnapshotMember>& members,
                                const wf::OrgTree& org) {
  std::vector<wf::Unit> path;
  if (members.empty()) return path;
  for (const auto uid : org.path_to(members.front().review.unit_id))
    if (const auto* u = org.unit(uid)) path.push_back(*u);
  return path;
}

wf::SignerStanding standing(const std::vector<wf::Unit>& path, const wf::OrgTree& org,
                            wf::Id actor_id, const wf::Date& day) {
  const wf::Unit* agency = wf::issuing_agency(path);
  return agency ? wf::signer_standing(org, actor_id, agency->id, day) : wf::SignerStanding::Other;
}

// The people the documents of `members` name.
std::set<wf::Id> named_people(const std::vector<SnapshotMember>& members, wf::Id actor_id) {
  std::set<wf::Id> ids;
  if (actor_id != 0) ids.insert(actor_id);
  for (const auto& m : members) {
    if (m.review.meeting) {
      ids.insert(m.review.meeting->chair_id);
      ids.insert(m.review.meeting->secretary_id);
    }
    if (m.review.opinion) ids.insert(m.review.opinion->by);
  }
  ids.erase(0);
  return ids;
}

}  // namespace

namespace detail {

RenderSnapshot member_snapshot(const RenderSnapshot& batch, std::size_t i, const wf::OrgTree& org,
                               wf::Id actor_id, const wf::Date& day) {
  RenderSnapshot s;
  s.reviews = {batch.reviews.at(i)};
  s.unit_path = unit_path(s.reviews, org);
  s.actor_standing = standing(s.unit_path, org, actor_id, day);
  const auto ids = named_people(s.reviews, actor_id);
  for (const auto& p : batch.people)
    if (ids.count(p.id)) s.people.push_back(p);
  return s;
}

RenderSnapshot capture_render_snapshot(pqxx::transaction_base& t,
                                       std::vector<SnapshotMember> members, const wf::OrgTree& org,
                                       wf::Id actor_id, const wf::Date& day) {
  RenderSnapshot s;
  s.reviews = std::move(members);
  s.unit_path = unit_path(s.reviews, org);
  s.actor_standing = standing(s.unit_path, org, actor_id, day);
  for (const auto id : named_people(s.reviews, actor_id)) {
    const auto res = t.exec_prepared(sql::name(sql::kSelectPerson), id);
    if (!res.empty()) s.people.push_back(read_person(res[0]));
  }
  return s;
}

}  // namespace detail
}  // namespace kd::storage
