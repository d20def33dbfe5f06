#include "services/documents/template_set.hpp"

#include <Poco/JSON/Array.h>

#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <sstream>

#include "services/codec/sha256.hpp"

namespace kd::documents {
namespace {

namespace fs = std::filesystem;
using kainjow::mustache::data;
using kainjow::mustache::mustache;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw TemplateError("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::map<std::string, std::string> read_html_files(const fs::path& dir) {
  std::map<std::string, std::string> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".html")
      out[e.path().stem().string()] = read_file(e.path());
  return out;
}

// JSON -> mustache data. An empty string is false, so that {{#field}} tests presence.
data to_data(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return data(false);
  if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
    data d(data::type::object);
    const auto o = v.extract<Poco::JSON::Object::Ptr>();
    for (const auto& name : o->getNames()) d.set(name, to_data(o->get(name)));
    return d;
  }
  if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
    data d(data::type::list);
    const auto a = v.extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < a->size(); ++i)
      d.push_back(to_data(a->get(static_cast<unsigned>(i))));
    return d;
  }
  if (v.type() == typeid(bool)) return data(v.extract<bool>());
  const std::string s = v.convert<std::string>();
  if (s.empty()) return data(false);
  return data(s);
}

}  // namespace

TemplateSet TemplateSet::load(const std::string& dir) {
  TemplateSet set;
  set.dir_ = dir;
  const fs::path root(dir);
  if (!fs::is_directory(root)) throw TemplateError("template directory not found: " + dir);
  set.css_ = read_file(root / "official.css");
  set.templates_ = read_html_files(root);
  set.partials_ = read_html_files(root / "partials");
  if (set.templates_.empty()) throw TemplateError("no templates (*.html) in " + dir);
  std::string all = "official.css\n" + set.css_;
  for (const auto& [name, text] : set.templates_) all += "\n" + name + "\n" + text;
  for (const auto& [name, text] : set.partials_) all += "\npartials/" + name + "\n" + text;
  set.version_ = kd::codec::sha256_hex(all);
  // Partials are included as text before parsing ({{>name}} -> partials/name.html, one level):
  // the partial's variables then resolve in the including template's context.
  for (auto& [name, text] : set.templates_) {
    for (const auto& [pname, ptext] : set.partials_) {
      const std::string tag = "{{>" + pname + "}}";
      for (auto pos = text.find(tag); pos != std::string::npos; pos = text.find(tag, pos))
        text.replace(pos, tag.size(), ptext);
    }
    mustache t(text);
    if (!t.is_valid()) throw TemplateError("template " + name + ": " + t.error_message());
  }
  return set;
}

std::string TemplateSet::render(const std::string& name,
                                const Poco::JSON::Object::Ptr& model) const {
  const auto it = templates_.find(name);
  if (it == templates_.end()) throw TemplateError("no template " + name + " in " + dir_);
  mustache t(it->second);
  data d = to_data(Poco::Dynamic::Var(model));
  d.set("css", css_);
  std::string html = t.render(d);
  if (!t.is_valid()) throw TemplateError("template " + name + ": " + t.error_message());
  return html;
}

}  // namespace kd::documents
