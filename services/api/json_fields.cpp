#include "services/api/json_fields.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <Poco/String.h>

#include "services/api/problem.hpp"

namespace kd::api {
namespace {

bool present(const Poco::JSON::Object& o, const std::string& key) {
  return o.has(key) && !o.get(key).isEmpty();
}

}  // namespace

void field_error(const std::string& key, const std::string& expected_vi) {
  Problem p = make_problem(400, "invalid_field",
                           "Trường \"" + key + "\" không hợp lệ: " + expected_vi + ".");
  p.errors.push_back({"invalid_field", key, expected_vi, 0});
  throw HttpError(std::move(p));
}

std::string required_string(const Poco::JSON::Object& o, const std::string& key) {
  auto v = optional_string(o, key);
  if (!v) field_error(key, "bắt buộc, kiểu chuỗi");
  return *v;
}

std::optional<std::string> optional_string(const Poco::JSON::Object& o, const std::string& key) {
  if (!present(o, key)) return std::nullopt;
  const Poco::Dynamic::Var v = o.get(key);
  if (!v.isString()) field_error(key, "phải là chuỗi");
  return v.extract<std::string>();
}

std::int64_t required_int(const Poco::JSON::Object& o, const std::string& key) {
  auto v = optional_int(o, key);
  if (!v) field_error(key, "bắt buộc, kiểu số nguyên");
  return *v;
}

std::optional<std::int64_t> optional_int(const Poco::JSON::Object& o, const std::string& key) {
  if (!present(o, key)) return std::nullopt;
  const Poco::Dynamic::Var v = o.get(key);
  // Poco reports booleans as integers: check them first.
  if (v.isBoolean() || !v.isInteger()) field_error(key, "phải là số nguyên");
  try {
    return v.convert<Poco::Int64>();
  } catch (const Poco::Exception&) {
    field_error(key, "số nguyên quá lớn");
  }
}

bool optional_bool(const Poco::JSON::Object& o, const std::string& key, bool fallback) {
  if (!present(o, key)) return fallback;
  const Poco::Dynamic::Var v = o.get(key);
  if (!v.isBoolean()) field_error(key, "phải là true hoặc false");
  return v.extract<bool>();
}

Poco::JSON::Array::Ptr optional_array(const Poco::JSON::Object& o, const std::string& key) {
  if (!present(o, key)) return nullptr;
  if (!o.isArray(key)) field_error(key, "phải là mảng");
  return o.getArray(key);
}

Poco::JSON::Object::Ptr optional_object(const Poco::JSON::Object& o, const std::string& key) {
  if (!present(o, key)) return nullptr;
  if (!o.isObject(key)) field_error(key, "phải là đối tượng");
  return o.getObject(key);
}

kd::wf::Id parse_id(const std::string& text, const std::string& name) {
  kd::wf::Id id = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, id);
  if (text.empty() || ec != std::errc() || ptr != end || id <= 0) {
    fail(400, "invalid_parameter", "Tham số \"" + name + "\" phải là số nguyên dương.");
  }
  return id;
}

std::optional<int> parse_query_int(const std::optional<std::string>& text, const std::string& name,
                                   int min, int max) {
  if (!text) return std::nullopt;
  const bool digits =
      !text->empty() && text->size() <= 9 &&
      std::all_of(text->begin(), text->end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  const int value = digits ? std::stoi(*text) : -1;
  if (!digits || value < min || value > max) {
    fail(400, "invalid_parameter",
         "Tham số \"" + name + "\" phải là số nguyên từ " + std::to_string(min) + " đến " +
             std::to_string(max) + ".");
  }
  return value;
}

// If-Match: "N" or N (a weak W/"N" is accepted as well).
int parse_if_match(std::string value) {
  value = Poco::trim(value);
  if (value.rfind("W/", 0) == 0) value = value.substr(2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  const bool digits =
      !value.empty() && value.size() <= 9 &&
      std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  if (!digits) {
    fail(400, "invalid_if_match",
         "Tiêu đề If-Match phải là phiên bản của hồ sơ, ví dụ \"3\" (giá trị ETag).");
  }
  return std::stoi(value);
}

int required_if_match(const std::optional<std::string>& header) {
  if (!header) {
    fail(428, "if_match_required",
         "Cần tiêu đề If-Match với phiên bản đang xem (giá trị ETag), ví dụ If-Match: \"3\".");
  }
  return parse_if_match(*header);
}

}  // namespace kd::api
