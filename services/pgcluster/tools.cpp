#include "services/pgcluster/tools.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "services/pgcluster/cluster.hpp"
#include "services/pgcluster/process.hpp"

namespace fs = std::filesystem;

namespace kd::pg {
namespace {

std::string home_directory() {
  if (const char* home = std::getenv("HOME"); home && *home) return home;
  if (const passwd* pw = getpwuid(geteuid())) return pw->pw_dir;
  return "/";
}

std::string tail_lines(const std::string& text, std::size_t lines) {
  std::size_t pos = text.size();
  while (lines-- > 0 && pos > 0) {
    pos = text.rfind('\n', pos - 1);
    if (pos == std::string::npos) return text;
  }
  return text.substr(pos == 0 ? 0 : pos + 1);
}

}  // namespace

ToolResult run_tool(const std::vector<std::string>& argv) {
  std::vector<std::string> env;
  const char* passfile = std::getenv("PGPASSFILE");
  env.push_back("PGPASSFILE=" +
                (passfile && *passfile ? std::string(passfile) : home_directory() + "/.pgpass"));
  for (const char* name : {"PGSSLMODE", "PGSSLROOTCERT", "PGSERVICEFILE"})
    if (const char* v = std::getenv(name)) env.push_back(std::string(name) + "=" + v);
  const auto r = detail::run(argv, detail::ServerUser{}, env);
  return ToolResult{r.exit_code, r.output};
}

std::string client_program(const std::string& name) {
  const fs::path base = "/usr/lib/postgresql";
  int best = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(base, ec)) {
    const std::string version = entry.path().filename().string();
    if (version.empty() || version.find_first_not_of("0123456789") != std::string::npos) continue;
    if (!fs::exists(entry.path() / "bin" / name)) continue;
    best = std::max(best, std::stoi(version));
  }
  if (best < 0)
    throw ClusterError("no " + name +
                       " found under /usr/lib/postgresql/*/bin; install the Debian package "
                       "`postgresql-client`");
  return (base / std::to_string(best) / "bin" / name).string();
}

void dump_database(const std::string& url, const std::string& file) {
  const auto r =
      run_tool({client_program("pg_dump"), "--format=custom", "--file=" + file, "--dbname=" + url});
  if (r.exit_code != 0)
    throw ClusterError("pg_dump failed (exit " + std::to_string(r.exit_code) + "):\n" +
                       tail_lines(r.output, 20));
}

void restore_database(const std::string& url, const std::string& file) {
  const auto r = run_tool({client_program("pg_restore"), "--exit-on-error", "--single-transaction",
                           "--no-owner", "--no-privileges", "--dbname=" + url, file});
  if (r.exit_code != 0)
    throw ClusterError("pg_restore failed (exit " + std::to_string(r.exit_code) +
                       "), nothing was restored:\n" + tail_lines(r.output, 20));
}

}  // namespace kd::pg
