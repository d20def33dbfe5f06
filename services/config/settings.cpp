#include "services/config/settings.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <cctype>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <vector>

namespace kd::config {
namespace {

// A raw value and where it came from, for the error message.
struct Raw {
  std::string value;
  std::string origin;  // "" (file) or " (from KIEMDIEM_PORT)"
};

const std::set<std::string>& known_keys() {
  static const std::set<std::string> keys = {"http.host",
                                             "http.port",
                                             "http.threads",
                                             "http.queue",
                                             "http.max_body_bytes",
                                             "http.request_timeout_seconds",
                                             "http.keep_alive_seconds",
                                             "http.write_timeout_seconds",
                                             "http.max_connections",
                                             "http.max_connections_per_address",
                                             "database.url",
                                             "database.pool_size",
                                             "data.dir",
                                             "embedded.tcp",
                                             "embedded.port",
                                             "regimes.dir",
                                             "auth.token_ttl_minutes",
                                             "auth.login_account_failures",
                                             "auth.login_address_failures",
                                             "auth.login_delay_seconds",
                                             "auth.login_max_delay_seconds",
                                             "auth.password_min_length",
                                             "auth.common_passwords_file",
                                             "log.level",
                                             "templates.dir",
                                             "documents.place",
                                             "render.workers",
                                             "render.job_timeout_seconds",
                                             "render.max_attempts",
                                             "render.retry_seconds",
                                             "render.recycle_after_jobs",
                                             "holidays.dir",
                                             "signing.trust_anchors",
                                             "signing.crls",
                                             "signing.ca_dir",
                                             "signing.required",
                                             "signing.pin_max_failures",
                                             "tracking.scheduler",
                                             "tracking.interval_seconds",
                                             "tracking.stalled_working_days",
                                             "tracking.reminder_working_days",
                                             "tracking.supervisor_after_working_days",
                                             "smtp.host",
                                             "smtp.port",
                                             "smtp.from",
                                             "smtp.from_name",
                                             "smtp.timeout_seconds",
                                             "smtp.auth",
                                             "smtp.username",
                                             "smtp.starttls",
                                             "smtp.ca_file",
                                             "mail.max_attempts",
                                             "mail.retry_seconds",
                                             "web.root",
                                             "testing.enabled"};
  return keys;
}

const std::vector<std::pair<const char*, const char*>>& environment_overrides() {
  static const std::vector<std::pair<const char*, const char*>> env = {
      {"KIEMDIEM_DATABASE_URL", "database.url"},
      {"KIEMDIEM_PORT", "http.port"},
      {"KIEMDIEM_DATA_DIR", "data.dir"},
      {"KIEMDIEM_LOG_LEVEL", "log.level"},
      {"KIEMDIEM_WEB_ROOT", "web.root"}};
  return env;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

void collect(const Poco::Util::AbstractConfiguration& conf, const std::string& prefix,
             std::map<std::string, Raw>& out) {
  Poco::Util::AbstractConfiguration::Keys keys;
  conf.keys(prefix, keys);
  for (const auto& k : keys) {
    const std::string full = prefix.empty() ? k : prefix + "." + k;
    if (conf.hasProperty(full)) out[full] = Raw{trim(conf.getRawString(full)), ""};
    collect(conf, full, out);
  }
}

class Reader {
 public:
  explicit Reader(std::map<std::string, Raw> raw) : raw_(std::move(raw)) {}

  void text(const std::string& key, std::string& field, bool allow_empty = false) {
    const Raw* r = find(key);
    if (!r) return;
    if (r->value.empty() && !allow_empty) fail(key, *r, "expected a non-empty value");
    field = r->value;
  }

  template <class Int>
  void integer(const std::string& key, Int& field, long long lo, long long hi) {
    const Raw* r = find(key);
    if (!r) return;
    const std::string expected =
        "expected an integer " + std::to_string(lo) + "–" + std::to_string(hi);
    std::size_t used = 0;
    long long v = 0;
    try {
      v = std::stoll(r->value, &used, 10);
    } catch (const std::exception&) {
      fail(key, *r, expected);
    }
    if (used != r->value.size() || v < lo || v > hi) fail(key, *r, expected);
    field = static_cast<Int>(v);
  }

  void boolean(const std::string& key, bool& field) {
    const Raw* r = find(key);
    if (!r) return;
    static const std::map<std::string, bool> words = {
        {"true", true},   {"yes", true}, {"on", true},   {"1", true},
        {"false", false}, {"no", false}, {"off", false}, {"0", false}};
    auto it = words.find(r->value);
    if (it == words.end()) fail(key, *r, "expected true or false");
    field = it->second;
  }

  // A directory path: non-empty, no control characters (whether it exists is checked
  // when the server starts, so commands that serve no pages do not need it).
  void web_root(const std::string& key, std::string& field) {
    const Raw* r = find(key);
    if (!r) return;
    if (r->value.empty()) fail(key, *r, "expected a directory path");
    for (const char c : r->value) {
      if (static_cast<unsigned char>(c) < 0x20) fail(key, *r, "expected a directory path");
    }
    field = r->value;
  }

  // A host name or address for SMTP: empty (e-mail off) or letters, digits, '.', '-', ':'.
  void mail_host(const std::string& key, std::string& field) {
    const Raw* r = find(key);
    if (!r) return;
    for (const char c : r->value) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != ':')
        fail(key, *r, "expected a host name or address (empty = no e-mail)");
    }
    field = r->value;
  }

  // local@domain, printable ASCII without spaces or angle brackets (it goes in headers).
  void mail_address(const std::string& key, std::string& field) {
    const Raw* r = find(key);
    if (!r) return;
    const auto at = r->value.find('@');
    bool ok = at != std::string::npos && at > 0 && at + 1 < r->value.size() &&
              r->value.find('@', at + 1) == std::string::npos;
    for (const char c : r->value) {
      if (c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == ',') ok = false;
    }
    if (!ok) fail(key, *r, "expected an e-mail address such as kiemdiem@example.gov.vn");
    field = r->value;
  }

  void one_of(const std::string& key, std::string& field, const std::set<std::string>& allowed,
              const std::string& listed) {
    const Raw* r = find(key);
    if (!r) return;
    if (!allowed.count(r->value)) fail(key, *r, "expected one of " + listed);
    field = r->value;
  }

 private:
  const Raw* find(const std::string& key) const {
    auto it = raw_.find(key);
    return it == raw_.end() ? nullptr : &it->second;
  }
  [[noreturn]] static void fail(const std::string& key, const Raw& r, const std::string& what) {
    throw ConfigError(key, what + ", got '" + r.value + "'" + r.origin);
  }
  std::map<std::string, Raw> raw_;
};

}  // namespace

Settings load_settings(const std::string& file) {
  std::map<std::string, Raw> raw;
  if (!file.empty()) {
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> conf;
    try {
      conf = new Poco::Util::PropertyFileConfiguration(file);
    } catch (const Poco::Exception& e) {
      throw ConfigError(file, "cannot read the settings file: " + e.displayText());
    }
    collect(*conf, "", raw);
    for (const auto& [key, value] : raw) {
      if (key == "smtp.password")  // never echo the value
        throw ConfigError(key, "secrets are not read from " + file +
                                   ": set the environment variable KIEMDIEM_SMTP_PASSWORD");
      if (!known_keys().count(key))
        throw ConfigError(key, "unknown setting in " + file + " (misspelt?)");
    }
  }
  for (const auto& [var, key] : environment_overrides()) {
    if (const char* v = std::getenv(var))
      raw[key] = Raw{trim(v), std::string(" (from ") + var + ")"};
  }

  Settings s;
  s.config_file = file;
  Reader r(std::move(raw));
  r.text("http.host", s.http_host);
  r.integer("http.port", s.http_port, 0, 65535);
  r.integer("http.threads", s.http_threads, 1, 256);
  r.integer("http.queue", s.http_queue, 1, 100000);
  r.integer("http.max_body_bytes", s.max_body_bytes, 1024, 64LL << 20);
  r.integer("http.request_timeout_seconds", s.http_request_timeout_seconds, 1, 600);
  r.integer("http.keep_alive_seconds", s.http_keep_alive_seconds, 1, 600);
  r.integer("http.write_timeout_seconds", s.http_write_timeout_seconds, 1, 3600);
  r.integer("http.max_connections", s.http_max_connections, 16, 100000);
  r.integer("http.max_connections_per_address", s.http_max_connections_per_address, 0, 100000);
  r.text("database.url", s.database_url, /*allow_empty=*/true);
  r.integer("database.pool_size", s.pool_size, 1, 200);
  r.text("data.dir", s.data_dir);
  r.boolean("embedded.tcp", s.embedded_tcp);
  r.integer("embedded.port", s.embedded_port, 1, 65535);
  r.text("regimes.dir", s.regimes_dir);
  r.integer("auth.token_ttl_minutes", s.token_ttl_minutes, 1, 43200);
  r.integer("auth.login_account_failures", s.login_account_failures, 1, 1000);
  r.integer("auth.login_address_failures", s.login_address_failures, 1, 100000);
  r.integer("auth.login_delay_seconds", s.login_delay_seconds, 1, 86400);
  r.integer("auth.login_max_delay_seconds", s.login_max_delay_seconds, 1, 86400);
  if (s.login_max_delay_seconds < s.login_delay_seconds)
    throw ConfigError("auth.login_max_delay_seconds",
                      "expected at least auth.login_delay_seconds (" +
                          std::to_string(s.login_delay_seconds) + ")");
  r.integer("auth.password_min_length", s.password_min_length, 8, 128);
  r.text("auth.common_passwords_file", s.common_passwords_file);
  r.one_of("log.level", s.log_level,
           {"trace", "debug", "information", "notice", "warning", "error", "critical", "fatal"},
           "trace, debug, information, notice, warning, error, critical, fatal");
  r.text("templates.dir", s.templates_dir);
  r.text("documents.place", s.documents_place);
  r.integer("render.workers", s.render_workers, 0, 64);
  r.integer("render.job_timeout_seconds", s.render_job_timeout_seconds, 1, 3600);
  r.integer("render.max_attempts", s.render_max_attempts, 1, 100);
  r.integer("render.retry_seconds", s.render_retry_seconds, 1, 86400);
  r.integer("render.recycle_after_jobs", s.render_recycle_after_jobs, 1, 1000000);
  r.web_root("web.root", s.web_root);
  r.text("holidays.dir", s.holidays_dir);
  r.boolean("tracking.scheduler", s.tracking_scheduler);
  r.boolean("signing.required", s.signing_required);
  r.integer("signing.pin_max_failures", s.signing_pin_max_failures, 1, 100);
  r.boolean("testing.enabled", s.testing_enabled);
  r.integer("tracking.interval_seconds", s.tracking_interval_seconds, 5, 86400);
  r.integer("tracking.stalled_working_days", s.tracking_stalled_working_days, 1, 60);
  r.integer("tracking.reminder_working_days", s.tracking_reminder_working_days, 0, 30);
  r.integer("tracking.supervisor_after_working_days", s.tracking_supervisor_after_working_days, 0,
            60);
  r.mail_host("smtp.host", s.smtp_host);
  r.integer("smtp.port", s.smtp_port, 1, 65535);
  r.mail_address("smtp.from", s.smtp_from);
  r.text("smtp.from_name", s.smtp_from_name);
  r.integer("smtp.timeout_seconds", s.smtp_timeout_seconds, 1, 300);
  r.one_of("smtp.auth", s.smtp_auth, {"none", "login", "plain"}, "none, login, plain");
  r.text("smtp.username", s.smtp_username, /*allow_empty=*/true);
  r.boolean("smtp.starttls", s.smtp_starttls);
  r.text("smtp.ca_file", s.smtp_ca_file, /*allow_empty=*/true);
  if (const char* password = std::getenv("KIEMDIEM_SMTP_PASSWORD")) s.smtp_password = password;
  if (s.smtp_auth != "none" && s.smtp_username.empty())
    throw ConfigError("smtp.username", "expected a user name when smtp.auth is " + s.smtp_auth);
  if (s.smtp_auth != "none" && s.smtp_password.empty())
    throw ConfigError("smtp.auth", "smtp.auth = " + s.smtp_auth +
                                       " needs the password in the environment variable "
                                       "KIEMDIEM_SMTP_PASSWORD");
  r.integer("mail.max_attempts", s.mail_max_attempts, 1, 100);
  r.integer("mail.retry_seconds", s.mail_retry_seconds, 1, 86400);
  return s;
}

}  // namespace kd::config
