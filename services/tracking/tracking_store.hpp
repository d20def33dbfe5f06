// Storage of the tracking adapter: the reviews with the facts their events give
// (stage entry, latest event), people's e-mail addresses, the notification inbox,
// the e-mail outbox and rating history. Every SQL statement is in tracking_sql.hpp.
// Methods taking a transaction run inside the caller's (the scheduler's scan);
// the others are one short transaction each.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "services/storage/connection_pool.hpp"
#include "services/storage/store.hpp"
#include "workflow/stalled.hpp"

namespace kd::tracking {

using kd::wf::Id;

// One review as tracking sees it. `review` holds the identity, stage and rating
// fields only (not the form, meeting or opinion).
struct TrackedRow {
  kd::wf::Review review;
  kd::wf::Person person;
  std::string unit_name;
  kd::wf::ReviewActivity activity;
  int notices_sent = 0;  // notifications already produced for the current stage entry
};

struct Contact {
  Id id = 0;
  std::string full_name;
  std::string email;  // empty: inbox only
};

struct NotificationRecord {
  Id id = 0;
  std::string kind;  // wf::NoticeKind name
  Id review_id = 0;
  Id campaign_id = 0;
  std::string stage;
  std::optional<kd::wf::Date> due;
  std::string subject;
  std::string body;
  kd::wf::TimePoint created_at;
  std::optional<kd::wf::TimePoint> read_at;
};

struct Inbox {
  std::vector<NotificationRecord> items;
  long total = 0;   // matching the filter
  long unread = 0;  // unread among them
};

struct MailRecord {
  Id id = 0;
  std::string address;
  std::string display_name;
  std::string subject;
  std::string body;
  int attempts = 0;  // before this one
};

struct HistoryEntry {
  Id campaign_id = 0;
  int year = 0;
  std::string campaign_name;
  std::string regime_id;
  Id review_id = 0;
  kd::wf::Stage stage = kd::wf::Stage::SelfAssessment;
  std::optional<kd::wf::Rating> rating;  // the decided rating, if any
  bool not_rated = false;
  std::optional<kd::wf::TimePoint> published_at;
  Id unit_id = 0;
};

// The latest summary report job of (campaign, unit) and the latest document it stored.
struct ReportJobState {
  Id job_id = 0;
  std::string state;  // queued | rendering | done | failed
  int attempts = 0;
  std::string last_error;
  kd::wf::TimePoint requested_at;
  kd::wf::TimePoint as_of;  // the time of the figures (the injected clock at the request)
};
struct ReportDocument {
  Id id = 0;
  int version = 1;
  std::string title;
  std::string sha256;
  long size_bytes = 0;
  int page_count = 0;
  kd::wf::TimePoint created_at;
};

class TrackingStore {
 public:
  explicit TrackingStore(kd::storage::ConnectionPool& pool) : pool_(pool) {}

  kd::storage::ConnectionPool& pool() { return pool_; }
  // A pooled connection with the tracking statements prepared.
  kd::storage::ConnectionPool::Lease acquire();

  // --- inside the caller's transaction ---
  static std::vector<Id> open_campaigns(pqxx::transaction_base&);
  // The campaign's reviews, restricted to `unit_ids` unless empty.
  static std::vector<TrackedRow> tracked_reviews(pqxx::transaction_base&, Id campaign_id,
                                                 const std::vector<Id>& unit_ids);
  static std::map<Id, Contact> contacts(pqxx::transaction_base&, const std::vector<Id>& people);

  // --- one transaction each ---
  std::vector<TrackedRow> tracked_reviews(Id campaign_id, const std::vector<Id>& unit_ids);
  std::vector<Id> open_campaigns();
  std::map<Id, Contact> contacts(const std::vector<Id>& people);
  void set_email(Id person_id, const std::string& email);
  Inbox inbox(Id person_id, bool unread_only, int limit, int offset);
  // The time it was first read; nothing when the notification is not the person's.
  std::optional<kd::wf::TimePoint> mark_read(Id person_id, Id notification_id,
                                             kd::wf::TimePoint now);
  std::vector<HistoryEntry> rating_history(Id person_id);

  // --- the campaign summary report (rendered by the document pipeline's workers) ---
  // The subject its documents are stored under: "campaign:<id>:summary:<unit>".
  static std::string report_subject(Id campaign_id, Id unit_id);
  // Enqueues a render job; the report shows the figures as of `as_of`. Returns the job id.
  Id enqueue_summary_report(Id campaign_id, Id unit_id, Id signer_id, kd::wf::TimePoint as_of);
  std::optional<ReportJobState> latest_report_job(Id campaign_id, Id unit_id);
  std::optional<ReportDocument> latest_report_document(Id campaign_id, Id unit_id);
  std::optional<std::string> document_pdf(const std::string& sha256);

 private:
  kd::storage::ConnectionPool& pool_;
};

}  // namespace kd::tracking
