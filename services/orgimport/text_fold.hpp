// Text of imported cells as the organisation stores it: NFC (ICU), spaces trimmed; and the
// folded form headers and list values are compared in (lowercase, inner spaces collapsed).
#pragma once

#include <string>

namespace kd::orgimport {

// NFC with leading and trailing spaces (and no-break spaces) removed; the input must be
// valid UTF-8.
std::string clean_text(const std::string& utf8);

// clean_text, then lowercase (every Vietnamese capital) with runs of spaces made one.
std::string fold_text(const std::string& utf8);

}  // namespace kd::orgimport
