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
  // Authentication and TLS are off unless configured.
  EXPECT_EQ(d.smtp_auth, "none");
  EXPECT_FALSE(d.smtp_starttls);
  EXPECT_EQ(s.smtp_auth, "none");
  EXPECT_FALSE(s.smtp_starttls);
}

std::string message_of(const std::string& text) {
  const auto file = fs::temp_directory_path() / ("kd-trk-m-" + std::to_string(getpid()) + ".ini");
  std::ofstream(file) << text;
  std::string what;
  try {
    load_settings(file.string());
  } catch (const ConfigError& e) {
    what = e.key + ": " + e.what();
  }
  fs::remove(file);
  return what;
}

TEST(TrackingSettings, SmtpAuthenticationTakesItsPasswordOnlyFromTheEnvironment) {
  ::unsetenv("KIEMDIEM_SMTP_PASSWORD");
  // A password in the file is refused, and its value is not repeated in the message.
  const auto in_file = message_of("smtp.password = bí-mật-123\n");
  EXPECT_EQ(in_file.rfind("smtp.password", 0), 0u) << in_file;
  EXPECT_NE(in_file.find("KIEMDIEM_SMTP_PASSWORD"), std::string::npos) << in_file;
  EXPECT_EQ(in_file.find("bí-mật-123"), std::string::npos) << in_file;
  EXPECT_EQ(key_refused("smtp.auth = cram-md5\n"), "smtp.auth");
  EXPECT_EQ(key_refused("smtp.auth = login\n"), "smtp.username");
  const auto no_password = message_of("smtp.auth = plain\nsmtp.username = canbo\n");
  EXPECT_EQ(no_password.rfind("smtp.auth", 0), 0u) << no_password;
  EXPECT_NE(no_password.find("KIEMDIEM_SMTP_PASSWORD"), std::string::npos) << no_password;
  EXPECT_EQ(key_refused("smtp.starttls = maybe\n"), "smtp.starttls");

  ::setenv("KIEMDIEM_SMTP_PASSWORD", "bí-mật-123", 1);
  const auto file = fs::temp_directory_path() / ("kd-trk-a-" + std::to_string(getpid()) + ".ini");
  std::ofstream(file) << "smtp.host = relay.so.gov.vn\nsmtp.auth = login\n"
                         "smtp.username = canbo@so.gov.vn\nsmtp.starttls = true\n";
  const auto s = load_settings(file.string());
  fs::remove(file);
  ::unsetenv("KIEMDIEM_SMTP_PASSWORD");
  EXPECT_EQ(s.smtp_auth, "login");
  EXPECT_EQ(s.smtp_username, "canbo@so.gov.vn");
  EXPECT_EQ(s.smtp_password, "bí-mật-123");
  EXPECT_TRUE(s.smtp_starttls);
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
