// The PDF preview of a self-assessment form that is still being written (POST
// /api/v1/reviews/{id}/form/preview): the review's data from the store with the draft form in
// place of the stored one, rendered by the documents pipeline (model -> templates -> PDF ->
// page numbers) exactly as the render workers render the submitted form. Nothing is stored.
//
// The PDF engine is the wkhtmltopdf CLI, one process a preview: libwkhtmltox may only be used
// from one thread of a process, and a crash of Qt must not take the API server with it (the
// render workers, which use the library, are separate processes for the same reason). At most
// kMaxConcurrent previews render at once; further requests wait their turn.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

#include "services/config/settings.hpp"
#include "services/documents/document_renderer.hpp"
#include "services/storage/document_store.hpp"
#include "services/storage/store.hpp"

namespace kd::app {

class FormPreviewer {
 public:
  static constexpr int kMaxConcurrent = 2;
  FormPreviewer(const kd::config::Settings&, kd::storage::Store&, kd::storage::DocumentStore&);
  // Throws when the review is gone or rendering fails.
  std::string render(kd::wf::Id review_id, const kd::wf::FormContent& form, kd::wf::Id actor_id,
                     kd::wf::TimePoint now);

 private:
  kd::storage::Store& store_;
  kd::storage::DocumentStore& documents_;
  std::string place_;
  kd::documents::TemplateSet templates_;
  std::unique_ptr<kd::documents::PdfEngine> engine_;
  std::mutex mu_;
  std::condition_variable cv_;
  int running_ = 0;
};

}  // namespace kd::app
