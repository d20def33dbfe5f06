// 0005: the data a document is rendered from, captured in the transaction of the event that
// queued its render job (outbox.snapshot), and kept on the document record it produced
// (documents.source_snapshot). A later change to the review never reaches an earlier stage's
// document, whenever the worker picks the job up.
#pragma once

#include <string_view>

namespace kd::storage::migrations {

inline constexpr std::string_view k0005DocumentSnapshots = R"SQL(
-- Canonical JSON (services/storage/render_snapshot.hpp): the reviews, people and units as they
-- were when the job was queued. NULL on jobs queued before 0005 (rendered from current data).
ALTER TABLE outbox ADD COLUMN snapshot text;
-- The render job's snapshot, on every document it produced (NULL before 0005, and for
-- documents rendered from the command line without a stored snapshot).
ALTER TABLE documents ADD COLUMN source_snapshot text;
ALTER TABLE documents ADD COLUMN render_job_id bigint REFERENCES outbox(id);
-- The claim (sql_documents.hpp) walks the unfinished render jobs in id order: without this it
-- walked every finished job too.
CREATE INDEX outbox_render_pending_idx ON outbox(id)
  WHERE kind = 'render_document' AND done_at IS NULL AND failed_at IS NULL;
-- A batch job (no review_id) lists its reviews in payload.review_ids: found from any of them
-- (render status, `kiemdiem render`) through this index.
CREATE INDEX outbox_batch_reviews_idx ON outbox USING gin ((payload -> 'review_ids'))
  WHERE review_id IS NULL;
)SQL";

}  // namespace kd::storage::migrations
