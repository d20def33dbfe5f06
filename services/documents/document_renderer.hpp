// One document, end to end: model (pure) -> HTML (templates) -> PDF (engine) -> page numbers
// and fixed metadata (PoDoFo). No database: the caller loads the input and stores the result.
#pragma once

#include <string>

#include "services/documents/document_model.hpp"
#include "services/documents/pdf_engine.hpp"
#include "services/documents/template_set.hpp"

namespace kd::documents {

struct RenderedDocument {
  std::string title;
  std::string number;  // as printed, or empty
  std::string html;
  std::string pdf;
  std::string sha256;  // of `pdf`
  int pages = 0;
  std::string snapshot;  // canonical JSON of the model
  std::string snapshot_sha256;
  std::string template_version;  // TemplateSet::version()
};

class DocumentRenderer {
 public:
  DocumentRenderer(const TemplateSet& templates, PdfEngine& engine)
      : templates_(templates), engine_(engine) {}

  RenderedDocument render(const DocumentInput&);
  // The HTML alone (preview, tests).
  std::string html(const DocumentInput&) const;
  PdfEngine& engine() { return engine_; }
  const TemplateSet& templates() const { return templates_; }

 private:
  const TemplateSet& templates_;
  PdfEngine& engine_;
};

}  // namespace kd::documents
