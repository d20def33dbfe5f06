#include <filesystem>
#include <iostream>

#include "services/app/commands.hpp"
#include "services/config/regime_catalog.hpp"

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
  line("log.level", s.log_level);
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
  std::cout << "The configuration is valid.\n";
  return 0;
}

}  // namespace kd::app
