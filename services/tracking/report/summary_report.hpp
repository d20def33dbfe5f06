// The campaign's summary report (báo cáo tổng hợp kết quả đánh giá, xếp loại chất lượng)
// as an official PDF, rendered by the document pipeline of services/documents: its
// templates (templates/campaign_summary.html with the shared header, signature and
// recipient partials), its PDF engine and page stamping, and stored with its numbering-free
// record through DocumentStore (kind "campaign_summary", subject "campaign:<id>:summary:<unit>").
// The figures are those of the supervisor API (supervision.hpp) for the same scope and time.
#pragma once

#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "services/documents/pdf_engine.hpp"
#include "services/documents/template_set.hpp"
#include "services/storage/document_store.hpp"
#include "services/tracking/supervision.hpp"

namespace kd::tracking {

inline constexpr const char* kSummaryReportKind = "campaign_summary";
inline constexpr const char* kSummaryReportTemplate = "campaign_summary";

struct SummaryReportInput {
  kd::wf::Campaign campaign;
  std::vector<kd::wf::Unit> unit_path;  // root ... the scope's unit
  Summary summary;
  int stalled_working_days = 5;
  std::string place;        // documents.place
  kd::wf::TimePoint as_of;  // the figures' time (the injected clock)
  kd::wf::Person signer;    // who issues the report
};

// Loads and evaluates what the report of (campaign, unit subtree) shows at `as_of`; the signer
// defaults to the first head of the unit. Throws std::invalid_argument for an unknown campaign
// or unit, wf::CalendarYearMissing when the calendar lacks a year.
SummaryReportInput summary_report_input(kd::storage::Store&, kd::wf::Id campaign_id,
                                        kd::wf::Id unit_id, kd::wf::Id signer_id,
                                        kd::wf::TimePoint as_of, const kd::wf::HolidayCalendar&,
                                        const kd::wf::TrackingRules&, const std::string& place);

// Registers the renderer of render jobs {"report": "campaign_summary", "campaign_id",
// "unit_id", "signer_id", "as_of"} (enqueued by TrackingStore::enqueue_summary_report) in
// this process's document pipeline (documents/report_registry.hpp). Called by the render
// worker at start-up.
void register_summary_report(const std::string& holidays_dir, const kd::wf::TrackingRules&);

// The template's data (pure).
Poco::JSON::Object::Ptr summary_report_model(const SummaryReportInput&);

// Rendered and ready to store (DocumentStore::store). Throws documents::RenderError.
kd::storage::NewDocument render_summary_report(const kd::documents::TemplateSet&,
                                               kd::documents::PdfEngine&,
                                               const SummaryReportInput&);

}  // namespace kd::tracking
