// Campaign routes: create, list, show, open, list reviews, batch decide, batch publish, and
// the previews of both batches: the batch use case itself, planned and rolled back.
#include <algorithm>
#include <cctype>
#include <functional>
#include <memory>
#include <set>

#include <Poco/JSON/Array.h>

#include "application/text_normalisation.hpp"
#include "services/api/error_mapping.hpp"
#include "services/api/handlers.hpp"
#include "services/api/idempotency.hpp"
#include "services/api/json_fields.hpp"
#include "services/api/review_access.hpp"
#include "services/api/views.hpp"
#include "services/tracking/service.hpp"
#include "workflow/deadlines.hpp"
#include "workflow/text_policy.hpp"

namespace kd::api {
namespace {

using kd::wf::Id;

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 200;

// The {id} campaign, visible to the caller (404 / 403 otherwise).
kd::storage::CampaignRecord load_visible_campaign(ApiContext& ctx, const Exchange& ex,
                                                  const CallerScope& scope) {
  const Id id = parse_id(ex.param("id"), "id");
  auto record = ctx.store.get_campaign(id);
  if (!record) throw HttpError(campaign_not_found());
  if (!scope.access().can_view_campaign(record->campaign)) {
    throw HttpError(forbidden("Bạn không có quyền xem đợt đánh giá này."));
  }
  return std::move(*record);
}

void require_manager(const CallerScope& scope, Id unit) {
  if (!scope.access().can_manage_unit(unit)) {
    throw HttpError(
        forbidden("Chỉ cấp ủy hoặc quản trị viên của đơn vị (hoặc cấp trên) mới được thực hiện "
                  "thao tác này."));
  }
}

bool query_bool(const Exchange& ex, const std::string& name) {
  const auto text = ex.query(name);
  if (!text || *text == "false" || *text == "0") return false;
  if (*text == "true" || *text == "1" || text->empty()) return true;
  fail(400, "invalid_parameter", "Tham số \"" + name + "\" phải là true hoặc false.");
}

std::map<kd::wf::Stage, kd::wf::Date> parse_stage_due(const Poco::JSON::Object::Ptr& due) {
  std::map<kd::wf::Stage, kd::wf::Date> out;
  if (!due) return out;
  for (const auto& [key, value] : *due) {
    const std::string field = "stage_due." + key;
    const auto stage = kd::wf::parse_stage(key);
    if (!stage) field_error(field, "không phải là tên giai đoạn");
    if (!value.isString()) field_error(field, "phải là ngày dạng YYYY-MM-DD");
    const auto date = kd::wf::parse_iso_date(value.extract<std::string>());
    if (!date) field_error(field, "phải là ngày dạng YYYY-MM-DD");
    out[*stage] = *date;
  }
  return out;
}

std::vector<Id> id_list(const Poco::JSON::Array::Ptr& array, const std::string& key) {
  std::vector<Id> ids;
  if (!array) return ids;
  if (array->size() > kd::storage::kMaxBatch)
    field_error(key, "tối đa " + std::to_string(kd::storage::kMaxBatch) + " hồ sơ");
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto v = array->get(static_cast<unsigned>(i));
    if (v.isBoolean() || !v.isInteger() || v.convert<Poco::Int64>() <= 0) {
      field_error(key + "[" + std::to_string(i) + "]", "phải là mã hồ sơ (số nguyên dương)");
    }
    ids.push_back(v.convert<Poco::Int64>());
  }
  return ids;
}

Poco::JSON::Array::Ptr ids_json(const std::vector<Id>& ids) {
  Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
  for (Id id : ids) a->add(id);
  return a;
}

// The Idempotency-Key of a batch request, with how its answer is rendered for replays; null
// without the header.
std::unique_ptr<kd::storage::BatchKey> batch_key(
    Exchange& ex, std::function<Poco::JSON::Object::Ptr(const kd::storage::BatchOutcome&)> answer) {
  const std::string key = idempotency_key(ex);
  if (key.empty()) return nullptr;
  auto k = std::make_unique<kd::storage::BatchKey>();
  k->account_id = ex.caller().account_id;
  k->key = key;
  k->fingerprint = request_fingerprint(ex);
  k->render = [answer](const kd::storage::BatchOutcome& outcome) {
    return kd::storage::StoredResponse{200, to_json_text(answer(outcome))};
  };
  return k;
}

// Sends a batch's outcome: the stored answer of a replay, the problem of a refusal, or the
// answer of the accepted batch (byte for byte what a replay will send).
void send_batch(
    Exchange& ex, const kd::storage::BatchOutcome& outcome,
    const std::function<Poco::JSON::Object::Ptr(const kd::storage::BatchOutcome&)>& answer) {
  if (outcome.replayed) {
    ex.set_header("Idempotent-Replayed", "true");
    ex.send_raw(outcome.replay.status, outcome.replay.body, "application/json; charset=utf-8");
  } else if (!outcome.accepted) {
    ex.send_problem(problem_from_batch(outcome));
  } else {
    ex.send_raw(200, to_json_text(answer(outcome)), "application/json; charset=utf-8");
  }
}

// The body of a batch decision, read once for the action and its preview. Reading only: an
// empty batch, an id named twice and an exception without its reason are the use case's
// refusals, alike in both.
struct DecideBatch {
  std::vector<kd::storage::BatchItem> items;
  bool quota_override = false;
  std::string override_reason;
  std::string quota_decision;  // the exception for an outstanding organisation: its decision
};

DecideBatch read_decide_batch(Exchange& ex) {
  const auto body = ex.json_body(false);
  const auto array = optional_array(*body, "items");
  if (!array) field_error("items", "bắt buộc, mảng {review_id, rating}");
  if (array->size() > kd::storage::kMaxBatch)
    field_error("items", "tối đa " + std::to_string(kd::storage::kMaxBatch) + " hồ sơ");
  DecideBatch batch;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string key = "items[" + std::to_string(i) + "]";
    const auto item = array->getObject(static_cast<unsigned>(i));
    if (!item) field_error(key, "phải là đối tượng {review_id, rating}");
    kd::storage::BatchItem b;
    try {
      b.review_id = required_int(*item, "review_id");
    } catch (const HttpError&) {
      field_error(key + ".review_id", "bắt buộc, số nguyên dương");
    }
    if (b.review_id <= 0) field_error(key + ".review_id", "bắt buộc, số nguyên dương");
    std::optional<std::string> rating;
    try {
      rating = optional_string(*item, "rating");
    } catch (const HttpError&) {
      field_error(key + ".rating", "phải là HTXS, HTT, HT hoặc KHT");
    }
    if (rating) {
      b.rating = kd::wf::parse_rating(*rating);
      if (!b.rating) field_error(key + ".rating", "phải là HTXS, HTT, HT hoặc KHT");
    }
    batch.items.push_back(b);
  }
  batch.quota_override = optional_bool(*body, "quota_override", false);
  batch.override_reason =
      kd::application::to_nfc(optional_string(*body, "override_reason").value_or(""));
  batch.quota_decision =
      kd::application::to_nfc(optional_string(*body, "quota_decision").value_or(""));
  return batch;
}

// The body of a batch publication (no body: every decided review).
std::vector<Id> read_publish_batch(Exchange& ex) {
  const auto body = ex.json_body(true);
  return id_list(optional_array(*body, "review_ids"), "review_ids");
}

// A preview's answer: whether the batch would be accepted, the reviews it would change and
// every refusal it would meet (with its review), as data.
Poco::JSON::Object::Ptr preview_json(const kd::storage::CampaignRecord& record,
                                     const kd::storage::BatchOutcome& outcome,
                                     const std::string& changed) {
  Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
  auto add = [&](const kd::wf::Refusals& refusals, Id review_id) {
    for (const auto& r : refusals) {
      Poco::JSON::Object::Ptr e = new Poco::JSON::Object;
      e->set("code", r.code);
      e->set("field", r.field);
      e->set("detail", r.message_vi);
      if (review_id != 0) e->set("review_id", review_id);
      errors->add(e);
    }
  };
  add(outcome.refusals, 0);
  for (const auto& [id, refusals] : outcome.per_review) add(refusals, id);
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("campaign_id", record.campaign.id);
  o->set("accepted", outcome.accepted);
  o->set(changed, ids_json(outcome.review_ids));
  o->set("errors", errors);
  return o;
}

}  // namespace

void post_campaign(ApiContext& ctx, Exchange& ex) {
  const auto body = ex.json_body(false);
  kd::wf::Campaign c;
  c.unit_id = required_int(*body, "unit_id");
  const auto year = required_int(*body, "year");
  if (year < 2000 || year > 2100) field_error("year", "phải là năm từ 2000 đến 2100");
  c.year = static_cast<int>(year);
  // The name as the text policy wants it: NFC, within the limit of a short text; a blank one is
  // no name (the default).
  const std::string default_name = "Đánh giá, xếp loại chất lượng năm " + std::to_string(c.year);
  c.name = kd::application::to_nfc(optional_string(*body, "name").value_or(default_name));
  if (kd::wf::is_blank(c.name)) c.name = default_name;
  if (const auto too_long = kd::wf::text_length_refusals(kd::wf::TextKind::Short, c.name, "name");
      !too_long.empty()) {
    throw HttpError(problem_from_refusals(too_long));
  }
  c.regime_id = required_string(*body, "regime_id");
  const auto version = optional_int(*body, "regime_version");
  c.special_agency = optional_bool(*body, "special_agency", false);
  c.stage_due = parse_stage_due(optional_object(*body, "stage_due"));
  c.status = kd::wf::CampaignStatus::Draft;

  const CallerScope scope = load_scope(ctx, ex);
  if (!scope.org.unit(c.unit_id)) {
    fail(422, "unknown_unit", "Không có đơn vị mã " + std::to_string(c.unit_id) + ".");
  }
  require_manager(scope, c.unit_id);
  const kd::wf::Regime* regime = version ? ctx.regimes.find(c.regime_id, static_cast<int>(*version))
                                         : ctx.regimes.latest(c.regime_id);
  if (!regime) {
    fail(422, "unknown_regime",
         "Không có quy định \"" + c.regime_id + "\"" +
             (version ? " phiên bản " + std::to_string(*version) : std::string()) +
             " trong danh mục.");
  }
  c.regime_version = regime->version;
  // The timeline: the campaign's own dates in order, on working days, before the
  // regime's final date, each stage at least its allowed working days. Refused: nothing written.
  kd::wf::Refusals timeline;
  try {
    timeline = kd::wf::check_timeline(c, *regime,
                                      *kd::tracking::holiday_calendar(ctx.settings.holidays_dir),
                                      kd::wf::vietnam_date(ctx.clock()));
  } catch (const kd::wf::CalendarYearMissing& err) {
    throw HttpError(calendar_year_missing(err.what()));
  }
  if (!timeline.empty()) {
    Problem p = problem_from_refusals(timeline);
    p.code = timeline.front().code;  // stable: due_after_deadline, stage_too_short, ...
    throw HttpError(std::move(p));
  }
  const Id id = ctx.store.create_campaign(c, *regime);
  const auto record = ctx.store.get_campaign(id);
  if (!record) throw std::runtime_error("campaign " + std::to_string(id) + " vanished");
  ex.set_header("Location", "/api/v1/campaigns/" + std::to_string(id));
  ex.send_json(201, campaign_json(record->campaign, &record->regime));
}

void get_campaigns(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const kd::wf::Access access = scope.access();
  Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
  for (const auto& c : ctx.store.list_campaigns({})) {
    if (access.can_view_campaign(c)) items->add(campaign_json(c, nullptr));
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("items", items);
  ex.send_json(200, o);
}

void get_campaign(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const auto record = load_visible_campaign(ctx, ex, scope);
  Poco::JSON::Object::Ptr o = campaign_json(record.campaign, &record.regime);
  o->set("can_manage", scope.access().can_manage_unit(record.campaign.unit_id));
  ex.send_json(200, o);
}

void post_campaign_open(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const auto record = load_visible_campaign(ctx, ex, scope);
  require_manager(scope, record.campaign.unit_id);
  const auto outcome = ctx.store.open_campaign(record.campaign.id, scope.person.id, ctx.clock());
  if (!outcome.accepted) {
    ex.send_problem(problem_from_refusals(outcome.refusals));
    return;
  }
  const auto after = ctx.store.get_campaign(record.campaign.id);
  if (!after) throw std::runtime_error("campaign vanished while opening");
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("campaign", campaign_json(after->campaign, &after->regime));
  o->set("reviews_created", outcome.reviews_created);
  ex.send_json(200, o);
}

void get_campaign_reviews(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const auto record = load_visible_campaign(ctx, ex, scope);
  const kd::wf::Date today = kd::wf::vietnam_date(ctx.clock());

  kd::storage::ReviewFilter filter;
  filter.campaign_id = record.campaign.id;
  filter.today = today;
  if (const auto stage_text = ex.query("stage")) {
    filter.stage = kd::wf::parse_stage(*stage_text);
    if (!filter.stage) {
      fail(400, "invalid_parameter", "Tham số \"stage\" không phải là tên giai đoạn hợp lệ.");
    }
  }
  filter.overdue_only = query_bool(ex, "overdue");
  const auto [limit, offset] =
      parse_page(ex.query("limit"), ex.query("offset"), kMaxLimit, kDefaultLimit);

  std::vector<Id> base = scope.org.subtree(record.campaign.unit_id);
  if (const auto unit_text = ex.query("unit")) {
    const Id unit = parse_id(*unit_text, "unit");
    if (!scope.org.in_subtree(unit, record.campaign.unit_id)) {
      fail(400, "invalid_parameter", "Đơn vị được lọc không thuộc phạm vi của đợt đánh giá.");
    }
    base = scope.org.subtree(unit);
  }
  // Scope on the server: the units the caller oversees, else only their own review.
  const auto visible = scope.access().visible_units();
  std::sort(base.begin(), base.end());
  std::vector<Id> allowed;
  std::set_intersection(base.begin(), base.end(), visible.begin(), visible.end(),
                        std::back_inserter(allowed));
  if (allowed.empty()) {
    filter.person_id = scope.person.id;
    filter.unit_ids = base;
  } else {
    filter.unit_ids = allowed;
  }

  const auto page = ctx.store.list_reviews(filter, limit, offset);
  Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
  for (const auto& row : page.items) {
    items->add(review_summary_json(row, record.campaign, today));
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("items", items);
  o->set("total", static_cast<Poco::Int64>(page.total));
  o->set("limit", limit);
  o->set("offset", offset);
  ex.send_json(200, o);
}

void post_campaign_decide(ApiContext& ctx, Exchange& ex) {
  const DecideBatch batch = read_decide_batch(ex);
  const CallerScope scope = load_scope(ctx, ex);
  const auto record = load_visible_campaign(ctx, ex, scope);
  const Id campaign_id = record.campaign.id;
  const bool quota_override = batch.quota_override;
  const std::string quota_decision = batch.quota_decision;
  const auto answer = [campaign_id, quota_override,
                       quota_decision](const kd::storage::BatchOutcome& outcome) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("campaign_id", campaign_id);
    o->set("decided", ids_json(outcome.review_ids));
    o->set("quota_override", quota_override);
    o->set("quota_decision",
           quota_decision.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(quota_decision));
    o->set("quota",
           outcome.quota ? Poco::Dynamic::Var(quota_json(*outcome.quota)) : Poco::Dynamic::Var());
    return o;
  };
  const auto key = batch_key(ex, answer);
  const auto outcome =
      ctx.store.decide_batch(campaign_id, scope.person.id, batch.items, batch.quota_override,
                             batch.override_reason, ctx.clock(), key.get(), batch.quota_decision);
  send_batch(ex, outcome, answer);
}

void post_campaign_decide_preview(ApiContext& ctx, Exchange& ex) {
  const DecideBatch batch = read_decide_batch(ex);
  const CallerScope scope = load_scope(ctx, ex);
  const auto record = load_visible_campaign(ctx, ex, scope);
  const auto outcome = ctx.store.decide_batch(
      record.campaign.id, scope.person.id, batch.items, batch.quota_override, batch.override_reason,
      ctx.clock(), nullptr, batch.quota_decision, kd::storage::BatchRun::RollBack);
  Poco::JSON::Object::Ptr o = preview_json(record, outcome, "decided");
  o->set("quota_ok", outcome.quota && outcome.quota->ok);
  o->set("quota_percent", record.regime.quota.htxs_percent_of_htt);
  o->set("override_allowed", record.regime.quota.override_allowed);
  o->set("quota", outcome.quota ? quota_json(*outcome.quota)
                                : Poco::JSON::Array::Ptr(new Poco::JSON::Array));
  ex.send_json(200, o);
}

void post_campaign_publish(ApiContext& ctx, Exchange& ex) {
  const auto ids = read_publish_batch(ex);
  const CallerScope scope = load_scope(ctx, ex);
  const auto record = load_visible_campaign(ctx, ex, scope);
  const Id campaign_id = record.campaign.id;
  const auto answer = [campaign_id](const kd::storage::BatchOutcome& outcome) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("campaign_id", campaign_id);
    o->set("published", ids_json(outcome.review_ids));
    return o;
  };
  const auto key = batch_key(ex, answer);
  const auto outcome =
      ctx.store.publish_batch(campaign_id, scope.person.id, ids, ctx.clock(), key.get());
  send_batch(ex, outcome, answer);
}

void post_campaign_publish_preview(ApiContext& ctx, Exchange& ex) {
  const auto ids = read_publish_batch(ex);
  const CallerScope scope = load_scope(ctx, ex);
  const auto record = load_visible_campaign(ctx, ex, scope);
  const auto outcome =
      ctx.store.publish_batch(record.campaign.id, scope.person.id, ids, ctx.clock(), nullptr,
                              kd::storage::BatchRun::RollBack);
  ex.send_json(200, preview_json(record, outcome, "published"));
}

}  // namespace kd::api
