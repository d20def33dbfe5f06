// Read-only dry runs for the web UI, so that it never re-implements a domain rule:
//   GET  /api/v1/reviews/{id}/form             the form the reviewee fills (the campaign's
//                                                pinned regime), the rating bounds, the labels
//   POST /api/v1/reviews/{id}/checks/{action}  the action itself (Store::transition) planned
//                                                and rolled back: the same answer, nothing written
// (The batch previews, the batch use cases rolled back, are campaign_handlers.cpp's.)
// Nothing here writes; each answers 200 with the refusals as data.
#include <optional>
#include <set>

#include <Poco/JSON/Array.h>

#include "application/text_normalisation.hpp"
#include "services/api/error_mapping.hpp"
#include "services/api/handlers.hpp"
#include "services/api/json_fields.hpp"
#include "services/api/review_access.hpp"
#include "services/api/views.hpp"
#include "services/codec/json_codec.hpp"
#include "workflow/rating_rules.hpp"

namespace kd::api {
namespace {

using kd::wf::Id;

std::string str(std::string_view v) { return std::string(v); }

Poco::JSON::Object::Ptr error_json(const kd::wf::Refusal& r, Id review_id) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("code", r.code);
  o->set("field", r.field);
  o->set("detail", r.message_vi);
  if (review_id != 0) o->set("review_id", review_id);
  return o;
}

Poco::JSON::Array::Ptr rating_labels() {
  Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
  for (auto r : kd::wf::all_ratings()) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("code", str(kd::wf::to_string(r)));
    o->set("label_vi", str(kd::wf::label_vi(r)));
    a->add(o);
  }
  return a;
}

}  // namespace

void get_review_form(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const LoadedReview loaded = load_visible_review(ctx, ex, scope);
  const auto& person = loaded.row.person;
  const auto& review = loaded.row.review;
  const auto& regime = loaded.campaign.regime;
  const kd::wf::FormSpec& spec = kd::wf::form_of(regime, person);

  Poco::JSON::Array::Ptr sections = new Poco::JSON::Array;
  for (const auto& s : spec.sections) {
    if (s.leaders_only && !person.leader) continue;  // not part of this person's form
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("key", s.key);
    o->set("title", s.title);
    o->set("required", s.required);
    sections->add(o);
  }
  Poco::JSON::Object::Ptr form = new Poco::JSON::Object;
  form->set("code", spec.code);
  form->set("title", spec.title);
  form->set("sections", sections);

  Poco::JSON::Array::Ptr missing = new Poco::JSON::Array;
  for (const auto& s : kd::wf::missing_sections(review.form, person, regime)) missing->add(s.key);

  const auto year = ctx.store.year_binding(review.id, kd::wf::Action::Submit);
  const auto bounds =
      year ? year->bounds : kd::wf::rating_bounds(person, review.facts, regime.rating_rules);
  Poco::JSON::Object::Ptr b = new Poco::JSON::Object;
  b->set("rated", bounds.rated);
  b->set("best", str(kd::wf::to_string(bounds.best)));
  Poco::JSON::Array::Ptr reasons = new Poco::JSON::Array;
  for (const auto& r : bounds.reasons_vi) reasons->add(r);
  b->set("reasons_vi", reasons);

  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("review_id", review.id);
  o->set("regime", regime.title);
  o->set("form", form);
  o->set("missing", missing);
  o->set("rating_bounds", b);
  o->set("ratings", rating_labels());
  ex.send_json(200, o);
}

void post_review_check(ApiContext& ctx, Exchange& ex) {
  const kd::wf::Action action = parse_action_param(ex.param("action"));
  const auto body = ex.json_body(true);
  kd::wf::ActionRequest request = decode_action_request(action, *body);
  kd::application::normalise(request);
  const CallerScope scope = load_scope(ctx, ex);
  const LoadedReview loaded = load_visible_review(ctx, ex, scope);
  // The action itself, planned and rolled back: the machine, the quota of the campaign and the
  // signature facts, as the action would meet them now.
  kd::storage::TransitionCommand cmd;
  cmd.review_id = loaded.row.review.id;
  cmd.actor_id = scope.person.id;
  cmd.request = std::move(request);
  cmd.now = ctx.clock();
  cmd.check_only = true;
  const auto outcome = ctx.store.transition(cmd);
  if (outcome.status == kd::storage::TransitionOutcome::Status::NotFound) {
    throw HttpError(review_not_found());
  }
  const auto& result = outcome.result;
  Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
  for (const auto& r : result.refusals) errors->add(error_json(r, 0));
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("review_id", loaded.row.review.id);
  o->set("action", str(kd::wf::to_string(action)));
  o->set("accepted", result.accepted);
  o->set("stage_after", result.accepted ? Poco::Dynamic::Var(str(kd::wf::to_string(result.to)))
                                        : Poco::Dynamic::Var());
  o->set("errors", errors);
  ex.send_json(200, o);
}

}  // namespace kd::api
