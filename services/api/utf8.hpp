// Strict UTF-8 validation of request bodies (RFC 3629): no overlong forms, no
// surrogates, nothing above U+10FFFF. Poco's JSON parser does not check this.
#pragma once

#include <string_view>

namespace kd::api {

bool is_valid_utf8(std::string_view bytes);

}  // namespace kd::api
