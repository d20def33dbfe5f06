// kiemdiem: one program, several subcommands. Parsing stays here; the work is in the
// *_command functions (one small file each) and the wiring in wiring.cpp.
#include <Poco/Exception.h>

#include <filesystem>
#include <iostream>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "services/app/commands.hpp"
#include "services/config/regime_catalog.hpp"
#include "services/config/version.hpp"
#include "services/pgcluster/cluster.hpp"
#include "services/storage/migrations.hpp"

namespace {

// Exit status of a failure that a restart cannot cure (settings, regimes, a database newer
// than the program): EX_CONFIG, which the systemd unit does not restart on.
constexpr int kExitConfig = 78;

// Where the Debian package installs the settings (a conffile).
constexpr const char* kInstalledConfig = "/etc/kiemdiem/kiemdiem.properties";

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const kd::app::CommandLine&);
};

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"serve", "run the HTTP API (embedded PostgreSQL unless database.url is set)",
       kd::app::serve_command},
      {"migrate", "apply the pending database migrations", kd::app::migrate_command},
      {"demo", "load the demo organisation and its 2026 campaign, print the logins",
       kd::app::demo_command},
      {"check-config", "print the effective settings, or the invalid key",
       kd::app::check_config_command},
      {"verify-audit", "recompute the audit hash chains and report any break",
       kd::app::verify_audit_command},
      {"verify", "verify the digital signatures of a PDF file (report in Vietnamese)",
       kd::app::verify_pdf_command},
      {"ca", "local test CA: init (demo signing keys), revoke, unlock, signature-image, seal",
       kd::app::ca_command},
      {"render", "render one document of a review to a PDF file", kd::app::render_command},
      {"report", "render a campaign's summary report (official PDF) to a file",
       kd::app::summary_report_command},
      {"render-worker", "render queued documents (started by serve)",
       kd::app::render_worker_command},
      {"backup", "write a backup archive: database (pg_dump), CA directory, settings",
       kd::app::backup_command},
      {"restore", "restore a backup archive onto an empty installation", kd::app::restore_command},
  };
  return table;
}

void print_usage(std::ostream& out) {
  out << "kiemdiem — annual review (kiểm điểm, đánh giá, xếp loại) workflow engine\n\n"
         "Usage: kiemdiem [--config FILE] <command> [options]\n"
         "       kiemdiem <command> --help\n\nCommands:\n";
  for (const auto& c : commands()) {
    out << "  " << c.name << std::string(14 - std::string(c.name).size(), ' ') << c.summary << "\n";
  }
  out << "\nOptions:\n"
         "  --config FILE  settings file (default: config/kiemdiem.properties when present,\n"
         "                 else /etc/kiemdiem/kiemdiem.properties when present)\n"
         "  --version      the release and the newest schema version it carries\n"
         "  -h, --help     this help\n\n"
         "Environment: KIEMDIEM_DATABASE_URL, KIEMDIEM_PORT, KIEMDIEM_DATA_DIR, "
         "KIEMDIEM_LOG_LEVEL\n"
         "override the settings file.\n";
}

}  // namespace

int main(int argc, char** argv) {
  kd::app::CommandLine cl;
  std::string command;
  bool config_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--config" || a.rfind("--config=", 0) == 0) {
      if (a == "--config" && i + 1 >= argc) {
        std::cerr << "kiemdiem: --config needs a file name\n";
        return 2;
      }
      cl.config_file = (a == "--config") ? argv[++i] : a.substr(9);
      config_given = true;
    } else if (command.empty() && (a == "-h" || a == "--help")) {
      print_usage(std::cout);
      return 0;
    } else if (command.empty() && a == "--version") {
      std::cout << "kiemdiem " << kd::config::program_version() << " (schema version "
                << kd::storage::latest_schema_version() << ")\n";
      return 0;
    } else if (command.empty()) {
      command = a;
    } else {
      cl.args.push_back(a);
    }
  }
  if (command.empty()) {
    print_usage(std::cerr);
    return 2;
  }
  // A checkout's own settings first, then the installed package's.
  if (!config_given) {
    for (const char* candidate : {"config/kiemdiem.properties", kInstalledConfig}) {
      if (std::filesystem::exists(candidate)) {
        cl.config_file = candidate;
        break;
      }
    }
  }

  for (const auto& c : commands()) {
    if (command != c.name) continue;
    try {
      return c.run(cl);
    } catch (const kd::config::ConfigError& e) {
      std::cerr << "kiemdiem: invalid setting " << e.what() << "\n";
      return kExitConfig;
    } catch (const kd::config::RegimeError& e) {
      std::cerr << "kiemdiem: invalid regime definition: " << e.what() << "\n";
      return kExitConfig;
    } catch (const kd::storage::SchemaTooNew& e) {
      std::cerr << "kiemdiem: " << e.what() << "\n";
      return kExitConfig;
    } catch (const kd::pg::ClusterError& e) {
      std::cerr << "kiemdiem: embedded PostgreSQL: " << e.what() << "\n";
    } catch (const pqxx::broken_connection& e) {
      std::cerr << "kiemdiem: cannot connect to the database: " << e.what() << "\n";
    } catch (const pqxx::failure& e) {
      std::cerr << "kiemdiem: database error: " << e.what() << "\n";
    } catch (const Poco::Exception& e) {
      std::cerr << "kiemdiem: " << e.displayText() << "\n";
    } catch (const std::exception& e) {
      std::cerr << "kiemdiem: " << e.what() << "\n";
    }
    return 1;
  }
  std::cerr << "kiemdiem: unknown command '" << command << "'\n\n";
  print_usage(std::cerr);
  return 2;
}
