// Supervisors' view of the periods of the 100-point scoring:
//   GET /api/v1/tracking/periods/summary          per unit the periods not yet scored, approved
//                                                 or locked and the overdue ones, the bands per
//                                                 unit and group, HTXS against the quota per
//                                                 agency before the decision
//   GET /api/v1/tracking/periods/overdue          the overdue periods, most late first
//   GET /api/v1/tracking/periods/late             who must act on overdue periods
//   GET /api/v1/tracking/periods/{units,overdue,late,quota}/export   CSV or XLSX
// Query: unit_id (default: every subtree the caller supervises), year (default: this year in
// Asia/Ho_Chi_Minh) or period (2026-03, 2026-Q1: the stages of that period only; the quota
// always over the year), limit and offset for the lists.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "services/api/error_mapping.hpp"
#include "services/api/handlers.hpp"
#include "services/api/json_fields.hpp"
#include "services/api/supervision_scope.hpp"
#include "services/scoring/period_supervision.hpp"
#include "services/tracking/messages.hpp"
#include "services/tracking/service.hpp"
#include "workflow/calendar.hpp"

namespace kd::api {
namespace {

namespace app = kd::application;
namespace wf = kd::wf;
namespace trk = kd::tracking;
using wf::Id;
using JObject = Poco::JSON::Object;
using JArray = Poco::JSON::Array;

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 500;

std::string str(std::string_view v) { return std::string(v); }

struct Supervised {
  CallerScope scope;
  int year = 0;
  std::optional<wf::PeriodRef> period;
  wf::TimePoint now;
  app::PeriodSupervisionView view;

  std::string unit_name(Id id) const {
    const auto* u = scope.org.unit(id);
    return u ? u->name : std::string();
  }
  std::string person_name(Id id) const {
    const auto it = view.people.find(id);
    return it == view.people.end() ? std::string() : it->second.full_name;
  }
};

Supervised evaluate(ApiContext& ctx, Exchange& ex) {
  Supervised s{load_scope(ctx, ex), 0, std::nullopt, ctx.clock(), {}};
  const auto units = supervised_units(ex, s.scope);
  const wf::Date today = wf::vietnam_date(s.now);
  s.year = parse_query_int(ex.query("year"), "year", 2000, 2999).value_or(today.year);
  if (const auto text = ex.query("period")) {
    const auto ref = wf::parse_period_key(*text);
    if (!ref || !wf::is_valid(*ref))
      fail(400, "invalid_parameter", "Tham số \"period\" phải có dạng 2026-02 hoặc 2026-Q1.");
    s.period = ref;
    s.year = ref->year;
  }
  const auto calendar = trk::holiday_calendar(ctx.settings.holidays_dir);
  try {
    s.view = app::supervise_periods(ctx.store.pool(), ctx.regimes, s.scope.org,
                                    {units, s.year, s.period, today}, *calendar);
  } catch (const wf::CalendarYearMissing& err) {
    throw HttpError(calendar_year_missing(err.what()));
  }
  return s;
}

using Page = PageQuery;
Page page_of(const Exchange& ex) {
  return parse_page(ex.query("limit"), ex.query("offset"), kMaxLimit, kDefaultLimit);
}

template <class T>
std::pair<std::size_t, std::size_t> bounds(const std::vector<T>& all, const Page& p) {
  const std::size_t begin = std::min(all.size(), static_cast<std::size_t>(p.offset));
  return {begin, std::min(all.size(), begin + static_cast<std::size_t>(p.limit))};
}

JObject::Ptr bands_json(const std::map<wf::Rating, int>& bands) {
  JObject::Ptr o = new JObject;
  for (wf::Rating r : wf::all_ratings()) {
    const auto it = bands.find(r);
    o->set(str(wf::to_string(r)), it == bands.end() ? 0 : it->second);
  }
  return o;
}

int band_count(const std::map<wf::Rating, int>& bands, wf::Rating r) {
  const auto it = bands.find(r);
  return it == bands.end() ? 0 : it->second;
}

JObject::Ptr scope_json(const Supervised& s) {
  JObject::Ptr o = new JObject;
  o->set("as_of", wf::to_iso_vietnam(s.now));
  o->set("year", s.year);
  o->set("period", s.period ? Poco::Dynamic::Var(wf::to_key(*s.period)) : Poco::Dynamic::Var());
  return o;
}

std::string must_act_names(const Supervised& s, const std::vector<Id>& ids) {
  std::string out;
  for (Id id : ids) out += (out.empty() ? "" : ", ") + s.person_name(id);
  return out;
}

JObject::Ptr overdue_json(const Supervised& s, const wf::OverduePeriod& o) {
  const auto& p = s.view.by_id.at(o.period_id);
  JObject::Ptr j = new JObject;
  j->set("period_id", o.period_id);
  j->set("period", wf::to_key(p.record.ref));
  j->set("period_label", wf::label_vi(p.record.ref));
  j->set("person_id", p.record.person_id);
  j->set("person_name", s.person_name(p.record.person_id));
  j->set("unit_id", p.record.unit_id);
  j->set("unit_name", s.unit_name(p.record.unit_id));
  j->set("stage", str(wf::to_string(p.record.stage)));
  j->set("stage_label", str(wf::label_vi(p.record.stage)));
  j->set("next_stage", str(wf::to_string(o.due.stage)));
  j->set("next_stage_label", str(wf::label_vi(o.due.stage)));
  j->set("due", wf::to_iso(o.due.due));
  j->set("working_days_late", o.working_days_late);
  JArray::Ptr must = new JArray;
  for (Id id : o.must_act) {
    JObject::Ptr m = new JObject;
    m->set("id", id);
    m->set("name", s.person_name(id));
    must->add(m);
  }
  j->set("must_act", must);
  return j;
}

JObject::Ptr late_json(const Supervised& s, const wf::LateActor& a) {
  JObject::Ptr j = new JObject;
  j->set("person_id", a.person_id);
  j->set("person_name", s.person_name(a.person_id));
  const auto it = s.view.people.find(a.person_id);
  const Id unit = it == s.view.people.end() ? 0 : it->second.unit_id;
  j->set("unit_id", unit);
  j->set("unit_name", s.unit_name(unit));
  j->set("position", it == s.view.people.end() ? std::string() : it->second.position);
  j->set("overdue_periods", a.overdue_periods);
  j->set("max_working_days_late", a.max_working_days_late);
  return j;
}

JObject::Ptr quota_json(const Supervised& s) {
  JObject::Ptr o = new JObject;
  if (s.view.quota_rule) {
    const auto& r = *s.view.quota_rule;
    JObject::Ptr rule = new JObject;
    rule->set("enabled", r.enabled);
    rule->set("htxs_percent_of_htt", r.htxs_percent_of_htt);
    rule->set("override_allowed", r.override_allowed);
    rule->set("exception_cap_percent", r.exception_cap_percent);
    rule->set("exception_needs_decision", r.exception_needs_decision);
    o->set("rule", rule);
  } else {
    o->set("rule", Poco::Dynamic::Var());
  }
  JArray::Ptr agencies = new JArray;
  for (const auto& a : s.view.quota) {
    JObject::Ptr j = new JObject;
    j->set("agency_id", a.agency_id);
    j->set("agency_name", s.unit_name(a.agency_id));
    j->set("people", a.people);
    j->set("ready", a.ready);
    j->set("not_ready", a.people - a.ready);
    j->set("not_rated", a.not_rated);
    j->set("ratings", bands_json(a.ratings));
    j->set("ok", a.ok);
    JArray::Ptr lines = new JArray;
    for (const auto& l : a.lines) {
      JObject::Ptr x = new JObject;
      x->set("peer_group", l.line.peer_group);
      x->set("htxs", l.line.htxs);
      x->set("htt", l.line.htt);
      x->set("limit", l.line.limit);
      x->set("ok", l.line.ok);
      x->set("exception_limit",
             l.exception_limit ? Poco::Dynamic::Var(*l.exception_limit) : Poco::Dynamic::Var());
      x->set("within_exception", l.within_exception);
      lines->add(x);
    }
    j->set("lines", lines);
    agencies->add(j);
  }
  o->set("agencies", agencies);
  return o;
}

}  // namespace

void get_tracking_periods_summary(ApiContext& ctx, Exchange& ex) {
  const Page page = page_of(ex);
  const Supervised s = evaluate(ctx, ex);
  const auto& units = s.view.periods.units;
  JObject::Ptr o = scope_json(s);
  JObject::Ptr totals = new JObject;
  wf::UnitPeriodSummary sum;
  for (const auto& u : units) {
    sum.periods += u.periods;
    sum.not_worked += u.not_worked;
    sum.not_scored += u.not_scored;
    sum.not_approved += u.not_approved;
    sum.not_locked += u.not_locked;
    sum.overdue += u.overdue;
    for (const auto& [band, n] : u.bands) sum.bands[band] += n;
  }
  totals->set("periods", sum.periods);
  totals->set("not_worked", sum.not_worked);
  totals->set("not_scored", sum.not_scored);
  totals->set("not_approved", sum.not_approved);
  totals->set("not_locked", sum.not_locked);
  totals->set("overdue", sum.overdue);
  totals->set("bands", bands_json(sum.bands));
  totals->set("late_people", static_cast<int>(s.view.periods.late.size()));
  o->set("totals", totals);
  const auto [begin, end] = bounds(units, page);
  JArray::Ptr items = new JArray;
  for (std::size_t i = begin; i < end; ++i) {
    const auto& u = units[i];
    JObject::Ptr j = new JObject;
    j->set("unit_id", u.unit_id);
    j->set("unit_name", s.unit_name(u.unit_id));
    j->set("periods", u.periods);
    j->set("not_worked", u.not_worked);
    j->set("not_scored", u.not_scored);
    j->set("not_approved", u.not_approved);
    j->set("not_locked", u.not_locked);
    j->set("overdue", u.overdue);
    j->set("bands", bands_json(u.bands));
    items->add(j);
  }
  o->set("units", items);
  o->set("units_total", static_cast<int>(units.size()));
  o->set("limit", page.limit);
  o->set("offset", page.offset);
  JArray::Ptr groups = new JArray;
  for (const auto& [group, bands] : s.view.periods.bands_by_group) {
    JObject::Ptr g = new JObject;
    g->set("group", group);
    g->set("bands", bands_json(bands));
    groups->add(g);
  }
  o->set("groups", groups);
  o->set("quota", quota_json(s));
  ex.send_json(200, o);
}

void get_tracking_periods_overdue(ApiContext& ctx, Exchange& ex) {
  const Page page = page_of(ex);
  const Supervised s = evaluate(ctx, ex);
  const auto& all = s.view.periods.overdue;
  const auto [begin, end] = bounds(all, page);
  JArray::Ptr items = new JArray;
  for (std::size_t i = begin; i < end; ++i) items->add(overdue_json(s, all[i]));
  JObject::Ptr o = scope_json(s);
  o->set("items", items);
  o->set("total", static_cast<int>(all.size()));
  o->set("limit", page.limit);
  o->set("offset", page.offset);
  ex.send_json(200, o);
}

void get_tracking_periods_late(ApiContext& ctx, Exchange& ex) {
  const Page page = page_of(ex);
  const Supervised s = evaluate(ctx, ex);
  const auto& all = s.view.periods.late;
  const auto [begin, end] = bounds(all, page);
  JArray::Ptr items = new JArray;
  for (std::size_t i = begin; i < end; ++i) items->add(late_json(s, all[i]));
  JObject::Ptr o = scope_json(s);
  o->set("items", items);
  o->set("total", static_cast<int>(all.size()));
  o->set("limit", page.limit);
  o->set("offset", page.offset);
  ex.send_json(200, o);
}

void get_tracking_periods_units_export(ApiContext& ctx, Exchange& ex) {
  const Supervised s = evaluate(ctx, ex);
  trk::Table t;
  t.title = "Ky danh gia theo don vi";
  t.header = {"Mã đơn vị",
              "Đơn vị",
              "Số kỳ",
              "Không công tác",
              "Chưa chấm điểm",
              "Chưa phê duyệt",
              "Chưa khóa",
              "Quá hạn",
              "HTXS",
              "HTT",
              "HT",
              "KHT"};
  for (const auto& u : s.view.periods.units) {
    t.rows.push_back({static_cast<long long>(u.unit_id), s.unit_name(u.unit_id),
                      static_cast<long long>(u.periods), static_cast<long long>(u.not_worked),
                      static_cast<long long>(u.not_scored), static_cast<long long>(u.not_approved),
                      static_cast<long long>(u.not_locked), static_cast<long long>(u.overdue),
                      static_cast<long long>(band_count(u.bands, wf::Rating::HTXS)),
                      static_cast<long long>(band_count(u.bands, wf::Rating::HTT)),
                      static_cast<long long>(band_count(u.bands, wf::Rating::HT)),
                      static_cast<long long>(band_count(u.bands, wf::Rating::KHT))});
  }
  send_table(ex, t, "ky-danh-gia-theo-don-vi-" + std::to_string(s.year));
}

void get_tracking_periods_overdue_export(ApiContext& ctx, Exchange& ex) {
  const Supervised s = evaluate(ctx, ex);
  trk::Table t;
  t.title = "Ky danh gia qua han";
  t.header = {"Mã kỳ",
              "Kỳ",
              "Họ và tên",
              "Đơn vị",
              "Bước hiện tại",
              "Bước phải đạt",
              "Hạn",
              "Quá hạn (ngày làm việc)",
              "Người phải xử lý"};
  for (const auto& o : s.view.periods.overdue) {
    const auto& p = s.view.by_id.at(o.period_id);
    t.rows.push_back({static_cast<long long>(o.period_id), wf::label_vi(p.record.ref),
                      s.person_name(p.record.person_id), s.unit_name(p.record.unit_id),
                      str(wf::label_vi(p.record.stage)), str(wf::label_vi(o.due.stage)),
                      wf::to_dmy(o.due.due), static_cast<long long>(o.working_days_late),
                      must_act_names(s, o.must_act)});
  }
  send_table(ex, t, "ky-danh-gia-qua-han-" + std::to_string(s.year));
}

void get_tracking_periods_late_export(ApiContext& ctx, Exchange& ex) {
  const Supervised s = evaluate(ctx, ex);
  trk::Table t;
  t.title = "Nguoi cham tien do";
  t.header = {"Mã người", "Họ và tên",     "Chức vụ",
              "Đơn vị",   "Số kỳ quá hạn", "Quá hạn nhiều nhất (ngày làm việc)"};
  for (const auto& a : s.view.periods.late) {
    const auto it = s.view.people.find(a.person_id);
    const bool known = it != s.view.people.end();
    t.rows.push_back({static_cast<long long>(a.person_id), s.person_name(a.person_id),
                      known ? it->second.position : std::string(),
                      known ? s.unit_name(it->second.unit_id) : std::string(),
                      static_cast<long long>(a.overdue_periods),
                      static_cast<long long>(a.max_working_days_late)});
  }
  send_table(ex, t, "nguoi-cham-tien-do-" + std::to_string(s.year));
}

void get_tracking_periods_quota_export(ApiContext& ctx, Exchange& ex) {
  const Supervised s = evaluate(ctx, ex);
  trk::Table t;
  t.title = "Ty le HTXS truoc quyet dinh";
  t.header = {"Mã cơ quan",
              "Cơ quan",
              "Nhóm",
              "HTXS",
              "HTT",
              "Giới hạn",
              "Trong tỷ lệ",
              "Giới hạn khi áp dụng ngoại lệ",
              "Trong giới hạn ngoại lệ"};
  for (const auto& a : s.view.quota) {
    for (const auto& l : a.lines) {
      t.rows.push_back({static_cast<long long>(a.agency_id), s.unit_name(a.agency_id),
                        l.line.peer_group, static_cast<long long>(l.line.htxs),
                        static_cast<long long>(l.line.htt), static_cast<long long>(l.line.limit),
                        std::string(l.line.ok ? "Có" : "Không"),
                        l.exception_limit ? trk::Cell(static_cast<long long>(*l.exception_limit))
                                          : trk::Cell(std::string("Không giới hạn")),
                        std::string(l.within_exception ? "Có" : "Không")});
    }
  }
  send_table(ex, t, "ty-le-htxs-" + std::to_string(s.year));
}

}  // namespace kd::api
