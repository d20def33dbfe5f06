// What a render job does: load the review (or batch), campaign and organisation data, take the
// document numbers, render every document the job's action produces. Storing is the caller's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/documents/document_renderer.hpp"
#include "services/storage/document_store.hpp"
#include "services/storage/render_snapshot.hpp"
#include "services/storage/store.hpp"

namespace kd::documents {

struct RenderContext {
  kd::storage::Store& store;
  kd::storage::DocumentStore& documents;
  DocumentRenderer& renderer;
  std::string place;  // documents.place ("Phú Thọ"), for units that name no place
};

// The subject a document of `kind` is about, for the review's event.
std::string subject_for(DocumentKind kind, const kd::storage::EventRecord& event,
                        wf::Id campaign_id);

// The input of one document at `event` from `snapshot`, the data captured when the event was
// recorded (numbers taken or reused); nullopt when the campaign is gone or the snapshot holds
// no review.
std::optional<DocumentInput> input_from_snapshot(RenderContext&,
                                                 const kd::storage::RenderSnapshot& snapshot,
                                                 DocumentKind kind,
                                                 const kd::storage::EventRecord& event);

// The same from the review's CURRENT data: only for jobs queued before snapshots existed
// (migration 0005). A batch document covers the reviews of the event's batch.
std::optional<DocumentInput> load_input(RenderContext&, wf::Id review_id, DocumentKind kind,
                                        const kd::storage::EventRecord& event);

// Whether a job whose payload says documents = `part` ("all", "review", "batch") renders `kind`.
bool part_renders(const std::string& part, DocumentKind kind);

// The documents of an outbox job (payload {review_id, event_id, action, ...}), rendered.
std::vector<kd::storage::NewDocument> render_job_documents(RenderContext&,
                                                           const kd::storage::RenderJob&);

// One document as stored (used by the job and by `kiemdiem render`), with the source snapshot
// it was rendered from and the render job it was rendered for (0: none).
kd::storage::NewDocument to_new_document(const DocumentInput&, const RenderedDocument&,
                                         const std::string& subject, wf::Id event_id,
                                         const std::string& source_snapshot = {},
                                         wf::Id render_job_id = 0);

}  // namespace kd::documents
