#include "services/api/json_fields.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <Poco/String.h>

#include "services/api/problem.hpp"
#include "services/codec/json_read.hpp"
#include "workflow/utf8.hpp"

namespace kd::api {
namespace {

namespace jr = kd::codec::detail;

// Reads with the codec's typed readers; a CodecError becomes the 400 problem.
template <class Read>
auto reading(Read read) {
  try {
    return read();
  } catch (const kd::codec::CodecError& e) {
    invalid_field(e);
  }
}

}  // namespace

void invalid_field(const kd::codec::CodecError& e) {
  Problem p = make_problem(400, "invalid_field", e.what());
  p.errors.push_back({"invalid_field", e.field, e.what(), 0});
  throw HttpError(std::move(p));
}

void field_error(const std::string& key, const std::string& expected_vi) {
  Problem p = make_problem(400, "invalid_field",
                           "Trường \"" + key + "\" không hợp lệ: " + expected_vi + ".");
  p.errors.push_back({"invalid_field", key, expected_vi, 0});
  throw HttpError(std::move(p));
}

kd::wf::ActionRequest decode_action_request(kd::wf::Action action, const Poco::JSON::Object& body) {
  return reading([&] { return kd::codec::action_request_from_json(action, body); });
}

std::string required_string(const Poco::JSON::Object& o, const std::string& key) {
  auto v = optional_string(o, key);
  if (!v) field_error(key, "bắt buộc, kiểu chuỗi");
  return *v;
}

std::optional<std::string> optional_string(const Poco::JSON::Object& o, const std::string& key) {
  return reading([&] { return jr::opt_string(o, key, ""); });
}

std::int64_t required_int(const Poco::JSON::Object& o, const std::string& key) {
  auto v = optional_int(o, key);
  if (!v) field_error(key, "bắt buộc, kiểu số nguyên");
  return *v;
}

std::optional<std::int64_t> optional_int(const Poco::JSON::Object& o, const std::string& key) {
  return reading([&] { return jr::opt_int(o, key, ""); });
}

bool optional_bool(const Poco::JSON::Object& o, const std::string& key, bool fallback) {
  return reading([&] { return jr::opt_bool(o, key, ""); }).value_or(fallback);
}

Poco::JSON::Array::Ptr optional_array(const Poco::JSON::Object& o, const std::string& key) {
  return reading([&] { return jr::opt_array(o, key, ""); });
}

Poco::JSON::Object::Ptr optional_object(const Poco::JSON::Object& o, const std::string& key) {
  return reading([&] { return jr::opt_object(o, key, ""); });
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

PageQuery parse_page(const std::optional<std::string>& limit,
                     const std::optional<std::string>& offset, int max_limit, int default_limit) {
  return {parse_query_int(limit, "limit", 1, max_limit).value_or(default_limit),
          parse_query_int(offset, "offset", 0, 1000000000).value_or(0)};
}

kd::wf::Action parse_action_param(const std::string& text) {
  const auto action = kd::wf::parse_action(text);
  if (action) return *action;
  std::string names;
  for (auto a : kd::wf::all_actions())
    names += (names.empty() ? "" : ", ") + std::string(to_string(a));
  const bool printable = text.size() <= 64 && kd::wf::is_valid_utf8(text);
  fail(400, "unknown_action",
       "Hành động " + (printable ? "\"" + text + "\" " : std::string()) +
           "không tồn tại. Các hành động hợp lệ: " + names + ".");
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
