// The reviewee's self-assessment draft, kept on the server, and its PDF preview:
//   GET  /api/v1/reviews/{id}/draft         {"review_id", "form": FormContent|null, "updated_at"}
//   PUT  /api/v1/reviews/{id}/draft         {"form": FormContent} -> the stored draft
//   POST /api/v1/reviews/{id}/form/preview  {"form": FormContent} -> application/pdf
// Only the reviewee, and only while the review is at self-assessment (a draft is the form
// being written). The form obeys the one form policy of the submitted form (NFC, the person's
// sections, text lengths: workflow/text_policy.hpp). A draft
// saved before the review last changed stage (e.g. before a submit that was then returned) is
// not offered again: the submitted form is newer. The preview renders the form through the
// documents pipeline (ApiDeps::form_preview) and stores nothing.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>

#include "application/text_normalisation.hpp"
#include "services/api/error_mapping.hpp"
#include "services/api/handlers.hpp"
#include "services/api/json_fields.hpp"
#include "services/api/review_access.hpp"
#include "services/codec/json_codec.hpp"
#include "services/storage/draft_store.hpp"
#include "workflow/text_policy.hpp"

namespace kd::api {
namespace {

// The stored record (canonical JSON) at most the draft column allows (migration 0006).
constexpr std::size_t kMaxDraftBytes = 262144;

// The review, checked: the caller is its reviewee and it is at self-assessment.
LoadedReview reviewee_review(ApiContext& ctx, Exchange& ex, const CallerScope& scope) {
  LoadedReview loaded = load_visible_review(ctx, ex, scope);
  if (loaded.row.review.person_id != scope.person.id)
    throw HttpError(
        forbidden("Chỉ người được đánh giá mới xem và lưu được bản nháp phiếu của mình."));
  return loaded;
}

void require_self_assessment(const LoadedReview& loaded) {
  if (loaded.row.review.stage != kd::wf::Stage::SelfAssessment)
    fail(409, "not_allowed_in_stage",
         "Hồ sơ không còn ở giai đoạn tự đánh giá: không lưu nháp, xem trước phiếu được nữa.");
}

// {"form": FormContent} read, checked against the person's form, in NFC.
kd::wf::FormContent form_from_body(Exchange& ex, const LoadedReview& loaded) {
  const auto body = ex.json_body(false);
  const auto form_obj = body->getObject("form");
  if (!form_obj) {
    const bool absent = !body->has("form") || body->isNull("form");
    const std::string code = absent ? "missing_field" : "invalid_field";
    Problem p =
        make_problem(400, code,
                     absent ? "Thiếu trường \"form\" (nội dung phiếu)."
                            : "Trường \"form\" phải là một đối tượng JSON (nội dung phiếu).");
    p.errors.push_back({code, "form", p.detail, 0});
    throw HttpError(std::move(p));
  }
  kd::wf::FormContent form;
  try {
    form = kd::codec::form_from_json(*form_obj);
  } catch (const kd::codec::CodecError& e) {
    invalid_field(e);
  }
  // The one form policy, as for the submitted form (the submit guard): NFC first.
  kd::application::normalise(form);
  const auto refusals =
      kd::wf::form_policy_refusals(form, loaded.row.person, loaded.campaign.regime);
  if (!refusals.empty()) throw HttpError(problem_from_refusals(refusals));
  return form;
}

Poco::JSON::Object::Ptr draft_json(kd::wf::Id review_id,
                                   const std::optional<kd::storage::DraftRecord>& d) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("review_id", review_id);
  if (d) {
    Poco::JSON::Parser parser;
    o->set("form", parser.parse(d->form_json));
    o->set("updated_at", kd::wf::to_iso_vietnam(d->updated_at));
  } else {
    o->set("form", Poco::Dynamic::Var());
    o->set("updated_at", Poco::Dynamic::Var());
  }
  return o;
}

}  // namespace

void get_review_draft(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const LoadedReview loaded = reviewee_review(ctx, ex, scope);
  kd::storage::DraftStore drafts(ctx.store.pool());
  auto draft = drafts.get(loaded.row.review.id);
  // Older than the review's current stage: the form submitted since is newer.
  if (draft && draft->updated_at < loaded.row.stage_since) draft.reset();
  ex.set_header("Cache-Control", "no-store");
  ex.send_json(200, draft_json(loaded.row.review.id, draft));
}

void put_review_draft(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const LoadedReview loaded = reviewee_review(ctx, ex, scope);
  require_self_assessment(loaded);
  const kd::wf::FormContent form = form_from_body(ex, loaded);
  kd::storage::DraftRecord d;
  d.review_id = loaded.row.review.id;
  d.author_id = scope.person.id;
  d.form_json = kd::codec::canonical(kd::codec::to_json(form));
  d.updated_at = ctx.clock();
  if (d.form_json.size() > kMaxDraftBytes)
    fail(413, "draft_too_large",
         "Bản nháp quá lớn (tối đa " + std::to_string(kMaxDraftBytes / 1024) + " KB).");
  kd::storage::DraftStore(ctx.store.pool()).put(d);
  ex.send_json(200, draft_json(d.review_id, d));
}

void post_review_form_preview(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const LoadedReview loaded = reviewee_review(ctx, ex, scope);
  require_self_assessment(loaded);
  const kd::wf::FormContent form = form_from_body(ex, loaded);
  if (!ctx.form_preview)
    fail(503, "preview_unavailable", "Máy chủ này chưa bật chức năng xem trước văn bản.");
  std::string pdf;
  try {
    pdf = ctx.form_preview(loaded.row.review.id, form, scope.person.id, ctx.clock());
  } catch (const std::exception& e) {
    Poco::Logger::get("kd.api").error("request_id=" + ex.request_id() +
                                      " form preview failed: " + e.what());
    fail(503, "preview_failed", "Không tạo được bản xem trước PDF; vui lòng thử lại sau.");
  }
  ex.set_header("Cache-Control", "no-store");
  ex.set_header("Content-Disposition", "inline; filename=\"xem-truoc-phieu.pdf\"");
  ex.set_header("X-Content-Type-Options", "nosniff");
  ex.send_raw(200, pdf, "application/pdf");
}

}  // namespace kd::api
