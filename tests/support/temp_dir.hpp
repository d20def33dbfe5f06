// Temporary directories and files, and commands run as separate processes (the independent
// tools the tests check our output with: qpdf, pdfsig, certutil, openssl, pdftotext).
#pragma once

#include <string>

namespace kd::testing {

// A fresh directory under /tmp, removed with everything in it at the end of its scope.
struct TempDir {
  explicit TempDir(const std::string& prefix = "kd-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string path;
  std::string file(const std::string& name) const { return path + "/" + name; }
};

void write_file(const std::string& path, const std::string& data);
std::string read_file(const std::string& path);

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};
CommandResult run(const std::string& command);
std::string quote(const std::string& arg);  // for the shell

}  // namespace kd::testing
