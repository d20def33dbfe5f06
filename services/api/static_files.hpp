// The web UI's static files (web/ in the repository, setting web.root), served
// beside the API but outside its router: "/" and "/app/..." are pages and assets,
// not API routes, so they are not in docs/openapi.yaml.
//
// Invariant: only regular files under the root are ever read. The URL path is
// percent-decoded once and split into segments; an empty, ".", ".." or hidden
// (".x") segment, a backslash or a NUL refuses the request, and the resolved
// file must still lie under the canonical root (no symlink leaves it).
#pragma once

#include <optional>
#include <string>

namespace Poco::Net {
class HTTPRequestHandler;
}

namespace kd::api {

// True for the URIs the web UI owns: "/", "/app" and "/app/..." (query ignored).
bool is_static_uri(const std::string& uri);

// The file a decoded URL path names, relative to the web root ("/" and "/app/"
// are "index.html"), or nothing when the path is not allowed.
std::optional<std::string> static_relative_path(const std::string& decoded_path);

// "text/javascript; charset=utf-8" for "app.js"; "application/octet-stream" when unknown.
std::string content_type_for(const std::string& file_name);

// A handler answering one request from files under `root` (GET and HEAD only,
// strong ETag, If-None-Match → 304, Cache-Control: no-cache, security headers).
Poco::Net::HTTPRequestHandler* make_static_handler(const std::string& root);

// True when `root` is an existing directory (logged at start-up when it is not).
bool web_root_usable(const std::string& root);

}  // namespace kd::api
