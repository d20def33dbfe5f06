// UTF-8 as every adapter treats it (RFC 3629, the one validator in workflow/utf8.hpp): no
// overlong forms, no surrogates, nothing above U+10FFFF. Requests are validated with it; what
// the server writes back (bodies, logs) is repaired or escaped with it, so nothing it sends is
// invalid UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kd::text {

// The length (1-4) of the valid UTF-8 sequence starting at `at`, or 0 when the bytes there
// do not start one.
std::size_t utf8_sequence_length(std::string_view bytes, std::size_t at);

bool is_valid_utf8(std::string_view bytes);

// `bytes` with every byte that is not part of a valid sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view bytes);

// A decoded URI path made printable for echoing back (problem `instance`): valid UTF-8
// letters kept, every other byte (invalid UTF-8, controls, space, '%') percent-encoded, so
// `/reviews/%ff` comes back as `/reviews/%FF`.
std::string percent_encode_for_display(std::string_view bytes);

}  // namespace kd::text
