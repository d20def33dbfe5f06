#include "services/tracking/runtime.hpp"

#include <Poco/Logger.h>
#include <unistd.h>

#include "services/tracking/holidays.hpp"
#include "services/tracking/service.hpp"

namespace kd::tracking {
namespace {

Poco::Logger& logger() { return Poco::Logger::get("kd.tracking"); }

std::string instance_name() {
  char host[256] = {0};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] ? host : "kiemdiem") + ":" + std::to_string(::getpid());
}

}  // namespace

TrackingRuntime::TrackingRuntime(const kd::config::Settings& s, kd::storage::Store& store,
                                 Clock clock)
    : calendar_(holiday_calendar(s.holidays_dir)),
      tracking_(std::make_unique<TrackingStore>(store.pool())) {
  std::string years;
  for (int y : calendar_->years()) {
    years += (years.empty() ? "" : ", ") + std::to_string(y);
    if (calendar_->year(y)->provisional) years += " (provisional)";
  }
  logger().information("holiday calendar from %s: %s", s.holidays_dir, years);
  for (const auto& line : provisional_report(*calendar_)) logger().warning(line);
  if (!s.smtp_host.empty()) {
    SmtpOptions o;
    o.host = s.smtp_host;
    o.port = s.smtp_port;
    o.from_address = s.smtp_from;
    o.from_name = s.smtp_from_name;
    o.timeout_seconds = s.smtp_timeout_seconds;
    o.auth = parse_smtp_auth(s.smtp_auth);
    o.username = s.smtp_username;
    o.password = s.smtp_password;
    o.starttls = s.smtp_starttls;
    o.ca_file = s.smtp_ca_file;
    smtp_tls_ = o.starttls;
    if (o.auth != SmtpOptions::Auth::None) smtp_user_ = o.username;
    smtp_ = std::make_unique<SmtpTransport>(o);
  }
  if (s.tracking_scheduler) {
    SchedulerOptions o;
    o.instance = instance_name();
    o.rules = rules_from(s);
    o.interval_seconds = s.tracking_interval_seconds;
    o.max_attempts = s.mail_max_attempts;
    o.retry_seconds = s.mail_retry_seconds;
    scheduler_ = std::make_unique<Scheduler>(*tracking_, store, *calendar_, std::move(clock),
                                             smtp_.get(), o);
  }
}

TrackingRuntime::~TrackingRuntime() { stop(); }

void TrackingRuntime::start() {
  if (!scheduler_) {
    logger().information("tracking scheduler off in this instance (tracking.scheduler = false)");
    return;
  }
  scheduler_->start();
  logger().information("tracking scheduler started; e-mail %s",
                       smtp_ ? std::string("through the SMTP relay") +
                                   (smtp_tls_ ? ", STARTTLS" : "") +
                                   (smtp_user_.empty() ? "" : ", authenticated as " + smtp_user_)
                             : std::string("off (inbox only)"));
}

void TrackingRuntime::stop() {
  if (scheduler_) scheduler_->stop();
}

}  // namespace kd::tracking
