// Unicode Normalization Form C (ICU): Vietnamese typed with combining marks (a + U+0301)
// and with precomposed letters (á) must be stored, compared and printed as the same text.
#pragma once

#include <string>

namespace kd::api {

// `utf8` in NFC; the input must be valid UTF-8 (request bodies are checked before parsing).
std::string to_nfc(const std::string& utf8);

}  // namespace kd::api
