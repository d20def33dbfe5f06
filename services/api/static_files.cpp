#include "services/api/static_files.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include "services/api/access_log.hpp"
#include "services/api/tokens.hpp"
#include "services/codec/sha256.hpp"

namespace kd::api {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPrefix = "/app";
// The pages are small; a larger file under the root is refused rather than read whole.
constexpr std::uintmax_t kMaxFileBytes = 8 * 1024 * 1024;

Poco::Logger& logger() { return Poco::Logger::get("kd.api"); }

std::string path_of(const std::string& uri) { return uri.substr(0, uri.find_first_of("?#")); }

bool segment_allowed(const std::string& s) {
  if (s.empty() || s.front() == '.') return false;  // also "." and ".."
  for (const char c : s) {
    if (c == '\\' || c == '\0' || static_cast<unsigned char>(c) < 0x20) return false;
  }
  return true;
}

// Content-Security-Policy of every page: our own scripts and styles only, no inline
// script, documents (PDF, HTML of the API) may be framed from our own origin.
constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

struct Answer {
  int status = 200;
  std::string body;
  std::string content_type = "text/html; charset=utf-8";
  std::string etag;
  std::string allow;
  std::string location;  // 301
};

std::string page(const std::string& title, const std::string& text) {
  return "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" + title +
         "</title></head><body><h1>" + title + "</h1><p>" + text +
         "</p><p><a href=\"/app/\">Về trang chính</a></p></body></html>\n";
}

Answer not_found() {
  Answer a;
  a.status = 404;
  a.body = page("Không tìm thấy", "Không có trang hoặc tệp này.");
  return a;
}

class StaticHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit StaticHandler(std::string root) : root_(std::move(root)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    const auto started = std::chrono::steady_clock::now();
    const std::string request_id = random_hex(8);
    std::string path = "?";
    Answer a;
    try {
      a = answer(req, path);
    } catch (const std::exception& e) {
      logger().error("request_id=%s static file error: %s", request_id, std::string(e.what()));
      a = Answer{};
      a.status = 500;
      a.body = page("Lỗi máy chủ", "Mã yêu cầu: " + request_id + ".");
    }
    send(req, resp, a, request_id);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    log_access(AccessRecord{request_id, req.getMethod(), path, a.status, ms,
                            req.clientAddress().host().toString(), req.get("User-Agent", ""), ""});
  }

 private:
  Answer answer(const Poco::Net::HTTPServerRequest& req, std::string& path) {
    try {
      path = Poco::URI(req.getURI()).getPath();
    } catch (const Poco::Exception&) {
      Answer a;
      a.status = 400;
      a.body = page("Yêu cầu không hợp lệ", "Địa chỉ yêu cầu không hợp lệ.");
      return a;
    }
    if (req.getMethod() != "GET" && req.getMethod() != "HEAD") {
      Answer a;
      a.status = 405;
      a.allow = "GET, HEAD";
      a.body = page("Phương thức không được hỗ trợ", "Trang này chỉ cho phép GET và HEAD.");
      return a;
    }
    if (path == kPrefix) {  // "/app" → "/app/", so relative asset URLs resolve
      Answer a;
      a.status = 301;
      a.location = "/app/";
      return a;
    }
    const auto relative = static_relative_path(path);
    if (!relative) return not_found();

    std::error_code ec;
    const fs::path root = fs::canonical(root_, ec);
    if (ec) return not_found();
    const fs::path file = fs::weakly_canonical(root / *relative, ec);
    if (ec) return not_found();
    const std::string root_text = root.string() + "/";
    if (file.string().compare(0, root_text.size(), root_text) != 0) return not_found();
    if (!fs::is_regular_file(file, ec) || ec) return not_found();
    if (fs::file_size(file, ec) > kMaxFileBytes || ec) return not_found();

    std::ifstream in(file, std::ios::binary);
    if (!in) return not_found();
    std::ostringstream data;
    data << in.rdbuf();
    Answer a;
    a.body = data.str();
    a.content_type = content_type_for(file.filename().string());
    a.etag = "\"" + kd::codec::sha256_hex(a.body).substr(0, 32) + "\"";
    if (req.has("If-None-Match") && etag_matches(req.get("If-None-Match"), a.etag)) {
      a.status = 304;
      a.body.clear();
    }
    return a;
  }

  static bool etag_matches(const std::string& header, const std::string& etag) {
    if (header.find('*') != std::string::npos) return true;
    std::stringstream items(header);
    std::string item;
    while (std::getline(items, item, ',')) {
      const auto b = item.find_first_not_of(" \t");
      if (b == std::string::npos) continue;
      std::string tag = item.substr(b, item.find_last_not_of(" \t") - b + 1);
      if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
      if (tag == etag) return true;
    }
    return false;
  }

  static void send(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp,
                   const Answer& a, const std::string& request_id) {
    resp.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(a.status));
    resp.set("X-Request-Id", request_id);
    resp.set("X-Content-Type-Options", "nosniff");
    resp.set("Referrer-Policy", "no-referrer");
    resp.set("Content-Security-Policy", kCsp);
    if (!a.allow.empty()) resp.set("Allow", a.allow);
    if (a.status == 301) {
      resp.set("Location", a.location);
      resp.set("Cache-Control", "no-cache");
      resp.setContentLength(0);
      resp.send();
      return;
    }
    if (!a.etag.empty()) {
      resp.set("ETag", a.etag);
      resp.set("Cache-Control", "no-cache");  // revalidate every time: names carry no hash
    } else {
      resp.set("Cache-Control", "no-store");
    }
    if (a.status == 304) {
      resp.setContentLength(0);
      resp.send();
      return;
    }
    resp.setContentType(a.content_type);
    resp.setContentLength64(static_cast<Poco::Int64>(a.body.size()));
    std::ostream& out = resp.send();
    if (req.getMethod() != "HEAD") out << a.body;
    out.flush();
  }

  std::string root_;
};

}  // namespace

bool is_static_uri(const std::string& uri) {
  const std::string path = path_of(uri);
  return path == "/" || path == kPrefix || path.rfind(std::string(kPrefix) + "/", 0) == 0;
}

std::optional<std::string> static_relative_path(const std::string& decoded_path) {
  if (decoded_path == "/" || decoded_path == std::string(kPrefix) + "/") return "index.html";
  const std::string prefix = std::string(kPrefix) + "/";
  if (decoded_path.rfind(prefix, 0) != 0) return std::nullopt;
  const std::string rest = decoded_path.substr(prefix.size());
  std::string out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = rest.find('/', start);
    const std::string seg =
        rest.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!segment_allowed(seg)) return std::nullopt;
    out += (out.empty() ? "" : "/") + seg;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

std::string content_type_for(const std::string& file_name) {
  static const std::map<std::string, std::string> types = {
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"json", "application/json; charset=utf-8"},
      {"webmanifest", "application/manifest+json; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"txt", "text/plain; charset=utf-8"},
  };
  const auto dot = file_name.rfind('.');
  if (dot == std::string::npos) return "application/octet-stream";
  auto it = types.find(file_name.substr(dot + 1));
  return it == types.end() ? "application/octet-stream" : it->second;
}

Poco::Net::HTTPRequestHandler* make_static_handler(const std::string& root) {
  return new StaticHandler(root);
}

bool web_root_usable(const std::string& root) {
  std::error_code ec;
  return fs::is_directory(root, ec) && !ec;
}

}  // namespace kd::api
