#include "services/api/server.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <stdexcept>

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/URI.h>

#include "services/api/access_log.hpp"
#include "services/api/auth.hpp"
#include "services/api/context.hpp"
#include "services/api/error_mapping.hpp"
#include "services/api/exchange.hpp"
#include "services/api/http_front.hpp"
#include "services/api/router.hpp"
#include "services/api/static_files.hpp"
#include "services/api/tokens.hpp"
#include "services/config/password_policy_file.hpp"

namespace kd::api {
namespace {

Poco::Logger& logger() { return Poco::Logger::get("kd.api"); }

// A client's X-Request-Id is kept when it is short and plain; otherwise we make one.
std::string request_id_for(const Poco::Net::HTTPServerRequest& req) {
  if (req.has("X-Request-Id")) {
    const std::string& given = req.get("X-Request-Id");
    const bool plain = !given.empty() && given.size() <= 64 &&
                       std::all_of(given.begin(), given.end(), [](unsigned char c) {
                         return std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.';
                       });
    if (plain) return given;
  }
  return random_hex(8);
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

class RouteHandler : public Poco::Net::HTTPRequestHandler {
 public:
  RouteHandler(ApiContext& ctx, const Router& router) : ctx_(ctx), router_(router) {}

  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    const auto started = std::chrono::steady_clock::now();
    const std::string request_id = request_id_for(req);
    std::string path;
    std::map<std::string, std::string> query;
    bool uri_ok = true;
    try {
      const Poco::URI uri(req.getURI());
      path = uri.getPath();
      for (const auto& [k, v] : uri.getQueryParameters()) query.emplace(k, v);
    } catch (const Poco::Exception&) {
      uri_ok = false;
      path = "?";
    }
    const RouteMatch match = uri_ok ? router_.match(req.getMethod(), path) : RouteMatch{};
    Exchange ex(req, resp, path, std::move(query), match.params, request_id,
                ctx_.settings.max_body_bytes);
    try {
      dispatch(ex, match, uri_ok);
    } catch (const HttpError& e) {
      answer(ex, e.problem);
    } catch (const Poco::Exception& e) {
      logger().error("request_id=%s internal error: %s", request_id, e.displayText());
      answer(ex,
             make_problem(500, "internal_error", "Lỗi máy chủ. Mã yêu cầu: " + request_id + "."));
    } catch (const std::exception& e) {
      if (kd::storage::is_connection_failure(e)) {
        logger().error("request_id=%s database unreachable: %s", request_id, std::string(e.what()));
        answer(ex, make_problem(503, "database_unavailable",
                                "Không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau."));
      } else {
        logger().error("request_id=%s internal error: %s", request_id, std::string(e.what()));
        answer(ex,
               make_problem(500, "internal_error", "Lỗi máy chủ. Mã yêu cầu: " + request_id + "."));
      }
    }
    log_access(ex, started);
  }

 private:
  void dispatch(Exchange& ex, const RouteMatch& match, bool uri_ok) {
    if (!uri_ok) fail(400, "invalid_uri", "Địa chỉ yêu cầu không hợp lệ.");
    if (!match.route) {
      if (!match.allowed.empty()) {
        ex.set_header("Allow", join(match.allowed, ", "));
        fail(405, "method_not_allowed",
             "Phương thức " + ex.method() + " không được hỗ trợ cho địa chỉ này (cho phép: " +
                 join(match.allowed, ", ") + ").");
      }
      fail(404, "not_found", "Không có địa chỉ này trong API.");
    }
    if (match.route->authenticated) {
      ex.set_caller(authenticate(ctx_, ex));
      // A one-time password opens only its own change (and the logout).
      if (ex.caller().must_change_password && match.route->path != "/api/v1/auth/password" &&
          match.route->path != "/api/v1/auth/logout") {
        throw HttpError(password_change_required());
      }
    }
    match.route->handler(ctx_, ex);
  }

  static void answer(Exchange& ex, const Problem& p) {
    if (ex.sent()) {
      logger().error("request_id=%s error after the answer was sent: %s", ex.request_id(), p.code);
      return;
    }
    ex.send_problem(p);
  }

  static void log_access(const Exchange& ex, std::chrono::steady_clock::time_point started) {
    AccessRecord r;
    r.request_id = ex.request_id();
    r.method = ex.method();
    r.path = ex.path();
    r.status = ex.status();
    r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    r.client = ex.client_address();
    r.user_agent = ex.header("User-Agent").value_or("");
    if (ex.has_caller()) r.extra += " account_id=" + std::to_string(ex.caller().account_id);
    if (ex.review_id() != 0) r.extra += " review_id=" + std::to_string(ex.review_id());
    kd::api::log_access(r);
  }

  ApiContext& ctx_;
  const Router& router_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(ApiContext& ctx, const Router& router) : ctx_(ctx), router_(router) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override {
    // The web UI's pages and assets: not API routes (see static_files.hpp).
    if (is_static_uri(request.getURI())) return make_static_handler(ctx_.settings.web_root);
    return new RouteHandler(ctx_, router_);
  }

 private:
  ApiContext& ctx_;
  const Router& router_;
};

}  // namespace

// The testing routes (the clock) only when the server was given a testing clock.
static std::vector<Route> routes_for(const ApiDeps& deps) {
  std::vector<Route> routes = api_routes();
  if (deps.testing_clock != nullptr) {
    const auto& testing = testing_routes();
    routes.insert(routes.end(), testing.begin(), testing.end());
  }
  return routes;
}

kd::wf::TimePoint system_now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

struct ApiServer::Impl {
  explicit Impl(ApiDeps deps)
      : ctx{deps.store,
            deps.regimes,
            deps.settings,
            std::move(deps.clock),
            deps.testing_clock,
            std::move(deps.form_preview),
            kd::signing::load_signing_trust(deps.settings.config_file, deps.settings.data_dir)},
        router(routes_for(deps)) {
    ctx.password_policy = kd::config::load_password_policy(deps.settings);
    ctx.password_cost = deps.password_cost;
  }

  ApiContext ctx;
  Router router;
  std::unique_ptr<HttpFront> server;
  int port = 0;
};

ApiServer::ApiServer(ApiDeps deps) : impl_(std::make_unique<Impl>(std::move(deps))) {
  ensure_sodium();
}

ApiServer::~ApiServer() { stop(); }

void ApiServer::start() {
  if (impl_->server) return;
  const auto& s = impl_->ctx.settings;
  FrontOptions o;
  o.host = s.http_host;
  o.port = s.http_port;
  o.threads = s.http_threads;
  o.queue = s.http_queue;
  o.max_body = s.max_body_bytes;
  o.request_timeout_seconds = s.http_request_timeout_seconds;
  o.keep_alive_seconds = s.http_keep_alive_seconds;
  o.write_timeout_seconds = s.http_write_timeout_seconds;
  o.max_connections = s.http_max_connections;
  o.max_connections_per_address = s.http_max_connections_per_address;
  impl_->server = std::make_unique<HttpFront>(
      o, Poco::Net::HTTPRequestHandlerFactory::Ptr(new Factory(impl_->ctx, impl_->router)));
  impl_->server->start();
  impl_->port = impl_->server->port();
  impl_->ctx.ready = true;
  logger().information("listening on %s:%d", s.http_host, impl_->port);
  if (!web_root_usable(s.web_root)) {
    logger().warning("web.root '%s' is not a directory: the web UI (/app/) is not served",
                     s.web_root);
  }
}

void ApiServer::stop() {
  if (!impl_ || !impl_->server) return;
  impl_->ctx.ready = false;
  impl_->server->stop();
  impl_->server.reset();
}

int ApiServer::port() const { return impl_->port; }

std::vector<std::string> ApiServer::routes() {
  std::vector<std::string> out;
  for (const auto& r : api_routes()) out.push_back(r.method + " " + r.path);
  for (const auto& r : testing_routes()) out.push_back(r.method + " " + r.path);
  return out;
}

}  // namespace kd::api
