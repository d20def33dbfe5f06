// Render jobs that are not a review's documents: a module registers a renderer for a
// report name at start-up (the render worker process), and a job whose payload carries
// {"report": "<name>", ...} is rendered by it instead of by the review path. Used by the
// campaign summary report of services/tracking/report.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "services/documents/pdf_engine.hpp"
#include "services/documents/render_job.hpp"

namespace kd::documents {

using ReportRenderer = std::function<std::vector<kd::storage::NewDocument>(
    RenderContext&, const Poco::JSON::Object& payload)>;

namespace detail {
struct ReportRegistry {
  std::mutex mu;
  std::map<std::string, ReportRenderer> renderers;
};
inline ReportRegistry& report_registry() {
  static ReportRegistry r;
  return r;
}
}  // namespace detail

inline void register_report(const std::string& name, ReportRenderer renderer) {
  auto& r = detail::report_registry();
  std::lock_guard<std::mutex> lock(r.mu);
  r.renderers[name] = std::move(renderer);
}

// Throws RenderError when no renderer is registered under `name` (the job is retried, then
// failed, with that reason).
inline std::vector<kd::storage::NewDocument> render_report(RenderContext& ctx,
                                                           const std::string& name,
                                                           const Poco::JSON::Object& payload) {
  ReportRenderer renderer;
  {
    auto& r = detail::report_registry();
    std::lock_guard<std::mutex> lock(r.mu);
    auto it = r.renderers.find(name);
    if (it == r.renderers.end()) throw RenderError("no renderer registered for report " + name);
    renderer = it->second;
  }
  return renderer(ctx, payload);
}

}  // namespace kd::documents
