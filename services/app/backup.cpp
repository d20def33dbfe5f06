// `kiemdiem backup`: the installation in one archive (services/backup/backup.hpp). With the
// embedded cluster run by a live `serve`, the dump is taken from that running server (one
// consistent snapshot while it keeps serving); otherwise the cluster is started for the dump.
#include <Poco/Logger.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "services/app/commands.hpp"
#include "services/backup/backup.hpp"
#include "services/config/version.hpp"
#include "services/signing/signing_settings.hpp"
#include "services/storage/migrations.hpp"
#include "workflow/calendar.hpp"

namespace kd::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "Usage: kiemdiem [--config FILE] backup --out FILE\n"
    "       kiemdiem [--config FILE] backup --dir DIR [--keep N]\n\n"
    "Writes one tar archive holding the whole database (pg_dump custom format: reviews, audit\n"
    "trail, documents and their signatures), the CA directory (signing.ca_dir) and the\n"
    "settings files (this properties file, signing.trust_anchors, signing.crls), with a\n"
    "manifest of SHA-256 sums. The server may keep running: the dump is one consistent\n"
    "snapshot. The archive holds private keys: it is written with mode 0600.\n\n"
    "  --out FILE  the archive to write (must not exist)\n"
    "  --dir DIR   write DIR/kiemdiem-backup-YYYYMMDD-HHMMSS-mmm.tar (+07:00)\n"
    "  --keep N    with --dir: then keep only the newest N archives there (default 14)\n";

struct Options {
  std::string out, dir;
  int keep = 14;
};

bool parse(const CommandLine& cl, Options* o) {
  const auto& a = cl.args;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const bool has_value = i + 1 < a.size();
    if (a[i] == "--out" && has_value) {
      o->out = a[++i];
    } else if (a[i] == "--dir" && has_value) {
      o->dir = a[++i];
    } else if (a[i] == "--keep" && has_value) {
      char* end = nullptr;
      const long n = std::strtol(a[++i].c_str(), &end, 10);
      if (*end != '\0' || n < 1 || n > 10000) return false;
      o->keep = static_cast<int>(n);
    } else {
      return false;
    }
  }
  return o->out.empty() != o->dir.empty();
}

}  // namespace

int backup_command(const CommandLine& cl) {
  if (cl.wants_help()) {
    std::cout << kUsage;
    return 0;
  }
  Options opt;
  if (!parse(cl, &opt)) {
    std::cerr << kUsage;
    return 2;
  }
  const auto settings = load_and_log(cl);
  auto& log = Poco::Logger::get("kiemdiem.backup");
  const auto signing = kd::signing::load_signing_settings(cl.config_file, settings.data_dir);
  const auto t0 = std::chrono::steady_clock::now();
  Database db(settings, Database::Running::share);

  kd::backup::BackupSources src;
  src.database_url = db.url();
  src.source_database = redact_url(db.url());
  src.ca_dir = signing.ca_dir;
  if (!settings.config_file.empty()) src.settings_files.push_back(settings.config_file);
  for (const auto& f : signing.trust_anchor_files) src.settings_files.push_back(f);
  for (const auto& f : signing.crl_files) src.settings_files.push_back(f);
  src.program_version = kd::config::program_version();
  src.schema_version = kd::storage::database_schema_version(db.pool());
  src.created_at = kd::wf::to_iso_vietnam(
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));

  if (!opt.dir.empty()) {
    fs::create_directories(opt.dir);
    opt.out = kd::backup::timestamped_name(opt.dir);
  }
  const auto summary = kd::backup::write_backup(src, opt.out);
  db.stop();
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  log.information("backup written to " + summary.file + " (" + std::to_string(summary.bytes) +
                  " bytes, schema version " + std::to_string(src.schema_version) + ", " +
                  std::to_string(ms) + " ms)");
  std::cout << "Backup: " << summary.file << "\n"
            << "  database dump: " << summary.database_bytes << " bytes (schema version "
            << src.schema_version << ")\n"
            << "  CA directory:  " << summary.ca_files << " file(s) from " << src.ca_dir << "\n"
            << "  settings:      " << summary.settings_files << " file(s)\n"
            << "  archive:       " << summary.bytes << " bytes, " << ms << " ms\n";
  if (!opt.dir.empty()) {
    for (const auto& old : kd::backup::apply_retention(opt.dir, opt.keep)) {
      log.information("removed the old backup " + old + " (keeping " + std::to_string(opt.keep) +
                      ")");
      std::cout << "  removed old:   " << old << "\n";
    }
  }
  return 0;
}

}  // namespace kd::app
