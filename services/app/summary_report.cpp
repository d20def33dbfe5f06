// `kiemdiem report --campaign ID [--unit ID] [--signer ID] --out FILE [--store]`: the
// campaign's summary report (tổng hợp kết quả đánh giá, xếp loại chất lượng) as an official
// PDF, rendered in this process by the document pipeline (templates, PDF engine, page
// numbers) with the figures of the supervisor API at this moment, optionally recorded.
#include <fstream>
#include <iostream>

#include "services/api/server.hpp"
#include "services/app/commands.hpp"
#include "services/documents/pdf_engine.hpp"
#include "services/documents/template_set.hpp"
#include "services/storage/document_store.hpp"
#include "services/storage/store.hpp"
#include "services/tracking/report/summary_report.hpp"
#include "services/tracking/service.hpp"

namespace kd::app {
namespace {

constexpr const char* kUsage =
    "Usage: kiemdiem [--config FILE] report --campaign ID [--unit ID] [--signer PERSON]\n"
    "                --out FILE [--store]\n\n"
    "Renders the summary report of campaign ID (counts per stage, overdue and stalled files,\n"
    "ratings per unit and group, HTXS against the quota) for the subtree of unit ID (default:\n"
    "the campaign's unit), signed by PERSON (default: the first head of that unit), and writes\n"
    "the PDF to FILE. With --store, also records it as a document of kind campaign_summary.\n";

bool number(const std::string& s) {
  return !s.empty() && s.size() < 19 && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

int summary_report_command(const CommandLine& cl) {
  std::string campaign_text, unit_text, signer_text, out;
  bool store_it = false;
  for (std::size_t i = 0; i < cl.args.size(); ++i) {
    const auto& a = cl.args[i];
    const bool has_value = i + 1 < cl.args.size();
    if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--campaign" && has_value) {
      campaign_text = cl.args[++i];
    } else if (a == "--unit" && has_value) {
      unit_text = cl.args[++i];
    } else if (a == "--signer" && has_value) {
      signer_text = cl.args[++i];
    } else if (a == "--out" && has_value) {
      out = cl.args[++i];
    } else if (a == "--store") {
      store_it = true;
    } else {
      std::cerr << "kiemdiem: unexpected argument '" << a << "'\n\n" << kUsage;
      return 2;
    }
  }
  if (!number(campaign_text) || out.empty() || (!unit_text.empty() && !number(unit_text)) ||
      (!signer_text.empty() && !number(signer_text))) {
    std::cerr << "kiemdiem: report needs --campaign ID and --out FILE\n\n" << kUsage;
    return 2;
  }
  const auto settings = load_and_log(cl);
  Database db(settings);
  db.migrate();
  kd::storage::Store store(db.pool());
  const kd::wf::Id campaign_id = std::stoll(campaign_text);
  const kd::wf::Id unit = unit_text.empty() ? 0 : std::stoll(unit_text);
  const kd::wf::Id signer = signer_text.empty() ? 0 : std::stoll(signer_text);
  const auto calendar = kd::tracking::holiday_calendar(settings.holidays_dir);
  const auto in = kd::tracking::summary_report_input(
      store, campaign_id, unit, signer, kd::api::system_now(), *calendar,
      kd::tracking::rules_from(settings), settings.documents_place);
  const auto templates = kd::documents::TemplateSet::load(settings.templates_dir);
  const auto engine = kd::documents::make_pdf_engine(kd::documents::PageSettings{});
  const auto doc = kd::tracking::render_summary_report(templates, *engine, in);
  std::ofstream(out, std::ios::binary) << doc.pdf;
  std::cout << "Wrote " << out << " (" << doc.page_count << " page(s), " << doc.pdf.size()
            << " bytes): " << doc.title << "\n";
  if (store_it) {
    kd::storage::DocumentStore documents(db.pool());
    const auto stored = documents.store(doc);
    std::cout << (stored.created ? "Stored as document #" : "Already stored as document #")
              << stored.document_id << "\n";
  }
  return 0;
}

}  // namespace kd::app
