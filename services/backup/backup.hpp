// Backups of an installation in one tar archive: the whole database as a pg_dump custom-format
// dump (documents, signatures and the audit trail live in it), the CA directory (the test CA,
// people's PKCS#12 keys, CRL) and the settings files (the properties file, trust anchors, CRLs),
// with a manifest of SHA-256 sums. A restore goes onto an EMPTY installation only: an empty
// database and no CA directory, nothing overwritten.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace kd::backup {

// A refused or failed backup/restore, with what to do in the message.
struct BackupError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct BackupSources {
  std::string database_url;
  std::string ca_dir;                       // copied when it exists
  std::vector<std::string> settings_files;  // copied when they exist (absolute paths kept)
  std::string program_version;
  int schema_version = 0;       // the database's, recorded in the manifest
  std::string created_at;       // ISO 8601, +07:00
  std::string source_database;  // for the manifest, password redacted
};

struct BackupSummary {
  std::string file;
  std::uintmax_t bytes = 0;
  std::uintmax_t database_bytes = 0;
  std::size_t ca_files = 0;
  std::size_t settings_files = 0;
};

// Writes `out_file` (0600; written beside it under a temporary name, then renamed, so a
// failed backup never leaves a truncated archive under the final name).
BackupSummary write_backup(const BackupSources&, const std::string& out_file);

// A name for a new backup in `dir`: kiemdiem-backup-YYYYMMDD-HHMMSS-mmm.tar (+07:00).
std::string timestamped_name(const std::string& dir);

// Keeps the newest `keep` archives named kiemdiem-backup-*.tar in `dir` and deletes the
// older ones; returns the deleted paths.
std::vector<std::string> apply_retention(const std::string& dir, int keep);

struct Manifest {
  std::string program_version;
  int schema_version = 0;
  std::string created_at;
  std::string source_database;
  std::vector<std::string> settings_files;  // original absolute paths
};

// An archive unpacked into a private directory and checked against its manifest.
class UnpackedBackup {
 public:
  // Unpacks `archive` under `work_dir` (a new private subdirectory, removed by the
  // destructor) and checks every file's SHA-256. Throws BackupError.
  UnpackedBackup(const std::string& archive, const std::string& work_dir);
  ~UnpackedBackup();
  UnpackedBackup(const UnpackedBackup&) = delete;
  UnpackedBackup& operator=(const UnpackedBackup&) = delete;

  const Manifest& manifest() const { return manifest_; }
  std::string database_dump() const;  // path of the pg_dump file
  std::string ca_dir() const;         // empty when the backup holds no CA directory
  std::string settings_root() const;  // settings files under their original absolute paths

 private:
  std::string dir_;
  Manifest manifest_;
};

// True when the database holds no table of ours (a fresh installation).
bool database_is_empty(const std::string& url);

}  // namespace kd::backup
