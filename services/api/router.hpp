// Routing by method and path template ("/api/v1/reviews/{id}/actions/{action}").
// A path that matches a template under another method is a 405 (with Allow),
// a path that matches nothing is a 404.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace kd::api {

class Exchange;
struct ApiContext;

using HandlerFn = void (*)(ApiContext&, Exchange&);

struct Route {
  std::string method;
  std::string path;  // template; {name} matches one non-empty segment
  HandlerFn handler = nullptr;
  bool authenticated = true;  // bearer token required
};

struct RouteMatch {
  const Route* route = nullptr;               // null: 404 or 405
  std::map<std::string, std::string> params;  // {name} -> segment (percent-decoded)
  std::vector<std::string> allowed;           // methods of the path when route is null (405)
};

class Router {
 public:
  explicit Router(std::vector<Route> routes) : routes_(std::move(routes)) {}
  RouteMatch match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// The route table of the API (defined in routes.cpp beside the handler declarations).
const std::vector<Route>& api_routes();
// Served only when testing.enabled (the server is given a testing clock).
const std::vector<Route>& testing_routes();

}  // namespace kd::api
