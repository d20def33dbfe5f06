// Typed reads of request fields, with the codec's readers (services/codec/json_read.hpp): a
// missing or mistyped field is a 400 `invalid_field` naming it.
#pragma once

#include <optional>
#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "services/codec/json_codec.hpp"
#include "workflow/organisation.hpp"
#include "workflow/review_machine.hpp"

namespace kd::api {

std::string required_string(const Poco::JSON::Object&, const std::string& key);
std::optional<std::string> optional_string(const Poco::JSON::Object&, const std::string& key);
std::int64_t required_int(const Poco::JSON::Object&, const std::string& key);
std::optional<std::int64_t> optional_int(const Poco::JSON::Object&, const std::string& key);
bool optional_bool(const Poco::JSON::Object&, const std::string& key, bool fallback);
Poco::JSON::Array::Ptr optional_array(const Poco::JSON::Object&, const std::string& key);
Poco::JSON::Object::Ptr optional_object(const Poco::JSON::Object&, const std::string& key);

// A positive id from a path segment or query value; 400 `invalid_parameter` otherwise.
kd::wf::Id parse_id(const std::string& text, const std::string& name);

// An integer query parameter in [min, max]; none when absent, 400 `invalid_parameter` when
// it is not an integer in range.
std::optional<int> parse_query_int(const std::optional<std::string>& text, const std::string& name,
                                   int min, int max);

// The page of a list: `limit` in [1, max_limit] (default_limit when absent) and `offset` ≥ 0
// (0 when absent); 400 `invalid_parameter` otherwise.
struct PageQuery {
  int limit = 0;
  int offset = 0;
};
PageQuery parse_page(const std::optional<std::string>& limit,
                     const std::optional<std::string>& offset, int max_limit, int default_limit);

// If-Match: "N" or N (a weak W/"N" is accepted as well); 400 `invalid_if_match` otherwise.
int parse_if_match(std::string value);
// The If-Match header, required (428 `if_match_required` when absent).
int required_if_match(const std::optional<std::string>& header);

[[noreturn]] void field_error(const std::string& key, const std::string& expected_vi);
// The 400 `invalid_field` problem of a codec error (the field it names, its message).
[[noreturn]] void invalid_field(const kd::codec::CodecError&);

// The body of an action (or of its check) decoded by the codec; 400 `invalid_field` otherwise.
kd::wf::ActionRequest decode_action_request(kd::wf::Action, const Poco::JSON::Object& body);

// The {action} path parameter; 400 `unknown_action` naming the valid actions otherwise.
kd::wf::Action parse_action_param(const std::string& text);

}  // namespace kd::api
