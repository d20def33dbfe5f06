#include "services/codec/json_read.hpp"

#include <limits>

#include "workflow/calendar.hpp"

namespace kd::codec::detail {
namespace {

// The value of `key`, or an empty Var when absent or null.
Poco::Dynamic::Var value_of(const Poco::JSON::Object& o, const std::string& key) {
  if (!o.has(key)) return {};
  return o.get(key);
}

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw CodecError(path, "Trường '" + path + "' " + what);
}

bool is_json_integer(const Poco::Dynamic::Var& v) {
  return v.isInteger() && !v.isBoolean() && !v.isString() && v.type() != typeid(char);
}

}  // namespace

std::string join_path(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

void fail_missing(const std::string& path) {
  throw CodecError(path, "Thiếu trường bắt buộc '" + path + "'");
}

std::optional<std::string> opt_string(const Poco::JSON::Object& o, const std::string& key,
                                      const std::string& prefix) {
  auto v = value_of(o, key);
  if (v.isEmpty()) return std::nullopt;
  if (!v.isString()) fail(join_path(prefix, key), "phải là chuỗi ký tự");
  return v.convert<std::string>();
}

std::optional<std::int64_t> opt_int(const Poco::JSON::Object& o, const std::string& key,
                                    const std::string& prefix) {
  auto v = value_of(o, key);
  if (v.isEmpty()) return std::nullopt;
  if (!is_json_integer(v)) fail(join_path(prefix, key), "phải là số nguyên");
  if (!v.isSigned() && v.convert<std::uint64_t>() >
                           static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    fail(join_path(prefix, key), "quá lớn");
  }
  return v.convert<std::int64_t>();
}

std::optional<int> opt_count(const Poco::JSON::Object& o, const std::string& key,
                             const std::string& prefix) {
  auto v = opt_int(o, key, prefix);
  if (!v) return std::nullopt;
  if (*v < 0) fail(join_path(prefix, key), "không được là số âm");
  if (*v > std::numeric_limits<int>::max()) fail(join_path(prefix, key), "quá lớn");
  return static_cast<int>(*v);
}

std::optional<bool> opt_bool(const Poco::JSON::Object& o, const std::string& key,
                             const std::string& prefix) {
  auto v = value_of(o, key);
  if (v.isEmpty()) return std::nullopt;
  if (!v.isBoolean()) fail(join_path(prefix, key), "phải là true hoặc false");
  return v.extract<bool>();
}

std::optional<kd::wf::Rating> opt_rating(const Poco::JSON::Object& o, const std::string& key,
                                         const std::string& prefix) {
  auto v = value_of(o, key);
  if (v.isEmpty()) return std::nullopt;
  std::optional<kd::wf::Rating> r;
  if (v.isString()) r = kd::wf::parse_rating(v.convert<std::string>());
  if (!r) fail(join_path(prefix, key), "phải là một trong các mức HTXS, HTT, HT, KHT");
  return r;
}

std::optional<kd::wf::Date> opt_date(const Poco::JSON::Object& o, const std::string& key,
                                     const std::string& prefix) {
  auto v = value_of(o, key);
  if (v.isEmpty()) return std::nullopt;
  std::optional<kd::wf::Date> d;
  if (v.isString()) d = kd::wf::parse_iso_date(v.convert<std::string>());
  if (!d) fail(join_path(prefix, key), "phải là ngày hợp lệ dạng YYYY-MM-DD");
  return d;
}

Poco::JSON::Object::Ptr opt_object(const Poco::JSON::Object& o, const std::string& key,
                                   const std::string& prefix) {
  auto v = value_of(o, key);
  if (v.isEmpty()) return {};
  if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
    auto p = v.extract<Poco::JSON::Object::Ptr>();
    if (!p.isNull()) return p;
    return {};
  }
  if (v.type() == typeid(Poco::JSON::Object)) {
    return new Poco::JSON::Object(v.extract<Poco::JSON::Object>());
  }
  fail(join_path(prefix, key), "phải là một đối tượng JSON");
}

Poco::JSON::Array::Ptr opt_array(const Poco::JSON::Object& o, const std::string& key,
                                 const std::string& prefix) {
  auto v = value_of(o, key);
  if (v.isEmpty()) return {};
  if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
    auto p = v.extract<Poco::JSON::Array::Ptr>();
    if (!p.isNull()) return p;
    return {};
  }
  if (v.type() == typeid(Poco::JSON::Array)) {
    return new Poco::JSON::Array(v.extract<Poco::JSON::Array>());
  }
  fail(join_path(prefix, key), "phải là một mảng JSON");
}

Poco::JSON::Object::Ptr element_object(const Poco::JSON::Array& a, unsigned i,
                                       const std::string& path) {
  const std::string p = path + "[" + std::to_string(i) + "]";
  auto v = a.get(i);
  if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
    auto o = v.extract<Poco::JSON::Object::Ptr>();
    if (!o.isNull()) return o;
  } else if (v.type() == typeid(Poco::JSON::Object)) {
    return new Poco::JSON::Object(v.extract<Poco::JSON::Object>());
  }
  throw CodecError(p, "Phần tử '" + p + "' phải là một đối tượng JSON");
}

}  // namespace kd::codec::detail
