// Canonical JSON writer: compact, keys sorted by their UTF-8 bytes, strings
// kept as UTF-8 (only '"', '\\' and control characters are escaped). Poco's
// Stringifier is not used because it may escape non-ASCII letters.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "services/codec/json_codec.hpp"

namespace kd::codec {
namespace {

void write_string(const std::string& s, std::string& out) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

void write_value(const Poco::Dynamic::Var& v, std::string& out);

void write_object(const Poco::JSON::Object& o, std::string& out) {
  std::vector<std::string> names = o.getNames();  // std::map order is byte order; sort anyway
  std::sort(names.begin(), names.end());
  out.push_back('{');
  bool first = true;
  for (const auto& name : names) {
    if (!first) out.push_back(',');
    first = false;
    write_string(name, out);
    out.push_back(':');
    write_value(o.get(name), out);
  }
  out.push_back('}');
}

void write_array(const Poco::JSON::Array& a, std::string& out) {
  out.push_back('[');
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (i > 0) out.push_back(',');
    write_value(a.get(static_cast<unsigned>(i)), out);
  }
  out.push_back(']');
}

void write_value(const Poco::Dynamic::Var& v, std::string& out) {
  if (v.isEmpty()) {
    out += "null";
    return;
  }
  const std::type_info& t = v.type();
  if (t == typeid(Poco::JSON::Object::Ptr)) {
    const auto& p = v.extract<Poco::JSON::Object::Ptr>();
    if (p.isNull()) {
      out += "null";
    } else {
      write_object(*p, out);
    }
  } else if (t == typeid(Poco::JSON::Object)) {
    write_object(v.extract<Poco::JSON::Object>(), out);
  } else if (t == typeid(Poco::JSON::Array::Ptr)) {
    const auto& p = v.extract<Poco::JSON::Array::Ptr>();
    if (p.isNull()) {
      out += "null";
    } else {
      write_array(*p, out);
    }
  } else if (t == typeid(Poco::JSON::Array)) {
    write_array(v.extract<Poco::JSON::Array>(), out);
  } else if (t == typeid(bool)) {
    out += v.extract<bool>() ? "true" : "false";
  } else if (v.isString()) {
    write_string(v.convert<std::string>(), out);
  } else if (v.isInteger()) {
    out += v.isSigned() ? std::to_string(v.convert<std::int64_t>())
                        : std::to_string(v.convert<std::uint64_t>());
  } else if (v.isNumeric()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v.convert<double>());
    out += buf;
  } else {
    write_string(v.convert<std::string>(), out);
  }
}

}  // namespace

std::string canonical(const Poco::JSON::Object::Ptr& o) {
  std::string out;
  if (o.isNull()) return "null";
  write_object(*o, out);
  return out;
}

std::string canonical_value(const Poco::Dynamic::Var& v) {
  std::string out;
  write_value(v, out);
  return out;
}

}  // namespace kd::codec
