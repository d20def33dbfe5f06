#include "services/tracking/scheduler.hpp"

#include <Poco/Logger.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "services/tracking/messages.hpp"
#include "services/tracking/tracking_sql.hpp"

namespace kd::tracking {
namespace {

namespace wf = kd::wf;

Poco::Logger& logger() { return Poco::Logger::get("kd.tracking"); }

std::int64_t secs(wf::TimePoint t) { return t.time_since_epoch().count(); }

constexpr std::int64_t kMaxRetryDelay = 6 * 3600;

}  // namespace

Scheduler::Scheduler(TrackingStore& tracking, kd::storage::Store& store,
                     const wf::HolidayCalendar& cal, Clock clock, MailTransport* mail,
                     SchedulerOptions options)
    : tracking_(tracking),
      store_(store),
      cal_(cal),
      clock_(std::move(clock)),
      mail_(mail),
      options_(std::move(options)) {}

Scheduler::~Scheduler() { stop(); }

TickReport Scheduler::scan() {
  TickReport report;
  const wf::TimePoint now = clock_();
  auto conn = tracking_.acquire();
  pqxx::work w(*conn, "tracking_scan");
  if (!w.exec_prepared1(sql::name(sql::kTryScanLock))[0].as<bool>()) {
    w.abort();
    return report;  // another instance is scanning
  }
  report.scanned = true;
  const wf::OrgTree org = store_.load_org_tree();
  const wf::RoleIndex index(org);
  for (const Id campaign_id : TrackingStore::open_campaigns(w)) {
    const auto record = store_.get_campaign(campaign_id);
    if (!record) continue;
    CampaignTracking ct;
    try {
      ct = evaluate(*record, TrackingStore::tracked_reviews(w, campaign_id, {}), index, cal_,
                    options_.rules, now);
    } catch (const wf::CalendarYearMissing& e) {
      const std::string msg = "campaign_id=" + std::to_string(campaign_id) + ": " + e.what();
      logger().error("tracking scan skipped %s", msg);
      report.error += (report.error.empty() ? "" : "; ") + msg;
      continue;
    }
    report.reviews += static_cast<int>(ct.reviews.size());

    std::set<std::string> known;
    for (const auto& r : w.exec_prepared(sql::name(sql::kCampaignNoticeKeys), campaign_id)) {
      known.insert(r[0].as<std::string>());
    }
    std::vector<std::pair<const TrackedReview*, wf::Notice>> fresh;
    std::vector<Id> people;
    for (const auto& t : ct.reviews) {
      for (auto& n : wf::notices_due(t.row.review, t.row.activity, t.status, t.must, t.chain, cal_,
                                     options_.rules, now)) {
        if (known.count(n.key)) continue;
        people.push_back(n.recipient);
        people.insert(people.end(), t.must.people.begin(), t.must.people.end());
        fresh.emplace_back(&t, std::move(n));
      }
    }
    if (fresh.empty()) continue;
    std::sort(people.begin(), people.end());
    people.erase(std::unique(people.begin(), people.end()), people.end());
    const auto contacts = TrackingStore::contacts(w, people);
    std::map<Id, std::string> names;
    for (const auto& [id, c] : contacts) names[id] = c.full_name;

    for (const auto& [t, n] : fresh) {
      const MessageText text = compose(n, *t, ct.record.campaign, names);
      const std::optional<std::string> due =
          n.due ? std::optional<std::string>(wf::to_iso(*n.due)) : std::nullopt;
      const auto inserted =
          w.exec_prepared(sql::name(sql::kInsertNotification), n.key, n.recipient,
                          std::string(wf::to_string(n.kind)), n.review_id, campaign_id,
                          std::string(wf::to_string(n.stage)), n.stage_entry_seq,
                          due ? due->c_str() : nullptr, text.subject, text.body, secs(now));
      if (inserted.empty()) continue;  // produced meanwhile (cannot happen under the lock)
      ++report.notices;
      const auto contact = contacts.find(n.recipient);
      if (mail_ && contact != contacts.end() && !contact->second.email.empty()) {
        w.exec_prepared0(sql::name(sql::kInsertMail), inserted[0][0].as<Id>(),
                         contact->second.email, contact->second.full_name, text.subject, text.body,
                         secs(now));
      }
    }
  }
  w.exec_prepared0(sql::name(sql::kInsertRun), options_.instance, secs(now), report.reviews,
                   report.notices, report.error.empty() ? nullptr : report.error.c_str());
  w.commit();
  if (report.notices > 0) {
    logger().information("tracking scan instance=%s reviews=%d new_notifications=%d",
                         options_.instance, report.reviews, report.notices);
  }
  return report;
}

void Scheduler::deliver(TickReport& report) {
  if (!mail_) return;
  for (int i = 0; i < options_.mail_batch; ++i) {
    const wf::TimePoint now = clock_();
    auto conn = tracking_.acquire();
    pqxx::work w(*conn, "mail_delivery");
    const auto rows = w.exec_prepared(sql::name(sql::kClaimMail), secs(now));
    if (rows.empty()) {
      w.commit();
      return;
    }
    MailRecord m;
    m.id = rows[0][0].as<Id>();
    m.address = rows[0][1].as<std::string>();
    m.display_name = rows[0][2].as<std::string>();
    m.subject = rows[0][3].as<std::string>();
    m.body = rows[0][4].as<std::string>();
    m.attempts = rows[0][5].as<int>();
    try {
      mail_->send({m.address, m.display_name, m.subject, m.body});
      w.exec_prepared0(sql::name(sql::kMailSent), m.id, secs(now));
      ++report.mails_sent;
    } catch (const std::exception& e) {
      const int attempts = m.attempts + 1;
      const bool give_up = attempts >= options_.max_attempts;
      std::int64_t delay = options_.retry_seconds;
      for (int k = 1; k < attempts && delay < kMaxRetryDelay; ++k) delay *= 2;
      delay = std::min(delay, kMaxRetryDelay);
      w.exec_prepared0(sql::name(sql::kMailFailed), m.id, secs(now), std::string(e.what()),
                       secs(now) + delay, give_up);
      ++report.mails_failed;
      logger().warning("mail_id=%s attempt %d failed%s: %s", std::to_string(m.id), attempts,
                       std::string(give_up ? " (given up)" : ""), std::string(e.what()));
    }
    w.commit();
  }
}

TickReport Scheduler::tick() {
  TickReport report = scan();
  deliver(report);
  return report;
}

void Scheduler::start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void Scheduler::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::run() {
  for (;;) {
    try {
      tick();
    } catch (const std::exception& e) {
      logger().error("tracking tick failed instance=%s: %s", options_.instance,
                     std::string(e.what()));
    }
    std::unique_lock<std::mutex> lock(mu_);
    if (cv_.wait_for(lock, std::chrono::seconds(options_.interval_seconds),
                     [this] { return stopping_; })) {
      return;
    }
  }
}

}  // namespace kd::tracking
