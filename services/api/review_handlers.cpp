// GET /reviews/{id}, POST /reviews/{id}/actions/{action}, GET /reviews/{id}/events.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include <Poco/JSON/Array.h>
#include <Poco/String.h>

#include "application/text_normalisation.hpp"
#include "services/api/document_views.hpp"
#include "services/api/error_mapping.hpp"
#include "services/api/handlers.hpp"
#include "services/api/idempotency.hpp"
#include "services/api/json_fields.hpp"
#include "services/api/review_access.hpp"
#include "services/api/tokens.hpp"
#include "services/api/views.hpp"
#include "services/codec/json_codec.hpp"

namespace kd::api {
namespace {

std::string etag(int version) { return "\"" + std::to_string(version) + "\""; }

std::string render_review(const LoadedReview& loaded, const kd::wf::Review& current,
                          const CallerScope& scope, kd::wf::TimePoint now,
                          std::optional<kd::wf::Action> done = std::nullopt) {
  const auto actions = actions_for(loaded, current, scope, now, done);
  const ReviewView view{current,
                        loaded.row.person,
                        loaded.row.unit_name,
                        loaded.campaign.campaign,
                        loaded.campaign.regime,
                        actions};
  return to_json_text(review_json(view));
}

void send_review(Exchange& ex, int status, const std::string& body, int version) {
  ex.set_header("ETag", etag(version));
  ex.send_raw(status, body, "application/json; charset=utf-8");
}

}  // namespace

void get_review(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const LoadedReview loaded = load_visible_review(ctx, ex, scope);
  const auto& review = loaded.row.review;
  const auto actions = actions_for(loaded, review, scope, ctx.clock());
  const ReviewView view{review,
                        loaded.row.person,
                        loaded.row.unit_name,
                        loaded.campaign.campaign,
                        loaded.campaign.regime,
                        actions};
  auto json = review_json(view);
  json->set("render_status", render_status_json(ctx, review.id));  // documents of the review
  send_review(ex, 200, to_json_text(json), review.version);
}

void post_review_action(ApiContext& ctx, Exchange& ex) {
  ex.note_review(parse_id(ex.param("id"), "id"));
  const kd::wf::Action action = parse_action_param(ex.param("action"));
  const auto if_match = ex.header("If-Match");
  if (!if_match) {
    fail(
        428, "if_match_required",
        "Cần tiêu đề If-Match với phiên bản hồ sơ đang xem (giá trị ETag), ví dụ If-Match: \"3\".");
  }
  const int expected_version = parse_if_match(*if_match);
  const std::string key = idempotency_key(ex);
  const auto body = ex.json_body(true);
  kd::wf::ActionRequest request = decode_action_request(action, *body);
  kd::application::normalise(request);

  const CallerScope scope = load_scope(ctx, ex);
  const LoadedReview loaded = load_visible_review(ctx, ex, scope);
  const kd::wf::TimePoint now = ctx.clock();

  kd::storage::TransitionCommand cmd;
  cmd.review_id = loaded.row.review.id;
  cmd.expected_version = expected_version;
  cmd.actor_id = scope.person.id;
  cmd.request = std::move(request);
  cmd.now = now;
  // The body stored for replays is the one sent now, byte for byte.
  std::optional<std::string> rendered;
  if (!key.empty()) {
    cmd.account_id = ex.caller().account_id;
    cmd.idempotency_key = key;
    cmd.fingerprint = request_fingerprint(ex);
    cmd.render = [&](const kd::wf::Review& after) {
      rendered = render_review(loaded, after, scope, now, action);
      return kd::storage::StoredResponse{200, *rendered};
    };
  }

  const auto outcome = ctx.store.transition(cmd);
  using S = kd::storage::TransitionOutcome::Status;
  switch (outcome.status) {
    case S::Accepted: {
      const auto& after = outcome.result.review;
      send_review(ex, 200, rendered ? *rendered : render_review(loaded, after, scope, now, action),
                  after.version);
      return;
    }
    case S::Replayed:
      ex.set_header("Idempotent-Replayed", "true");
      ex.send_raw(outcome.replay.status, outcome.replay.body, "application/json; charset=utf-8");
      return;
    default:
      ex.send_problem(problem_from_transition(outcome));
      return;
  }
}

void get_review_events(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const LoadedReview loaded = load_visible_review(ctx, ex, scope);
  // Each event names who acted: the caller may see the review, so also who acted on it (the
  // name only; the person's other details stay behind the people routes' own scope checks).
  const auto events = ctx.store.events(loaded.row.review.id);
  std::map<kd::wf::Id, std::string> names;
  for (const auto& e : events) {
    if (e.actor_id == 0 || names.count(e.actor_id)) continue;
    const auto person = ctx.store.get_person(e.actor_id);
    names[e.actor_id] = person ? person->full_name : std::string();
  }
  Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
  for (const auto& e : events) {
    auto o = event_json(e);
    Poco::JSON::Object::Ptr actor = new Poco::JSON::Object;
    actor->set("id", e.actor_id);
    const auto it = names.find(e.actor_id);
    actor->set("full_name", it == names.end() || it->second.empty()
                                ? Poco::Dynamic::Var()
                                : Poco::Dynamic::Var(it->second));
    o->set("actor", actor);
    items->add(o);
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("review_id", loaded.row.review.id);
  o->set("items", items);
  ex.send_json(200, o);
}

}  // namespace kd::api
