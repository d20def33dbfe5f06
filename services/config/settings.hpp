// Settings read once at start-up into a typed struct. Sources, later wins:
// built-in defaults < config/kiemdiem.properties (or --config FILE) < environment
// (KIEMDIEM_DATABASE_URL, KIEMDIEM_PORT, KIEMDIEM_DATA_DIR, KIEMDIEM_LOG_LEVEL).
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
  std::string http_host = "127.0.0.1";   // http.host
  int http_port = 8080;                  // http.port (0 = any free port)
  int http_threads = 8;                  // http.threads
  int http_queue = 64;                   // http.queue
  std::size_t max_body_bytes = 1 << 20;  // http.max_body_bytes
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
  std::string log_level = "information";  // log.level: trace|debug|information|notice|warning|error
};

// Loads `file` (may be empty: defaults + environment only). Throws ConfigError.
Settings load_settings(const std::string& file);

}  // namespace kd::config
