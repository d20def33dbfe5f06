// The tracking and e-mail settings: defaults, the shipped file, and each invalid value
// refused with its key named.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "services/config/settings.hpp"

namespace {

namespace fs = std::filesystem;
using kd::config::ConfigError;
using kd::config::load_settings;

std::string key_refused(const std::string& text) {
  const auto file = fs::temp_directory_path() / ("kd-trk-" + std::to_string(getpid()) + ".ini");
  std::ofstream(file) << text;
  std::string key;
  try {
    load_settings(file.string());
  } catch (const ConfigError& e) {
    key = e.key;
  }
  fs::remove(file);
  return key;
}

TEST(TrackingSettings, TheShippedFileMatchesTheDefaults) {
  const auto s = load_settings(std::string(KD_SOURCE_DIR) + "/config/kiemdiem.properties");
  const kd::config::Settings d;
  EXPECT_EQ(s.holidays_dir, d.holidays_dir);
  EXPECT_EQ(s.tracking_scheduler, d.tracking_scheduler);
  EXPECT_EQ(s.tracking_interval_seconds, d.tracking_interval_seconds);
  EXPECT_EQ(s.tracking_stalled_working_days, d.tracking_stalled_working_days);
  EXPECT_EQ(s.tracking_reminder_working_days, d.tracking_reminder_working_days);
  EXPECT_EQ(s.tracking_supervisor_after_working_days, d.tracking_supervisor_after_working_days);
  EXPECT_EQ(s.smtp_host, d.smtp_host);
  EXPECT_EQ(s.smtp_port, d.smtp_port);
  EXPECT_EQ(s.smtp_from, d.smtp_from);
  EXPECT_EQ(s.smtp_from_name, d.smtp_from_name);
  EXPECT_EQ(s.mail_max_attempts, d.mail_max_attempts);
  EXPECT_EQ(s.mail_retry_seconds, d.mail_retry_seconds);
}

TEST(TrackingSettings, EachInvalidValueNamesItsKey) {
  for (const auto& [key, text] : std::vector<std::pair<std::string, std::string>>{
           {"tracking.scheduler", "tracking.scheduler = maybe"},
           {"tracking.interval_seconds", "tracking.interval_seconds = 1"},
           {"tracking.stalled_working_days", "tracking.stalled_working_days = 0"},
           {"tracking.reminder_working_days", "tracking.reminder_working_days = -1"},
           {"tracking.supervisor_after_working_days", "tracking.supervisor_after_working_days = x"},
           {"smtp.host", "smtp.host = mail server"},
           {"smtp.port", "smtp.port = 0"},
           {"smtp.from", "smtp.from = không-phải-địa-chỉ"},
           {"smtp.from", "smtp.from = a@b@c"},
           {"smtp.from", "smtp.from = <x@y>"},
           {"smtp.timeout_seconds", "smtp.timeout_seconds = 0"},
           {"mail.max_attempts", "mail.max_attempts = 0"},
           {"mail.retry_seconds", "mail.retry_seconds = 99999999"},
           {"holidays.dir", "holidays.dir ="}}) {
    EXPECT_EQ(key_refused(text), key) << text;
  }
  EXPECT_EQ(key_refused("smtp.host = relay.so.gov.vn\nsmtp.port = 587\n"
                        "smtp.from = kiemdiem@so.gov.vn\ntracking.scheduler = false\n"),
            "");
}

}  // namespace
