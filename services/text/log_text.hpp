// Values written into log lines. A log record is exactly one line: whatever a client or a
// child process sends (a percent-decoded path with %0a, a header with ESC, a worker's raw
// output) must not start a new line, rewrite the terminal or hide text. Escaped: C0 controls
// and DEL (\n, \r, \t, \x1b...), C1 controls, the Unicode line and paragraph separators, the
// bidirectional overrides and isolates (\u2028, \u202e...), and bytes that are not UTF-8
// (\xff). Everything else, Vietnamese letters included, is kept as it is.
#pragma once

#include <string>
#include <string_view>

namespace kd::text {

std::string escape_for_log(std::string_view value);

// "value" in double quotes, with `"` and `\` escaped as well: a client cannot close the
// quotes and forge a `key=value` field.
std::string quote_for_log(std::string_view value);

}  // namespace kd::text
