// The periods of the 100-point scoring (Nghị định 335/2025):
//   POST /api/v1/units/{id}/periods/open          open a month or quarter for the subtree
//   GET  /api/v1/periods                          list (unit_id, person_id, year, period, stage)
//   GET  /api/v1/periods/{id}                     the period, live totals, allowed actions
//   POST /api/v1/periods/{id}/actions/{action}    If-Match required
//   POST /api/v1/periods/{id}/checks/{action}     the same action rolled back: its verdict and
//                                                 the totals it would lead to
//   GET  /api/v1/periods/{id}/events              the period's audit trail
//   POST /api/v1/periods/{id}/presence            worked / absence / leave, transfers
//   POST /api/v1/periods/{id}/tasks/csv           tasks from a CSV file (If-Match)
//   GET  /api/v1/people/{id}/years/{year}         the year: periods and their mean
// A person sees their own periods; a role at or above the period's unit sees the unit's.
// Acting is decided by the period machine.
#include <map>
#include <set>

#include <Poco/JSON/Array.h>

#include "application/text_normalisation.hpp"
#include "services/api/error_mapping.hpp"
#include "services/api/handlers.hpp"
#include "services/api/json_fields.hpp"
#include "services/api/period_views.hpp"
#include "services/api/review_access.hpp"
#include "services/codec/period_codec.hpp"
#include "services/codec/task_csv.hpp"
#include "services/scoring/period_opening.hpp"
#include "services/scoring/period_reads.hpp"
#include "services/scoring/task_imports.hpp"
#include "services/scoring/year_scores.hpp"
#include "workflow/period_score.hpp"

namespace kd::api {

using kd::application::to_nfc;
namespace {

namespace app = kd::application;
namespace wf = kd::wf;
using Status = app::PeriodActionOutcome::Status;

std::string str(std::string_view v) { return std::string(v); }
std::string etag(int version) { return "\"" + std::to_string(version) + "\""; }

wf::PeriodAction action_param(const std::string& text) {
  const auto action = wf::parse_period_action(text);
  if (!action) {
    std::string names;
    for (auto a : wf::all_period_actions())
      names += (names.empty() ? "" : ", ") + str(to_string(a));
    fail(400, "unknown_action",
         "Thao tác không tồn tại. Các thao tác của kỳ đánh giá: " + names + ".");
  }
  return *action;
}

void nfc(std::string& s) { s = to_nfc(s); }
void nfc(std::vector<wf::Evidence>& list) {
  for (auto& e : list) nfc(e.name);
}
void nfc(std::vector<wf::Deduction>& list) {
  for (auto& d : list) {
    nfc(d.note);
    nfc(d.excuse_reason);
  }
}

// Every text a person typed, in NFC before any rule reads it.
void normalise(wf::PeriodRequest& r) {
  for (auto& t : r.tasks) {
    nfc(t.title);
    if (t.deductions) nfc(*t.deductions);
  }
  nfc(r.no_tasks_reason);
  for (auto& [key, p] : r.products) nfc(p.evidence);
  for (auto& [code, s] : r.scores) {
    nfc(s.reason);
    nfc(s.evidence);
  }
  for (auto& [key, list] : r.deductions) nfc(list);
  if (r.leader) {
    nfc(r.leader->d_reason);
    nfc(r.leader->dd_reason);
    nfc(r.leader->e_reason);
    nfc(r.leader->field);
  }
  nfc(r.strengths);
  nfc(r.shortcomings);
  nfc(r.comment);
  nfc(r.reason);
  nfc(r.decision);
}

bool may_view(const CallerScope& scope, const storage::StoredPeriod& p) {
  return p.record.person_id == scope.person.id || scope.access().can_view_unit(p.record.unit_id);
}

// The period of the {id} parameter as the caller sees it: 404 when absent, 403 when hidden.
app::PeriodView visible_period(ApiContext& ctx, Exchange& ex, const CallerScope& scope) {
  const wf::Id id = parse_id(ex.param("id"), "id");
  auto view = app::view_period(ctx.store.pool(), ctx.regimes, id, scope.person.id, ctx.clock());
  if (!view) throw HttpError(period_not_found());
  if (!may_view(scope, view->world.stored))
    throw HttpError(forbidden("Bạn không có quyền xem kỳ theo dõi, đánh giá này."));
  return std::move(*view);
}

void send_period(ApiContext& ctx, Exchange& ex, wf::Id id, const CallerScope& scope, int status) {
  const auto view =
      app::view_period(ctx.store.pool(), ctx.regimes, id, scope.person.id, ctx.clock());
  if (!view) throw HttpError(period_not_found());
  ex.set_header("ETag", etag(view->world.stored.record.version));
  ex.send_json(status, period_json(view->world, view->allowed));
}

wf::PeriodRequest request_from(wf::PeriodAction action, Exchange& ex) {
  const auto body = ex.json_body(true);
  try {
    auto r = kd::codec::period_request_from_json(action, *body);
    normalise(r);
    return r;
  } catch (const kd::codec::CodecError& e) {
    Problem p = make_problem(400, "invalid_field", e.what());
    p.errors.push_back({"invalid_field", e.field, e.what(), 0});
    throw HttpError(std::move(p));
  }
}

std::optional<wf::PeriodRef> period_query(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto ref = wf::parse_period_key(*text);
  if (!ref || !wf::is_valid(*ref))
    fail(400, "invalid_parameter", "Tham số \"period\" phải có dạng 2026-02 hoặc 2026-Q1.");
  return ref;
}

}  // namespace

void post_unit_periods_open(ApiContext& ctx, Exchange& ex) {
  const wf::Id unit = parse_id(ex.param("id"), "id");
  const auto body = ex.json_body(false);
  const auto ref = period_query(optional_string(*body, "period"));
  if (!ref) field_error("period", "bắt buộc, dạng 2026-02 (tháng) hoặc 2026-Q1 (quý)");
  const CallerScope scope = load_scope(ctx, ex);
  app::OpenPeriodsCommand cmd{unit, *ref, scope.person.id, ctx.clock()};
  const auto out = app::open_periods(ctx.store.pool(), ctx.regimes, cmd, app::Run::Commit);
  if (out.status == app::OpenPeriodsOutcome::Status::UnitNotFound)
    throw HttpError(unit_not_found());
  if (out.status != app::OpenPeriodsOutcome::Status::Accepted) {
    ex.send_problem(problem_from_refusals(out.refusals));
    return;
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("unit_id", unit);
  o->set("period", wf::to_key(*ref));
  Poco::JSON::Array::Ptr opened = new Poco::JSON::Array;
  for (auto id : out.opened) opened->add(id);
  o->set("opened", opened);
  o->set("already_open", out.already_open);
  Poco::JSON::Array::Ptr skipped = new Poco::JSON::Array;
  for (const auto& s : out.skipped) {
    Poco::JSON::Object::Ptr so = new Poco::JSON::Object;
    so->set("person_id", s.person_id);
    so->set("reason", s.reason_vi);
    skipped->add(so);
  }
  o->set("skipped", skipped);
  ex.send_json(200, o);
}

void get_periods(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  storage::PeriodFilter filter;
  if (const auto v = ex.query("person_id")) filter.person_id = parse_id(*v, "person_id");
  filter.year = parse_query_int(ex.query("year"), "year", 2000, 2999);
  if (const auto ref = period_query(ex.query("period"))) {
    filter.year = ref->year;
    filter.kind = ref->kind;
    filter.index = ref->index;
  }
  if (const auto v = ex.query("stage")) {
    filter.stage = wf::parse_period_stage(*v);
    if (!filter.stage) fail(400, "invalid_parameter", "Tham số \"stage\" không hợp lệ.");
  }
  const auto [limit, offset] = parse_page(ex.query("limit"), ex.query("offset"), 500, 100);
  // One's own periods, or those of the units one may see (within unit_id's subtree if given).
  const bool own = filter.person_id && *filter.person_id == scope.person.id;
  if (!own) {
    std::vector<wf::Id> units = scope.access().visible_units();
    if (const auto v = ex.query("unit_id")) {
      const wf::Id root = parse_id(*v, "unit_id");
      if (!scope.access().can_view_unit(root))
        throw HttpError(forbidden("Bạn không có quyền xem các kỳ đánh giá của đơn vị này."));
      units = scope.org.subtree(root);
    }
    filter.unit_ids = units;
  }
  const auto page = app::list_periods(ctx.store.pool(), filter, limit, offset);
  const auto& items = page.items;
  const long total = page.total;
  std::map<wf::Id, wf::Person> people;
  Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
  for (const auto& p : items) {
    auto it = people.find(p.record.person_id);
    if (it == people.end()) {
      auto person = ctx.store.get_person(p.record.person_id);
      it = people.emplace(p.record.person_id, person.value_or(wf::Person{})).first;
    }
    array->add(period_summary_json(p, it->second));
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("items", array);
  o->set("total", total);
  o->set("limit", limit);
  o->set("offset", offset);
  ex.send_json(200, o);
}

void get_period(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const auto view = visible_period(ctx, ex, scope);
  ex.set_header("ETag", etag(view.world.stored.record.version));
  ex.send_json(200, period_json(view.world, view.allowed));
}

void post_period_action(ApiContext& ctx, Exchange& ex) {
  const wf::PeriodAction action = action_param(ex.param("action"));
  const int expected = required_if_match(ex.header("If-Match"));
  auto request = request_from(action, ex);
  const CallerScope scope = load_scope(ctx, ex);
  const auto view = visible_period(ctx, ex, scope);
  app::PeriodActionCommand cmd;
  cmd.period_id = view.world.stored.record.id;
  cmd.expected_version = expected;
  cmd.actor_id = scope.person.id;
  cmd.request = std::move(request);
  cmd.now = ctx.clock();
  const auto out = app::run_period_action(ctx.store.pool(), ctx.regimes, cmd, app::Run::Commit);
  if (out.status != Status::Accepted) {
    ex.send_problem(problem_from_period(out));
    return;
  }
  send_period(ctx, ex, cmd.period_id, scope, 200);
}

void post_period_check(ApiContext& ctx, Exchange& ex) {
  const wf::PeriodAction action = action_param(ex.param("action"));
  auto request = request_from(action, ex);
  const CallerScope scope = load_scope(ctx, ex);
  const auto view = visible_period(ctx, ex, scope);
  app::PeriodActionCommand cmd;
  cmd.period_id = view.world.stored.record.id;
  cmd.actor_id = scope.person.id;
  cmd.request = std::move(request);
  cmd.now = ctx.clock();
  const auto out = app::run_period_action(ctx.store.pool(), ctx.regimes, cmd, app::Run::DryRun);
  if (out.status == Status::NotFound) throw HttpError(period_not_found());
  const bool accepted = out.status == Status::Accepted;
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("period_id", cmd.period_id);
  o->set("action", str(wf::to_string(action)));
  o->set("accepted", accepted);
  o->set("stage_after", accepted ? Poco::Dynamic::Var(str(wf::to_string(out.period.record.stage)))
                                 : Poco::Dynamic::Var());
  Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
  for (const auto& r : out.refusals) {
    Poco::JSON::Object::Ptr e = new Poco::JSON::Object;
    e->set("code", r.code);
    e->set("field", r.field);
    e->set("detail", r.message_vi);
    errors->add(e);
  }
  o->set("errors", errors);
  // The totals the period would have after the action (its own scores, or the evaluator's).
  const auto& rules = view.world.rules();
  const auto& record = accepted ? out.period.record : view.world.stored.record;
  const auto score_view =
      action == wf::PeriodAction::SelfScore ? wf::ScoreView::Self : wf::ScoreView::Manager;
  auto preview = record;
  if (!accepted && action == wf::PeriodAction::SelfScore) preview.self_scores = cmd.request.scores;
  if (!accepted && action == wf::PeriodAction::Score) preview.manager_scores = cmd.request.scores;
  o->set("score",
         kd::codec::to_json(wf::period_score(preview, view.world.person, rules, score_view)));
  ex.send_json(200, o);
}

void get_period_events(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const auto view = visible_period(ctx, ex, scope);
  const auto events = app::period_events(ctx.store.pool(), view.world.stored.record.id);
  Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
  for (const auto& e : events) {
    auto o = period_event_json(e);
    const wf::Person* who = nullptr;
    if (e.actor_id == view.world.person.id) who = &view.world.person;
    std::optional<wf::Person> other;
    if (!who && e.actor_id != 0) {
      other = ctx.store.get_person(e.actor_id);
      if (other) who = &*other;
    }
    o->set("actor_name", who ? Poco::Dynamic::Var(who->full_name) : Poco::Dynamic::Var());
    items->add(o);
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("period_id", view.world.stored.record.id);
  o->set("items", items);
  ex.send_json(200, o);
}

void post_period_presence(ApiContext& ctx, Exchange& ex) {
  const int expected = required_if_match(ex.header("If-Match"));
  const auto body = ex.json_body(false);
  const auto text = optional_string(*body, "presence");
  const auto presence = text ? wf::parse_period_presence(*text) : std::nullopt;
  if (!presence)
    field_error("presence", "một trong worked, absence, sick_leave, maternity, not_employed");
  const CallerScope scope = load_scope(ctx, ex);
  const auto view = visible_period(ctx, ex, scope);
  app::PresenceCommand cmd;
  cmd.period_id = view.world.stored.record.id;
  cmd.expected_version = expected;
  cmd.actor_id = scope.person.id;
  cmd.presence = *presence;
  cmd.agency = to_nfc(optional_string(*body, "agency").value_or(""));
  cmd.note = to_nfc(optional_string(*body, "note").value_or(""));
  cmd.now = ctx.clock();
  const auto out = app::set_presence(ctx.store.pool(), ctx.regimes, cmd, app::Run::Commit);
  if (out.status != Status::Accepted) {
    ex.send_problem(problem_from_period(out));
    return;
  }
  send_period(ctx, ex, cmd.period_id, scope, 200);
}

void post_period_tasks_csv(ApiContext& ctx, Exchange& ex) {
  const int expected = required_if_match(ex.header("If-Match"));
  const auto csv = kd::codec::parse_task_csv(to_nfc(ex.body()));
  if (!csv.refusals.empty()) {
    ex.send_problem(problem_from_refusals(csv.refusals));
    return;
  }
  const CallerScope scope = load_scope(ctx, ex);
  const auto view = visible_period(ctx, ex, scope);
  app::CsvImportCommand cmd;
  cmd.period_id = view.world.stored.record.id;
  cmd.expected_version = expected;
  cmd.actor_id = scope.person.id;
  cmd.tasks = csv.tasks;
  cmd.now = ctx.clock();
  const auto out = app::import_task_csv(ctx.store.pool(), ctx.regimes, cmd, app::Run::Commit);
  if (out.action.status != Status::Accepted) {
    ex.send_problem(problem_from_period(out.action));
    return;
  }
  send_period(ctx, ex, cmd.period_id, scope, 200);
}

void get_person_year(ApiContext& ctx, Exchange& ex) {
  const wf::Id person_id = parse_id(ex.param("id"), "id");
  const auto year = parse_query_int(ex.param("year"), "year", 2000, 2999);
  const CallerScope scope = load_scope(ctx, ex);
  const auto view = app::year_of_person(ctx.store.pool(), ctx.regimes, person_id, *year);
  if (!view) fail(404, "person_not_found", "Không tìm thấy người này.");
  if (person_id != scope.person.id && !scope.access().can_view_unit(view->person.unit_id))
    throw HttpError(forbidden("Bạn không có quyền xem kết quả của người này."));
  ex.send_json(200, year_json(*view));
}

}  // namespace kd::api
