// What `kiemdiem serve` runs for tracking: the holiday calendar checked at start-up
// (an invalid or missing directory stops the program), the SMTP transport when
// smtp.host is set, and the scheduler thread when tracking.scheduler is on.
#pragma once

#include <memory>
#include <string>

#include "services/config/settings.hpp"
#include "services/storage/store.hpp"
#include "services/tracking/scheduler.hpp"

namespace kd::tracking {

class TrackingRuntime {
 public:
  TrackingRuntime(const kd::config::Settings&, kd::storage::Store&, Clock);
  ~TrackingRuntime();
  void start();
  void stop();
  const kd::wf::HolidayCalendar& calendar() const { return *calendar_; }

 private:
  std::shared_ptr<const kd::wf::HolidayCalendar> calendar_;
  std::unique_ptr<TrackingStore> tracking_;
  std::unique_ptr<SmtpTransport> smtp_;
  bool smtp_tls_ = false;
  std::string smtp_user_;  // for the start-up log line (the password is never logged)
  std::unique_ptr<Scheduler> scheduler_;
};

}  // namespace kd::tracking
