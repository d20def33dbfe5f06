#include <filesystem>
#include <iostream>

#include "services/app/commands.hpp"
#include "services/config/regime_catalog.hpp"
#include "services/tracking/holidays.hpp"

namespace kd::app {

namespace {
constexpr const char* kUsage =
    "Usage: kiemdiem [--config FILE] check-config\n\n"
    "Prints the effective settings (defaults < settings file < environment) and checks the\n"
    "regime definitions. Exits 1 naming the key of the first invalid setting.\n";

void line(const std::string& key, const std::string& value) {
  std::cout << "  " << key << std::string(key.size() < 24 ? 24 - key.size() : 1, ' ') << value
            << "\n";
}
}  // namespace

int check_config_command(const CommandLine& cl) {
  int code = 0;
  if (handle_usage(cl, {}, kUsage, &code)) return code;
  const auto s = kd::config::load_settings(cl.config_file);
  std::cout << "Settings file: "
            << (cl.config_file.empty() ? "(none: defaults and environment)" : cl.config_file)
            << "\n";
  line("http.host", s.http_host);
  line("http.port", std::to_string(s.http_port));
  line("http.threads", std::to_string(s.http_threads));
  line("http.queue", std::to_string(s.http_queue));
  line("http.max_body_bytes", std::to_string(s.max_body_bytes));
  line("http.request_timeout_seconds", std::to_string(s.http_request_timeout_seconds));
  line("http.keep_alive_seconds", std::to_string(s.http_keep_alive_seconds));
  line("http.write_timeout_seconds", std::to_string(s.http_write_timeout_seconds));
  line("http.max_connections", std::to_string(s.http_max_connections));
  line("http.max_connections_per_address", s.http_max_connections_per_address > 0
                                               ? std::to_string(s.http_max_connections_per_address)
                                               : "0 (no limit)");
  bool moved = false;
  line("database.url", s.database_url.empty()
                           ? "(empty: embedded cluster in " + embedded_cluster_dir(s, &moved) + ")"
                           : redact_url(s.database_url));
  line("database.pool_size", std::to_string(s.pool_size));
  line("data.dir", s.data_dir);
  line("embedded.tcp", s.embedded_tcp ? "true" : "false");
  line("embedded.port", std::to_string(s.embedded_port));
  line("regimes.dir", s.regimes_dir);
  line("auth.token_ttl_minutes", std::to_string(s.token_ttl_minutes));
  line("auth.login_account_failures", std::to_string(s.login_account_failures));
  line("auth.login_address_failures", std::to_string(s.login_address_failures));
  line("auth.login_delay_seconds", std::to_string(s.login_delay_seconds));
  line("auth.login_max_delay_seconds", std::to_string(s.login_max_delay_seconds));
  line("log.level", s.log_level);
  line("templates.dir", s.templates_dir);
  line("documents.place", s.documents_place);
  line("render.workers",
       s.render_workers > 0 ? std::to_string(s.render_workers) : "0 (one per CPU core)");
  line("render.job_timeout_seconds", std::to_string(s.render_job_timeout_seconds));
  line("render.max_attempts", std::to_string(s.render_max_attempts));
  line("render.retry_seconds", std::to_string(s.render_retry_seconds));
  line("render.recycle_after_jobs", std::to_string(s.render_recycle_after_jobs));
  line("web.root", s.web_root + (std::filesystem::is_directory(s.web_root)
                                     ? ""
                                     : "  (not a directory: the web UI is not served)"));
  line("holidays.dir", s.holidays_dir);
  line("signing.required", s.signing_required ? "true" : "false");
  line("signing.pin_max_failures", std::to_string(s.signing_pin_max_failures));
  line("tracking.scheduler", s.tracking_scheduler ? "true" : "false");
  line("tracking.interval_seconds", std::to_string(s.tracking_interval_seconds));
  line("tracking.stalled_working_days", std::to_string(s.tracking_stalled_working_days));
  line("tracking.reminder_working_days", std::to_string(s.tracking_reminder_working_days));
  line("tracking.supervisor_after_working_days",
       std::to_string(s.tracking_supervisor_after_working_days));
  line("smtp.host", s.smtp_host.empty() ? "(empty: inbox only, no e-mail)" : s.smtp_host);
  line("smtp.port", std::to_string(s.smtp_port));
  line("smtp.from", s.smtp_from);
  line("smtp.from_name", s.smtp_from_name);
  line("smtp.timeout_seconds", std::to_string(s.smtp_timeout_seconds));
  line("smtp.auth", s.smtp_auth);
  line("smtp.username", s.smtp_username);
  line("smtp.password", s.smtp_password.empty() ? "(not set)" : "(set in KIEMDIEM_SMTP_PASSWORD)");
  line("smtp.starttls", s.smtp_starttls ? "true" : "false");
  line("smtp.ca_file", s.smtp_ca_file);
  line("mail.max_attempts", std::to_string(s.mail_max_attempts));
  line("mail.retry_seconds", std::to_string(s.mail_retry_seconds));
  line("testing.enabled",
       s.testing_enabled ? "true  (TESTS ONLY: the clock can be moved over HTTP)" : "false");
  if (moved)
    std::cout << "Note: the postgres system user cannot reach " << s.data_dir
              << ", so the embedded cluster lives in the directory shown above.\n";

  try {
    const auto catalog = kd::config::RegimeCatalog::load_dir(s.regimes_dir);
    std::cout << "Regimes: " << catalog.all().size() << " version(s) in " << s.regimes_dir << "\n";
    for (const auto& [key, regime] : catalog.all())
      std::cout << "  " << key.first << " v" << key.second << "\n";
  } catch (const kd::config::RegimeError& e) {
    std::cerr << "kiemdiem: invalid setting regimes.dir: " << e.what() << "\n";
    return 1;
  }
  try {
    const auto holidays = kd::tracking::load_holidays(s.holidays_dir);
    std::cout << "Holiday calendar: years";
    for (int y : holidays.years())
      std::cout << " " << y << (holidays.year(y)->provisional ? " (provisional)" : "");
    std::cout << " in " << s.holidays_dir << "\n";
  } catch (const kd::tracking::HolidayError& e) {
    std::cerr << "kiemdiem: invalid setting holidays.dir: " << e.what() << "\n";
    return 1;
  }
  std::cout << "The configuration is valid.\n";
  return 0;
}

}  // namespace kd::app
