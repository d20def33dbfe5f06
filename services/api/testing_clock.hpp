// The clock of a testing run (testing.enabled = true): the system clock plus an offset that
// KIEMDIEM_FAKE_NOW sets at start-up and POST /api/v1/testing/clock moves, so that browser
// tests can watch a review become overdue or stalled. `serve` gives the same clock to the API,
// the tracking queries and the scheduler. Never created in a normal run.
#pragma once

#include <atomic>
#include <optional>
#include <string_view>

#include "services/api/server.hpp"

namespace kd::api {

class TestingClock {
 public:
  explicit TestingClock(kd::wf::Clock base = system_now) : base_(std::move(base)) {}
  kd::wf::TimePoint now() const { return base_() + std::chrono::seconds(offset_.load()); }
  // From now on the clock reads `t` (and keeps running from there).
  void set(kd::wf::TimePoint t) { offset_ = (t - base_()).count(); }
  void advance(std::chrono::seconds by) { offset_ += by.count(); }
  std::chrono::seconds offset() const { return std::chrono::seconds(offset_.load()); }
  // A function that reads this clock (for ApiDeps, the tracking runtime, the demo).
  kd::wf::Clock as_clock() const {
    return [this] { return now(); };
  }

 private:
  kd::wf::Clock base_;
  std::atomic<long long> offset_{0};
};

// "2026-12-10T09:00:00+07:00" or "...Z" (ISO 8601 with a zone); nullopt when malformed.
std::optional<kd::wf::TimePoint> parse_iso_time(std::string_view text);

}  // namespace kd::api
