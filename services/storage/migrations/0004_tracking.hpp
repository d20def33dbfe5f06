// 0004: deadlines and stalled-review tracking: e-mail addresses of people,
// the notification inbox with its unique keys, the e-mail outbox and the scheduler's
// run log. Included by migrations_sql.hpp; never edit once applied.
#pragma once

#include <string_view>

namespace kd::storage::migrations {

inline constexpr std::string_view k0004Tracking = R"SQL(
-- Where reminders and escalations are e-mailed; empty = inbox only.
ALTER TABLE people ADD COLUMN email text NOT NULL DEFAULT '';

-- One row per notification ever produced. `key` (kind/review/stage/stage entry/recipient)
-- is unique: a scheduler that recomputes, restarts, or runs beside another instance
-- inserts with ON CONFLICT DO NOTHING and so never notifies twice.
-- review_id and campaign_id deliberately carry no foreign key: inserting a referencing
-- row would take a KEY SHARE lock on the review and make a transition (SELECT ... FOR
-- UPDATE) wait for the scheduler's transaction. Reviews are never deleted.
CREATE TABLE notifications (
  id               bigserial PRIMARY KEY,
  key              text NOT NULL UNIQUE,
  recipient_id     bigint NOT NULL REFERENCES people(id),
  kind             text NOT NULL CHECK (kind IN ('reminder', 'overdue_head', 'overdue_supervisor')),
  review_id        bigint NOT NULL,
  campaign_id      bigint NOT NULL,
  stage            text NOT NULL,
  stage_entry_seq  integer NOT NULL,
  due_date         date,
  subject          text NOT NULL,
  body             text NOT NULL,
  created_at       timestamptz NOT NULL,
  read_at          timestamptz
);
CREATE INDEX notifications_inbox_idx ON notifications(recipient_id, id DESC);
CREATE INDEX notifications_review_idx ON notifications(review_id, stage, stage_entry_seq);

-- E-mails to send, written in the same transaction as their notification and delivered
-- later (never inside a transition). A row is claimed with FOR UPDATE SKIP LOCKED, so two
-- instances never send the same one; failures are retried with growing delays until
-- max attempts, then marked failed_at.
CREATE TABLE mail_outbox (
  id               bigserial PRIMARY KEY,
  notification_id  bigint NOT NULL UNIQUE REFERENCES notifications(id),
  address          text NOT NULL,
  display_name     text NOT NULL,
  subject          text NOT NULL,
  body             text NOT NULL,
  created_at       timestamptz NOT NULL,
  available_at     timestamptz NOT NULL,
  attempts         integer NOT NULL DEFAULT 0,
  last_error       text,
  sent_at          timestamptz,
  failed_at        timestamptz
);
CREATE INDEX mail_outbox_pending_idx ON mail_outbox(available_at)
  WHERE sent_at IS NULL AND failed_at IS NULL;

-- Each scan that held the scheduler lock: which instance, when (UTC), what it produced.
CREATE TABLE scheduler_runs (
  id               bigserial PRIMARY KEY,
  instance         text NOT NULL,
  ran_at           timestamptz NOT NULL,
  reviews_scanned  integer NOT NULL,
  notices_created  integer NOT NULL,
  error            text
);
)SQL";

}  // namespace kd::storage::migrations
