// The repository of rendered documents and of the render jobs (outbox rows of kind
// 'render_document'). Each method is one transaction; infrastructure failures throw.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "services/storage/connection_pool.hpp"
#include "workflow/organisation.hpp"

namespace kd::storage {

struct RenderJob {
  wf::Id id = 0;
  wf::Id review_id = 0;
  wf::Id campaign_id = 0;
  // {review_id, campaign_id, event_id, event_seq, action, stage, documents}; a batch job
  // (review_id 0) also lists review_ids and event_ids.
  std::string payload_json;
  int attempt = 0;       // 1 for the first claim
  std::string snapshot;  // the data to render from (render_snapshot.hpp); "" before 0005
};

struct DocumentRecord {
  wf::Id id = 0;
  wf::Id campaign_id = 0;
  std::optional<wf::Id> review_id;  // none for a batch document
  std::string subject;              // "review:12" | "batch:<campaign>:<action>:<epoch>:<actor>"
  std::string kind;                 // documents::to_string(DocumentKind)
  int version = 1;
  std::string title;
  std::string number;  // "Số: 05/QĐ-SNV", or empty
  std::string sha256;  // of the PDF bytes
  long size_bytes = 0;
  int page_count = 0;
  std::string template_version;
  std::string snapshot_sha256;
  wf::Id event_id = 0;
  std::int64_t created_at = 0;     // epoch seconds
  std::vector<wf::Id> review_ids;  // every review the document is about
};

// A rendered document to store.
struct NewDocument {
  wf::Id campaign_id = 0;
  std::optional<wf::Id> review_id;
  std::vector<wf::Id> review_ids;
  std::string subject;
  std::string kind;
  std::string title;
  std::string number;
  std::string pdf;
  std::string sha256;
  int page_count = 0;
  std::string template_version;
  std::string snapshot;  // canonical JSON of the model
  std::string snapshot_sha256;
  std::string html;
  wf::Id event_id = 0;
  std::int64_t created_at = 0;
  std::string source_snapshot;  // the render job's snapshot ("" = none: stored as NULL)
  wf::Id render_job_id = 0;     // the outbox row it was rendered for (0 = none)
};

struct StoreResult {
  wf::Id document_id = 0;
  bool created = false;  // false: the same snapshot had already rendered to the same bytes
};

// Render status of a review: the state of its latest render job.
struct RenderStatus {
  std::string state = "none";  // none | queued | rendering | done | failed
  int jobs = 0;
  int pending = 0;  // queued or rendering
  int attempts = 0;
  std::string last_error;  // reason of the latest failed attempt ("" if none)
};

class DocumentStore {
 public:
  explicit DocumentStore(ConnectionPool& pool) : pool_(pool) {}

  // --- render jobs ---
  std::optional<RenderJob> claim_job(const std::string& worker, int lease_seconds);
  // Stores the documents and marks the job done, in one transaction. False (nothing stored)
  // when the claim was lost (the job was given to another worker meanwhile).
  bool finish_job(const RenderJob&, const std::string& worker, const std::vector<NewDocument>&,
                  std::vector<StoreResult>* results = nullptr);
  // A failed attempt: retried after backoff, or failed for good after max_attempts.
  // Returns true when the job is now failed for good.
  bool retry_job(const RenderJob&, const std::string& worker, const std::string& reason,
                 double backoff_seconds, int max_attempts);
  // Every job held by a worker that is gone (killed at the timeout, crashed).
  std::vector<wf::Id> release_worker_jobs(const std::string& worker, const std::string& reason,
                                          double backoff_seconds, int max_attempts);
  RenderStatus render_status(wf::Id review_id);

  // --- numbers ---
  // The number of (subject, kind): given once from the issuer's sequence for `year`, then kept.
  int number_for(const std::string& subject, const std::string& kind, const std::string& issuer,
                 int year);

  // --- documents ---
  StoreResult store(const NewDocument&);  // outside a job (kiemdiem render)
  std::vector<wf::Id> batch_reviews(wf::Id campaign_id, const std::string& action,
                                    std::int64_t occurred_at, wf::Id actor_id);
  std::vector<DocumentRecord> review_documents(wf::Id review_id);
  std::optional<DocumentRecord> document(wf::Id id);
  std::optional<std::string> pdf(wf::Id document_id);
  std::optional<std::string> html(wf::Id document_id);
  std::optional<std::string> snapshot(wf::Id document_id);
  // The source data the document was rendered from (nullopt: none recorded).
  std::optional<std::string> source_snapshot(wf::Id document_id);
  // The snapshot queued with event `event_id` of review `review_id` for documents of `part`
  // ("review" or "batch"; a single-review job, "all", matches both), and its job id.
  std::optional<std::pair<wf::Id, std::string>> event_snapshot(wf::Id review_id, wf::Id event_id,
                                                               const std::string& part);

 private:
  ConnectionPool& pool_;
};

}  // namespace kd::storage
