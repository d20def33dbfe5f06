// POST /documents/{id}/signatures: the caller signs the latest version of the document with
// their server-held key, unlocked by {"pin"} (services/signing/signature_store.hpp: role,
// order, PIN and the acceptance check; a refusal writes nothing).
// GET /documents/{id}/verification: every signature of the document's stored PDF, with
// stable codes and Vietnamese messages (services/signing/verification.hpp).
// POST .../signatures/prepare and .../complete: external signing; complete takes the
// signature value or a CMS, and optionally "chain" (issuer certificates, DER base64), kept
// with the signature.
// POST /people/{id}/signing-key/unlock: an administrator of the person's unit (or above)
// unlocks a server-held key locked after signing.pin_max_failures wrong PINs (audited in
// security_events).
// Both need the trust anchors of the signing settings (signing.trust_anchors, or the test CA
// of `kiemdiem ca init`), read once when the server starts; without them the answer is 503
// `signing_unavailable`.
#include <Poco/JSON/Array.h>

#include "services/api/error_mapping.hpp"
#include "services/api/handlers.hpp"
#include "services/api/json_fields.hpp"
#include "services/api/review_access.hpp"
#include "services/signing/pdf_signature.hpp"
#include "services/signing/signature_store.hpp"
#include "services/signing/signing_settings.hpp"
#include "services/signing/verification.hpp"
#include "services/storage/document_store.hpp"

namespace kd::api {
namespace {

const kd::signing::TrustAnchors& trust_anchors(const ApiContext& ctx) {
  if (!ctx.signing.anchors) throw HttpError(signing_unavailable(ctx.signing.unavailable));
  return *ctx.signing.anchors;
}

// The store signs with its own copy of the anchors (shared, not read again).
kd::signing::TrustAnchors store_anchors(const ApiContext& ctx) {
  return kd::signing::share(trust_anchors(ctx));
}

Poco::JSON::Object::Ptr signature_json(const kd::signing::SignatureRecord& s) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", s.id);
  o->set("source_document_id", s.source_document_id);
  o->set("signed_document_id", s.signed_document_id);
  o->set("kind", s.kind);
  o->set("role", s.role);
  o->set("signer_id", s.signer_id);
  o->set("certificate_sha256", s.cert_sha256);
  o->set("method", s.method);
  o->set("field_name", s.field_name);
  o->set("sha256_before", s.sha256_before);
  o->set("sha256_after", s.sha256_after);
  o->set("signed_at", kd::wf::to_iso_vietnam(kd::wf::from_epoch(s.signed_at)));
  o->set("document_url", "/api/v1/documents/" + std::to_string(s.signed_document_id));
  return o;
}

}  // namespace

void post_document_signature(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const auto doc = load_visible_document(ctx, ex, scope);
  const auto body = ex.json_body(false);
  kd::signing::SignRequest req;
  req.document_id = doc.id;
  req.signer_id = scope.person.id;
  req.pin = required_string(*body, "pin");
  req.now = ctx.clock();
  kd::signing::SignatureStore signatures(ctx.store.pool(), store_anchors(ctx),
                                         ctx.settings.signing_pin_max_failures);
  const auto out = signatures.sign_with_pin(req);
  if (out.refusal) {
    Problem p = signing_refused(out.refusal->code, out.refusal->message_vi);
    if (out.refusal->pin_attempts_left >= 0) {
      p.extensions = new Poco::JSON::Object;
      p.extensions->set("pin_attempts_left", out.refusal->pin_attempts_left);
    }
    throw HttpError(p);
  }
  ex.send_json(201, signature_json(*out.signature));
}

void post_signing_key_unlock(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const auto person_id = parse_id(ex.param("id"), "id");
  const auto person = ctx.store.get_person(person_id);
  if (!person) fail(404, "person_not_found", "Không tìm thấy người này.");
  if (!scope.org.has_role_at_or_above(scope.person.id, kd::wf::Role::Admin, person->unit_id))
    throw HttpError(forbidden("Chỉ quản trị viên của đơn vị được mở khóa khóa ký số."));
  const auto body = ex.json_body(true);
  const auto reason = optional_string(*body, "reason").value_or("");
  kd::signing::SignatureStore signatures(ctx.store.pool(), {});
  const auto out = signatures.unlock_key(
      person_id, scope.person.id,
      "Mở khóa qua API bởi " + scope.person.full_name + (reason.empty() ? "" : ": " + reason),
      ctx.clock());
  if (!out.found)
    fail(404, "signing_key_not_found", "Người này chưa có khóa ký số lưu trên máy chủ.");
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("person_id", person_id);
  o->set("locked", false);
  o->set("was_locked", out.was_locked);
  o->set("pin_failures_cleared", out.pin_failures);
  o->set("pin_max_failures", ctx.settings.signing_pin_max_failures);
  o->set("security_event_id",
         out.event_id != 0 ? Poco::Dynamic::Var(out.event_id) : Poco::Dynamic::Var());
  ex.send_json(200, o);
}

void get_document_verification(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const auto doc = load_visible_document(ctx, ex, scope);
  kd::storage::DocumentStore docs(ctx.store.pool());
  const auto pdf = docs.pdf(doc.id);
  if (!pdf) throw HttpError(document_not_found());
  const auto now = ctx.clock().time_since_epoch().count();
  const auto report = kd::signing::verify_pdf(*pdf, trust_anchors(ctx), now);
  auto o = kd::signing::report_json(report);
  o->set("document_id", doc.id);
  o->set("document_version", doc.version);
  o->set("report_vi", kd::signing::report_text_vi(report));
  kd::signing::SignatureStore store(ctx.store.pool(), {});
  Poco::JSON::Array::Ptr recorded = new Poco::JSON::Array;
  for (const auto& s : store.signatures(doc.id)) recorded->add(signature_json(s));
  o->set("recorded_signatures", recorded);
  ex.send_json(200, o);
}

void post_document_signature_prepare(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const auto doc = load_visible_document(ctx, ex, scope);
  kd::signing::SignatureStore signatures(ctx.store.pool(), store_anchors(ctx));
  const auto out = signatures.prepare_external(doc.id, scope.person.id, ctx.clock());
  if (out.refusal) throw HttpError(signing_refused(out.refusal->code, out.refusal->message_vi));
  const auto& p = *out.prepared;
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("session_id", p.session_id);
  o->set("document_id", p.document_id);
  o->set("role", p.role);
  o->set("algorithm", p.algorithm);
  o->set("signed_attributes", kd::signing::base64_encode(p.signed_attributes));
  o->set("content_digest", kd::signing::base64_encode(p.content_digest));
  o->set("expires_at", kd::wf::to_iso_vietnam(kd::wf::from_epoch(p.expires_at)));
  ex.send_json(201, o);
}

void post_document_signature_complete(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  load_visible_document(ctx, ex, scope);
  const auto body = ex.json_body(false);
  kd::signing::CompleteRequest req;
  req.session_id = required_string(*body, "session_id");
  req.signer_id = scope.person.id;
  req.now = ctx.clock();
  const auto signature = optional_string(*body, "signature");
  const auto cms = optional_string(*body, "cms");
  if (signature.has_value() == cms.has_value())
    throw HttpError(make_problem(400, "invalid_field",
                                 "Cần đúng một trong hai trường signature hoặc cms (base64)."));
  if (body->has("chain")) {
    const auto chain = body->getArray("chain");
    if (!chain)
      throw HttpError(make_problem(400, "invalid_field",
                                   "Trường chain phải là mảng các chứng thư DER (base64)."));
    for (std::size_t i = 0; i < chain->size(); ++i) {
      std::string der;
      if (!chain->get(static_cast<unsigned>(i)).isString() ||
          !kd::signing::base64_decode(chain->getElement<std::string>(static_cast<unsigned>(i)),
                                      &der) ||
          !kd::signing::cert_from_der(der))
        throw HttpError(make_problem(400, "invalid_field",
                                     "Chuỗi chứng thư (chain) có phần tử không phải chứng thư "
                                     "DER mã hóa base64."));
      req.chain_der.push_back(der);
    }
  }
  std::string* target = signature ? &req.signature_value : &req.cms_der;
  if (!kd::signing::base64_decode(signature ? *signature : *cms, target) || target->empty())
    throw HttpError(make_problem(400, "invalid_field", "Giá trị base64 không hợp lệ."));
  kd::signing::SignatureStore signatures(ctx.store.pool(), store_anchors(ctx));
  const auto out = signatures.complete_external(req);
  if (out.refusal) throw HttpError(signing_refused(out.refusal->code, out.refusal->message_vi));
  ex.send_json(201, signature_json(*out.signature));
}

}  // namespace kd::api
