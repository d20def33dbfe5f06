#include "tests/support/openapi_contract.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <mutex>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

namespace kd::testing {
namespace {

using Poco::Dynamic::Var;
using Errors = std::vector<std::string>;

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::string seg;
  std::istringstream in(path);
  while (std::getline(in, seg, '/')) {
    if (!seg.empty()) out.push_back(seg);
  }
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string media_type_of(const std::string& content_type) {
  std::string m = content_type.substr(0, content_type.find(';'));
  while (!m.empty() && m.back() == ' ') m.pop_back();
  return lower(m);
}

bool is_json_media(const std::string& m) {
  return m == "application/json" || (m.size() > 5 && m.compare(m.size() - 5, 5, "+json") == 0);
}

bool is_object(const Var& v) { return v.type() == typeid(Poco::JSON::Object::Ptr); }
bool is_array(const Var& v) { return v.type() == typeid(Poco::JSON::Array::Ptr); }

std::string describe(const Var& v) {
  if (v.isEmpty()) return "null";
  if (is_object(v)) return "an object";
  if (is_array(v)) return "an array";
  if (v.isBoolean()) return "a boolean";
  if (v.isString()) return "the string \"" + v.toString() + "\"";
  return "the number " + v.toString();
}

bool has_type(const Var& v, const std::string& type) {
  if (type == "object") return is_object(v);
  if (type == "array") return is_array(v);
  if (type == "string") return v.isString();
  if (type == "boolean") return v.isBoolean();
  if (type == "integer") return v.isInteger();
  if (type == "number") return v.isNumeric();
  throw std::runtime_error("openapi: unknown type " + type);
}

bool equals_scalar(const YAML::Node& e, const Var& v) {
  if (e.IsNull()) return v.isEmpty();
  if (v.isEmpty() || is_object(v) || is_array(v)) return false;
  const std::string s = e.Scalar();
  if (v.isString()) return s == v.toString();
  if (v.isBoolean()) return s == (v.extract<bool>() ? "true" : "false");
  if (v.isInteger()) return s == v.toString();
  return e.as<double>() == v.convert<double>();
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool valid_format(const std::string& format, const std::string& s) {
  static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  static const std::regex date_time(
      R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");
  if (format == "date") return std::regex_match(s, date);
  if (format == "date-time") return std::regex_match(s, date_time);
  return true;  // other formats are annotations here
}

}  // namespace

struct OpenApiContract::Impl {
  YAML::Node root;
  struct Operation {
    std::string path;
    std::vector<std::string> segments;
    std::string method;
    YAML::Node node;
  };
  std::vector<Operation> operations;
  std::set<std::string> paths_with_operations;
  mutable std::mutex mutex;  // yaml-cpp nodes are not safe to read from several threads
  mutable std::set<std::string> covered;

  YAML::Node resolve(const std::string& ref) const {
    if (ref.rfind("#/", 0) != 0) throw std::runtime_error("openapi: external $ref " + ref);
    // Nodes are never assigned to: yaml-cpp's assignment rewrites the node it refers to.
    std::vector<YAML::Node> chain{root};
    for (std::string part : split_path(ref.substr(1))) {
      for (std::size_t p; (p = part.find("~1")) != std::string::npos;) part.replace(p, 2, "/");
      for (std::size_t p; (p = part.find("~0")) != std::string::npos;) part.replace(p, 2, "~");
      const YAML::Node current = chain.back();
      const YAML::Node next = current[part];
      if (!next) throw std::runtime_error("openapi: $ref not found: " + ref);
      chain.push_back(next);
    }
    return chain.back();
  }

  // OpenAPI 3.0 Schema Object semantics (see the header).
  void validate(const YAML::Node& schema, const Var& v, const std::string& at, Errors& out,
                int depth = 0) const {
    if (depth > 64) throw std::runtime_error("openapi: $ref cycle at " + at);
    if (const auto ref = schema["$ref"]) {
      validate(resolve(ref.Scalar()), v, at, out, depth + 1);
      return;
    }
    const std::string where = at.empty() ? "/" : at;
    const auto type = schema["type"];
    const bool nullable = type && schema["nullable"] && schema["nullable"].as<bool>();
    bool typed_ok = true;
    if (v.isEmpty()) {
      if (type && !nullable) {
        out.push_back(where + ": null where the document says " + type.Scalar() +
                      " (not nullable)");
        typed_ok = false;
      }
    } else if (type && !has_type(v, type.Scalar())) {
      out.push_back(where + ": " + describe(v) + " where the document says " + type.Scalar());
      typed_ok = false;
    }
    if (!typed_ok) return;

    if (const auto e = schema["enum"]) {
      bool found = false;
      for (const auto& item : e) found = found || equals_scalar(item, v);
      if (!found) out.push_back(where + ": " + describe(v) + " is not in the enum");
    }
    if (v.isString()) {
      const std::string s = v.toString();
      if (const auto f = schema["format"]; f && !valid_format(f.Scalar(), s))
        out.push_back(where + ": \"" + s + "\" is not a " + f.Scalar());
      if (const auto m = schema["minLength"]; m && code_points(s) < m.as<std::size_t>())
        out.push_back(where + ": shorter than " + m.Scalar());
      if (const auto m = schema["maxLength"]; m && code_points(s) > m.as<std::size_t>())
        out.push_back(where + ": longer than " + m.Scalar());
      if (const auto p = schema["pattern"]; p && !std::regex_search(s, std::regex(p.Scalar())))
        out.push_back(where + ": \"" + s + "\" does not match " + p.Scalar());
    }
    if (v.isNumeric() && !v.isBoolean() && !v.isString()) {
      const double d = v.convert<double>();
      if (const auto m = schema["minimum"]; m && d < m.as<double>())
        out.push_back(where + ": below the minimum " + m.Scalar());
      if (const auto m = schema["maximum"]; m && d > m.as<double>())
        out.push_back(where + ": above the maximum " + m.Scalar());
    }
    if (is_array(v)) {
      const auto arr = v.extract<Poco::JSON::Array::Ptr>();
      if (const auto m = schema["minItems"]; m && arr->size() < m.as<std::size_t>())
        out.push_back(where + ": fewer than " + m.Scalar() + " items");
      if (const auto m = schema["maxItems"]; m && arr->size() > m.as<std::size_t>())
        out.push_back(where + ": more than " + m.Scalar() + " items");
      if (const auto items = schema["items"]) {
        for (std::size_t i = 0; i < arr->size(); ++i)
          validate(items, arr->get(static_cast<unsigned>(i)), at + "/" + std::to_string(i), out,
                   depth + 1);
      }
    }
    if (is_object(v)) {
      const auto obj = v.extract<Poco::JSON::Object::Ptr>();
      if (const auto req = schema["required"]) {
        for (const auto& r : req) {
          if (!obj->has(r.Scalar()))
            out.push_back(where + ": required property \"" + r.Scalar() + "\" missing");
        }
      }
      const auto props = schema["properties"];
      const auto extra = schema["additionalProperties"];
      for (const auto& [name, value] : *obj) {
        if (props && props[name]) {
          validate(props[name], value, at + "/" + name, out, depth + 1);
        } else if (extra && extra.IsScalar()) {
          if (!extra.as<bool>()) out.push_back(where + ": property \"" + name + "\" not allowed");
        } else if (extra) {
          validate(extra, value, at + "/" + name, out, depth + 1);
        }
      }
    }
    if (const auto all = schema["allOf"]) {
      for (const auto& s : all) validate(s, v, at, out, depth + 1);
    }
    if (const auto any = schema["anyOf"]) {
      Errors first;
      bool ok = false;
      for (const auto& s : any) {
        Errors e;
        validate(s, v, at, e, depth + 1);
        ok = ok || e.empty();
        if (first.empty()) first = e;
      }
      if (!ok) out.push_back(where + ": matches none of anyOf (" + first.front() + ")");
    }
    if (const auto one = schema["oneOf"]) {
      int matches = 0;
      std::string why;
      for (const auto& s : one) {
        Errors e;
        validate(s, v, at, e, depth + 1);
        if (e.empty()) ++matches;
        if (!e.empty() && why.empty()) why = e.front();
      }
      if (matches != 1)
        out.push_back(where + ": " + describe(v) + " matches " + std::to_string(matches) +
                      " of oneOf" + (why.empty() ? "" : " (" + why + ")"));
    }
    if (const auto n = schema["not"]) {
      Errors e;
      validate(n, v, at, e, depth + 1);
      if (e.empty()) out.push_back(where + ": matches a schema under not");
    }
  }

  void validate_json(const YAML::Node& schema, const std::string& body, const std::string& what,
                     Errors& out) const {
    Var v;
    try {
      Poco::JSON::Parser parser;
      v = parser.parse(body);
    } catch (const Poco::Exception& e) {
      out.push_back(what + ": body is not JSON: " + e.displayText());
      return;
    }
    Errors errors;
    validate(schema, v, "", errors);
    for (auto& e : errors) out.push_back(what + ": " + e);
  }

  const Operation* find(const std::string& method, const std::vector<std::string>& segs,
                        bool* path_known) const {
    const Operation* best = nullptr;
    int best_literals = -1;
    *path_known = false;
    for (const auto& op : operations) {
      if (op.segments.size() != segs.size()) continue;
      int literals = 0;
      bool match = true;
      for (std::size_t i = 0; i < segs.size() && match; ++i) {
        const auto& t = op.segments[i];
        if (t.size() > 2 && t.front() == '{' && t.back() == '}') continue;
        if (t != segs[i]) match = false;
        ++literals;
      }
      if (!match) continue;
      *path_known = true;
      if (op.method == method && literals > best_literals) {
        best = &op;
        best_literals = literals;
      }
    }
    return best;
  }
};

OpenApiContract::OpenApiContract(const std::string& yaml_text) : impl_(std::make_unique<Impl>()) {
  impl_->root = YAML::Load(yaml_text);
  for (const auto& path : impl_->root["paths"]) {
    const std::string p = path.first.Scalar();
    for (const auto& m : path.second) {
      const std::string method = m.first.Scalar();
      if (method == "parameters" || method == "summary" || method == "description") continue;
      std::string upper = method;
      std::transform(upper.begin(), upper.end(), upper.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      impl_->operations.push_back({p, split_path(p), upper, m.second});
    }
  }
}

OpenApiContract::~OpenApiContract() = default;

const OpenApiContract& OpenApiContract::project() {
  static const OpenApiContract contract([] {
    std::ifstream in(std::string(KD_SOURCE_DIR) + "/docs/openapi.yaml");
    if (!in) throw std::runtime_error("cannot read docs/openapi.yaml");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }());
  return contract;
}

std::vector<std::string> OpenApiContract::check_response(const std::string& method,
                                                         const std::string& target, int status,
                                                         const std::string& content_type,
                                                         const std::string& body) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Errors out;
  const std::string path = target.substr(0, target.find_first_of("?#"));
  const bool head = method == "HEAD";
  bool path_known = false;
  const auto* op = impl_->find(head ? "GET" : method, split_path(path), &path_known);
  const std::string media = media_type_of(content_type);
  const std::string what = method + " " + path + " " + std::to_string(status);
  // The web UI's pages (GET / and /app/...) are not API operations: a browser is shown an HTML
  // page for a missing file or another method there.
  const bool page = path == "/" || path == "/app" || path.rfind("/app/", 0) == 0;
  if (!op) {
    // Not an operation (an unknown route, another method on a known path): an error there is
    // still a Problem.
    if (status >= 400 && !head && !body.empty() && !page) {
      if (media != "application/problem+json") {
        out.push_back(what + ": an error answered with " + content_type + ", not a Problem");
      } else {
        impl_->validate_json(impl_->resolve("#/components/schemas/Problem"), body, what, out);
      }
    }
    return out;
  }
  const std::string id = op->node["operationId"] ? op->node["operationId"].Scalar() : op->path;
  const std::string code = std::to_string(status);
  const YAML::Node responses = op->node["responses"];
  const auto found = [&]() -> std::optional<YAML::Node> {
    for (const std::string& key : {code, std::string(1, code[0]) + "XX", std::string("default")}) {
      const YAML::Node r = responses[key];
      if (r) return r["$ref"] ? impl_->resolve(r["$ref"].Scalar()) : r;
    }
    return std::nullopt;
  }();
  if (!found) {
    out.push_back(what + ": status " + code + " is not documented for " + id);
    return out;
  }
  impl_->covered.insert(id + " " + code);
  const YAML::Node documented = *found;
  const YAML::Node content = documented["content"];
  if (head) return out;
  if (!content) {
    if (!body.empty()) out.push_back(what + ": a body where the document says none");
    return out;
  }
  const auto media_found = [&]() -> std::optional<YAML::Node> {
    for (const std::string& key :
         {media, media.substr(0, media.find('/')) + "/*", std::string("*/*")}) {
      const YAML::Node m = content[key];
      if (m) return m;
    }
    return std::nullopt;
  }();
  if (!media_found) {
    out.push_back(what + ": content type \"" + content_type + "\" is not documented");
    return out;
  }
  const YAML::Node schema = (*media_found)["schema"];
  if (is_json_media(media) && schema) {
    impl_->validate_json(schema, body, what, out);
  }
  return out;
}

std::vector<std::string> OpenApiContract::check_schema(const std::string& component,
                                                       const std::string& json) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Errors out;
  impl_->validate_json(impl_->resolve("#/components/schemas/" + component), json, component, out);
  return out;
}

std::set<std::string> OpenApiContract::covered() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->covered;
}

void expect_documented_response(const std::string& method, const std::string& target, int status,
                                const std::string& content_type, const std::string& body) {
  for (const auto& v :
       OpenApiContract::project().check_response(method, target, status, content_type, body)) {
    ADD_FAILURE() << "response violates docs/openapi.yaml: " << v << "\n" << body.substr(0, 2000);
  }
}

}  // namespace kd::testing
