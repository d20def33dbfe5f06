#include "services/app/form_preview.hpp"

#include <stdexcept>

#include "services/documents/render_job.hpp"

namespace kd::app {

FormPreviewer::FormPreviewer(const kd::config::Settings& s, kd::storage::Store& store,
                             kd::storage::DocumentStore& documents)
    : store_(store),
      documents_(documents),
      place_(s.documents_place),
      templates_(kd::documents::TemplateSet::load(s.templates_dir)),
      engine_(kd::documents::make_cli_engine(kd::documents::PageSettings{})) {}

std::string FormPreviewer::render(kd::wf::Id review_id, const kd::wf::FormContent& form,
                                  kd::wf::Id actor_id, kd::wf::TimePoint now) {
  {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return running_ < kMaxConcurrent; });
    ++running_;
  }
  struct Release {
    FormPreviewer& p;
    ~Release() {
      {
        std::lock_guard<std::mutex> lock(p.mu_);
        --p.running_;
      }
      p.cv_.notify_one();
    }
  } release{*this};

  kd::documents::DocumentRenderer renderer(templates_, *engine_);
  kd::documents::RenderContext ctx{store_, documents_, renderer, place_};
  // The event the form would be submitted with: now, by the reviewee (the self-assessment
  // form is not numbered, so nothing is taken from a number sequence).
  kd::storage::EventRecord event;
  event.review_id = review_id;
  event.actor_id = actor_id;
  event.action = "submit";
  event.occurred_at = now;
  auto input =
      kd::documents::load_input(ctx, review_id, kd::documents::DocumentKind::SelfAssessment, event);
  if (!input || input->reviews.empty()) throw std::runtime_error("the review is gone");
  input->reviews.front().review.form = form;
  return renderer.render(*input).pdf;
}

}  // namespace kd::app
