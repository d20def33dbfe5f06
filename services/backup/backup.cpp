#include "services/backup/backup.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <pqxx/pqxx>
#include <sstream>

#include "services/pgcluster/tools.hpp"

namespace fs = std::filesystem;

namespace kd::backup {
namespace {

constexpr const char* kFormat = "kiemdiem-backup";
constexpr int kFormatVersion = 1;
constexpr const char* kTar = "/bin/tar";
constexpr const char* kManifest = "manifest.json";
constexpr const char* kDump = "database.dump";
constexpr const char* kPrefix = "kiemdiem-backup-";

// Any table in the schema the migrations fill (schema_migrations included).
constexpr const char* kCountTables =
    "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'";

std::string sha256_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw BackupError("cannot read " + p.string());
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<size_t>(in.gcount()));
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), md, &len);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

// A new private (0700) directory under `parent`.
std::string private_dir(const fs::path& parent, const std::string& stem) {
  fs::create_directories(parent);
  std::string pattern = (parent / (stem + "XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr)
    throw BackupError("cannot create a working directory in " + parent.string() + ": " +
                      std::strerror(errno));
  return pattern;
}

void run_tar(const std::vector<std::string>& args, const std::string& what) {
  std::vector<std::string> argv = {kTar};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto r = kd::pg::run_tool(argv);
  if (r.exit_code != 0)
    throw BackupError(what + " failed (tar exit " + std::to_string(r.exit_code) + "): " + r.output);
}

// Every regular file under `root`, relative, sorted (the manifest's order).
std::vector<std::string> files_under(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    const auto rel = fs::relative(e.path(), root).generic_string();
    if (rel != kManifest) out.push_back(rel);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t count_with_prefix(const std::vector<std::string>& files, const std::string& prefix) {
  return static_cast<std::size_t>(std::count_if(
      files.begin(), files.end(), [&](const auto& f) { return f.rfind(prefix, 0) == 0; }));
}

class DirectoryGuard {
 public:
  explicit DirectoryGuard(std::string dir) : dir_(std::move(dir)) {}
  ~DirectoryGuard() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  DirectoryGuard(const DirectoryGuard&) = delete;
  DirectoryGuard& operator=(const DirectoryGuard&) = delete;

 private:
  std::string dir_;
};

}  // namespace

BackupSummary write_backup(const BackupSources& src, const std::string& out_file) {
  const fs::path out = fs::absolute(out_file).lexically_normal();
  if (fs::exists(out)) throw BackupError(out.string() + " already exists; choose a new name");
  const fs::path staging = private_dir(out.parent_path(), ".kiemdiem-backup-");
  DirectoryGuard cleanup(staging.string());

  kd::pg::dump_database(src.database_url, (staging / kDump).string());
  if (!src.ca_dir.empty() && fs::is_directory(src.ca_dir))
    fs::copy(src.ca_dir, staging / "ca", fs::copy_options::recursive);
  std::vector<std::string> settings_kept;
  for (const auto& f : src.settings_files) {
    if (f.empty() || !fs::is_regular_file(f)) continue;
    const fs::path abs = fs::absolute(f).lexically_normal();
    const fs::path target = staging / "settings" / abs.relative_path();
    fs::create_directories(target.parent_path());
    fs::copy_file(abs, target, fs::copy_options::overwrite_existing);
    settings_kept.push_back(abs.string());
  }

  Poco::JSON::Object::Ptr manifest = new Poco::JSON::Object;
  manifest->set("format", kFormat);
  manifest->set("format_version", kFormatVersion);
  manifest->set("program_version", src.program_version);
  manifest->set("schema_version", src.schema_version);
  manifest->set("created_at", src.created_at);
  manifest->set("source_database", src.source_database);
  Poco::JSON::Array::Ptr settings_json = new Poco::JSON::Array;
  for (const auto& s : settings_kept) settings_json->add(s);
  manifest->set("settings_files", settings_json);
  Poco::JSON::Array::Ptr files_json = new Poco::JSON::Array;
  const auto files = files_under(staging);
  for (const auto& rel : files) {
    Poco::JSON::Object::Ptr entry = new Poco::JSON::Object;
    entry->set("path", rel);
    entry->set("bytes", static_cast<Poco::UInt64>(fs::file_size(staging / rel)));
    entry->set("sha256", sha256_file(staging / rel));
    files_json->add(entry);
  }
  manifest->set("files", files_json);
  {
    std::ofstream m(staging / kManifest);
    manifest->stringify(m, 2);
    if (!m) throw BackupError("cannot write the manifest in " + staging.string());
  }

  const fs::path partial = out.string() + ".partial";
  fs::remove(partial);
  run_tar({"--create", "--file=" + partial.string(), "--directory=" + staging.string(),
           "--numeric-owner", "--owner=0", "--group=0", "."},
          "writing " + partial.string());
  fs::permissions(partial, fs::perms::owner_read | fs::perms::owner_write,
                  fs::perm_options::replace);
  fs::rename(partial, out);

  BackupSummary summary;
  summary.file = out.string();
  summary.bytes = fs::file_size(out);
  summary.database_bytes = fs::file_size(staging / kDump);
  summary.ca_files = count_with_prefix(files, "ca/");
  summary.settings_files = settings_kept.size();
  return summary;
}

std::string timestamped_name(const std::string& dir) {
  using namespace std::chrono;
  const auto now = system_clock::now() + hours(7);  // Asia/Ho_Chi_Minh, no daylight saving
  const std::time_t t = system_clock::to_time_t(now);
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  char millis[8];
  std::snprintf(millis, sizeof millis, "-%03d", static_cast<int>(ms));
  return (fs::path(dir) / (std::string(kPrefix) + stamp + millis + ".tar")).string();
}

std::vector<std::string> apply_retention(const std::string& dir, int keep) {
  std::vector<fs::path> archives;
  for (const auto& e : fs::directory_iterator(dir)) {
    const auto name = e.path().filename().string();
    if (e.is_regular_file() && name.rfind(kPrefix, 0) == 0 && e.path().extension() == ".tar")
      archives.push_back(e.path());
  }
  // The names sort by time (fixed-width stamps).
  std::sort(archives.begin(), archives.end());
  std::vector<std::string> removed;
  const std::size_t n = static_cast<std::size_t>(std::max(keep, 0));
  for (std::size_t i = 0; i + n < archives.size(); ++i) {
    fs::remove(archives[i]);
    removed.push_back(archives[i].string());
  }
  return removed;
}

UnpackedBackup::UnpackedBackup(const std::string& archive, const std::string& work_dir) {
  if (!fs::is_regular_file(archive)) throw BackupError("no backup archive at " + archive);
  dir_ = private_dir(fs::absolute(work_dir), ".kiemdiem-restore-");
  try {
    run_tar({"--extract", "--file=" + fs::absolute(archive).string(), "--directory=" + dir_,
             "--no-same-owner"},
            "unpacking " + archive);
    std::ifstream in(fs::path(dir_) / kManifest);
    if (!in) throw BackupError(archive + " is not a kiemdiem backup (no " + kManifest + ")");
    Poco::JSON::Parser parser;
    const auto m = parser.parse(in).extract<Poco::JSON::Object::Ptr>();
    if (m->optValue<std::string>("format", "") != kFormat)
      throw BackupError(archive + " is not a kiemdiem backup (format)");
    if (m->optValue<int>("format_version", 0) > kFormatVersion)
      throw BackupError(archive + " was written by a newer kiemdiem (backup format " +
                        std::to_string(m->getValue<int>("format_version")) +
                        "); restore it with that release");
    manifest_.program_version = m->optValue<std::string>("program_version", "");
    manifest_.schema_version = m->optValue<int>("schema_version", 0);
    manifest_.created_at = m->optValue<std::string>("created_at", "");
    manifest_.source_database = m->optValue<std::string>("source_database", "");
    if (const auto s = m->getArray("settings_files"))
      for (std::size_t i = 0; i < s->size(); ++i)
        manifest_.settings_files.push_back(s->getElement<std::string>(i));
    const auto files = m->getArray("files");
    if (!files) throw BackupError(archive + ": the manifest lists no files");
    bool has_dump = false;
    for (std::size_t i = 0; i < files->size(); ++i) {
      const auto entry = files->getObject(i);
      const auto rel = entry->getValue<std::string>("path");
      const fs::path p = fs::path(dir_) / rel;
      if (rel.find("..") != std::string::npos || !fs::is_regular_file(p))
        throw BackupError(archive + " is incomplete: " + rel + " is missing");
      if (sha256_file(p) != entry->getValue<std::string>("sha256"))
        throw BackupError(archive + " is damaged: " + rel + " does not match its SHA-256");
      has_dump = has_dump || rel == kDump;
    }
    if (!has_dump) throw BackupError(archive + " holds no database dump");
  } catch (...) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
    throw;
  }
}

UnpackedBackup::~UnpackedBackup() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string UnpackedBackup::database_dump() const { return (fs::path(dir_) / kDump).string(); }

std::string UnpackedBackup::ca_dir() const {
  const fs::path ca = fs::path(dir_) / "ca";
  return fs::is_directory(ca) ? ca.string() : std::string();
}

std::string UnpackedBackup::settings_root() const { return (fs::path(dir_) / "settings").string(); }

bool database_is_empty(const std::string& url) {
  pqxx::connection c(url);
  pqxx::read_transaction t(c);
  return t.exec1(kCountTables)[0].as<long>() == 0;
}

}  // namespace kd::backup
