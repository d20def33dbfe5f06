// Deadlines and stalled-review tracking for supervisors: the summary and
// the late-review list of the units the caller supervises, their exports, a
// person's rating history, the caller's notification inbox and a campaign's
// timeline. Scope is decided here, on the server: a supervisor, head, committee
// member or administrator of a unit sees that unit's subtree; asking about any
// other unit is 403 and nothing of it is ever read.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "services/api/error_mapping.hpp"
#include "services/api/handlers.hpp"
#include "services/api/json_fields.hpp"
#include "services/api/review_access.hpp"
#include "services/api/supervision_scope.hpp"
#include "services/api/views.hpp"
#include "services/tracking/exports.hpp"
#include "services/tracking/messages.hpp"
#include "services/tracking/service.hpp"
#include "services/tracking/supervision.hpp"

namespace kd::api {
namespace {

namespace wf = kd::wf;
namespace trk = kd::tracking;
using wf::Id;
using JObject = Poco::JSON::Object;
using JArray = Poco::JSON::Array;

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 500;
std::string str(std::string_view v) { return std::string(v); }

std::optional<Id> query_campaign(const Exchange& ex) {
  const auto text = ex.query("campaign_id");
  if (!text) return std::nullopt;
  return parse_id(*text, "campaign_id");
}

struct Evaluated {
  CallerScope scope;
  std::vector<trk::CampaignTracking> campaigns;
  std::shared_ptr<const wf::HolidayCalendar> calendar;
  wf::TrackingRules rules;
  wf::TimePoint now;
};

Evaluated evaluate(ApiContext& ctx, Exchange& ex) {
  Evaluated e{load_scope(ctx, ex),
              {},
              trk::holiday_calendar(ctx.settings.holidays_dir),
              trk::rules_from(ctx.settings),
              ctx.clock()};
  const auto units = supervised_units(ex, e.scope);
  const auto campaign = query_campaign(ex);
  if (campaign && !ctx.store.get_campaign(*campaign)) throw HttpError(campaign_not_found());
  trk::TrackingStore tracking(ctx.store.pool());
  try {
    e.campaigns = trk::evaluate_scope(ctx.store, tracking, e.scope.org, units, campaign,
                                      *e.calendar, e.rules, e.now);
  } catch (const wf::CalendarYearMissing& err) {
    throw HttpError(calendar_year_missing(err.what()));
  }
  return e;
}

JObject::Ptr counts_json(const trk::RatingCounts& c) {
  JObject::Ptr o = new JObject;
  for (wf::Rating r : wf::all_ratings()) o->set(str(wf::to_string(r)), c[static_cast<int>(r)]);
  return o;
}

JArray::Ptr rating_lines_json(const std::vector<trk::RatingLine>& lines, const std::string& key) {
  JArray::Ptr a = new JArray;
  for (const auto& l : lines) {
    JObject::Ptr o = new JObject;
    if (key == "unit_id") {
      o->set("unit_id", std::stoll(l.key));
      o->set("unit_name", l.label);
    } else {
      o->set("group", l.key);
      o->set("label", l.label);
    }
    o->set("decided", counts_json(l.decided));
    o->set("published", counts_json(l.published));
    o->set("not_rated", l.not_rated);
    a->add(o);
  }
  return a;
}

trk::ListQuery list_query(const Exchange& ex) {
  trk::ListQuery q;
  if (const auto s = ex.query("stage")) {
    q.stage = wf::parse_stage(*s);
    if (!q.stage) fail(400, "invalid_parameter", "Tham số \"stage\" không phải là giai đoạn.");
  }
  if (const auto g = ex.query("group")) {
    q.group = wf::parse_group(*g);
    if (!q.group) fail(400, "invalid_parameter", "Tham số \"group\" không phải là nhóm hợp lệ.");
  }
  if (const auto s = ex.query("status")) {
    static const std::map<std::string, trk::LateFilter> names = {
        {"late", trk::LateFilter::Late},
        {"overdue", trk::LateFilter::Overdue},
        {"stalled", trk::LateFilter::Stalled},
        {"all", trk::LateFilter::All}};
    auto it = names.find(*s);
    if (it == names.end()) {
      fail(400, "invalid_parameter", "Tham số \"status\" phải là late, overdue, stalled hoặc all.");
    }
    q.status = it->second;
  }
  if (auto s = ex.query("sort")) {
    if (!s->empty() && s->front() == '-') {
      q.descending = true;
      s->erase(0, 1);
    }
    const auto& keys = trk::sort_keys();
    if (std::find(keys.begin(), keys.end(), *s) == keys.end()) {
      fail(400, "invalid_parameter",
           "Tham số \"sort\" phải là since, due, overdue, idle, person, unit hoặc stage "
           "(thêm \"-\" phía trước để sắp xếp giảm dần).");
    }
    q.sort = *s;
  }
  return q;
}

// Names of everyone who must act on the listed reviews.
std::map<Id, std::string> actor_names(ApiContext& ctx,
                                      const std::vector<const trk::TrackedReview*>& rows) {
  std::vector<Id> ids;
  for (const auto* t : rows) ids.insert(ids.end(), t->must.people.begin(), t->must.people.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  trk::TrackingStore tracking(ctx.store.pool());
  std::map<Id, std::string> names;
  for (const auto& [id, c] : tracking.contacts(ids)) names[id] = c.full_name;
  return names;
}

std::string must_act_text(const trk::TrackedReview& t, const std::map<Id, std::string>& names) {
  if (!t.must.role) return "";
  std::string out = str(wf::label_vi(*t.must.role));
  std::string people;
  for (Id id : t.must.people) {
    auto it = names.find(id);
    if (it != names.end()) people += (people.empty() ? "" : ", ") + it->second;
  }
  return people.empty() ? out : out + ": " + people;
}

JObject::Ptr tracked_json(const trk::TrackedReview& t, const std::map<Id, std::string>& names) {
  const auto& r = t.row.review;
  JObject::Ptr o = new JObject;
  o->set("review_id", r.id);
  o->set("campaign_id", r.campaign_id);
  o->set("person_id", r.person_id);
  o->set("person_name", t.row.person.full_name);
  o->set("unit_id", r.unit_id);
  o->set("unit_name", t.row.unit_name);
  o->set("group", str(wf::to_string(t.row.person.group)));
  o->set("stage", str(wf::to_string(r.stage)));
  o->set("stage_label", str(wf::label_vi(r.stage)));
  JObject::Ptr must = new JObject;
  must->set("role", t.must.role ? Poco::Dynamic::Var(str(wf::to_string(*t.must.role)))
                                : Poco::Dynamic::Var());
  must->set("role_label", t.must.role ? Poco::Dynamic::Var(str(wf::label_vi(*t.must.role)))
                                      : Poco::Dynamic::Var());
  must->set("unit_id", t.must.unit_id);
  JArray::Ptr people = new JArray;
  for (Id id : t.must.people) {
    JObject::Ptr p = new JObject;
    p->set("id", id);
    auto it = names.find(id);
    p->set("name", it == names.end() ? std::string() : it->second);
    people->add(p);
  }
  must->set("people", people);
  o->set("must_act", must);
  o->set("since", wf::to_iso_vietnam(t.status.stage_since));
  o->set("last_event_at", wf::to_iso_vietnam(t.status.idle_since));
  o->set("idle_working_days", t.status.idle_working_days);
  o->set("due",
         t.status.due ? Poco::Dynamic::Var(wf::to_iso(*t.status.due)) : Poco::Dynamic::Var());
  o->set("overdue", t.status.overdue);
  o->set("overdue_working_days", t.status.overdue_working_days);
  o->set("stalled", t.status.stalled);
  o->set("reminders_sent", t.row.notices_sent);
  return o;
}

trk::Table late_table(const std::vector<const trk::TrackedReview*>& rows,
                      const std::map<Id, std::string>& names) {
  trk::Table t;
  t.title = "Ho so cham tien do";
  t.header = {"Mã hồ sơ",
              "Họ và tên",
              "Đơn vị",
              "Nhóm",
              "Giai đoạn",
              "Người phải xử lý",
              "Ở giai đoạn từ",
              "Hạn",
              "Quá hạn (ngày làm việc)",
              "Không có hoạt động (ngày làm việc)",
              "Tình trạng",
              "Số lần nhắc, báo"};
  for (const auto* r : rows) {
    std::string state;
    if (r->status.overdue) state = "Quá hạn";
    if (r->status.stalled) state += std::string(state.empty() ? "" : ", ") + "Đình trệ";
    t.rows.push_back({static_cast<long long>(r->row.review.id), r->row.person.full_name,
                      r->row.unit_name, str(wf::label_vi(r->row.person.group)),
                      str(wf::label_vi(r->row.review.stage)), must_act_text(*r, names),
                      wf::to_iso_vietnam(r->status.stage_since),
                      r->status.due ? wf::to_dmy(*r->status.due) : std::string(),
                      static_cast<long long>(r->status.overdue_working_days),
                      static_cast<long long>(r->status.idle_working_days), state,
                      static_cast<long long>(r->row.notices_sent)});
  }
  return t;
}

trk::Table ratings_table(const trk::Summary& s) {
  trk::Table t;
  t.title = "Ket qua xep loai";
  t.header = {"Mã đơn vị", "Đơn vị"};
  for (wf::Rating r : wf::all_ratings())
    t.header.push_back(str(wf::to_string(r)) + " (quyết định)");
  for (wf::Rating r : wf::all_ratings()) t.header.push_back(str(wf::to_string(r)) + " (công khai)");
  t.header.push_back("Không xếp loại");
  for (const auto& l : s.by_unit) {
    std::vector<trk::Cell> row = {std::stoll(l.key), l.label};
    for (int n : l.decided) row.emplace_back(static_cast<long long>(n));
    for (int n : l.published) row.emplace_back(static_cast<long long>(n));
    row.emplace_back(static_cast<long long>(l.not_rated));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

void get_tracking_summary(ApiContext& ctx, Exchange& ex) {
  const Evaluated e = evaluate(ctx, ex);
  const trk::Summary s = trk::summarize(e.campaigns, *e.calendar, e.now);
  JObject::Ptr o = new JObject;
  o->set("as_of", wf::to_iso_vietnam(e.now));
  JArray::Ptr campaigns = new JArray;
  for (const auto& c : e.campaigns) campaigns->add(c.record.campaign.id);
  o->set("campaign_ids", campaigns);
  JObject::Ptr rules = new JObject;
  rules->set("stalled_working_days", e.rules.stalled_working_days);
  rules->set("reminder_working_days", e.rules.reminder_working_days);
  rules->set("supervisor_after_working_days", e.rules.supervisor_after_working_days);
  o->set("rules", rules);
  o->set("total", s.total);
  o->set("overdue", s.overdue);
  o->set("stalled", s.stalled);
  JArray::Ptr stages = new JArray;
  for (const auto& l : s.stages) {
    JObject::Ptr st = new JObject;
    st->set("stage", str(wf::to_string(l.stage)));
    st->set("label", str(wf::label_vi(l.stage)));
    st->set("count", l.count);
    st->set("overdue", l.overdue);
    st->set("stalled", l.stalled);
    st->set("oldest_since", l.oldest_since ? Poco::Dynamic::Var(wf::to_iso_vietnam(*l.oldest_since))
                                           : Poco::Dynamic::Var());
    st->set("oldest_age_days", l.oldest_age_days);
    st->set("oldest_age_working_days", l.oldest_age_working_days);
    stages->add(st);
  }
  o->set("stages", stages);
  JObject::Ptr ratings = new JObject;
  ratings->set("by_unit", rating_lines_json(s.by_unit, "unit_id"));
  ratings->set("by_group", rating_lines_json(s.by_group, "group"));
  o->set("ratings", ratings);
  JArray::Ptr quota = new JArray;
  for (const auto& q : s.quota) {
    JObject::Ptr l = new JObject;
    l->set("campaign_id", q.campaign_id);
    l->set("peer_group", q.peer_group);
    l->set("htxs", q.htxs);
    l->set("htt", q.htt);
    l->set("percent", q.percent);
    l->set("limit", q.limit);
    l->set("ratio", q.htt == 0 ? Poco::Dynamic::Var() : Poco::Dynamic::Var(double(q.htxs) / q.htt));
    l->set("ok", q.ok);
    quota->add(l);
  }
  o->set("quota", quota);
  ex.send_json(200, o);
}

void get_tracking_reviews(ApiContext& ctx, Exchange& ex) {
  const trk::ListQuery q = list_query(ex);
  const auto [limit, offset] =
      parse_page(ex.query("limit"), ex.query("offset"), kMaxLimit, kDefaultLimit);
  const Evaluated e = evaluate(ctx, ex);
  const auto rows = trk::select(e.campaigns, q);
  const std::size_t begin = std::min(rows.size(), static_cast<std::size_t>(offset));
  const std::size_t end = std::min(rows.size(), begin + static_cast<std::size_t>(limit));
  const std::vector<const trk::TrackedReview*> page(rows.begin() + begin, rows.begin() + end);
  const auto names = actor_names(ctx, page);
  JArray::Ptr items = new JArray;
  for (const auto* t : page) items->add(tracked_json(*t, names));
  JObject::Ptr o = new JObject;
  o->set("as_of", wf::to_iso_vietnam(e.now));
  o->set("items", items);
  o->set("total", static_cast<long>(rows.size()));
  o->set("limit", limit);
  o->set("offset", offset);
  ex.send_json(200, o);
}

void get_tracking_reviews_export(ApiContext& ctx, Exchange& ex) {
  const trk::ListQuery q = list_query(ex);
  const Evaluated e = evaluate(ctx, ex);
  const auto rows = trk::select(e.campaigns, q);
  send_table(ex, late_table(rows, actor_names(ctx, rows)), "ho-so-cham-tien-do");
}

void get_tracking_ratings_export(ApiContext& ctx, Exchange& ex) {
  const Evaluated e = evaluate(ctx, ex);
  send_table(ex, ratings_table(trk::summarize(e.campaigns, *e.calendar, e.now)),
             "ket-qua-xep-loai");
}

void get_person_ratings(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const Id id = parse_id(ex.param("id"), "id");
  const auto person = ctx.store.get_person(id);
  if (!person) fail(404, "person_not_found", "Không tìm thấy người này.");
  if (id != scope.person.id && !scope.access().can_supervise_unit(person->unit_id)) {
    throw HttpError(forbidden("Bạn không theo dõi đơn vị của người này."));
  }
  trk::TrackingStore tracking(ctx.store.pool());
  JArray::Ptr items = new JArray;
  int kht_years = 0, run = 0, longest = 0, last_kht_year = 0;
  for (const auto& h : tracking.rating_history(id)) {
    JObject::Ptr o = new JObject;
    o->set("year", h.year);
    o->set("campaign_id", h.campaign_id);
    o->set("campaign_name", h.campaign_name);
    o->set("regime_id", h.regime_id);
    o->set("review_id", h.review_id);
    o->set("stage", str(wf::to_string(h.stage)));
    o->set("rating", rating_var(h.rating));
    o->set("rating_label",
           h.rating ? Poco::Dynamic::Var(str(wf::label_vi(*h.rating))) : Poco::Dynamic::Var());
    o->set("not_rated", h.not_rated);
    o->set("published_at", h.published_at ? Poco::Dynamic::Var(wf::to_iso_vietnam(*h.published_at))
                                          : Poco::Dynamic::Var());
    items->add(o);
    if (h.rating == wf::Rating::KHT && h.year != last_kht_year) {
      ++kht_years;
      run = (last_kht_year != 0 && h.year == last_kht_year + 1) ? run + 1 : 1;
      longest = std::max(longest, run);
      last_kht_year = h.year;
    }
  }
  JObject::Ptr o = new JObject;
  o->set("person", person_json(*person));
  o->set("items", items);
  o->set("kht_years", kht_years);
  o->set("consecutive_kht_years", longest);
  ex.send_json(200, o);
}

void get_my_notifications(ApiContext& ctx, Exchange& ex) {
  const bool unread = ex.query("unread").value_or("false") == "true";
  const auto [limit, offset] =
      parse_page(ex.query("limit"), ex.query("offset"), 200, kDefaultLimit);
  trk::TrackingStore tracking(ctx.store.pool());
  const auto box = tracking.inbox(ex.caller().person_id, unread, limit, offset);
  JArray::Ptr items = new JArray;
  for (const auto& n : box.items) {
    JObject::Ptr o = new JObject;
    o->set("id", n.id);
    o->set("kind", n.kind);
    o->set("review_id", n.review_id);
    o->set("campaign_id", n.campaign_id);
    o->set("stage", n.stage);
    o->set("due", n.due ? Poco::Dynamic::Var(wf::to_iso(*n.due)) : Poco::Dynamic::Var());
    o->set("subject", n.subject);
    o->set("body", n.body);
    o->set("created_at", wf::to_iso_vietnam(n.created_at));
    o->set("read", n.read_at.has_value());
    o->set("read_at",
           n.read_at ? Poco::Dynamic::Var(wf::to_iso_vietnam(*n.read_at)) : Poco::Dynamic::Var());
    items->add(o);
  }
  JObject::Ptr o = new JObject;
  o->set("items", items);
  o->set("total", box.total);
  o->set("unread", box.unread);
  o->set("limit", limit);
  o->set("offset", offset);
  ex.send_json(200, o);
}

void post_notification_read(ApiContext& ctx, Exchange& ex) {
  const Id id = parse_id(ex.param("id"), "id");
  trk::TrackingStore tracking(ctx.store.pool());
  const auto read_at = tracking.mark_read(ex.caller().person_id, id, ctx.clock());
  if (!read_at) throw HttpError(notification_not_found());
  JObject::Ptr o = new JObject;
  o->set("id", id);
  o->set("read", true);
  o->set("read_at", wf::to_iso_vietnam(*read_at));
  ex.send_json(200, o);
}

void get_campaign_timeline(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const Id id = parse_id(ex.param("id"), "id");
  const auto record = ctx.store.get_campaign(id);
  if (!record) throw HttpError(campaign_not_found());
  if (!scope.access().can_view_campaign(record->campaign)) {
    throw HttpError(forbidden("Bạn không có quyền xem đợt đánh giá này."));
  }
  const auto cal = trk::holiday_calendar(ctx.settings.holidays_dir);
  wf::Timeline t;
  try {
    t = wf::plan_timeline(record->campaign, record->regime, *cal);
  } catch (const wf::CalendarYearMissing& err) {
    throw HttpError(calendar_year_missing(err.what()));
  }
  JObject::Ptr o = new JObject;
  o->set("campaign_id", id);
  o->set("final_deadline", wf::to_iso(t.final_deadline));
  JArray::Ptr stages = new JArray;
  std::set<int> years;
  for (const auto& p : t.stages) {
    JObject::Ptr s = new JObject;
    s->set("stage", str(wf::to_string(p.stage)));
    s->set("label", str(wf::label_vi(p.stage)));
    s->set("due", wf::to_iso(p.due));
    s->set("fixed", p.fixed);
    s->set("working_days", p.working_days);
    s->set("opens", p.opens ? Poco::Dynamic::Var(wf::to_iso(*p.opens)) : Poco::Dynamic::Var());
    stages->add(s);
    years.insert(p.due.year);
  }
  o->set("stages", stages);
  JArray::Ptr provisional = new JArray;
  for (int y : years) {
    if (cal->year(y) && cal->year(y)->provisional) provisional->add(y);
  }
  o->set("provisional_calendar_years", provisional);
  ex.send_json(200, o);
}

namespace {

// The campaign and unit of a summary-report route: the campaign must exist, the unit (default:
// the campaign's) must be supervised by the caller and lie in the campaign's tree.
std::pair<kd::storage::CampaignRecord, Id> report_scope(ApiContext& ctx, Exchange& ex,
                                                        const CallerScope& scope) {
  const Id id = parse_id(ex.param("id"), "id");
  auto record = ctx.store.get_campaign(id);
  if (!record) throw HttpError(campaign_not_found());
  Id unit = record->campaign.unit_id;
  if (const auto text = ex.query("unit_id")) unit = parse_id(*text, "unit_id");
  if (!scope.org.unit(unit)) throw HttpError(unit_not_found());
  if (!scope.access().can_supervise_unit(unit) ||
      !scope.org.in_subtree(unit, record->campaign.unit_id)) {
    throw HttpError(forbidden("Bạn không theo dõi đơn vị này trong đợt đánh giá."));
  }
  return {std::move(*record), unit};
}

JObject::Ptr report_state_json(trk::TrackingStore& tracking, Id campaign, Id unit) {
  JObject::Ptr o = new JObject;
  o->set("campaign_id", campaign);
  o->set("unit_id", unit);
  const auto job = tracking.latest_report_job(campaign, unit);
  if (job) {
    JObject::Ptr j = new JObject;
    j->set("id", job->job_id);
    j->set("state", job->state);
    j->set("attempts", job->attempts);
    j->set("last_error", job->last_error);
    j->set("requested_at", wf::to_iso_vietnam(job->requested_at));
    j->set("as_of", wf::to_iso_vietnam(job->as_of));
    o->set("job", j);
  } else {
    o->set("job", Poco::Dynamic::Var());
  }
  const auto doc = tracking.latest_report_document(campaign, unit);
  if (doc) {
    JObject::Ptr d = new JObject;
    d->set("id", doc->id);
    d->set("version", doc->version);
    d->set("title", doc->title);
    d->set("sha256", doc->sha256);
    d->set("size_bytes", doc->size_bytes);
    d->set("page_count", doc->page_count);
    d->set("created_at", wf::to_iso_vietnam(doc->created_at));
    d->set("pdf", "/api/v1/campaigns/" + std::to_string(campaign) +
                      "/summary-report/pdf?unit_id=" + std::to_string(unit));
    o->set("document", d);
  } else {
    o->set("document", Poco::Dynamic::Var());
  }
  return o;
}

}  // namespace

void post_campaign_summary_report(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const auto [record, unit] = report_scope(ctx, ex, scope);
  trk::TrackingStore tracking(ctx.store.pool());
  tracking.enqueue_summary_report(record.campaign.id, unit, scope.person.id, ctx.clock());
  ex.set_header("Location", "/api/v1/campaigns/" + std::to_string(record.campaign.id) +
                                "/summary-report?unit_id=" + std::to_string(unit));
  ex.send_json(202, report_state_json(tracking, record.campaign.id, unit));
}

void get_campaign_summary_report(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const auto [record, unit] = report_scope(ctx, ex, scope);
  trk::TrackingStore tracking(ctx.store.pool());
  ex.send_json(200, report_state_json(tracking, record.campaign.id, unit));
}

void get_campaign_summary_report_pdf(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const auto [record, unit] = report_scope(ctx, ex, scope);
  trk::TrackingStore tracking(ctx.store.pool());
  const auto doc = tracking.latest_report_document(record.campaign.id, unit);
  const auto pdf = doc ? tracking.document_pdf(doc->sha256) : std::nullopt;
  if (!pdf) throw HttpError(document_not_found());
  ex.set_header("Content-Disposition", "inline; filename=\"bao-cao-tong-hop-" +
                                           std::to_string(record.campaign.year) + ".pdf\"");
  ex.set_header("ETag", "\"" + doc->sha256 + "\"");
  ex.send_raw(200, *pdf, "application/pdf");
}

}  // namespace kd::api
