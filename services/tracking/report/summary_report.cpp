#include "services/tracking/report/summary_report.hpp"

#include <Poco/JSON/Array.h>

#include <stdexcept>

#include "services/codec/json_codec.hpp"
#include "services/codec/sha256.hpp"
#include "services/documents/page_stamp.hpp"
#include "services/documents/report_registry.hpp"
#include "services/documents/vietnamese_text.hpp"
#include "services/tracking/service.hpp"
#include "workflow/signing_authority.hpp"

namespace kd::tracking {
namespace {

namespace wf = kd::wf;
namespace doc = kd::documents;
using Poco::JSON::Array;
using Poco::JSON::Object;

void set_counts(Object& o, const RatingCounts& c) {
  o.set("htxs", c[0]);
  o.set("htt", c[1]);
  o.set("ht", c[2]);
  o.set("kht", c[3]);
}

std::string title_of(const SummaryReportInput& in) {
  return "Báo cáo tổng hợp kết quả đánh giá, xếp loại chất lượng năm " +
         std::to_string(in.campaign.year);
}

}  // namespace

Object::Ptr summary_report_model(const SummaryReportInput& in) {
  Object::Ptr m = new Object;
  const wf::Date date = wf::vietnam_date(in.as_of);
  Object::Ptr header = new Object;
  const wf::Unit* scope = in.unit_path.empty() ? nullptr : &in.unit_path.back();
  const wf::Unit* parent =
      in.unit_path.size() >= 2 ? &in.unit_path[in.unit_path.size() - 2] : nullptr;
  // The superior body the organisation names for the scope, else its parent unit.
  header->set("parent_body", scope && !scope->superior_name.empty()
                                 ? doc::upper_vi(scope->superior_name)
                             : parent ? doc::upper_vi(parent->name)
                                      : std::string());
  header->set("issuing_body", scope ? doc::upper_vi(scope->name) : std::string());
  header->set("party", false);
  header->set("number", std::string());
  const wf::Unit* agency = wf::issuing_agency(in.unit_path);
  const std::string place = scope && !scope->place_name.empty()     ? scope->place_name
                            : agency && !agency->place_name.empty() ? agency->place_name
                                                                    : in.place;
  header->set("place_date", doc::place_and_date(place, date));
  m->set("header", header);
  m->set("kind", std::string(kSummaryReportKind));
  m->set("year", in.campaign.year);
  m->set("campaign", in.campaign.name);
  m->set("scope", scope ? scope->name + " và các đơn vị trực thuộc" : std::string());
  m->set("as_of", wf::vietnam_time_of_day(in.as_of) + " ngày " + wf::to_dmy(date));
  m->set("total", in.summary.total);
  m->set("overdue", in.summary.overdue);
  m->set("stalled", in.summary.stalled);
  m->set("stalled_days", in.stalled_working_days);

  Array::Ptr stages = new Array;
  for (const auto& s : in.summary.stages) {
    Object::Ptr o = new Object;
    o->set("label", std::string(wf::label_vi(s.stage)));
    o->set("count", s.count);
    o->set("overdue", s.overdue);
    o->set("stalled", s.stalled);
    o->set("oldest", s.oldest_since ? std::to_string(s.oldest_age_working_days) : std::string());
    stages->add(o);
  }
  m->set("stages", stages);

  Array::Ptr units = new Array;
  RatingCounts totals{};
  int not_rated = 0, index = 0;
  for (const auto& u : in.summary.by_unit) {
    Object::Ptr o = new Object;
    o->set("index", ++index);
    o->set("name", u.label);
    set_counts(*o, u.decided);
    o->set("not_rated", u.not_rated);
    for (std::size_t i = 0; i < totals.size(); ++i) totals[i] += u.decided[i];
    not_rated += u.not_rated;
    units->add(o);
  }
  m->set("units", units);
  Object::Ptr total_row = new Object;
  set_counts(*total_row, totals);
  total_row->set("not_rated", not_rated);
  m->set("totals", total_row);

  Array::Ptr groups = new Array;
  for (const auto& g : in.summary.by_group) {
    Object::Ptr o = new Object;
    o->set("name", g.label);
    set_counts(*o, g.decided);
    o->set("not_rated", g.not_rated);
    groups->add(o);
  }
  m->set("groups", groups);

  Array::Ptr quota = new Array;
  int percent = 20;
  for (const auto& q : in.summary.quota) {
    Object::Ptr o = new Object;
    o->set("peer_group", wf::peer_group_label_vi(q.peer_group));  // a name, never a code
    o->set("htxs", q.htxs);
    o->set("htt", q.htt);
    o->set("limit", q.limit);
    o->set("verdict", std::string(q.ok ? "Trong tỷ lệ" : "Vượt tỷ lệ"));
    percent = q.percent;
    quota->add(o);
  }
  m->set("quota", quota);
  m->set("percent", percent);

  Object::Ptr signer = new Object;
  signer->set("prefix", std::string());
  signer->set("title", doc::upper_vi(in.signer.position));
  signer->set("name", in.signer.full_name);
  m->set("signer", signer);
  Array::Ptr recipients = new Array;
  recipients->add(std::string("- Lãnh đạo cơ quan;"));
  recipients->add(std::string("- Các đơn vị trực thuộc;"));
  recipients->add(std::string("- Lưu: VT, TCCB."));
  m->set("recipients", recipients);
  return m;
}

kd::storage::NewDocument render_summary_report(const doc::TemplateSet& templates,
                                               doc::PdfEngine& engine,
                                               const SummaryReportInput& in) {
  const auto model = summary_report_model(in);
  kd::storage::NewDocument d;
  d.campaign_id = in.campaign.id;
  d.subject = TrackingStore::report_subject(in.campaign.id,
                                            in.unit_path.empty() ? 0 : in.unit_path.back().id);
  d.kind = kSummaryReportKind;
  d.title = title_of(in);
  d.snapshot = kd::codec::canonical(model);
  d.snapshot_sha256 = kd::codec::sha256_hex(d.snapshot);
  d.template_version = templates.version();
  d.html = templates.render(kSummaryReportTemplate, model);
  const auto stamped = doc::stamp_page_numbers(engine.to_pdf(d.html), d.title, in.as_of);
  d.pdf = stamped.pdf;
  d.page_count = stamped.pages;
  d.sha256 = kd::codec::sha256_hex(d.pdf);
  d.created_at = in.as_of.time_since_epoch().count();
  return d;
}

SummaryReportInput summary_report_input(kd::storage::Store& store, wf::Id campaign_id,
                                        wf::Id unit_id, wf::Id signer_id, wf::TimePoint as_of,
                                        const wf::HolidayCalendar& cal,
                                        const wf::TrackingRules& rules, const std::string& place) {
  const auto record = store.get_campaign(campaign_id);
  if (!record) throw std::invalid_argument("no campaign " + std::to_string(campaign_id));
  const wf::OrgTree org = store.load_org_tree();
  const wf::Id unit = unit_id != 0 ? unit_id : record->campaign.unit_id;
  if (!org.unit(unit)) throw std::invalid_argument("no unit " + std::to_string(unit));
  TrackingStore tracking(store.pool());
  const auto campaigns =
      evaluate_scope(store, tracking, org, org.subtree(unit), campaign_id, cal, rules, as_of);
  SummaryReportInput in;
  in.campaign = record->campaign;
  for (wf::Id u : org.path_to(unit)) in.unit_path.push_back(*org.unit(u));
  in.summary = summarize(campaigns, cal, as_of);
  in.stalled_working_days = rules.stalled_working_days;
  in.place = place;
  in.as_of = as_of;
  wf::Id signer = signer_id;
  if (signer == 0) {
    const wf::RoleIndex index(org);
    const auto& heads = index.holders(unit, wf::Role::Head);
    if (!heads.empty()) signer = heads.front();
  }
  if (signer != 0) {
    if (const auto p = store.get_person(signer)) in.signer = *p;
  }
  return in;
}

void register_summary_report(const std::string& holidays_dir, const wf::TrackingRules& rules) {
  doc::register_report(
      kSummaryReportKind,
      [holidays_dir, rules](doc::RenderContext& ctx, const Poco::JSON::Object& payload) {
        const auto cal = holiday_calendar(holidays_dir);
        const auto as_of =
            wf::TimePoint(std::chrono::seconds(payload.getValue<std::int64_t>("as_of")));
        const auto in = summary_report_input(
            ctx.store, payload.getValue<wf::Id>("campaign_id"), payload.getValue<wf::Id>("unit_id"),
            payload.optValue<wf::Id>("signer_id", 0), as_of, *cal, rules, ctx.place);
        return std::vector<kd::storage::NewDocument>{
            render_summary_report(ctx.renderer.templates(), ctx.renderer.engine(), in)};
      });
}

}  // namespace kd::tracking
