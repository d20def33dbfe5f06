#include "services/api/views.hpp"

#include <Poco/JSON/Parser.h>

#include "services/codec/json_codec.hpp"
#include "workflow/rating_rules.hpp"
#include "workflow/review_machine.hpp"

namespace kd::api {
namespace {

std::string str(std::string_view v) { return std::string(v); }

Poco::JSON::Array::Ptr string_array(const std::vector<std::string>& items) {
  Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
  for (const auto& s : items) a->add(s);
  return a;
}

}  // namespace

Poco::Dynamic::Var rating_var(const std::optional<kd::wf::Rating>& r) {
  if (!r) return Poco::Dynamic::Var();
  return str(kd::wf::to_string(*r));
}

Poco::JSON::Object::Ptr person_json(const kd::wf::Person& p) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", p.id);
  o->set("full_name", p.full_name);
  o->set("unit_id", p.unit_id);
  o->set("group", str(kd::wf::to_string(p.group)));
  o->set("party_member", p.party_member);
  o->set("leader", p.leader);
  o->set("position", p.position);
  o->set("peer_group", p.peer_group);
  return o;
}

Poco::JSON::Object::Ptr review_json(const ReviewView& v) {
  const kd::wf::Review& r = v.review;
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", r.id);
  o->set("campaign_id", r.campaign_id);
  o->set("stage", str(kd::wf::to_string(r.stage)));
  o->set("stage_label_vi", str(kd::wf::label_vi(r.stage)));
  o->set("workflow_version", r.workflow_version);
  o->set("version", r.version);
  o->set("person", person_json(v.person));
  Poco::JSON::Object::Ptr unit = new Poco::JSON::Object;
  unit->set("id", r.unit_id);
  unit->set("name", v.unit_name);
  o->set("unit", unit);
  Poco::JSON::Object::Ptr campaign = new Poco::JSON::Object;
  campaign->set("id", v.campaign.id);
  campaign->set("name", v.campaign.name);
  campaign->set("year", v.campaign.year);
  o->set("campaign", campaign);
  o->set("facts", kd::codec::to_json(r.facts));
  o->set("form", kd::codec::to_json(r.form));
  o->set("meeting",
         r.meeting ? Poco::Dynamic::Var(kd::codec::to_json(*r.meeting)) : Poco::Dynamic::Var());
  o->set("opinion",
         r.opinion ? Poco::Dynamic::Var(kd::codec::to_json(*r.opinion)) : Poco::Dynamic::Var());
  o->set("rating", rating_var(r.final_rating));
  o->set("rating_label_vi", r.final_rating
                                ? Poco::Dynamic::Var(str(kd::wf::label_vi(*r.final_rating)))
                                : Poco::Dynamic::Var());
  o->set("not_rated", r.not_rated);
  o->set("published_at", r.published_at
                             ? Poco::Dynamic::Var(kd::wf::to_iso_vietnam(*r.published_at))
                             : Poco::Dynamic::Var());
  o->set("complaints", r.complaints);
  o->set("last_return_reason", r.last_return_reason);
  auto due = v.campaign.stage_due.find(r.stage);
  o->set("stage_due", due != v.campaign.stage_due.end()
                          ? Poco::Dynamic::Var(kd::wf::to_iso(due->second))
                          : Poco::Dynamic::Var());
  Poco::JSON::Array::Ptr actions = new Poco::JSON::Array;
  for (auto a : v.allowed_actions) actions->add(str(kd::wf::to_string(a)));
  o->set("allowed_actions", actions);
  // What the workflow itself says, so that no client computes it again: the required sections
  // still blank (what `submit` would refuse) and the rating a decision takes by default.
  Poco::JSON::Array::Ptr missing = new Poco::JSON::Array;
  for (const auto& s : kd::wf::missing_sections(r.form, v.person, v.regime)) missing->add(s.key);
  o->set("missing_sections", missing);
  kd::wf::ActionRequest decide;
  decide.action = kd::wf::Action::Decide;
  o->set("decision_rating", rating_var(kd::wf::decision_rating(r, decide)));
  return o;
}

Poco::JSON::Object::Ptr review_summary_json(const kd::storage::ReviewRow& row,
                                            const kd::wf::Campaign& campaign,
                                            const kd::wf::Date& today) {
  const kd::wf::Review& r = row.review;
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", r.id);
  o->set("stage", str(kd::wf::to_string(r.stage)));
  o->set("stage_label_vi", str(kd::wf::label_vi(r.stage)));
  o->set("version", r.version);
  Poco::JSON::Object::Ptr person = new Poco::JSON::Object;
  person->set("id", row.person.id);
  person->set("full_name", row.person.full_name);
  person->set("position", row.person.position);
  o->set("person", person);
  Poco::JSON::Object::Ptr unit = new Poco::JSON::Object;
  unit->set("id", r.unit_id);
  unit->set("name", row.unit_name);
  o->set("unit", unit);
  o->set("rating", rating_var(r.final_rating));
  o->set("stage_since", kd::wf::to_iso_vietnam(row.stage_since));
  auto due = campaign.stage_due.find(r.stage);
  if (due != campaign.stage_due.end()) {
    o->set("due", kd::wf::to_iso(due->second));
    o->set("overdue", due->second < today);
  } else {
    o->set("due", Poco::Dynamic::Var());
    o->set("overdue", false);
  }
  return o;
}

Poco::JSON::Object::Ptr campaign_json(const kd::wf::Campaign& c, const kd::wf::Regime* pinned) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", c.id);
  o->set("unit_id", c.unit_id);
  o->set("year", c.year);
  o->set("name", c.name);
  o->set("status", std::string(kd::wf::to_string(c.status)));
  o->set("special_agency", c.special_agency);
  Poco::JSON::Object::Ptr regime = new Poco::JSON::Object;
  regime->set("id", c.regime_id);
  regime->set("version", c.regime_version);
  if (pinned) {
    regime->set("title", pinned->title);
    o->set("final_deadline", kd::wf::to_iso(kd::wf::final_deadline(c, *pinned)));
  }
  o->set("regime", regime);
  Poco::JSON::Object::Ptr due = new Poco::JSON::Object;
  for (const auto& [stage, date] : c.stage_due)
    due->set(str(kd::wf::to_string(stage)), kd::wf::to_iso(date));
  o->set("stage_due", due);
  return o;
}

Poco::JSON::Object::Ptr event_json(const kd::storage::EventRecord& e) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", e.id);
  o->set("review_id", e.review_id);
  o->set("seq", e.seq);
  o->set("actor_id", e.actor_id);
  o->set("action", e.action);
  o->set("from_stage", e.from_stage);
  o->set("to_stage", e.to_stage);
  Poco::Dynamic::Var payload;
  try {
    Poco::JSON::Parser parser;
    payload = parser.parse(e.payload_json.empty() ? "{}" : e.payload_json);
  } catch (const Poco::Exception&) {
    payload = e.payload_json;  // shown as text rather than hidden
  }
  o->set("payload", payload);
  o->set("payload_canonical", e.payload_json);
  o->set("occurred_at", kd::wf::to_iso_vietnam(e.occurred_at));
  o->set("prev_hash", e.prev_hash);
  o->set("hash", e.hash);
  return o;
}

Poco::JSON::Object::Ptr task_json(const kd::wf::Task& t) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("step", str(kd::wf::to_string(t.step)));
  o->set("document_kind",
         t.document_kind.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(t.document_kind));
  o->set("review_id", t.review_id);
  o->set("reviewee_id", t.reviewee_id);
  o->set("reviewee_name", t.reviewee_name);
  o->set("stage", str(kd::wf::to_string(t.stage)));
  o->set("stage_label_vi", str(kd::wf::label_vi(t.stage)));
  o->set("action", str(kd::wf::to_string(t.action)));
  o->set("action_label_vi", str(kd::wf::label_vi(t.action)));
  o->set("title_vi", t.title_vi);
  o->set("fields_needed", string_array(t.fields_needed));
  o->set("due", t.due ? Poco::Dynamic::Var(kd::wf::to_iso(*t.due)) : Poco::Dynamic::Var());
  o->set("overdue", t.overdue);
  o->set("return_reason", t.return_reason);
  return o;
}

Poco::JSON::Array::Ptr quota_json(const kd::wf::QuotaReport& report) {
  Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
  for (const auto& l : report.lines) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("peer_group", l.peer_group);
    o->set("htxs", l.htxs);
    o->set("htt", l.htt);
    o->set("limit", l.limit);
    o->set("ok", l.ok);
    lines->add(o);
  }
  return lines;
}

}  // namespace kd::api
