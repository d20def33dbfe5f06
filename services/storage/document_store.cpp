#include "services/storage/document_store.hpp"

#include "services/storage/sql_documents.hpp"

namespace kd::storage {
namespace {

namespace q = sql_documents;
using sql::name;

DocumentRecord read_document(const pqxx::row& r) {
  DocumentRecord d;
  d.id = r[0].as<wf::Id>();
  d.campaign_id = r[1].as<wf::Id>();
  if (!r[2].is_null()) d.review_id = r[2].as<wf::Id>();
  d.subject = r[3].as<std::string>();
  d.kind = r[4].as<std::string>();
  d.version = r[5].as<int>();
  d.title = r[6].as<std::string>();
  d.number = r[7].as<std::string>();
  d.sha256 = r[8].as<std::string>();
  d.size_bytes = r[9].as<long>();
  d.page_count = r[10].as<int>();
  d.template_version = r[11].as<std::string>();
  d.snapshot_sha256 = r[12].as<std::string>();
  d.event_id = r[13].as<wf::Id>();
  d.created_at = r[14].as<std::int64_t>();
  return d;
}

std::vector<wf::Id> linked_reviews(pqxx::transaction_base& t, wf::Id document_id) {
  std::vector<wf::Id> ids;
  for (const auto& r : t.exec_prepared(name(q::kDocumentReviewIds), document_id))
    ids.push_back(r[0].as<wf::Id>());
  return ids;
}

StoreResult store_in(pqxx::transaction_base& t, const NewDocument& d) {
  t.exec_prepared(name(q::kLockSubject), d.subject, d.kind);
  StoreResult out;
  const auto same =
      t.exec_prepared(name(q::kSameDocument), d.subject, d.kind, d.snapshot_sha256, d.sha256);
  if (!same.empty()) {
    out.document_id = same[0][0].as<wf::Id>();
  } else {
    t.exec_prepared0(name(q::kInsertContent), d.sha256, pqxx::binarystring(d.pdf));
    const std::optional<std::string> review =
        d.review_id ? std::optional<std::string>(std::to_string(*d.review_id)) : std::nullopt;
    const std::optional<std::string> event =
        d.event_id ? std::optional<std::string>(std::to_string(d.event_id)) : std::nullopt;
    const std::optional<std::string> job =
        d.render_job_id ? std::optional<std::string>(std::to_string(d.render_job_id))
                        : std::nullopt;
    const auto row = t.exec_prepared1(
        name(q::kInsertDocument), d.campaign_id, review ? review->c_str() : nullptr, d.subject,
        d.kind, d.title, d.number, d.sha256, static_cast<long>(d.pdf.size()), d.page_count,
        d.template_version, d.snapshot, d.snapshot_sha256, d.html, event ? event->c_str() : nullptr,
        d.created_at, d.source_snapshot.empty() ? nullptr : d.source_snapshot.c_str(),
        job ? job->c_str() : nullptr);
    out.document_id = row[0].as<wf::Id>();
    out.created = true;
  }
  for (const auto id : d.review_ids)
    t.exec_prepared0(name(q::kLinkDocumentReview), out.document_id, id);
  return out;
}

}  // namespace

std::optional<RenderJob> DocumentStore::claim_job(const std::string& worker, int lease_seconds) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "claim_render_job");
  const auto res = w.exec_prepared(name(q::kClaimRenderJob), worker, lease_seconds);
  w.commit();
  if (res.empty()) return std::nullopt;
  RenderJob j;
  j.id = res[0][0].as<wf::Id>();
  j.review_id = res[0][1].is_null() ? 0 : res[0][1].as<wf::Id>();
  j.campaign_id = res[0][2].is_null() ? 0 : res[0][2].as<wf::Id>();
  j.payload_json = res[0][3].as<std::string>();
  j.attempt = res[0][4].as<int>();
  j.snapshot = res[0][5].as<std::string>();
  return j;
}

bool DocumentStore::finish_job(const RenderJob& job, const std::string& worker,
                               const std::vector<NewDocument>& docs,
                               std::vector<StoreResult>* results) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "finish_render_job");
  const auto done = w.exec_prepared(name(q::kFinishRenderJob), job.id, worker, job.attempt);
  if (done.affected_rows() != 1) return false;  // rolled back: the claim was lost
  std::vector<StoreResult> out;
  for (const auto& d : docs) out.push_back(store_in(w, d));
  w.commit();
  if (results) *results = std::move(out);
  return true;
}

bool DocumentStore::retry_job(const RenderJob& job, const std::string& worker,
                              const std::string& reason, double backoff_seconds, int max_attempts) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "retry_render_job");
  const auto res = w.exec_prepared(name(q::kRetryRenderJob), job.id, worker, reason,
                                   backoff_seconds, max_attempts);
  w.commit();
  return !res.empty() && res[0][0].as<bool>();
}

std::vector<wf::Id> DocumentStore::release_worker_jobs(const std::string& worker,
                                                       const std::string& reason,
                                                       double backoff_seconds, int max_attempts) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "release_worker_jobs");
  std::vector<wf::Id> ids;
  for (const auto& r :
       w.exec_prepared(name(q::kReleaseWorkerJobs), worker, reason, backoff_seconds, max_attempts))
    ids.push_back(r[0].as<wf::Id>());
  w.commit();
  return ids;
}

RenderStatus DocumentStore::render_status(wf::Id review_id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  RenderStatus s;
  for (const auto& r : t.exec_prepared(name(q::kReviewRenderJobs), review_id)) {
    ++s.jobs;
    const bool claimed = r[4].as<bool>(), done = r[5].as<bool>(), failed = r[6].as<bool>();
    s.attempts = r[2].as<int>();
    s.last_error = r[3].as<std::string>();
    if (failed) {
      s.state = "failed";
    } else if (done) {
      s.state = "done";
    } else {
      ++s.pending;
      s.state = claimed ? "rendering" : "queued";
    }
  }
  if (s.state == "done") s.last_error.clear();  // earlier failed attempts no longer matter
  // A failed job stays visible even when later jobs are done.
  for (const auto& r : t.exec_prepared(name(q::kReviewRenderJobs), review_id)) {
    if (r[6].as<bool>() && s.pending == 0) {
      s.state = "failed";
      s.last_error = r[3].as<std::string>();
    }
  }
  return s;
}

int DocumentStore::number_for(const std::string& subject, const std::string& kind,
                              const std::string& issuer, int year) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "document_number");
  w.exec_prepared(name(q::kLockSubject), subject, kind);
  const auto existing = w.exec_prepared(name(q::kSubjectNumber), subject, kind);
  if (!existing.empty()) return existing[0][0].as<int>();
  const int n = w.exec_prepared1(name(q::kNextNumber), issuer, year)[0].as<int>();
  w.exec_prepared0(name(q::kInsertSubjectNumber), subject, kind, issuer, year, n);
  w.commit();
  return n;
}

StoreResult DocumentStore::store(const NewDocument& d) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "store_document");
  const auto r = store_in(w, d);
  w.commit();
  return r;
}

std::vector<wf::Id> DocumentStore::batch_reviews(wf::Id campaign_id, const std::string& action,
                                                 std::int64_t occurred_at, wf::Id actor_id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  std::vector<wf::Id> ids;
  for (const auto& r :
       t.exec_prepared(name(q::kBatchReviews), campaign_id, action, occurred_at, actor_id))
    ids.push_back(r[0].as<wf::Id>());
  return ids;
}

std::vector<DocumentRecord> DocumentStore::review_documents(wf::Id review_id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  std::vector<DocumentRecord> out;
  for (const auto& r : t.exec_prepared(name(q::kReviewDocuments), review_id))
    out.push_back(read_document(r));
  for (auto& d : out) d.review_ids = linked_reviews(t, d.id);
  return out;
}

std::optional<DocumentRecord> DocumentStore::document(wf::Id id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto res = t.exec_prepared(name(q::kSelectDocument), id);
  if (res.empty()) return std::nullopt;
  auto d = read_document(res[0]);
  d.review_ids = linked_reviews(t, d.id);
  return d;
}

std::optional<std::string> DocumentStore::pdf(wf::Id document_id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto res = t.exec_prepared(name(q::kDocumentPdf), document_id);
  if (res.empty()) return std::nullopt;
  const pqxx::binarystring bytes(res[0][0]);
  return bytes.str();
}

std::optional<std::string> DocumentStore::html(wf::Id document_id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto res = t.exec_prepared(name(q::kDocumentHtml), document_id);
  if (res.empty()) return std::nullopt;
  return res[0][0].as<std::string>();
}

std::optional<std::string> DocumentStore::snapshot(wf::Id document_id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto res = t.exec_prepared(name(q::kDocumentSnapshot), document_id);
  if (res.empty()) return std::nullopt;
  return res[0][0].as<std::string>();
}

std::optional<std::string> DocumentStore::source_snapshot(wf::Id document_id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto res = t.exec_prepared(name(q::kDocumentSourceSnapshot), document_id);
  if (res.empty() || res[0][0].is_null()) return std::nullopt;
  return res[0][0].as<std::string>();
}

std::optional<std::pair<wf::Id, std::string>> DocumentStore::event_snapshot(
    wf::Id review_id, wf::Id event_id, const std::string& part) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto res = t.exec_prepared(name(q::kEventSnapshot), event_id, part, review_id);
  if (res.empty()) return std::nullopt;
  return std::make_pair(res[0][0].as<wf::Id>(), res[0][1].as<std::string>());
}

}  // namespace kd::storage
