// `kiemdiem render --review ID --kind KIND --out FILE`: one document from the command line.
#include <fstream>
#include <iostream>

#include "services/app/commands.hpp"
#include "services/documents/render_job.hpp"
#include "services/storage/document_store.hpp"
#include "services/storage/store.hpp"

namespace kd::app {
namespace {

constexpr const char* kUsage =
    "Usage: kiemdiem [--config FILE] render --review ID --kind KIND --out FILE [--store]\n\n"
    "Renders the document KIND of review ID as of the latest event that produces it, from the\n"
    "data captured with that event, and writes the PDF to FILE (the number it was given is\n"
    "kept). With --store, also records it\n"
    "(a new version only when the bytes differ from a stored render of the same data).\n"
    "KIND: self_assessment_form, meeting_minutes, opinion_form, decision, final_form,\n"
    "      result_notice, public_list\n";

}  // namespace

int render_command(const CommandLine& cl) {
  std::string review, kind_text, out;
  bool store_it = false;
  for (std::size_t i = 0; i < cl.args.size(); ++i) {
    const auto& a = cl.args[i];
    const bool has_value = i + 1 < cl.args.size();
    if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--review" && has_value) {
      review = cl.args[++i];
    } else if (a == "--kind" && has_value) {
      kind_text = cl.args[++i];
    } else if (a == "--out" && has_value) {
      out = cl.args[++i];
    } else if (a == "--store") {
      store_it = true;
    } else {
      std::cerr << "kiemdiem: unexpected argument '" << a << "'\n\n" << kUsage;
      return 2;
    }
  }
  const auto kind = kd::documents::parse_document_kind(kind_text);
  if (review.empty() || out.empty() || !kind ||
      review.find_first_not_of("0123456789") != std::string::npos) {
    std::cerr << "kiemdiem: render needs --review ID, a known --kind and --out FILE\n\n" << kUsage;
    return 2;
  }
  const kd::wf::Id review_id = std::stoll(review);
  const auto settings = load_and_log(cl);
  Database db(settings);
  db.migrate();
  kd::storage::Store store(db.pool());
  kd::storage::DocumentStore documents(db.pool());
  const auto templates = kd::documents::TemplateSet::load(settings.templates_dir);
  const auto engine = kd::documents::make_pdf_engine(kd::documents::PageSettings{});
  kd::documents::DocumentRenderer renderer(templates, *engine);
  kd::documents::RenderContext ctx{store, documents, renderer, settings.documents_place};

  std::optional<kd::storage::EventRecord> event;
  for (const auto& e : store.events(review_id))
    for (const auto k : kd::documents::kinds_for_action(e.action))
      if (k == *kind) event = e;
  if (!event) {
    std::cerr << "kiemdiem: review " << review_id << " has no event that produces " << kind_text
              << " (or does not exist)\n";
    return 1;
  }
  // The data captured with the event (as its render job had it); the current data only for an
  // event recorded before snapshots existed.
  const auto queued = documents.event_snapshot(review_id, event->id,
                                               kd::documents::is_batch(*kind) ? "batch" : "review");
  const auto input =
      queued ? kd::documents::input_from_snapshot(
                   ctx, kd::storage::decode_render_snapshot(queued->second), *kind, *event)
             : kd::documents::load_input(ctx, review_id, *kind, *event);
  if (!input) {
    std::cerr << "kiemdiem: review " << review_id << " not found\n";
    return 1;
  }
  const auto rendered = renderer.render(*input);
  std::ofstream file(out, std::ios::binary);
  file.write(rendered.pdf.data(), static_cast<std::streamsize>(rendered.pdf.size()));
  if (!file.flush()) {
    std::cerr << "kiemdiem: cannot write " << out << "\n";
    return 1;
  }
  std::cout << out << ": " << rendered.title << ", " << rendered.pages << " pages, "
            << rendered.pdf.size() << " bytes, sha256 " << rendered.sha256 << " (" << engine->name()
            << ")\n";
  if (store_it) {
    const auto subject = kd::documents::subject_for(*kind, *event, input->campaign.id);
    const auto r = documents.store(kd::documents::to_new_document(
        *input, rendered, subject, event->id, queued ? queued->second : std::string(),
        queued ? queued->first : 0));
    std::cout << (r.created ? "stored as document " : "identical to stored document ")
              << r.document_id << "\n";
  }
  return 0;
}

}  // namespace kd::app
