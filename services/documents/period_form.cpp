#include "services/documents/period_form.hpp"

#include <sstream>

#include "services/codec/json_codec.hpp"
#include "services/codec/sha256.hpp"
#include "services/documents/page_stamp.hpp"
#include "services/documents/vietnamese_text.hpp"
#include "workflow/criteria_score.hpp"
#include "workflow/period_score.hpp"
#include "workflow/signing_authority.hpp"

namespace kd::documents {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string pts(wf::Centi v) { return wf::format_centi_trimmed(v); }
std::string fixed(wf::Centi v) { return wf::format_centi_fixed(v); }
std::string percent(wf::Centi hundredths_of_percent) {
  return wf::format_centi_fixed(hundredths_of_percent) + "%";
}

Array::Ptr paragraphs(const std::string& text) {
  Array::Ptr out = new Array;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) out->add(line);
  }
  return out;
}

Object::Ptr header(const PeriodFormInput& in) {
  const wf::Unit* agency = wf::issuing_agency(in.unit_path);
  const wf::Unit* unit = in.unit_path.empty() ? nullptr : &in.unit_path.back();
  Object::Ptr h = new Object;
  h->set("party", false);
  // A phòng's form: its agency above it; the agency's own: the superior body the organisation
  // names for it.
  h->set("parent_body", agency && unit != agency ? upper_vi(agency->name)
                        : unit                   ? upper_vi(unit->superior_name)
                                                 : std::string());
  h->set("issuing_body", unit ? upper_vi(unit->name) : std::string());
  h->set("number", std::string());
  h->set("place_date", std::string());  // the date line stands above the signatures
  return h;
}

// The points of one item, or blank when not scored yet.
std::string score_cell(const wf::CriteriaScores& scores, const std::string& code) {
  const auto it = scores.find(code);
  return it == scores.end() ? std::string() : pts(it->second.points);
}

// Section I: the criteria with the person's (4) and the evaluator's (5) points, and why each
// point was withheld.
void add_criteria(const PeriodFormInput& in, const wf::CriteriaSheet& sheet, Object& m) {
  const auto& self = in.period.self_scores;
  const auto& manager = in.period.manager_scores;
  Array::Ptr rows = new Array;
  Array::Ptr reasons = new Array;
  const auto self_groups = wf::criteria_group_totals(self, sheet);
  const auto manager_groups = wf::criteria_group_totals(manager, sheet);
  for (const auto& g : sheet.groups) {
    Object::Ptr row = new Object;
    row->set("group", true);
    row->set("tt", g.code);
    row->set("title", g.title);
    row->set("max", pts(g.max));
    row->set("self", self.empty() ? std::string() : pts(self_groups.at(g.code)));
    row->set("manager", manager.empty() ? std::string() : pts(manager_groups.at(g.code)));
    rows->add(row);
    int n = 0;
    for (const auto& item : g.items) {
      Object::Ptr r = new Object;
      r->set("group", false);
      r->set("tt", std::to_string(++n));
      r->set("title", item.title);
      r->set("max", pts(item.max));
      r->set("self", score_cell(self, item.code));
      r->set("manager", score_cell(manager, item.code));
      rows->add(r);
      for (const auto* scores : {&self, &manager}) {
        const auto it = scores->find(item.code);
        if (it == scores->end() || it->second.points >= item.max || it->second.reason.empty())
          continue;
        Object::Ptr reason = new Object;
        reason->set("who", scores == &self ? "Cá nhân tự chấm" : "Cấp có thẩm quyền");
        reason->set("item", item.code);
        reason->set("points", pts(it->second.points) + "/" + pts(item.max));
        reason->set("text", it->second.reason);
        reasons->add(reason);
      }
    }
  }
  m.set("criteria_rows", rows);
  m.set("criteria_max", pts(sheet.max));
  m.set("criteria_self", self.empty() ? std::string() : pts(wf::criteria_total(self, sheet)));
  m.set("criteria_manager",
        manager.empty() ? std::string() : pts(wf::criteria_total(manager, sheet)));
  m.set("withheld", reasons);
  m.set("has_withheld", reasons->size() > 0);
}

Object::Ptr factor(const char* letter, const char* what, wf::Centi value,
                   const std::string& reason) {
  Object::Ptr o = new Object;
  o->set("letter", letter);
  o->set("what", what);
  o->set("value", percent(value));
  o->set("reason", reason);
  return o;
}

// Section II: the totals as the evaluator scored them (the person's own until then).
void add_summary(const PeriodFormInput& in, Object& m) {
  const bool scored = !in.period.manager_scores.empty();
  const auto s = wf::period_score(in.period, in.person, in.rules,
                                  scored ? wf::ScoreView::Manager : wf::ScoreView::Self);
  m.set("scored_by_manager", scored);
  m.set("general", fixed(s.general));
  m.set("task_points", fixed(s.task.points));
  m.set("total", fixed(s.total));
  m.set("entered", in.rules.tasks.method == wf::TaskMethod::Entered);
  m.set("leader_formula", s.leader_formula);
  m.set("task_max", pts(in.rules.tasks.max));
  m.set("zero_assigned", s.task.zero_assigned);
  m.set("no_tasks_reason", in.period.no_tasks_reason);
  Array::Ptr factors = new Array;
  if (in.rules.tasks.method == wf::TaskMethod::Formula) {
    const auto& r = s.task.ratios;
    factors->add(factor("a", "số lượng kết quả thực hiện nhiệm vụ", r.a, ""));
    factors->add(factor("b", "chất lượng kết quả thực hiện nhiệm vụ", r.b, ""));
    factors->add(factor("c", "tiến độ kết quả thực hiện nhiệm vụ", r.c, ""));
    if (s.leader_formula && s.task.leader) {
      const auto& f = *s.task.leader;
      factors->add(factor("d",
                          "kết quả hoạt động của lĩnh vực được giao lãnh đạo, quản lý, phụ trách",
                          wf::Centi{f.d} * 100, f.d_reason));
      factors->add(factor("đ", "khả năng tổ chức triển khai thực hiện nhiệm vụ",
                          wf::Centi{f.dd} * 100, f.dd_reason));
      factors->add(factor("e", "năng lực tập hợp, đoàn kết công chức thuộc phạm vi quản lý",
                          wf::Centi{f.e} * 100, f.e_reason));
    }
  }
  m.set("factors", factors);
  m.set("formula", s.leader_formula ? "(a + b + c + d + đ + e) / 6 × " + pts(in.rules.tasks.max)
                                    : "(a + b + c) / 3 × " + pts(in.rules.tasks.max));
}

// The period's tasks: product, K, assigned and completed quantities, deductions.
Array::Ptr task_rows(const PeriodFormInput& in) {
  Array::Ptr rows = new Array;
  int n = 0;
  for (const auto& t : in.period.tasks) {
    int quality = 0;
    int delays = 0;
    int excused = 0;
    for (const auto& d : t.deductions) {
      if (d.excused) {
        ++excused;
      } else if (d.kind == wf::DeductionKind::Quality) {
        ++quality;
      } else {
        ++delays;
      }
    }
    Object::Ptr r = new Object;
    r->set("tt", std::to_string(++n));
    r->set("title", t.title);
    r->set("product", t.product_code + " – " + t.product_name);
    r->set("k", wf::format_factor(t.k));
    r->set("assigned", wf::format_qty(t.assigned));
    r->set("completed", wf::format_qty(t.completed));
    r->set("quality", std::to_string(quality));
    r->set("delays", std::to_string(delays));
    r->set("excused", std::to_string(excused));
    r->set("evidence", std::to_string(t.evidence.size()));
    rows->add(r);
  }
  return rows;
}

Object::Ptr signer(const std::string& title, const std::string& name) {
  Object::Ptr o = new Object;
  o->set("prefix", std::string());
  o->set("title", title);
  o->set("seal_note", "(Ký, ghi rõ họ tên)");
  o->set("name", name);
  return o;
}

}  // namespace

Poco::JSON::Object::Ptr build_period_form_model(const PeriodFormInput& in) {
  Object::Ptr m = new Object;
  m->set("header", header(in));
  m->set("form_title", "PHIẾU THEO DÕI, ĐÁNH GIÁ CÔNG CHỨC");
  m->set("period_label", wf::label_vi(in.period.ref));
  Object::Ptr person = new Object;
  person->set("name", in.person.full_name);
  person->set("position", in.person.position);
  person->set("unit", in.unit_path.empty() ? std::string() : in.unit_path.back().name);
  m->set("person", person);
  if (const wf::CriteriaSheet* sheet = in.rules.sheet_for(in.person.leader)) {
    add_criteria(in, *sheet, *m);
  }
  add_summary(in, *m);
  m->set("strengths", paragraphs(in.period.strengths));
  m->set("shortcomings", paragraphs(in.period.shortcomings));
  m->set("comment", paragraphs(in.period.manager_comment));
  m->set("tasks", task_rows(in));
  m->set("has_tasks", !in.period.tasks.empty());
  const wf::Unit* agency = wf::issuing_agency(in.unit_path);
  const std::string place = agency && !agency->place_name.empty() ? agency->place_name : in.place;
  m->set("place_date", place_and_date(place, wf::vietnam_date(in.issued_at)));
  m->set("self_signer", signer("CÔNG CHỨC TỰ ĐÁNH GIÁ", in.person.full_name));
  m->set("evaluator_signer", signer("CẤP CÓ THẨM QUYỀN THEO DÕI, ĐÁNH GIÁ",
                                    in.evaluator ? in.evaluator->full_name : std::string()));
  return m;
}

std::string period_form_title(const PeriodFormInput& in) {
  return "Phiếu theo dõi, đánh giá công chức – " + wf::label_vi(in.period.ref) + " – " +
         in.person.full_name;
}

RenderedDocument render_period_form(const TemplateSet& templates, PdfEngine& engine,
                                    const PeriodFormInput& in) {
  const auto model = build_period_form_model(in);
  RenderedDocument out;
  out.title = period_form_title(in);
  out.snapshot = kd::codec::canonical(model);
  out.snapshot_sha256 = kd::codec::sha256_hex(out.snapshot);
  out.template_version = templates.version();
  out.html = templates.render(kPeriodFormTemplate, model);
  const auto stamped = stamp_page_numbers(engine.to_pdf(out.html), out.title, in.issued_at);
  out.pdf = stamped.pdf;
  out.pages = stamped.pages;
  out.sha256 = kd::codec::sha256_hex(out.pdf);
  return out;
}

}  // namespace kd::documents
