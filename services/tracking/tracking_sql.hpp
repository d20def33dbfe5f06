// Every SQL statement of the tracking adapter, as named constants (same rules as
// services/storage/sql.hpp: prepared under their names, never assembled at run
// time, instants as epoch seconds). Prepared lazily on a pooled connection by
// prepare_tracking_statements (idempotent: libpqxx ignores an identical redefinition).
#pragma once

#include <pqxx/pqxx>

#include "services/storage/sql.hpp"

namespace kd::tracking::sql {

using kd::storage::sql::name;
using kd::storage::sql::Statement;

// Only one scheduler scan at a time across every instance on the database; held
// until the scan's transaction ends (a crashed instance releases it with its session).
inline constexpr Statement kTryScanLock{"trk_try_scan_lock",
                                        "SELECT pg_try_advisory_xact_lock(74202605)"};

inline constexpr Statement kOpenCampaignIds{
    "trk_open_campaign_ids", "SELECT id FROM campaigns WHERE status = 'open' ORDER BY id"};

// The reviews of one campaign (restricted to $2 unit ids unless NULL) with what tracking
// needs from their events: the event that brought each into its current stage (the latest
// one landing in it from another stage; "create" has an empty from_stage), the latest
// event of any kind, and the notifications already sent for that stage entry.
inline constexpr Statement kTrackedReviews{"trk_tracked_reviews", R"SQL(
WITH ev AS (
  SELECT e.review_id,
         max(e.occurred_at) AS last_at,
         coalesce(max(e.seq) FILTER (WHERE e.to_stage = r.stage AND e.from_stage <> e.to_stage),
                  min(e.seq)) AS entry_seq
  FROM review_events e JOIN reviews r ON r.id = e.review_id
  WHERE r.campaign_id = $1 AND ($2::bigint[] IS NULL OR r.unit_id = ANY($2::bigint[]))
  GROUP BY e.review_id)
SELECT r.id, r.campaign_id, r.person_id, r.unit_id, r.stage, r.final_rating, r.not_rated,
       floor(extract(epoch FROM r.published_at))::bigint,
       p.full_name, p.group_code, p.party_member, p.leader, p.position, p.peer_group,
       u.name, ev.entry_seq,
       floor(extract(epoch FROM entry.occurred_at))::bigint,
       floor(extract(epoch FROM ev.last_at))::bigint,
       (SELECT count(*) FROM notifications n
        WHERE n.review_id = r.id AND n.stage = r.stage AND n.stage_entry_seq = ev.entry_seq
          AND n.kind <> 'signature_requested')
FROM reviews r
JOIN ev ON ev.review_id = r.id
JOIN review_events entry ON entry.review_id = r.id AND entry.seq = ev.entry_seq
JOIN people p ON p.id = r.person_id
JOIN units u ON u.id = r.unit_id
WHERE r.campaign_id = $1 AND ($2::bigint[] IS NULL OR r.unit_id = ANY($2::bigint[]))
ORDER BY r.id)SQL"};

// Keys already produced for a campaign: the scan inserts only the others.
inline constexpr Statement kCampaignNoticeKeys{
    "trk_campaign_notice_keys", "SELECT key FROM notifications WHERE campaign_id = $1"};
inline constexpr Statement kPeopleContacts{"trk_people_contacts", R"SQL(
SELECT id, full_name, email FROM people WHERE id = ANY($1::bigint[]))SQL"};
inline constexpr Statement kSetEmail{"trk_set_email", "UPDATE people SET email = $2 WHERE id = $1"};

// $1 key ... returns the id only when the key is new.
inline constexpr Statement kInsertNotification{"trk_insert_notification", R"SQL(
INSERT INTO notifications (key, recipient_id, kind, review_id, campaign_id, stage, stage_entry_seq,
                           due_date, subject, body, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date, $9, $10, to_timestamp($11))
ON CONFLICT (key) DO NOTHING RETURNING id)SQL"};
inline constexpr Statement kInsertMail{"trk_insert_mail", R"SQL(
INSERT INTO mail_outbox (notification_id, address, display_name, subject, body, created_at,
                         available_at)
VALUES ($1, $2, $3, $4, $5, to_timestamp($6), to_timestamp($6)))SQL"};
inline constexpr Statement kInsertRun{"trk_insert_run", R"SQL(
INSERT INTO scheduler_runs (instance, ran_at, reviews_scanned, notices_created, error)
VALUES ($1, to_timestamp($2), $3, $4, $5))SQL"};

// The inbox. $2 unread only; $3 limit, $4 offset.
inline constexpr Statement kInbox{"trk_inbox", R"SQL(
SELECT id, kind, review_id, campaign_id, stage, due_date::text, subject, body,
       floor(extract(epoch FROM created_at))::bigint, floor(extract(epoch FROM read_at))::bigint
FROM notifications WHERE recipient_id = $1 AND (NOT $2::boolean OR read_at IS NULL)
ORDER BY id DESC LIMIT $3 OFFSET $4)SQL"};
inline constexpr Statement kInboxCount{"trk_inbox_count", R"SQL(
SELECT count(*), count(*) FILTER (WHERE read_at IS NULL) FROM notifications
WHERE recipient_id = $1 AND (NOT $2::boolean OR read_at IS NULL))SQL"};
// Marks one notification read (first read wins); no row when it is not the caller's.
inline constexpr Statement kMarkRead{"trk_mark_read", R"SQL(
UPDATE notifications SET read_at = coalesce(read_at, to_timestamp($3))
WHERE id = $1 AND recipient_id = $2
RETURNING floor(extract(epoch FROM read_at))::bigint)SQL"};

// The next e-mail due, locked so no other instance sends it meanwhile.
inline constexpr Statement kClaimMail{"trk_claim_mail", R"SQL(
SELECT id, address, display_name, subject, body, attempts FROM mail_outbox
WHERE sent_at IS NULL AND failed_at IS NULL AND available_at <= to_timestamp($1)
ORDER BY available_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)SQL"};
inline constexpr Statement kMailSent{"trk_mail_sent", R"SQL(
UPDATE mail_outbox SET sent_at = to_timestamp($2), attempts = attempts + 1, last_error = NULL
WHERE id = $1)SQL"};
// $3 error, $4 next attempt time, $5 give up (true: failed_at = $2).
inline constexpr Statement kMailFailed{"trk_mail_failed", R"SQL(
UPDATE mail_outbox SET attempts = attempts + 1, last_error = $3, available_at = to_timestamp($4),
       failed_at = CASE WHEN $5::boolean THEN to_timestamp($2) END
WHERE id = $1)SQL"};

// A person's reviews across campaigns, oldest year first.
inline constexpr Statement kRatingHistory{"trk_rating_history", R"SQL(
SELECT c.id, c.year, c.name, c.regime_id, r.id, r.stage, r.final_rating, r.not_rated,
       floor(extract(epoch FROM r.published_at))::bigint, r.unit_id
FROM reviews r JOIN campaigns c ON c.id = r.campaign_id
WHERE r.person_id = $1 ORDER BY c.year, c.id)SQL"};

// The campaign summary report: a render job of the document pipeline (outbox row
// 'render_document' without a review; report_registry.hpp dispatches it), and what it produced.
inline constexpr Statement kEnqueueReport{"trk_enqueue_report", R"SQL(
INSERT INTO outbox (kind, review_id, campaign_id, payload, created_at, available_at)
VALUES ('render_document', NULL, $1, $2::jsonb, now(), now()) RETURNING id)SQL"};
inline constexpr Statement kLatestReportJob{"trk_latest_report_job", R"SQL(
SELECT id, attempts, coalesce(last_error, ''), claimed_by IS NOT NULL, done_at IS NOT NULL,
       failed_at IS NOT NULL, floor(extract(epoch FROM created_at))::bigint,
       (payload->>'as_of')::bigint
FROM outbox WHERE kind = 'render_document' AND campaign_id = $1 AND review_id IS NULL
  AND payload->>'report' = $2 AND payload->>'unit_id' = $3
ORDER BY id DESC LIMIT 1)SQL"};
inline constexpr Statement kLatestReportDocument{"trk_latest_report_document", R"SQL(
SELECT id, version, title, sha256, size_bytes, page_count,
       floor(extract(epoch FROM created_at))::bigint
FROM documents WHERE subject = $1 AND kind = $2 ORDER BY version DESC LIMIT 1)SQL"};
inline constexpr Statement kDocumentContent{"trk_document_content",
                                            "SELECT pdf FROM document_contents WHERE sha256 = $1"};

inline constexpr Statement kAll[] = {
    kTryScanLock,    kOpenCampaignIds, kTrackedReviews,       kCampaignNoticeKeys,
    kPeopleContacts, kSetEmail,        kInsertNotification,   kInsertMail,
    kInsertRun,      kInbox,           kInboxCount,           kMarkRead,
    kClaimMail,      kMailSent,        kMailFailed,           kRatingHistory,
    kEnqueueReport,  kLatestReportJob, kLatestReportDocument, kDocumentContent,
};

inline void prepare_tracking_statements(pqxx::connection& c) {
  for (const auto& s : kAll) c.prepare(std::string(s.name), std::string(s.text));
}

}  // namespace kd::tracking::sql
