#include "services/documents/document_renderer.hpp"

#include "services/codec/json_codec.hpp"
#include "services/codec/sha256.hpp"
#include "services/documents/page_stamp.hpp"

namespace kd::documents {

std::string DocumentRenderer::html(const DocumentInput& in) const {
  return templates_.render(template_name(in), build_model(in));
}

RenderedDocument DocumentRenderer::render(const DocumentInput& in) {
  const auto model = build_model(in);
  RenderedDocument out;
  out.title = document_title(in);
  out.number = model->getObject("header")->getValue<std::string>("number");
  out.snapshot = kd::codec::canonical(model);
  out.snapshot_sha256 = kd::codec::sha256_hex(out.snapshot);
  out.template_version = templates_.version();
  out.html = templates_.render(template_name(in), model);
  const auto stamped = stamp_page_numbers(engine_.to_pdf(out.html), out.title, in.issued_at);
  out.pdf = stamped.pdf;
  out.pages = stamped.pages;
  out.sha256 = kd::codec::sha256_hex(out.pdf);
  return out;
}

}  // namespace kd::documents
