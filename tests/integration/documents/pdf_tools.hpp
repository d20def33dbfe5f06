// The real PDF tools the document tests check with (poppler-utils, qpdf), run as processes.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace kd::documents::test {

struct Run {
  int code = -1;
  std::string out;
};

// Runs a shell command (our own fixed arguments only), capturing stdout.
inline Run run(const std::string& command) {
  Run r;
  FILE* p = popen((command + " 2>/dev/null").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// The running test's own directory of artefacts: tests run in parallel processes whose
// databases give their documents the same ids, so the files of one never overwrite another's.
inline std::filesystem::path artefact_dir() {
  const char* env = std::getenv("KIEMDIEM_TEST_ARTEFACTS");
  std::filesystem::path dir =
      env && *env ? std::filesystem::path(env)
                  : std::filesystem::path(KD_SOURCE_DIR) / "build" / "test-artefacts" / "documents";
  if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info())
    dir /= std::string(info->test_suite_name()) + "." + info->name();
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::filesystem::path write_file(const std::string& name, const std::string& bytes) {
  const auto path = artefact_dir() / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Text of one page (1-based), or of every page when page == 0; in reading order, or as laid
// out on the page (`layout`).
inline std::string pdf_text(const std::filesystem::path& pdf, int page = 0, bool layout = false) {
  const std::string range =
      page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
  return run(std::string("pdftotext -enc UTF-8") + (layout ? " -layout" : "") + range + " '" +
             pdf.string() + "' -")
      .out;
}

// Text without line breaks and runs of spaces, to find phrases the layout wrapped.
inline std::string flat(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == '\n' || c == ' ' || c == '\f' || c == '\t';
    if (space && !out.empty() && out.back() == ' ') continue;
    out.push_back(space ? ' ' : c);
  }
  return out;
}

inline std::string first_line(const std::string& text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto end = text.find('\n', pos);
    std::string line = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    const auto a = line.find_first_not_of(" \t\f");
    if (a != std::string::npos) return line.substr(a, line.find_last_not_of(" \t\f\r") - a + 1);
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return "";
}

}  // namespace kd::documents::test
