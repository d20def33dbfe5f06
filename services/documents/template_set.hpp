// The document templates of templates/: loaded once, rendered with kainjow mustache
// (HTML-escaping by default; only the trusted stylesheet is inserted unescaped).
#pragma once

#include <map>
#include <string>

#include <Poco/JSON/Object.h>

namespace kd::documents {

struct TemplateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class TemplateSet {
 public:
  // Reads <dir>/*.html, <dir>/partials/*.html and <dir>/official.css. Throws TemplateError
  // when the directory or the stylesheet is missing or a template does not parse.
  static TemplateSet load(const std::string& dir);

  // The HTML of template `name` filled with `model`. Throws TemplateError.
  std::string render(const std::string& name, const Poco::JSON::Object::Ptr& model) const;

  // SHA-256 (hex) over every file of the set: stored as the template version of a document.
  const std::string& version() const { return version_; }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::string css_;
  std::map<std::string, std::string> templates_;
  std::map<std::string, std::string> partials_;
  std::string version_;
};

}  // namespace kd::documents
