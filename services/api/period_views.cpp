#include "services/api/period_views.hpp"

#include <Poco/JSON/Array.h>

#include "services/api/views.hpp"
#include "services/codec/period_codec.hpp"
#include "workflow/period_score.hpp"

namespace kd::api {
namespace {

namespace wf = kd::wf;
using Poco::JSON::Array;
using Poco::JSON::Object;

std::string str(std::string_view v) { return std::string(v); }

Object::Ptr sheet_json(const wf::CriteriaSheet& sheet) {
  Object::Ptr o = new Object;
  o->set("key", sheet.key);
  o->set("title", sheet.title);
  o->set("max", kd::codec::decimal_text(sheet.max, 2));
  o->set("step", kd::codec::decimal_text(sheet.step, 2));
  o->set("reason_required_when_withheld", sheet.reason_required_when_withheld);
  Array::Ptr groups = new Array;
  for (const auto& g : sheet.groups) {
    Object::Ptr go = new Object;
    go->set("code", g.code);
    go->set("title", g.title);
    go->set("max", kd::codec::decimal_text(g.max, 2));
    Array::Ptr items = new Array;
    for (const auto& i : g.items) {
      Object::Ptr io = new Object;
      io->set("code", i.code);
      io->set("title", i.title);
      io->set("max", kd::codec::decimal_text(i.max, 2));
      io->set("step", kd::codec::decimal_text(i.step == 0 ? sheet.step : i.step, 2));
      io->set("pass_fail", i.pass_fail);
      io->set("default_full", i.default_full);
      io->set("evidence_required", i.evidence_required);
      items->add(io);
    }
    go->set("items", items);
    groups->add(go);
  }
  o->set("groups", groups);
  return o;
}

Poco::Dynamic::Var total_var(const std::optional<wf::Centi>& v) {
  return v ? Poco::Dynamic::Var(kd::codec::decimal_text(*v, 2)) : Poco::Dynamic::Var();
}

}  // namespace

Object::Ptr period_summary_json(const kd::storage::StoredPeriod& p, const wf::Person& person) {
  Object::Ptr o = new Object;
  o->set("id", p.record.id);
  o->set("person", person_json(person));
  o->set("unit_id", p.record.unit_id);
  o->set("period", wf::to_key(p.record.ref));
  o->set("label", wf::label_vi(p.record.ref));
  o->set("stage", str(wf::to_string(p.record.stage)));
  o->set("stage_label", str(wf::label_vi(p.record.stage)));
  o->set("version", p.record.version);
  o->set("total", total_var(p.total));
  o->set("band", rating_var(p.band));
  o->set("presence", str(wf::to_string(p.presence)));
  return o;
}

Object::Ptr period_json(const kd::application::PeriodWorld& w,
                        const std::vector<wf::PeriodAction>& allowed) {
  const auto& p = w.stored;
  Object::Ptr o = period_summary_json(p, w.person);
  Object::Ptr regime = new Object;
  regime->set("id", w.regime->id);
  regime->set("version", w.regime->version);
  regime->set("title", w.regime->title);
  regime->set("task_method", str(wf::to_string(w.rules().tasks.method)));
  o->set("regime", regime);
  o->set("agency", p.agency);
  o->set("record", kd::codec::to_json(p.record));
  Object::Ptr scores = new Object;
  scores->set("self", kd::codec::to_json(
                          wf::period_score(p.record, w.person, w.rules(), wf::ScoreView::Self)));
  const bool scored =
      static_cast<int>(p.record.stage) >= static_cast<int>(wf::PeriodStage::ManagerScored);
  scores->set("manager", scored ? Poco::Dynamic::Var(kd::codec::to_json(wf::period_score(
                                      p.record, w.person, w.rules(), wf::ScoreView::Manager)))
                                : Poco::Dynamic::Var());
  o->set("scores", scores);
  const wf::CriteriaSheet* sheet = w.rules().sheet_for(w.person.leader);
  o->set("criteria", sheet ? Poco::Dynamic::Var(sheet_json(*sheet)) : Poco::Dynamic::Var());
  Array::Ptr products = new Array;
  if (const auto* version = w.catalogue.in_force(p.record.ref.first_day())) {
    for (const auto& pr : version->products) {
      Object::Ptr po = new Object;
      po->set("code", pr.code);
      po->set("name", pr.name);
      po->set("k", kd::codec::decimal_text(pr.k, 4));
      po->set("unit", pr.unit);
      products->add(po);
    }
  }
  o->set("products", products);
  Array::Ptr actions = new Array;
  for (auto a : allowed) actions->add(str(wf::to_string(a)));
  o->set("allowed_actions", actions);
  return o;
}

Object::Ptr period_event_json(const kd::storage::PeriodEventRecord& e) {
  Object::Ptr o = new Object;
  o->set("seq", e.seq);
  o->set("action", e.action);
  o->set("from_stage", e.from_stage);
  o->set("to_stage", e.to_stage);
  o->set("actor_id", e.actor_id == 0 ? Poco::Dynamic::Var() : Poco::Dynamic::Var(e.actor_id));
  o->set("actor_system",
         e.actor_system.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(e.actor_system));
  o->set("occurred_at", wf::to_iso_vietnam(e.occurred_at));
  o->set("hash", e.hash);
  return o;
}

Object::Ptr year_json(const kd::application::YearView& y) {
  Object::Ptr o = new Object;
  o->set("person", person_json(y.person));
  if (y.regime == nullptr) {
    o->set("regime", Poco::Dynamic::Var());
    o->set("periods", Array::Ptr(new Array));
    o->set("result", Poco::Dynamic::Var());
    return o;
  }
  Object::Ptr regime = new Object;
  regime->set("id", y.regime->id);
  regime->set("version", y.regime->version);
  regime->set("title", y.regime->title);
  o->set("regime", regime);
  Array::Ptr periods = new Array;
  for (const auto& p : y.periods) periods->add(period_summary_json(p, y.person));
  o->set("periods", periods);
  auto result = kd::codec::to_json(y.result);
  Array::Ptr refusals = new Array;
  for (const auto& r : y.result.refusals) {
    Object::Ptr ro = new Object;
    ro->set("code", r.code);
    ro->set("detail", r.message_vi);
    refusals->add(ro);
  }
  result->set("ready", y.result.refusals.empty());
  result->set("not_ready", refusals);
  o->set("result", result);
  return o;
}

}  // namespace kd::api
