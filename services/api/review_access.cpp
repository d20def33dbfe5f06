#include "services/api/review_access.hpp"

#include <stdexcept>

#include "services/api/error_mapping.hpp"
#include "services/api/json_fields.hpp"

namespace kd::api {

CallerScope load_scope(ApiContext& ctx, const Exchange& ex) {
  CallerScope scope;
  auto person = ctx.store.get_person(ex.caller().person_id);
  if (!person) {
    fail(401, "invalid_token", "Tài khoản không còn gắn với cán bộ nào. Vui lòng đăng nhập lại.");
  }
  scope.person = std::move(*person);
  scope.org = ctx.store.load_org_tree();
  return scope;
}

LoadedReview load_visible_review(ApiContext& ctx, Exchange& ex, const CallerScope& scope) {
  const kd::wf::Id id = parse_id(ex.param("id"), "id");
  ex.note_review(id);
  auto row = ctx.store.get_review_row(id);
  if (!row) throw HttpError(review_not_found());
  if (!scope.access().can_view_review(row->review)) {
    throw HttpError(forbidden("Bạn không có quyền xem hồ sơ đánh giá này."));
  }
  auto campaign = ctx.store.get_campaign(row->review.campaign_id);
  if (!campaign) {
    throw std::runtime_error("review " + std::to_string(id) + " has no campaign");
  }
  auto signatures = ctx.store.signature_facts(id);
  return LoadedReview{std::move(*row), std::move(*campaign), std::move(signatures)};
}

kd::storage::DocumentRecord load_visible_document(ApiContext& ctx, Exchange& ex,
                                                  const CallerScope& scope) {
  kd::storage::DocumentStore docs(ctx.store.pool());
  const auto doc = docs.document(parse_id(ex.param("id"), "id"));
  if (!doc) throw HttpError(document_not_found());
  const kd::wf::Access access = scope.access();
  for (const auto review_id : doc->review_ids) {
    const auto review = ctx.store.get_review(review_id);
    if (review && access.can_view_review(*review)) {
      ex.note_review(review_id);
      return *doc;
    }
  }
  throw HttpError(forbidden("Bạn không có quyền xem văn bản này."));
}

std::vector<kd::wf::Action> actions_for(const LoadedReview& loaded, const kd::wf::Review& current,
                                        const CallerScope& scope, kd::wf::TimePoint now,
                                        std::optional<kd::wf::Action> done) {
  std::optional<kd::wf::SignatureFacts> facts = loaded.signatures;
  if (facts && done) facts = kd::wf::facts_after(*facts, *done);
  const kd::wf::TransitionContext tc{current,
                                     loaded.row.person,
                                     loaded.campaign.regime,
                                     loaded.campaign.campaign,
                                     scope.org,
                                     scope.person.id,
                                     now,
                                     facts ? &*facts : nullptr};
  return kd::wf::allowed_actions(tc);
}

}  // namespace kd::api
