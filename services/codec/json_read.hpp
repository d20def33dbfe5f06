// Typed reading of Poco JSON objects for the codec. Every failure throws
// CodecError naming the full field path ("meeting.present") in Vietnamese.
// Absent fields and null read as "not given".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "services/codec/json_codec.hpp"
#include "workflow/calendar.hpp"
#include "workflow/vocabulary.hpp"

namespace kd::codec::detail {

std::string join_path(const std::string& prefix, const std::string& key);

[[noreturn]] void fail_missing(const std::string& path);

std::optional<std::string> opt_string(const Poco::JSON::Object&, const std::string& key,
                                      const std::string& prefix);
std::optional<std::int64_t> opt_int(const Poco::JSON::Object&, const std::string& key,
                                    const std::string& prefix);
// Non-negative and within int.
std::optional<int> opt_count(const Poco::JSON::Object&, const std::string& key,
                             const std::string& prefix);
std::optional<bool> opt_bool(const Poco::JSON::Object&, const std::string& key,
                             const std::string& prefix);
std::optional<kd::wf::Rating> opt_rating(const Poco::JSON::Object&, const std::string& key,
                                         const std::string& prefix);
std::optional<kd::wf::Date> opt_date(const Poco::JSON::Object&, const std::string& key,
                                     const std::string& prefix);
Poco::JSON::Object::Ptr opt_object(const Poco::JSON::Object&, const std::string& key,
                                   const std::string& prefix);  // null when absent
Poco::JSON::Array::Ptr opt_array(const Poco::JSON::Object&, const std::string& key,
                                 const std::string& prefix);  // null when absent

// Array element as an object ("meeting.comments[2]").
Poco::JSON::Object::Ptr element_object(const Poco::JSON::Array&, unsigned i,
                                       const std::string& path);

}  // namespace kd::codec::detail
