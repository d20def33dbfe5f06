// GET /reviews/{id}/documents, /documents/{id}, /documents/{id}/pdf, /documents/{id}/html.
// A document is visible to whoever may see one of the reviews it is about (a batch document:
// any review of the batch), exactly as GET /reviews/{id}.
#include <Poco/JSON/Array.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <algorithm>

#include "services/api/document_views.hpp"
#include "services/api/error_mapping.hpp"
#include "services/api/handlers.hpp"
#include "services/api/json_fields.hpp"
#include "services/api/review_access.hpp"
#include "services/signing/pdf_signature.hpp"
#include "services/signing/signature_store.hpp"
#include "services/storage/document_store.hpp"
#include "workflow/utf8.hpp"

namespace kd::api {
namespace {

using kd::storage::DocumentRecord;

Poco::JSON::Object::Ptr document_json(const DocumentRecord& d) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", d.id);
  o->set("kind", d.kind);
  o->set("version", d.version);
  o->set("title", d.title);
  o->set("number", d.number);
  o->set("campaign_id", d.campaign_id);
  if (d.review_id) {
    o->set("review_id", *d.review_id);
  } else {
    o->set("review_id", Poco::Dynamic::Var());
  }
  Poco::JSON::Array::Ptr reviews = new Poco::JSON::Array;
  for (const auto id : d.review_ids) reviews->add(id);
  o->set("review_ids", reviews);
  o->set("sha256", d.sha256);
  o->set("size_bytes", static_cast<Poco::Int64>(d.size_bytes));
  o->set("page_count", d.page_count);
  o->set("template_version", d.template_version);
  o->set("snapshot_sha256", d.snapshot_sha256);
  o->set("created_at",
         kd::wf::to_iso_vietnam(kd::wf::TimePoint(std::chrono::seconds(d.created_at))));
  o->set("pdf_url", "/api/v1/documents/" + std::to_string(d.id) + "/pdf");
  o->set("html_url", "/api/v1/documents/" + std::to_string(d.id) + "/html");
  return o;
}

// The signatures this version carries, against the roles its kind needs in order:
// {required, count, complete, summary_vi: "2/2 chữ ký", next_role, items: [...]}.
Poco::JSON::Object::Ptr signatures_json(ApiContext& ctx, const DocumentRecord& d) {
  kd::signing::SignatureStore store(ctx.store.pool(), {});
  const auto carried = store.carried_signatures(d.id);
  const auto& required = kd::signing::required_roles(d.kind);
  Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
  std::vector<std::string> roles;
  for (const auto& g : carried) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("role", g.role);
    o->set("role_vi", kd::signing::role_name_vi(g.role));
    o->set("signer_id", g.signer_id);
    o->set("signer_name", g.signer_name);
    o->set("signed_at", kd::wf::to_iso_vietnam(kd::wf::from_epoch(g.signed_at)));
    o->set("certificate_sha256", g.cert_sha256);
    o->set("chain_length", g.chain_length);
    o->set("method", g.method);
    items->add(o);
    roles.push_back(g.role);
  }
  std::size_t done = 0;
  Poco::Dynamic::Var next;
  for (const auto& role : required) {
    if (std::find(roles.begin(), roles.end(), role) != roles.end()) {
      ++done;
    } else if (next.isEmpty()) {
      next = role;
    }
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("required", static_cast<int>(required.size()));
  o->set("count", static_cast<int>(carried.size()));
  o->set("complete", done == required.size());
  o->set("summary_vi", required.empty() ? std::string("Không cần chữ ký số")
                                        : std::to_string(done) + "/" +
                                              std::to_string(required.size()) + " chữ ký");
  o->set("next_role", next);
  o->set("items", items);
  return o;
}

}  // namespace

Poco::JSON::Object::Ptr render_status_json(ApiContext& ctx, kd::wf::Id review_id) {
  kd::storage::DocumentStore docs(ctx.store.pool());
  const auto status = docs.render_status(review_id);
  Poco::JSON::Object::Ptr render = new Poco::JSON::Object;
  render->set("state", status.state);
  render->set("pending_jobs", status.pending);
  render->set("attempts", status.attempts);
  render->set("reason", status.last_error);
  return render;
}

void get_review_documents(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const LoadedReview loaded = load_visible_review(ctx, ex, scope);
  kd::storage::DocumentStore docs(ctx.store.pool());
  const auto id = loaded.row.review.id;
  const auto render = render_status_json(ctx, id);
  Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
  for (const auto& d : docs.review_documents(id)) {
    auto item = document_json(d);
    item->set("signatures", signatures_json(ctx, d));
    items->add(item);
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("review_id", id);
  o->set("render_status", render);
  o->set("items", items);
  ex.send_json(200, o);
}

void get_document(ApiContext& ctx, Exchange& ex) {
  const auto doc = load_visible_document(ctx, ex, load_scope(ctx, ex));
  auto o = document_json(doc);
  o->set("signatures", signatures_json(ctx, doc));
  ex.send_json(200, o);
}

void get_document_pdf(ApiContext& ctx, Exchange& ex) {
  kd::storage::DocumentStore docs(ctx.store.pool());
  const auto doc = load_visible_document(ctx, ex, load_scope(ctx, ex));
  const std::string etag = "\"" + doc.sha256 + "\"";
  ex.set_header("ETag", etag);
  const auto inm = ex.header("If-None-Match");
  if (inm && (Poco::trim(*inm) == etag || Poco::trim(*inm) == "*")) {
    ex.send_raw(304, "", "application/pdf");
    return;
  }
  const auto bytes = docs.pdf(doc.id);
  if (!bytes) throw HttpError(document_not_found());
  const std::string name = kd::wf::ascii_file_name(doc.title) + ".pdf";
  std::string encoded;
  Poco::URI::encode(doc.title + ".pdf", "!#$&+,/:;=?@[]'()*\"%<> ", encoded);
  ex.set_header("Content-Disposition",
                "attachment; filename=\"" + name + "\"; filename*=UTF-8''" + encoded);
  ex.set_header("X-Content-Type-Options", "nosniff");
  ex.send_raw(200, *bytes, "application/pdf");
}

void get_document_html(ApiContext& ctx, Exchange& ex) {
  kd::storage::DocumentStore docs(ctx.store.pool());
  const auto doc = load_visible_document(ctx, ex, load_scope(ctx, ex));
  const auto html = docs.html(doc.id);
  if (!html) throw HttpError(document_not_found());
  // The preview loads nothing and runs nothing, whatever a person typed into the form.
  ex.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  ex.set_header("X-Content-Type-Options", "nosniff");
  ex.send_raw(200, *html, "text/html; charset=utf-8");
}

}  // namespace kd::api
