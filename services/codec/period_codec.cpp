#include "services/codec/period_codec.hpp"

#include <cstdio>

#include "services/codec/json_read.hpp"

namespace kd::codec {
namespace {

using namespace detail;
namespace wf = kd::wf;
using Poco::JSON::Array;
using Poco::JSON::Object;

Poco::Dynamic::Var null() { return Poco::Dynamic::Var(); }

[[noreturn]] void bad(const std::string& path, const std::string& what) {
  throw CodecError(path, "Trường '" + path + "' " + what);
}

// A non-negative exact decimal: a string ("2.5", "2,5") or an integer.
std::optional<std::int64_t> opt_decimal(const Object& o, const std::string& key,
                                        const std::string& prefix, int decimals) {
  if (!o.has(key) || o.isNull(key)) return std::nullopt;
  const auto v = o.get(key);
  const std::string path = join_path(prefix, key);
  std::optional<std::int64_t> out;
  if (v.isString()) {
    out = wf::parse_scaled(v.convert<std::string>(), decimals);
  } else if (v.isInteger() && !v.isBoolean()) {
    const auto i = opt_int(o, key, prefix);
    std::int64_t scale = 1;
    for (int d = 0; d < decimals; ++d) scale *= 10;
    if (*i >= 0 && *i <= INT64_MAX / scale) out = *i * scale;
  }
  if (!out) {
    bad(path, "phải là số thập phân không âm, tối đa " + std::to_string(decimals) +
                  " chữ số sau dấu phẩy (ví dụ \"2.5\")");
  }
  return out;
}

std::int64_t req_decimal(const Object& o, const std::string& key, const std::string& prefix,
                         int decimals) {
  auto v = opt_decimal(o, key, prefix, decimals);
  if (!v) fail_missing(join_path(prefix, key));
  return *v;
}

std::string str(const Object& o, const std::string& key, const std::string& prefix) {
  return opt_string(o, key, prefix).value_or(std::string());
}

std::optional<wf::TimePoint> parse_vietnam_time(const std::string& text) {
  int y, mo, d, h, mi, s;
  char tail[8] = {0};
  if (text.size() != 25 ||
      std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%6s", &y, &mo, &d, &h, &mi, &s, tail) != 7)
    return std::nullopt;
  if (std::string(tail) != "+07:00") return std::nullopt;
  const wf::Date date{y, mo, d};
  if (!wf::is_valid(date) || h > 23 || mi > 59 || s > 59) return std::nullopt;
  const std::int64_t secs =
      wf::Date::days_from_civil(date) * 86400 + h * 3600 + mi * 60 + s - 7 * 3600;
  return wf::TimePoint(std::chrono::seconds(secs));
}

std::optional<wf::TimePoint> opt_time(const Object& o, const std::string& key,
                                      const std::string& prefix) {
  const auto text = opt_string(o, key, prefix);
  if (!text) return std::nullopt;
  const auto t = parse_vietnam_time(*text);
  if (!t) bad(join_path(prefix, key), "phải là thời điểm dạng 2026-03-04T09:00:00+07:00");
  return t;
}

Array::Ptr array_of(const Object& o, const std::string& key, const std::string& prefix) {
  auto a = opt_array(o, key, prefix);
  return a ? a : Array::Ptr(new Array);
}

wf::Id id_field(const Object& o, const std::string& key, const std::string& prefix) {
  return opt_int(o, key, prefix).value_or(0);
}

// --- evidence, deductions, tasks -------------------------------------------------------

wf::Evidence evidence_from(const Object& o, const std::string& p) {
  wf::Evidence e;
  e.kind = str(o, "kind", p);
  e.sha256 = str(o, "sha256", p);
  e.name = str(o, "name", p);
  e.url = str(o, "url", p);
  e.document_number = str(o, "document_number", p);
  return e;
}

std::vector<wf::Evidence> evidence_list(const Object& o, const std::string& key,
                                        const std::string& prefix) {
  std::vector<wf::Evidence> out;
  const auto a = array_of(o, key, prefix);
  const std::string path = join_path(prefix, key);
  for (unsigned i = 0; i < a->size(); ++i) {
    out.push_back(
        evidence_from(*element_object(*a, i, path), path + "[" + std::to_string(i) + "]"));
  }
  return out;
}

wf::Deduction deduction_from(const Object& o, const std::string& p) {
  wf::Deduction d;
  const std::string kind = str(o, "kind", p);
  if (kind == "quality") {
    d.kind = wf::DeductionKind::Quality;
  } else if (kind == "delay") {
    d.kind = wf::DeductionKind::Delay;
  } else {
    bad(join_path(p, "kind"), "phải là \"quality\" (chất lượng) hoặc \"delay\" (tiến độ)");
  }
  d.note = str(o, "note", p);
  d.excused = opt_bool(o, "excused", p).value_or(false);
  d.excuse_reason = str(o, "excuse_reason", p);
  d.excused_by = id_field(o, "excused_by", p);
  return d;
}

std::vector<wf::Deduction> deduction_list(const Array& a, const std::string& path) {
  std::vector<wf::Deduction> out;
  for (unsigned i = 0; i < a.size(); ++i) {
    out.push_back(
        deduction_from(*element_object(a, i, path), path + "[" + std::to_string(i) + "]"));
  }
  return out;
}

std::optional<std::vector<wf::Deduction>> opt_deductions(const Object& o, const std::string& key,
                                                         const std::string& prefix) {
  const auto a = opt_array(o, key, prefix);
  if (!a) return std::nullopt;
  return deduction_list(*a, join_path(prefix, key));
}

Array::Ptr evidence_json(const std::vector<wf::Evidence>& list) {
  Array::Ptr a = new Array;
  for (const auto& e : list) a->add(to_json(e));
  return a;
}

Array::Ptr deductions_json(const std::vector<wf::Deduction>& list) {
  Array::Ptr a = new Array;
  for (const auto& d : list) a->add(to_json(d));
  return a;
}

std::string kind_text(wf::DeductionKind k) {
  return k == wf::DeductionKind::Quality ? "quality" : "delay";
}

wf::PeriodTask task_from(const Object& o, const std::string& p) {
  wf::PeriodTask t;
  t.key = str(o, "key", p);
  t.title = str(o, "title", p);
  t.product_code = str(o, "product_code", p);
  t.product_name = str(o, "product_name", p);
  t.k = opt_decimal(o, "k", p, 4).value_or(wf::kFactorPerUnit);
  t.assigned = opt_decimal(o, "assigned", p, 2).value_or(0);
  t.completed = opt_decimal(o, "completed", p, 2).value_or(0);
  t.due = opt_date(o, "due", p);
  t.origin = opt_string(o, "origin", p).value_or("manual");
  t.deductions = opt_deductions(o, "deductions", p).value_or(std::vector<wf::Deduction>{});
  t.evidence = evidence_list(o, "evidence", p);
  return t;
}

wf::TaskDraft draft_from(const Object& o, const std::string& p) {
  wf::TaskDraft d;
  d.key = str(o, "key", p);
  d.title = str(o, "title", p);
  d.product_code = str(o, "product_code", p);
  d.assigned = req_decimal(o, "assigned", p, 2);
  d.due = opt_date(o, "due", p);
  d.deductions = opt_deductions(o, "deductions", p);
  if (d.deductions)
    for (auto& x : *d.deductions) x.excused_by = 0;
  return d;
}

// --- scores ----------------------------------------------------------------------------

wf::CriteriaScores scores_from(const Object* o, const std::string& path) {
  wf::CriteriaScores out;
  if (o == nullptr) return out;
  for (const auto& [code, value] : *o) {
    const std::string p = path + "." + code;
    Object::Ptr item;
    if (value.type() == typeid(Object::Ptr)) item = value.extract<Object::Ptr>();
    if (item.isNull()) bad(p, "phải là một đối tượng {\"points\", \"reason\", \"evidence\"}");
    wf::CriterionScore s;
    s.points = req_decimal(*item, "points", p, 2);
    s.reason = str(*item, "reason", p);
    s.evidence = evidence_list(*item, "evidence", p);
    out[code] = std::move(s);
  }
  return out;
}

int factor_value(const Object& o, const std::string& key, const std::string& p) {
  const auto v = opt_count(o, key, p);
  if (!v) fail_missing(join_path(p, key));
  return *v;
}

wf::LeaderFactors leader_from(const Object& o, const std::string& p) {
  wf::LeaderFactors f;
  f.d = factor_value(o, "d", p);
  f.dd = factor_value(o, "dd", p);
  f.e = factor_value(o, "e", p);
  f.d_reason = str(o, "d_reason", p);
  f.dd_reason = str(o, "dd_reason", p);
  f.e_reason = str(o, "e_reason", p);
  f.field = str(o, "field", p);
  return f;
}

Poco::Dynamic::Var opt_centi(const std::optional<wf::Centi>& v) {
  return v ? Poco::Dynamic::Var(decimal_text(*v, 2)) : null();
}

Poco::Dynamic::Var opt_id(wf::Id id) { return id == 0 ? null() : Poco::Dynamic::Var(id); }

}  // namespace

std::string decimal_text(std::int64_t scaled, int decimals) {
  std::int64_t scale = 1;
  for (int d = 0; d < decimals; ++d) scale *= 10;
  const bool negative = scaled < 0;
  const std::uint64_t v = negative ? -static_cast<std::uint64_t>(scaled) : scaled;
  std::string out = std::to_string(v / scale);
  std::string frac = std::to_string(v % scale);
  frac.insert(0, decimals - frac.size(), '0');
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  if (!frac.empty()) out += "." + frac;
  return negative ? "-" + out : out;
}

Object::Ptr to_json(const wf::Evidence& e) {
  Object::Ptr o = new Object;
  o->set("kind", e.kind);
  if (!e.sha256.empty()) o->set("sha256", e.sha256);
  if (!e.name.empty()) o->set("name", e.name);
  if (!e.url.empty()) o->set("url", e.url);
  if (!e.document_number.empty()) o->set("document_number", e.document_number);
  return o;
}

Object::Ptr to_json(const wf::Deduction& d) {
  Object::Ptr o = new Object;
  o->set("kind", kind_text(d.kind));
  o->set("note", d.note);
  o->set("excused", d.excused);
  o->set("excuse_reason", d.excuse_reason);
  o->set("excused_by", opt_id(d.excused_by));
  return o;
}

Object::Ptr to_json(const wf::PeriodTask& t) {
  Object::Ptr o = new Object;
  o->set("key", t.key);
  o->set("title", t.title);
  o->set("product_code", t.product_code);
  o->set("product_name", t.product_name);
  o->set("k", decimal_text(t.k, 4));
  o->set("assigned", decimal_text(t.assigned, 2));
  o->set("completed", decimal_text(t.completed, 2));
  o->set("due", t.due ? Poco::Dynamic::Var(wf::to_iso(*t.due)) : null());
  o->set("origin", t.origin);
  o->set("deductions", deductions_json(t.deductions));
  o->set("evidence", evidence_json(t.evidence));
  return o;
}

Object::Ptr to_json(const wf::CriteriaScores& scores) {
  Object::Ptr o = new Object;
  for (const auto& [code, s] : scores) {
    Object::Ptr item = new Object;
    item->set("points", decimal_text(s.points, 2));
    item->set("reason", s.reason);
    item->set("evidence", evidence_json(s.evidence));
    o->set(code, item);
  }
  return o;
}

Object::Ptr to_json(const wf::LeaderFactors& f) {
  Object::Ptr o = new Object;
  o->set("d", f.d);
  o->set("dd", f.dd);
  o->set("e", f.e);
  o->set("d_reason", f.d_reason);
  o->set("dd_reason", f.dd_reason);
  o->set("e_reason", f.e_reason);
  o->set("field", f.field);
  return o;
}

Object::Ptr to_json(const wf::PeriodRecord& p) {
  Object::Ptr o = new Object;
  o->set("id", p.id);
  o->set("person_id", p.person_id);
  o->set("unit_id", p.unit_id);
  o->set("period", wf::to_key(p.ref));
  o->set("stage", std::string(wf::to_string(p.stage)));
  o->set("version", p.version);
  Array::Ptr tasks = new Array;
  for (const auto& t : p.tasks) tasks->add(to_json(t));
  o->set("tasks", tasks);
  o->set("no_tasks_reason", p.no_tasks_reason);
  o->set("self_scores", to_json(p.self_scores));
  o->set("manager_scores", to_json(p.manager_scores));
  o->set("self_task_points", opt_centi(p.self_task_points));
  o->set("manager_task_points", opt_centi(p.manager_task_points));
  o->set("leader_factors",
         p.leader_factors ? Poco::Dynamic::Var(to_json(*p.leader_factors)) : null());
  o->set("strengths", p.strengths);
  o->set("shortcomings", p.shortcomings);
  o->set("manager_comment", p.manager_comment);
  o->set("scored_by", opt_id(p.scored_by));
  o->set("approved_by", opt_id(p.approved_by));
  o->set("locked_by", opt_id(p.locked_by));
  o->set("locked_at", p.locked_at ? Poco::Dynamic::Var(wf::to_iso_vietnam(*p.locked_at)) : null());
  Array::Ptr unlocks = new Array;
  for (const auto& u : p.unlocks) {
    Object::Ptr uo = new Object;
    uo->set("by", u.by);
    uo->set("at", wf::to_iso_vietnam(u.at));
    uo->set("reason", u.reason);
    uo->set("decision", u.decision);
    unlocks->add(uo);
  }
  o->set("unlocks", unlocks);
  o->set("last_return_reason", p.last_return_reason);
  return o;
}

wf::PeriodRecord period_record_from_json(const Object& o) {
  wf::PeriodRecord p;
  p.id = id_field(o, "id", "");
  p.person_id = id_field(o, "person_id", "");
  p.unit_id = id_field(o, "unit_id", "");
  const auto ref = wf::parse_period_key(str(o, "period", ""));
  if (!ref) bad("period", "phải là kỳ dạng 2026-02 (tháng) hoặc 2026-Q1 (quý)");
  p.ref = *ref;
  const auto stage = wf::parse_period_stage(str(o, "stage", ""));
  if (!stage) bad("stage", "không phải bước hợp lệ của kỳ đánh giá");
  p.stage = *stage;
  p.version = static_cast<int>(opt_int(o, "version", "").value_or(1));
  const auto tasks = array_of(o, "tasks", "");
  for (unsigned i = 0; i < tasks->size(); ++i) {
    p.tasks.push_back(
        task_from(*element_object(*tasks, i, "tasks"), "tasks[" + std::to_string(i) + "]"));
  }
  p.no_tasks_reason = str(o, "no_tasks_reason", "");
  const auto self = opt_object(o, "self_scores", "");
  p.self_scores = scores_from(self.get(), "self_scores");
  const auto manager = opt_object(o, "manager_scores", "");
  p.manager_scores = scores_from(manager.get(), "manager_scores");
  p.self_task_points = opt_decimal(o, "self_task_points", "", 2);
  p.manager_task_points = opt_decimal(o, "manager_task_points", "", 2);
  if (const auto lf = opt_object(o, "leader_factors", "")) {
    p.leader_factors = leader_from(*lf, "leader_factors");
  }
  p.strengths = str(o, "strengths", "");
  p.shortcomings = str(o, "shortcomings", "");
  p.manager_comment = str(o, "manager_comment", "");
  p.scored_by = id_field(o, "scored_by", "");
  p.approved_by = id_field(o, "approved_by", "");
  p.locked_by = id_field(o, "locked_by", "");
  p.locked_at = opt_time(o, "locked_at", "");
  const auto unlocks = array_of(o, "unlocks", "");
  for (unsigned i = 0; i < unlocks->size(); ++i) {
    const std::string path = "unlocks[" + std::to_string(i) + "]";
    const auto u = element_object(*unlocks, i, "unlocks");
    wf::UnlockRecord r;
    r.by = id_field(*u, "by", path);
    r.at = opt_time(*u, "at", path).value_or(wf::TimePoint{});
    r.reason = str(*u, "reason", path);
    r.decision = str(*u, "decision", path);
    p.unlocks.push_back(std::move(r));
  }
  p.last_return_reason = str(o, "last_return_reason", "");
  return p;
}

wf::PeriodRequest period_request_from_json(wf::PeriodAction action, const Object& o) {
  wf::PeriodRequest r;
  r.action = action;
  switch (action) {
    case wf::PeriodAction::RegisterTasks: {
      const auto tasks = opt_array(o, "tasks", "");
      if (!tasks) fail_missing("tasks");
      for (unsigned i = 0; i < tasks->size(); ++i) {
        r.tasks.push_back(
            draft_from(*element_object(*tasks, i, "tasks"), "tasks[" + std::to_string(i) + "]"));
      }
      r.no_tasks_reason = str(o, "no_tasks_reason", "");
      break;
    }
    case wf::PeriodAction::SubmitProducts: {
      const auto products = opt_object(o, "products", "");
      if (!products) fail_missing("products");
      for (const auto& [key, value] : *products) {
        const std::string p = "products." + key;
        Object::Ptr item;
        if (value.type() == typeid(Object::Ptr)) item = value.extract<Object::Ptr>();
        if (item.isNull()) bad(p, "phải là một đối tượng {\"completed\", \"evidence\"}");
        wf::ProductReport report;
        report.completed = req_decimal(*item, "completed", p, 2);
        report.evidence = evidence_list(*item, "evidence", p);
        r.products[key] = std::move(report);
      }
      break;
    }
    case wf::PeriodAction::SelfScore:
    case wf::PeriodAction::Score: {
      const auto scores = opt_object(o, "scores", "");
      if (!scores) fail_missing("scores");
      r.scores = scores_from(scores.get(), "scores");
      r.task_points = opt_decimal(o, "task_points", "", 2);
      if (action == wf::PeriodAction::SelfScore) {
        r.strengths = str(o, "strengths", "");
        r.shortcomings = str(o, "shortcomings", "");
        break;
      }
      if (const auto deductions = opt_object(o, "deductions", "")) {
        for (const auto& [key, value] : *deductions) {
          const std::string p = "deductions." + key;
          Array::Ptr list;
          if (value.type() == typeid(Array::Ptr)) list = value.extract<Array::Ptr>();
          if (list.isNull()) bad(p, "phải là một mảng các lần trừ điểm");
          r.deductions[key] = deduction_list(*list, p);
          for (auto& d : r.deductions[key]) d.excused_by = 0;  // the machine records who excused
        }
      }
      if (const auto leader = opt_object(o, "leader", ""))
        r.leader = leader_from(*leader, "leader");
      r.comment = str(o, "comment", "");
      break;
    }
    case wf::PeriodAction::Return:
      r.reason = str(o, "reason", "");
      break;
    case wf::PeriodAction::Unlock:
      r.reason = str(o, "reason", "");
      r.decision = str(o, "decision", "");
      break;
    case wf::PeriodAction::Approve:
    case wf::PeriodAction::Lock:
      break;
  }
  return r;
}

Object::Ptr period_payload(const wf::PeriodRequest& r) {
  Object::Ptr o = new Object;
  switch (r.action) {
    case wf::PeriodAction::RegisterTasks: {
      Array::Ptr tasks = new Array;
      for (const auto& d : r.tasks) {
        Object::Ptr t = new Object;
        t->set("key", d.key);
        t->set("title", d.title);
        t->set("product_code", d.product_code);
        t->set("assigned", decimal_text(d.assigned, 2));
        t->set("due", d.due ? Poco::Dynamic::Var(wf::to_iso(*d.due)) : null());
        if (d.completed) t->set("completed", decimal_text(*d.completed, 2));
        if (d.deductions) t->set("deductions", deductions_json(*d.deductions));
        tasks->add(t);
      }
      o->set("tasks", tasks);
      if (!r.no_tasks_reason.empty()) o->set("no_tasks_reason", r.no_tasks_reason);
      if (!r.origin.empty()) o->set("origin", r.origin);
      break;
    }
    case wf::PeriodAction::SubmitProducts: {
      Object::Ptr products = new Object;
      for (const auto& [key, p] : r.products) {
        Object::Ptr item = new Object;
        item->set("completed", decimal_text(p.completed, 2));
        item->set("evidence", evidence_json(p.evidence));
        products->set(key, item);
      }
      o->set("products", products);
      break;
    }
    case wf::PeriodAction::SelfScore:
    case wf::PeriodAction::Score: {
      o->set("scores", to_json(r.scores));
      if (r.task_points) o->set("task_points", decimal_text(*r.task_points, 2));
      if (r.action == wf::PeriodAction::SelfScore) {
        o->set("strengths", r.strengths);
        o->set("shortcomings", r.shortcomings);
        break;
      }
      Object::Ptr deductions = new Object;
      for (const auto& [key, list] : r.deductions) deductions->set(key, deductions_json(list));
      o->set("deductions", deductions);
      if (r.leader) o->set("leader", to_json(*r.leader));
      o->set("comment", r.comment);
      break;
    }
    case wf::PeriodAction::Return:
      o->set("reason", r.reason);
      break;
    case wf::PeriodAction::Unlock:
      o->set("reason", r.reason);
      o->set("decision", r.decision);
      break;
    case wf::PeriodAction::Approve:
    case wf::PeriodAction::Lock:
      break;
  }
  return o;
}

Object::Ptr to_json(const wf::PeriodScore& s) {
  Object::Ptr o = new Object;
  o->set("view", s.view == wf::ScoreView::Self ? "self" : "manager");
  o->set("general", decimal_text(s.general, 2));
  const auto& r = s.task.ratios;
  o->set("a", decimal_text(r.a, 2));
  o->set("b", decimal_text(r.b, 2));
  o->set("c", decimal_text(r.c, 2));
  if (s.task.leader) {
    o->set("d", s.task.leader->d);
    o->set("dd", s.task.leader->dd);
    o->set("e", s.task.leader->e);
  }
  o->set("task", decimal_text(s.task.points, 2));
  o->set("total", decimal_text(s.total, 2));
  o->set("band", std::string(wf::to_string(s.band)));
  o->set("leader_formula", s.leader_formula);
  o->set("zero_assigned", s.task.zero_assigned);
  return o;
}

Object::Ptr to_json(const wf::YearResult& y) {
  Object::Ptr o = new Object;
  o->set("rated", y.rated);
  o->set("score", y.rated ? Poco::Dynamic::Var(decimal_text(y.score, 2)) : null());
  o->set("periods_counted", y.periods_counted);
  o->set("months_counted", y.months_counted);
  o->set("by_score", y.rated ? Poco::Dynamic::Var(std::string(wf::to_string(y.by_score))) : null());
  o->set("rating", y.rated ? Poco::Dynamic::Var(std::string(wf::to_string(y.rating))) : null());
  Array::Ptr grounds = new Array;
  for (const auto& g : y.grounds) {
    Object::Ptr go = new Object;
    go->set("ground", std::string(wf::to_string(g.ground)));
    go->set("reference", g.reference);
    go->set("text", g.text_vi);
    grounds->add(go);
  }
  o->set("grounds", grounds);
  Array::Ptr notes = new Array;
  for (const auto& n : y.notes_vi) notes->add(n);
  o->set("notes", notes);
  return o;
}

Object::Ptr to_json(const wf::CatalogueVersion& v) {
  Object::Ptr o = new Object;
  o->set("version", v.version);
  o->set("valid_from", wf::to_iso(v.valid_from));
  o->set("decision", v.decision);
  Array::Ptr products = new Array;
  for (const auto& p : v.products) {
    Object::Ptr po = new Object;
    po->set("code", p.code);
    po->set("name", p.name);
    po->set("output", p.output);
    po->set("group", p.group);
    po->set("k", decimal_text(p.k, 4));
    po->set("unit", p.unit);
    products->add(po);
  }
  o->set("products", products);
  return o;
}

wf::CatalogueVersion catalogue_version_from_json(const Object& o) {
  wf::CatalogueVersion v;
  v.version = opt_count(o, "version", "").value_or(0);
  const auto from = opt_date(o, "valid_from", "");
  if (!from) fail_missing("valid_from");
  v.valid_from = *from;
  v.decision = str(o, "decision", "");
  const auto products = opt_array(o, "products", "");
  if (!products) fail_missing("products");
  for (unsigned i = 0; i < products->size(); ++i) {
    const std::string p = "products[" + std::to_string(i) + "]";
    const auto po = element_object(*products, i, "products");
    wf::Product product;
    product.code = str(*po, "code", p);
    product.name = str(*po, "name", p);
    product.output = str(*po, "output", p);
    product.group = str(*po, "group", p);
    product.k = req_decimal(*po, "k", p, 4);
    product.unit = str(*po, "unit", p);
    v.products.push_back(std::move(product));
  }
  return v;
}

std::vector<wf::ImportedTask> imported_tasks_from_json(const Array& a, const std::string& path) {
  std::vector<wf::ImportedTask> out;
  for (unsigned i = 0; i < a.size(); ++i) {
    const std::string p = path + "[" + std::to_string(i) + "]";
    const auto o = element_object(a, i, path);
    wf::ImportedTask t;
    t.external_id = str(*o, "external_id", p);
    t.title = str(*o, "title", p);
    t.product_code = str(*o, "product_code", p);
    t.cancelled = opt_bool(*o, "cancelled", p).value_or(false);
    t.assigned = t.cancelled ? opt_decimal(*o, "assigned", p, 2).value_or(0)
                             : req_decimal(*o, "assigned", p, 2);
    t.due = opt_date(*o, "due", p);
    t.completed = opt_decimal(*o, "completed", p, 2);
    t.deductions = opt_deductions(*o, "deductions", p);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace kd::codec
