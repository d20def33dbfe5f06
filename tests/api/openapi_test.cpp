// Every route the server serves is in docs/openapi.yaml, and every documented
// operation is served. The document is scanned line by line: path keys sit at
// two spaces of indentation under `paths:`, methods at four.
#include <algorithm>
#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "services/api/server.hpp"

namespace kd::api {
namespace {

std::set<std::string> documented_operations(const std::string& file) {
  std::ifstream in(file);
  EXPECT_TRUE(in.good()) << "cannot read " << file;
  std::set<std::string> ops;
  std::string line;
  std::string server_prefix;
  bool in_paths = false;
  std::string path;
  while (std::getline(in, line)) {
    if (line.rfind("paths:", 0) == 0) {
      in_paths = true;
      continue;
    }
    if (!line.empty() && line[0] != ' ' && line[0] != '#') in_paths = false;
    if (!in_paths) continue;
    if (line.size() > 3 && line.rfind("  /", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
      if (path.size() > 1 && path.front() == '\'') path = path.substr(1, path.size() - 2);
      continue;
    }
    static const char* const kMethods[] = {"get", "post", "put", "patch", "delete"};
    for (const char* m : kMethods) {
      if (line == std::string("    ") + m + ":") {
        std::string upper(m);
        std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
        ops.insert(upper + " " + path);
      }
    }
  }
  return ops;
}

TEST(OpenApi, EveryRouteIsDocumentedAndEveryDocumentedRouteIsServed) {
  const auto documented = documented_operations(std::string(KD_SOURCE_DIR) + "/docs/openapi.yaml");
  const auto served_list = ApiServer::routes();
  const std::set<std::string> served(served_list.begin(), served_list.end());
  for (const auto& r : served) EXPECT_TRUE(documented.count(r)) << "not documented: " << r;
  for (const auto& d : documented) EXPECT_TRUE(served.count(d)) << "not served: " << d;
  EXPECT_EQ(served.size(), served_list.size()) << "a route is declared twice";
}

}  // namespace
}  // namespace kd::api
