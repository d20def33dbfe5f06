#include "services/api/router.hpp"

#include <algorithm>

namespace kd::api {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;  // paths start with '/'
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string::npos ? path.size() : slash;
    out.push_back(path.substr(start, end - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

bool match_template(const std::vector<std::string>& tmpl, const std::vector<std::string>& segs,
                    std::map<std::string, std::string>& params) {
  if (tmpl.size() != segs.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    const std::string& t = tmpl[i];
    if (t.size() > 2 && t.front() == '{' && t.back() == '}') {
      if (segs[i].empty()) return false;
      found[t.substr(1, t.size() - 2)] = segs[i];
    } else if (t != segs[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

RouteMatch Router::match(const std::string& method, const std::string& path) const {
  RouteMatch result;
  if (path.empty() || path.front() != '/') return result;
  const auto segs = split_path(path);
  for (const Route& r : routes_) {
    std::map<std::string, std::string> params;
    if (!match_template(split_path(r.path), segs, params)) continue;
    if (r.method == method) {
      result.route = &r;
      result.params = std::move(params);
      result.allowed.clear();
      return result;
    }
    if (std::find(result.allowed.begin(), result.allowed.end(), r.method) == result.allowed.end()) {
      result.allowed.push_back(r.method);
    }
  }
  return result;
}

}  // namespace kd::api
