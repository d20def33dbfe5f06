#include <iostream>

#include "services/app/commands.hpp"

namespace kd::app {

namespace {
constexpr const char* kUsage =
    "Usage: kiemdiem [--config FILE] migrate\n\n"
    "Applies the pending SQL migrations (each in its own transaction) to the configured\n"
    "database, or to the embedded cluster when database.url is empty.\n";
}

int migrate_command(const CommandLine& cl) {
  int code = 0;
  if (handle_usage(cl, {}, kUsage, &code)) return code;
  const auto settings = load_and_log(cl);
  Database db(settings);
  const auto report = db.migrate();
  if (report.applied.empty()) {
    std::cout << "The schema is up to date (version " << report.current_version << ").\n";
  } else {
    std::cout << "Applied " << report.applied.size() << " migration(s):\n";
    for (const auto& name : report.applied) std::cout << "  " << name << "\n";
    std::cout << "The schema is now at version " << report.current_version << ".\n";
  }
  return 0;
}

}  // namespace kd::app
