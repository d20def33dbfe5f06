// `kiemdiem restore`: a backup archive onto an EMPTY installation (services/backup/backup.hpp):
// checks the archive, the schema version and that nothing would be overwritten before writing
// anything, then restores the database, the CA directory and a copy of the settings files,
// and applies the migrations this release adds.
#include <Poco/Logger.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <pqxx/pqxx>

#include "services/app/commands.hpp"
#include "services/backup/backup.hpp"
#include "services/pgcluster/tools.hpp"
#include "services/signing/signing_settings.hpp"
#include "services/storage/migrations.hpp"

namespace kd::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "Usage: kiemdiem [--config FILE] restore FILE\n\n"
    "Restores a `kiemdiem backup` archive onto an empty installation: the configured database\n"
    "(or the embedded cluster under <data.dir>/pg) must hold no table, and signing.ca_dir must\n"
    "not exist or be empty; otherwise nothing is written. The server must be stopped. The\n"
    "backed-up settings files are copied under <data.dir>/restored-settings/ (their original\n"
    "paths kept) for you to compare with the current ones; the running settings are not\n"
    "changed. Migrations newer than the backup are applied afterwards.\n";

constexpr const char* kCounts =
    "SELECT (SELECT count(*) FROM reviews), (SELECT count(*) FROM review_events), "
    "(SELECT count(*) FROM documents)";

bool empty_or_absent(const fs::path& dir) { return !fs::exists(dir) || fs::is_empty(dir); }

// As root, files restored for the service belong to the owner of the data directory.
void give_to_data_owner(const fs::path& tree, const fs::path& data_dir) {
  struct stat st {};
  if (geteuid() != 0 || stat(data_dir.c_str(), &st) != 0 || st.st_uid == 0) return;
  if (lchown(tree.c_str(), st.st_uid, st.st_gid) != 0) return;
  for (const auto& e : fs::recursive_directory_iterator(tree))
    if (lchown(e.path().c_str(), st.st_uid, st.st_gid) != 0) return;
}

}  // namespace

int restore_command(const CommandLine& cl) {
  if (cl.wants_help()) {
    std::cout << kUsage;
    return 0;
  }
  if (cl.args.size() != 1 || cl.args[0].rfind("-", 0) == 0) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string archive = cl.args[0];
  const auto settings = load_and_log(cl);
  auto& log = Poco::Logger::get("kiemdiem.backup");
  const auto signing = kd::signing::load_signing_settings(cl.config_file, settings.data_dir);
  const fs::path data_dir = fs::absolute(settings.data_dir);
  fs::create_directories(data_dir);

  kd::backup::UnpackedBackup backup(archive, data_dir.string());
  const auto& m = backup.manifest();
  std::cout << "Backup of " << m.created_at << " by kiemdiem " << m.program_version
            << " (schema version " << m.schema_version << ", from " << m.source_database << ")\n";
  if (m.schema_version > kd::storage::latest_schema_version())
    throw kd::storage::SchemaTooNew(m.schema_version, kd::storage::latest_schema_version());
  const fs::path ca_target = signing.ca_dir;
  if (!backup.ca_dir().empty() && !empty_or_absent(ca_target))
    throw kd::backup::BackupError("the CA directory " + ca_target.string() +
                                  " is not empty: restore onto an empty installation (move it "
                                  "away first); nothing was restored");

  Database db(settings);
  if (!kd::backup::database_is_empty(db.url()))
    throw kd::backup::BackupError(
        "the database " + redact_url(db.url()) +
        " is not empty: restore onto an empty installation (a new data.dir, or an empty "
        "database created for it); nothing was restored");
  kd::pg::restore_database(db.url(), backup.database_dump());
  log.information("database restored from " + archive);
  std::cout << "  database:  restored into " << redact_url(db.url()) << "\n";

  if (!backup.ca_dir().empty()) {
    fs::create_directories(ca_target);
    fs::copy(backup.ca_dir(), ca_target,
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    give_to_data_owner(ca_target, data_dir);
    std::cout << "  CA:        " << ca_target.string() << "\n";
  }
  if (fs::is_directory(backup.settings_root())) {
    const fs::path copy = data_dir / "restored-settings";
    fs::create_directories(copy);
    fs::copy(backup.settings_root(), copy,
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    give_to_data_owner(copy, data_dir);
    std::cout << "  settings:  the backed-up files are in " << copy.string()
              << " (compare them with the current ones)\n";
  }
  const auto report = db.migrate();
  {
    pqxx::connection c(db.url());
    pqxx::read_transaction t(c);
    const auto row = t.exec1(kCounts);
    std::cout << "  contents:  " << row[0].as<long>() << " reviews, " << row[1].as<long>()
              << " audit events, " << row[2].as<long>() << " documents\n";
  }
  std::cout << "  schema:    version " << report.current_version
            << (report.applied.empty() ? "" : " (migrated by this release)") << "\n"
            << "Check the audit trail with: kiemdiem verify-audit\n";
  return 0;
}

}  // namespace kd::app
