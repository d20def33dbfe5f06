// SQL of the document store (document_store.cpp): rendered documents, number sequences and
// the render jobs of the outbox. Prepared on every pooled connection (prepared_statements.cpp).
#pragma once

#include "services/storage/sql.hpp"

namespace kd::storage::sql_documents {

using sql::Statement;

// --- render jobs (outbox rows of kind 'render_document') ---
// Claims the oldest available job none of whose reviews has an older unfinished job
// (documents of a review are rendered in the order of its events; a batch job, with no
// review_id, covers every review in payload.review_ids). A claim older than $2 seconds is a
// lost worker's and may be taken again. $1: the worker's id.
inline constexpr Statement kClaimRenderJob{"doc_claim_render_job", R"SQL(
WITH next AS (
  SELECT o.id FROM outbox o
  WHERE o.kind = 'render_document' AND o.done_at IS NULL AND o.failed_at IS NULL
    AND o.available_at <= now()
    AND (o.claimed_by IS NULL OR o.claimed_at < now() - make_interval(secs => $2))
    -- an older job of the same review
    AND NOT EXISTS (SELECT 1 FROM outbox p
                    WHERE p.kind = 'render_document' AND p.review_id = o.review_id
                      AND p.id < o.id AND p.done_at IS NULL AND p.failed_at IS NULL)
    -- an older batch job listing this review
    AND NOT EXISTS (SELECT 1 FROM outbox p
                    WHERE o.review_id IS NOT NULL AND p.kind = 'render_document'
                      AND p.review_id IS NULL AND p.id < o.id
                      AND p.done_at IS NULL AND p.failed_at IS NULL
                      AND p.payload -> 'review_ids' @> jsonb_build_array(o.review_id))
    -- for a batch job: an older job of one of its reviews
    AND NOT EXISTS (SELECT 1 FROM outbox p
                    WHERE o.review_id IS NULL AND p.kind = 'render_document'
                      AND p.review_id = ANY (ARRAY(
                        SELECT jsonb_array_elements_text(o.payload -> 'review_ids')::bigint))
                      AND p.id < o.id AND p.done_at IS NULL AND p.failed_at IS NULL)
  ORDER BY o.id
  LIMIT 1
  FOR UPDATE SKIP LOCKED)
UPDATE outbox o SET claimed_by = $1, claimed_at = now(), attempts = o.attempts + 1
FROM next WHERE o.id = next.id
RETURNING o.id, o.review_id, o.campaign_id, o.payload::text, o.attempts,
          coalesce(o.snapshot, ''))SQL"};
// $1 job, $2 worker, $3 attempt: only the current claim may finish the job. last_error keeps
// the reason of an earlier failed attempt (a job that succeeded after a timeout says so).
inline constexpr Statement kFinishRenderJob{"doc_finish_render_job", R"SQL(
UPDATE outbox SET done_at = now(), claimed_by = NULL
WHERE id = $1 AND claimed_by = $2 AND attempts = $3 AND done_at IS NULL AND failed_at IS NULL)SQL"};
// Gives a job back after a failed attempt: retried after $4 * 2^(attempts-1) seconds, or
// marked failed once attempts reached $5. $1 job, $2 worker, $3 reason.
inline constexpr Statement kRetryRenderJob{"doc_retry_render_job", R"SQL(
UPDATE outbox SET claimed_by = NULL, claimed_at = NULL, last_error = $3,
       available_at = now() + make_interval(secs => $4 * power(2, greatest(attempts - 1, 0))),
       failed_at = CASE WHEN attempts >= $5 THEN now() END
WHERE id = $1 AND claimed_by = $2 AND done_at IS NULL AND failed_at IS NULL
RETURNING failed_at IS NOT NULL)SQL"};
// The same for every job a lost worker held ($1 worker, $2 reason, $3 base s, $4 attempts).
inline constexpr Statement kReleaseWorkerJobs{"doc_release_worker_jobs", R"SQL(
UPDATE outbox SET claimed_by = NULL, claimed_at = NULL, last_error = $2,
       available_at = now() + make_interval(secs => $3 * power(2, greatest(attempts - 1, 0))),
       failed_at = CASE WHEN attempts >= $4 THEN now() END
WHERE claimed_by = $1 AND kind = 'render_document' AND done_at IS NULL AND failed_at IS NULL
RETURNING id, failed_at IS NOT NULL)SQL"};
// The render jobs of a review (its own and its batches'), for its render status.
inline constexpr Statement kReviewRenderJobs{"doc_review_render_jobs", R"SQL(
SELECT id, payload::text, attempts, coalesce(last_error, ''), claimed_by IS NOT NULL,
       done_at IS NOT NULL, failed_at IS NOT NULL
FROM outbox WHERE kind = 'render_document' AND review_id = $1
UNION ALL
SELECT id, payload::text, attempts, coalesce(last_error, ''), claimed_by IS NOT NULL,
       done_at IS NOT NULL, failed_at IS NOT NULL
FROM outbox WHERE kind = 'render_document' AND review_id IS NULL
  AND payload -> 'review_ids' @> jsonb_build_array($1::bigint)
ORDER BY id)SQL"};
// A render job with the data it renders from (render_snapshot.hpp), queued in the
// transaction of its event(s). $1 review (NULL for a batch job), $2 campaign.
inline constexpr Statement kQueueRenderJob{"doc_queue_render_job", R"SQL(
INSERT INTO outbox (kind, review_id, campaign_id, payload, snapshot, created_at, available_at)
VALUES ('render_document', $1, $2, $3::jsonb, $4, to_timestamp($5), to_timestamp($5)))SQL"};
// The snapshot queued with event $1 of review $3 for documents of part $2 ('all', 'review',
// 'batch'): the job of the event itself, or the batch job listing it.
inline constexpr Statement kEventSnapshot{"doc_event_snapshot", R"SQL(
SELECT id, snapshot FROM outbox
WHERE kind = 'render_document' AND review_id = $3 AND snapshot IS NOT NULL
  AND (payload ->> 'event_id')::bigint = $1
  AND coalesce(payload ->> 'documents', 'all') IN ('all', $2)
UNION ALL
SELECT id, snapshot FROM outbox
WHERE kind = 'render_document' AND review_id IS NULL AND snapshot IS NOT NULL
  AND payload -> 'review_ids' @> jsonb_build_array($3::bigint)
  AND payload -> 'event_ids' @> jsonb_build_array($1::bigint)
  AND coalesce(payload ->> 'documents', 'all') IN ('all', $2)
ORDER BY id DESC LIMIT 1)SQL"};

// --- batch members: the reviews of one decide/publish batch ---
inline constexpr Statement kBatchReviews{"doc_batch_reviews", R"SQL(
SELECT DISTINCT e.review_id FROM review_events e JOIN reviews r ON r.id = e.review_id
WHERE r.campaign_id = $1 AND e.action = $2 AND e.occurred_at = to_timestamp($3)
  AND e.actor_id = $4
ORDER BY e.review_id)SQL"};

// --- numbers ---
inline constexpr Statement kSubjectNumber{"doc_subject_number",
                                          "SELECT number FROM document_numbers "
                                          "WHERE subject = $1 AND kind = $2"};
inline constexpr Statement kNextNumber{"doc_next_number", R"SQL(
INSERT INTO document_sequences (issuer, year, last_number) VALUES ($1, $2, 1)
ON CONFLICT (issuer, year) DO UPDATE SET last_number = document_sequences.last_number + 1
RETURNING last_number)SQL"};
inline constexpr Statement kInsertSubjectNumber{"doc_insert_subject_number", R"SQL(
INSERT INTO document_numbers (subject, kind, issuer, year, number) VALUES ($1, $2, $3, $4, $5))SQL"};
// Serialises work on one (subject, kind): numbering and versions.
inline constexpr Statement kLockSubject{"doc_lock_subject",
                                        "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))"};

// --- documents ---
inline constexpr Statement kInsertContent{"doc_insert_content", R"SQL(
INSERT INTO document_contents (sha256, pdf) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING)SQL"};
inline constexpr Statement kSameDocument{"doc_same_document", R"SQL(
SELECT id FROM documents
WHERE subject = $1 AND kind = $2 AND snapshot_sha256 = $3 AND sha256 = $4)SQL"};
inline constexpr Statement kInsertDocument{"doc_insert_document", R"SQL(
INSERT INTO documents (campaign_id, review_id, subject, kind, version, title, number, sha256,
                       size_bytes, page_count, template_version, snapshot, snapshot_sha256, html,
                       event_id, created_at, source_snapshot, render_job_id)
VALUES ($1, $2, $3, $4,
        (SELECT coalesce(max(version), 0) + 1 FROM documents WHERE subject = $3 AND kind = $4),
        $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, to_timestamp($15), $16, $17)
RETURNING id)SQL"};
inline constexpr Statement kLinkDocumentReview{"doc_link_review", R"SQL(
INSERT INTO document_reviews (document_id, review_id) VALUES ($1, $2) ON CONFLICT DO NOTHING)SQL"};
// Column order is read by read_document() in document_store.cpp.
inline constexpr Statement kReviewDocuments{"doc_review_documents", R"SQL(
SELECT d.id, d.campaign_id, d.review_id, d.subject, d.kind, d.version, d.title, d.number,
       d.sha256, d.size_bytes, d.page_count, d.template_version, d.snapshot_sha256,
       coalesce(d.event_id, 0), floor(extract(epoch FROM d.created_at))::bigint
FROM documents d JOIN document_reviews l ON l.document_id = d.id
WHERE l.review_id = $1 ORDER BY d.id)SQL"};
inline constexpr Statement kSelectDocument{"doc_select_document", R"SQL(
SELECT d.id, d.campaign_id, d.review_id, d.subject, d.kind, d.version, d.title, d.number,
       d.sha256, d.size_bytes, d.page_count, d.template_version, d.snapshot_sha256,
       coalesce(d.event_id, 0), floor(extract(epoch FROM d.created_at))::bigint
FROM documents d WHERE d.id = $1)SQL"};
inline constexpr Statement kDocumentReviewIds{
    "doc_document_review_ids",
    "SELECT review_id FROM document_reviews WHERE document_id = $1 ORDER BY review_id"};
inline constexpr Statement kDocumentPdf{"doc_document_pdf", R"SQL(
SELECT c.pdf FROM documents d JOIN document_contents c ON c.sha256 = d.sha256 WHERE d.id = $1)SQL"};
inline constexpr Statement kDocumentHtml{"doc_document_html",
                                         "SELECT html FROM documents WHERE id = $1"};
inline constexpr Statement kDocumentSnapshot{"doc_document_snapshot",
                                             "SELECT snapshot FROM documents WHERE id = $1"};
inline constexpr Statement kDocumentSourceSnapshot{
    "doc_document_source_snapshot", "SELECT source_snapshot FROM documents WHERE id = $1"};

inline constexpr Statement kAll[] = {
    kClaimRenderJob,      kFinishRenderJob,    kRetryRenderJob,         kReleaseWorkerJobs,
    kReviewRenderJobs,    kBatchReviews,       kSubjectNumber,          kNextNumber,
    kInsertSubjectNumber, kLockSubject,        kInsertContent,          kSameDocument,
    kInsertDocument,      kLinkDocumentReview, kReviewDocuments,        kSelectDocument,
    kDocumentReviewIds,   kDocumentPdf,        kDocumentHtml,           kDocumentSnapshot,
    kQueueRenderJob,      kEventSnapshot,      kDocumentSourceSnapshot,
};

}  // namespace kd::storage::sql_documents
