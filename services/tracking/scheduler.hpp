// The scheduler inside the server: every interval it scans the open campaigns
// and stores the reminders and escalations that are due (notices_due), then
// delivers the e-mail outbox.
//
// Exactly one instance acts: a scan runs in one transaction that first takes
// pg_try_advisory_xact_lock; an instance that does not get it skips the scan.
// No notice is ever produced twice: each has a unique key and is inserted with
// ON CONFLICT DO NOTHING, its e-mail row in the same transaction. E-mails are
// claimed one at a time with FOR UPDATE SKIP LOCKED, sent, and marked sent (or
// retried later with a doubling delay) in that claim's transaction; the scan and
// the delivery never lock a review row, so a transition never waits for them.
//
// `now` always comes from the injected clock; the real time only paces the
// background thread (tests call tick() directly and move the clock).
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "services/storage/store.hpp"
#include "services/tracking/mailer.hpp"
#include "services/tracking/tracker.hpp"
#include "services/tracking/tracking_store.hpp"

namespace kd::tracking {

struct SchedulerOptions {
  std::string instance = "kiemdiem";  // names this instance in scheduler_runs and logs
  kd::wf::TrackingRules rules;
  int interval_seconds = 300;
  int mail_batch = 100;  // e-mails sent per tick at most
  int max_attempts = 8;
  int retry_seconds = 60;  // first retry delay; doubled after each failure, at most 6 hours
};

struct TickReport {
  bool scanned = false;  // false: another instance held the scan lock
  int reviews = 0;
  int notices = 0;  // new notifications stored
  int mails_sent = 0;
  int mails_failed = 0;  // attempts that failed (retried later or given up)
  std::string error;     // a campaign that could not be evaluated (e.g. a missing calendar year)
};

class Scheduler {
 public:
  // `mail` may be null: notifications go to the inbox only and no e-mail row is written.
  Scheduler(TrackingStore& tracking, kd::storage::Store& store, const kd::wf::HolidayCalendar& cal,
            Clock clock, MailTransport* mail, SchedulerOptions options);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  TickReport scan();
  // Sends due e-mails (at most mail_batch); adds to `report`.
  void deliver(TickReport& report);
  TickReport tick();

  void start();  // background thread: tick(), then wait interval_seconds (or stop())
  void stop();   // waits for the current tick to finish

 private:
  void run();
  TrackingStore& tracking_;
  kd::storage::Store& store_;
  const kd::wf::HolidayCalendar& cal_;
  Clock clock_;
  MailTransport* mail_;
  SchedulerOptions options_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

}  // namespace kd::tracking
