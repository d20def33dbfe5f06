#include "services/orgimport/plan_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace kd::orgimport {
namespace {

namespace wf = kd::wf;

Poco::JSON::Object::Ptr counts_json(const wf::ImportCounts& c) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("new", c.created);
  o->set("changed", c.changed);
  o->set("moved", c.moved);
  o->set("unchanged", c.unchanged);
  o->set("deactivated", c.deactivated);
  return o;
}

Poco::JSON::Array::Ptr changes_json(const std::vector<wf::RowChange>& rows) {
  Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
  for (const auto& r : rows) {
    if (r.kind == wf::ChangeKind::Unchanged) continue;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("change", std::string(wf::to_string(r.kind)));
    o->set("sheet", r.sheet.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.sheet));
    o->set("row", r.row > 0 ? Poco::Dynamic::Var(r.row) : Poco::Dynamic::Var());
    o->set("id", r.id ? Poco::Dynamic::Var(static_cast<Poco::Int64>(*r.id)) : Poco::Dynamic::Var());
    o->set("code", r.code);
    o->set("name", r.name);
    Poco::JSON::Array::Ptr fields = new Poco::JSON::Array;
    for (const auto& f : r.fields) {
      Poco::JSON::Object::Ptr x = new Poco::JSON::Object;
      x->set("field", f.field);
      x->set("before", f.before);
      x->set("after", f.after);
      fields->add(x);
    }
    o->set("fields", fields);
    a->add(o);
  }
  return a;
}

}  // namespace

Poco::JSON::Object::Ptr plan_json(const ImportHeader& h, const wf::OrgImportPlan& plan) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", static_cast<Poco::Int64>(h.id));
  o->set("unit_id", static_cast<Poco::Int64>(h.unit_id));
  o->set("year", h.year);
  o->set("file_name", h.file_name);
  o->set("status", h.status);
  o->set("committed_at", h.committed_at ? Poco::Dynamic::Var(wf::to_iso_vietnam(*h.committed_at))
                                        : Poco::Dynamic::Var());
  o->set("fingerprint", h.fingerprint);
  o->set("can_commit", h.status == "previewed" && plan.ok());
  Poco::JSON::Object::Ptr counts = new Poco::JSON::Object;
  counts->set("units", counts_json(plan.unit_counts));
  counts->set("people", counts_json(plan.person_counts));
  o->set("counts", counts);
  Poco::JSON::Array::Ptr problems = new Poco::JSON::Array;
  for (const auto& p : plan.problems) {
    Poco::JSON::Object::Ptr x = new Poco::JSON::Object;
    x->set("code", p.code);
    x->set("sheet", p.sheet.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(p.sheet));
    x->set("row", p.row > 0 ? Poco::Dynamic::Var(p.row) : Poco::Dynamic::Var());
    x->set("column", p.column.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(p.column));
    x->set("detail", p.message_vi);
    problems->add(x);
  }
  o->set("problems", problems);
  Poco::JSON::Array::Ptr ignored = new Poco::JSON::Array;
  for (const auto& i : plan.ignored) ignored->add(i);
  o->set("ignored", ignored);
  o->set("units", changes_json(plan.units));
  o->set("people", changes_json(plan.people));
  return o;
}

std::string to_text(const Poco::JSON::Object::Ptr& o) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(o, out);
  return out.str();
}

}  // namespace kd::orgimport
