#include "services/config/scoring_json.hpp"

namespace kd::config::detail {
namespace {

namespace wf = kd::wf;

std::string at(const std::string& where, std::size_t i) { return Reader::at(where, i); }
std::string join(const std::string& where, const std::string& key) {
  return Reader::join(where, key);
}

// Optional fields: read when present, else keep the default already in `out`.
void opt_string(const Reader& rd, const Object::Ptr& o, const char* key, const std::string& where,
                std::string& out) {
  if (o->has(key)) out = rd.string(o->get(key), join(where, key));
}
void opt_bool(const Reader& rd, const Object::Ptr& o, const char* key, const std::string& where,
              bool& out) {
  if (o->has(key)) out = rd.boolean(o->get(key), join(where, key));
}
void opt_int(const Reader& rd, const Object::Ptr& o, const char* key, const std::string& where,
             int& out) {
  if (o->has(key)) out = rd.integer(o->get(key), join(where, key));
}
void opt_points(const Reader& rd, const Object::Ptr& o, const char* key, const std::string& where,
                wf::Centi& out) {
  if (o->has(key)) out = rd.points(o->get(key), join(where, key));
}
void opt_percent(const Reader& rd, const Object::Ptr& o, const char* key, const std::string& where,
                 std::optional<int>& out) {
  if (o->has(key)) out = rd.integer(o->get(key), join(where, key));
}

wf::CriterionItem read_item(const Reader& rd, const Var& v, const std::string& w) {
  const auto o = rd.object(v, w);
  rd.only_keys(
      o,
      {"code", "title", "max", "step", "pass_fail", "default_full", "evidence_required", "source"},
      w);
  wf::CriterionItem item;
  item.code = rd.string(rd.required(o, "code", w), join(w, "code"));
  item.title = rd.string(rd.required(o, "title", w), join(w, "title"));
  item.max = rd.points(rd.required(o, "max", w), join(w, "max"));
  opt_points(rd, o, "step", w, item.step);
  opt_bool(rd, o, "pass_fail", w, item.pass_fail);
  opt_bool(rd, o, "default_full", w, item.default_full);
  opt_bool(rd, o, "evidence_required", w, item.evidence_required);
  opt_string(rd, o, "source", w, item.source);
  return item;
}

wf::CriterionGroup read_group(const Reader& rd, const Var& v, const std::string& w) {
  const auto o = rd.object(v, w);
  rd.only_keys(o, {"code", "title", "max", "items", "source"}, w);
  wf::CriterionGroup g;
  g.code = rd.string(rd.required(o, "code", w), join(w, "code"));
  g.title = rd.string(rd.required(o, "title", w), join(w, "title"));
  g.max = rd.points(rd.required(o, "max", w), join(w, "max"));
  opt_string(rd, o, "source", w, g.source);
  const std::string iw = join(w, "items");
  const auto items = rd.array(rd.required(o, "items", w), iw);
  for (std::size_t i = 0; i < items->size(); ++i) {
    g.items.push_back(read_item(rd, items->get(i), at(iw, i)));
  }
  return g;
}

wf::CriteriaSheet read_sheet(const Reader& rd, const Var& v, const std::string& w) {
  const auto o = rd.object(v, w);
  rd.only_keys(
      o,
      {"key", "title", "scope", "max", "step", "reason_required_when_withheld", "groups", "source"},
      w);
  wf::CriteriaSheet s;
  s.key = rd.string(rd.required(o, "key", w), join(w, "key"));
  s.title = rd.string(rd.required(o, "title", w), join(w, "title"));
  if (o->has("scope")) {
    s.scope = rd.named<wf::SheetScope>(o->get("scope"), join(w, "scope"), &wf::parse_sheet_scope,
                                       "scope");
  }
  s.max = rd.points(rd.required(o, "max", w), join(w, "max"));
  opt_points(rd, o, "step", w, s.step);
  opt_bool(rd, o, "reason_required_when_withheld", w, s.reason_required_when_withheld);
  opt_string(rd, o, "source", w, s.source);
  const std::string gw = join(w, "groups");
  const auto groups = rd.array(rd.required(o, "groups", w), gw);
  for (std::size_t i = 0; i < groups->size(); ++i) {
    s.groups.push_back(read_group(rd, groups->get(i), at(gw, i)));
  }
  return s;
}

void read_tasks(const Reader& rd, const Var& v, const std::string& w, wf::TaskResultRules& t) {
  const auto o = rd.object(v, w);
  rd.only_keys(o,
               {"method", "max", "entered_step", "deduction_percent", "ratio_cap_percent",
                "leader_factor_values", "leader_d_full_when_all_at_least", "source"},
               w);
  if (o->has("method")) {
    t.method = rd.named<wf::TaskMethod>(o->get("method"), join(w, "method"), &wf::parse_task_method,
                                        "method");
  }
  opt_points(rd, o, "max", w, t.max);
  opt_points(rd, o, "entered_step", w, t.entered_step);
  opt_int(rd, o, "deduction_percent", w, t.deduction_percent);
  opt_int(rd, o, "ratio_cap_percent", w, t.ratio_cap_percent);
  if (o->has("leader_factor_values")) {
    const std::string vw = join(w, "leader_factor_values");
    const auto values = rd.array(o->get("leader_factor_values"), vw);
    t.leader_factor_values.clear();
    for (std::size_t i = 0; i < values->size(); ++i) {
      t.leader_factor_values.push_back(rd.integer(values->get(i), at(vw, i)));
    }
  }
  if (o->has("leader_d_full_when_all_at_least")) {
    t.leader_d_full_when_all_at_least = rd.named<wf::Rating>(
        o->get("leader_d_full_when_all_at_least"), join(w, "leader_d_full_when_all_at_least"),
        &wf::parse_rating, "rating");
  }
  opt_string(rd, o, "source", w, t.source);
}

void read_kht(const Reader& rd, const Var& v, const std::string& w, wf::KhtRules& k) {
  const auto o = rd.object(v, w);
  rd.only_keys(
      o, {"grounds", "discipline_levels", "discipline_min_level", "no_double_counting", "source"},
      w);
  if (o->has("grounds")) {
    const std::string gw = join(w, "grounds");
    const auto grounds = rd.array(o->get("grounds"), gw);
    k.grounds.clear();
    for (std::size_t i = 0; i < grounds->size(); ++i) {
      k.grounds.push_back(
          rd.named<wf::KhtGround>(grounds->get(i), at(gw, i), &wf::parse_kht_ground, "ground"));
    }
  }
  if (o->has("discipline_levels")) {
    const std::string lw = join(w, "discipline_levels");
    const auto levels = rd.array(o->get("discipline_levels"), lw);
    for (std::size_t i = 0; i < levels->size(); ++i) {
      k.discipline_levels.push_back(rd.string(levels->get(i), at(lw, i)));
    }
  }
  opt_string(rd, o, "discipline_min_level", w, k.discipline_min_level);
  opt_bool(rd, o, "no_double_counting", w, k.no_double_counting);
  opt_string(rd, o, "source", w, k.source);
}

wf::RatingCondition read_condition(const Reader& rd, const Var& v, const std::string& w) {
  const auto o = rd.object(v, w);
  rd.only_keys(o,
               {"rating", "sheet", "tasks_done_min_percent", "tasks_on_time_min_percent",
                "tasks_exceeded_min_percent", "tasks_late_max_percent",
                "shortcomings_fixed_min_percent", "led_unit_on_time_min_percent",
                "led_unit_exceeded_min_percent", "no_discipline_in_subordinates", "source"},
               w);
  wf::RatingCondition c;
  c.rating = rd.named<wf::Rating>(rd.required(o, "rating", w), join(w, "rating"), &wf::parse_rating,
                                  "rating");
  opt_string(rd, o, "sheet", w, c.sheet);
  opt_percent(rd, o, "tasks_done_min_percent", w, c.tasks_done_min_percent);
  opt_percent(rd, o, "tasks_on_time_min_percent", w, c.tasks_on_time_min_percent);
  opt_percent(rd, o, "tasks_exceeded_min_percent", w, c.tasks_exceeded_min_percent);
  opt_percent(rd, o, "tasks_late_max_percent", w, c.tasks_late_max_percent);
  opt_percent(rd, o, "shortcomings_fixed_min_percent", w, c.shortcomings_fixed_min_percent);
  opt_percent(rd, o, "led_unit_on_time_min_percent", w, c.led_unit_on_time_min_percent);
  opt_percent(rd, o, "led_unit_exceeded_min_percent", w, c.led_unit_exceeded_min_percent);
  opt_bool(rd, o, "no_discipline_in_subordinates", w, c.no_discipline_in_subordinates);
  opt_string(rd, o, "source", w, c.source);
  return c;
}

Object::Ptr item_json(const wf::CriterionItem& i) {
  auto o = ordered();
  o->set("code", i.code);
  o->set("title", i.title);
  o->set("max", points_var(i.max));
  o->set("step", points_var(i.step));
  o->set("pass_fail", i.pass_fail);
  o->set("default_full", i.default_full);
  o->set("evidence_required", i.evidence_required);
  o->set("source", i.source);
  return o;
}

Object::Ptr sheet_json(const wf::CriteriaSheet& s) {
  auto o = ordered();
  o->set("key", s.key);
  o->set("title", s.title);
  o->set("scope", std::string(wf::to_string(s.scope)));
  o->set("max", points_var(s.max));
  o->set("step", points_var(s.step));
  o->set("reason_required_when_withheld", s.reason_required_when_withheld);
  o->set("source", s.source);
  Array::Ptr groups = new Array;
  for (const auto& g : s.groups) {
    auto go = ordered();
    go->set("code", g.code);
    go->set("title", g.title);
    go->set("max", points_var(g.max));
    go->set("source", g.source);
    Array::Ptr items = new Array;
    for (const auto& i : g.items) items->add(item_json(i));
    go->set("items", items);
    groups->add(go);
  }
  o->set("groups", groups);
  return o;
}

}  // namespace

wf::ScoringRules read_scoring(const Reader& rd, const Var& v, const std::string& w) {
  const auto o = rd.object(v, w);
  rd.only_keys(o,
               {"source", "period_kinds", "default_period", "total_max", "sheets", "tasks", "bands",
                "kht", "year", "period_working_days", "conditions"},
               w);
  wf::ScoringRules r;
  opt_string(rd, o, "source", w, r.source);
  if (o->has("period_kinds")) {
    const std::string kw = join(w, "period_kinds");
    const auto kinds = rd.array(o->get("period_kinds"), kw);
    r.period_kinds.clear();
    for (std::size_t i = 0; i < kinds->size(); ++i) {
      r.period_kinds.push_back(rd.named<wf::PeriodKind>(kinds->get(i), at(kw, i),
                                                        &wf::parse_period_kind, "period kind"));
    }
  }
  if (o->has("default_period")) {
    r.default_period = rd.named<wf::PeriodKind>(o->get("default_period"), join(w, "default_period"),
                                                &wf::parse_period_kind, "period kind");
  }
  opt_points(rd, o, "total_max", w, r.total_max);
  const std::string sw = join(w, "sheets");
  const auto sheets = rd.array(rd.required(o, "sheets", w), sw);
  for (std::size_t i = 0; i < sheets->size(); ++i) {
    r.sheets.push_back(read_sheet(rd, sheets->get(i), at(sw, i)));
  }
  if (o->has("tasks")) read_tasks(rd, o->get("tasks"), join(w, "tasks"), r.tasks);
  const std::string bw = join(w, "bands");
  const auto bands = rd.array(rd.required(o, "bands", w), bw);
  for (std::size_t i = 0; i < bands->size(); ++i) {
    const std::string bi = at(bw, i);
    const auto b = rd.object(bands->get(i), bi);
    rd.only_keys(b, {"rating", "min"}, bi);
    wf::BandRule band;
    band.rating = rd.named<wf::Rating>(rd.required(b, "rating", bi), join(bi, "rating"),
                                       &wf::parse_rating, "rating");
    band.min = rd.points(rd.required(b, "min", bi), join(bi, "min"));
    r.bands.push_back(band);
  }
  if (o->has("kht")) read_kht(rd, o->get("kht"), join(w, "kht"), r.kht);
  if (o->has("year")) {
    const std::string yw = join(w, "year");
    const auto y = rd.object(o->get("year"), yw);
    rd.only_keys(y, {"min_periods_worked", "source"}, yw);
    opt_int(rd, y, "min_periods_worked", yw, r.year.min_periods_worked);
    opt_string(rd, y, "source", yw, r.year.source);
  }
  if (o->has("period_working_days")) {
    const std::string pw = join(w, "period_working_days");
    const auto days = rd.object(o->get("period_working_days"), pw);
    for (const auto& [key, value] : *days) {
      if (!key.empty() && key[0] == '_') continue;
      const auto stage = wf::parse_period_stage(key);
      if (!stage) rd.fail(join(pw, key), "unknown period stage \"" + key + "\"");
      r.period_working_days[*stage] = rd.integer(value, join(pw, key));
    }
  }
  if (o->has("conditions")) {
    const std::string cw = join(w, "conditions");
    const auto conditions = rd.array(o->get("conditions"), cw);
    for (std::size_t i = 0; i < conditions->size(); ++i) {
      r.conditions.push_back(read_condition(rd, conditions->get(i), at(cw, i)));
    }
  }
  return r;
}

Object::Ptr scoring_json(const wf::ScoringRules& r) {
  auto o = ordered();
  o->set("source", r.source);
  Array::Ptr kinds = new Array;
  for (auto k : r.period_kinds) kinds->add(std::string(wf::to_string(k)));
  o->set("period_kinds", kinds);
  o->set("default_period", std::string(wf::to_string(r.default_period)));
  o->set("total_max", points_var(r.total_max));
  Array::Ptr sheets = new Array;
  for (const auto& s : r.sheets) sheets->add(sheet_json(s));
  o->set("sheets", sheets);

  auto t = ordered();
  t->set("method", std::string(wf::to_string(r.tasks.method)));
  t->set("max", points_var(r.tasks.max));
  t->set("entered_step", points_var(r.tasks.entered_step));
  t->set("deduction_percent", r.tasks.deduction_percent);
  t->set("ratio_cap_percent", r.tasks.ratio_cap_percent);
  Array::Ptr values = new Array;
  for (int v : r.tasks.leader_factor_values) values->add(v);
  t->set("leader_factor_values", values);
  t->set("leader_d_full_when_all_at_least",
         std::string(wf::to_string(r.tasks.leader_d_full_when_all_at_least)));
  t->set("source", r.tasks.source);
  o->set("tasks", t);

  Array::Ptr bands = new Array;
  for (const auto& b : r.bands) {
    auto bo = ordered();
    bo->set("rating", std::string(wf::to_string(b.rating)));
    bo->set("min", points_var(b.min));
    bands->add(bo);
  }
  o->set("bands", bands);

  auto k = ordered();
  Array::Ptr grounds = new Array;
  for (auto g : r.kht.grounds) grounds->add(std::string(wf::to_string(g)));
  k->set("grounds", grounds);
  Array::Ptr levels = new Array;
  for (const auto& l : r.kht.discipline_levels) levels->add(l);
  k->set("discipline_levels", levels);
  k->set("discipline_min_level", r.kht.discipline_min_level);
  k->set("no_double_counting", r.kht.no_double_counting);
  k->set("source", r.kht.source);
  o->set("kht", k);

  auto y = ordered();
  y->set("min_periods_worked", r.year.min_periods_worked);
  y->set("source", r.year.source);
  o->set("year", y);

  auto days = ordered();
  for (const auto& [stage, n] : r.period_working_days) {
    days->set(std::string(wf::to_string(stage)), n);
  }
  o->set("period_working_days", days);

  Array::Ptr conditions = new Array;
  for (const auto& c : r.conditions) {
    auto co = ordered();
    co->set("rating", std::string(wf::to_string(c.rating)));
    co->set("sheet", c.sheet);
    auto put = [&](const char* key, const std::optional<int>& v) {
      if (v) co->set(key, *v);
    };
    put("tasks_done_min_percent", c.tasks_done_min_percent);
    put("tasks_on_time_min_percent", c.tasks_on_time_min_percent);
    put("tasks_exceeded_min_percent", c.tasks_exceeded_min_percent);
    put("tasks_late_max_percent", c.tasks_late_max_percent);
    put("shortcomings_fixed_min_percent", c.shortcomings_fixed_min_percent);
    put("led_unit_on_time_min_percent", c.led_unit_on_time_min_percent);
    put("led_unit_exceeded_min_percent", c.led_unit_exceeded_min_percent);
    co->set("no_discipline_in_subordinates", c.no_discipline_in_subordinates);
    co->set("source", c.source);
    conditions->add(co);
  }
  o->set("conditions", conditions);
  return o;
}

std::vector<wf::Applicability> read_applies_to(const Reader& rd, const Var& v,
                                               const std::string& w) {
  std::vector<wf::Applicability> out;
  const auto list = rd.array(v, w);
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string aw = at(w, i);
    const auto o = rd.object(list->get(i), aw);
    rd.only_keys(o, {"group", "from_year", "until_year"}, aw);
    wf::Applicability a;
    a.group = rd.named<wf::Group>(rd.required(o, "group", aw), join(aw, "group"), &wf::parse_group,
                                  "group");
    opt_int(rd, o, "from_year", aw, a.from_year);
    opt_int(rd, o, "until_year", aw, a.until_year);
    out.push_back(a);
  }
  return out;
}

Array::Ptr applies_to_json(const std::vector<wf::Applicability>& list) {
  Array::Ptr out = new Array;
  for (const auto& a : list) {
    auto o = ordered();
    o->set("group", std::string(wf::to_string(a.group)));
    o->set("from_year", a.from_year);
    o->set("until_year", a.until_year);
    out->add(o);
  }
  return out;
}

}  // namespace kd::config::detail
