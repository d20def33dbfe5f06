// Settings read once at start-up into a typed struct. Sources, later wins:
// built-in defaults < config/kiemdiem.properties (or --config FILE) < environment
// (KIEMDIEM_DATABASE_URL, KIEMDIEM_PORT, KIEMDIEM_DATA_DIR, KIEMDIEM_LOG_LEVEL,
// KIEMDIEM_WEB_ROOT).
// An invalid value stops start-up with a ConfigError naming the key.
#pragma once

#include <stdexcept>
#include <string>

namespace kd::config {

struct ConfigError : std::runtime_error {
  std::string key;
  ConfigError(std::string key_, const std::string& message)
      : std::runtime_error(key_ + ": " + message), key(std::move(key_)) {}
};

struct Settings {
  // http
  std::string http_host = "127.0.0.1";        // http.host
  int http_port = 8080;                       // http.port (0 = any free port)
  int http_threads = 8;                       // http.threads
  int http_queue = 64;                        // http.queue: complete requests waiting for a thread
  std::size_t max_body_bytes = 1 << 20;       // http.max_body_bytes
  int http_request_timeout_seconds = 15;      // http.request_timeout_seconds: head and body
  int http_keep_alive_seconds = 10;           // http.keep_alive_seconds: idle between requests
  int http_write_timeout_seconds = 60;        // http.write_timeout_seconds: the whole answer
  int http_max_connections = 2000;            // http.max_connections: open at once, in all
  int http_max_connections_per_address = 64;  // http.max_connections_per_address; 0 = no limit
  // database
  std::string database_url;  // database.url; empty = embedded private cluster
  int pool_size = 8;         // database.pool_size
  // embedded cluster
  std::string data_dir = "var";  // data.dir; the cluster lives in <data_dir>/pg
  bool embedded_tcp = false;     // embedded.tcp: also listen on 127.0.0.1:embedded.port
  int embedded_port = 55432;     // embedded.port (also names the socket file)
  // rules
  std::string regimes_dir = "config/regimes";  // regimes.dir
  int token_ttl_minutes = 480;                 // auth.token_ttl_minutes
  // Failed logins: after `..._failures` for one account name (or from one address), further
  // attempts wait login_delay_seconds, doubled with each failure up to login_max_delay_seconds.
  int login_account_failures = 5;      // auth.login_account_failures
  int login_address_failures = 20;     // auth.login_address_failures
  int login_delay_seconds = 60;        // auth.login_delay_seconds
  int login_max_delay_seconds = 3600;  // auth.login_max_delay_seconds
  // Passwords people choose: at least this many characters, not one of the common passwords
  // listed in the file (read at start-up), not containing the login name.
  int password_min_length = 10;                                       // auth.password_min_length
  std::string common_passwords_file = "config/common-passwords.txt";  // auth.common_passwords_file
  std::string log_level = "information";  // log.level: trace|debug|information|notice|warning|error

  // documents: templates and the render worker processes started by `serve`
  std::string templates_dir = "templates";  // templates.dir: HTML + CSS of the documents
  std::string documents_place = "Phú Thọ";  // documents.place: "<place>, ngày .. tháng .."
  int render_workers = 0;                   // render.workers: processes; 0 = one per CPU core
  int render_job_timeout_seconds = 60;      // render.job_timeout_seconds: then killed, job retried
  int render_max_attempts = 3;              // render.max_attempts: then the job is failed
  int render_retry_seconds = 5;             // render.retry_seconds: first retry delay, doubled
  int render_recycle_after_jobs = 500;      // render.recycle_after_jobs: then a fresh process

  // web UI
  std::string web_root = "web";  // web.root: directory of the web UI's static files

  // deadlines and stalled-review tracking: the holiday calendar, the scheduler, e-mail
  std::string holidays_dir = "config/holidays";    // holidays.dir: one <year>.json per year
  bool tracking_scheduler = true;                  // tracking.scheduler: remind/escalate here
  int tracking_interval_seconds = 300;             // tracking.interval_seconds
  int tracking_stalled_working_days = 5;           // tracking.stalled_working_days
  int tracking_reminder_working_days = 2;          // tracking.reminder_working_days
  int tracking_supervisor_after_working_days = 3;  // tracking.supervisor_after_working_days
  std::string smtp_host;                           // smtp.host; empty = inbox only, no e-mail
  int smtp_port = 25;                              // smtp.port
  std::string smtp_from = "kiemdiem@localhost";    // smtp.from: envelope and From address
  std::string smtp_from_name = "Hệ thống đánh giá, xếp loại";  // smtp.from_name
  int smtp_timeout_seconds = 10;                               // smtp.timeout_seconds
  std::string smtp_auth = "none";  // smtp.auth: none | login | plain (AUTH LOGIN / AUTH PLAIN)
  std::string smtp_username;       // smtp.username: needed when smtp.auth is not none
  std::string smtp_password;       // only from KIEMDIEM_SMTP_PASSWORD; never logged or printed
  bool smtp_starttls = false;      // smtp.starttls: STARTTLS before AUTH (Poco NetSSL)
  std::string smtp_ca_file;        // smtp.ca_file: PEM of the relay's CA, besides the system CAs
  int mail_max_attempts = 8;       // mail.max_attempts, then the e-mail is failed
  int mail_retry_seconds = 60;     // mail.retry_seconds: first retry delay, doubled each time

  // digital signatures: when true, the minutes must be signed by the secretary and the chair
  // before the head's opinion, and the decision before publication
  bool signing_required = true;  // signing.required
  // Wrong PINs in a row before a server-held signing key is locked (an administrator unlocks it).
  int signing_pin_max_failures = 5;  // signing.pin_max_failures

  // tests only: the clock may be set through KIEMDIEM_FAKE_NOW and POST /api/v1/testing/clock
  // (browser tests), render workers honour their test hooks. Never on in production; `serve`
  // warns loudly when it is.
  bool testing_enabled = false;  // testing.enabled
  std::string config_file;       // the file the settings were loaded from ("" = none)
};

// Loads `file` (may be empty: defaults + environment only). Throws ConfigError.
Settings load_settings(const std::string& file);

}  // namespace kd::config
