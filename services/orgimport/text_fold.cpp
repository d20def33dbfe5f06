#include "services/orgimport/text_fold.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "application/text_normalisation.hpp"

namespace kd::orgimport {
namespace {

icu::UnicodeString nfc(const std::string& utf8) {
  return icu::UnicodeString::fromUTF8(kd::application::to_nfc(utf8));
}

bool is_space(UChar c) { return c == u' ' || c == u'\t' || c == u'\r' || c == u'\n' || c == 0xA0; }

icu::UnicodeString trimmed(const icu::UnicodeString& s) {
  int32_t b = 0, e = s.length();
  while (b < e && is_space(s.charAt(b))) ++b;
  while (e > b && is_space(s.charAt(e - 1))) --e;
  return icu::UnicodeString(s, b, e - b);
}

bool plain_ascii(const std::string& s) {
  for (const unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

}  // namespace

std::string clean_text(const std::string& utf8) {
  if (plain_ascii(utf8)) {
    const auto b = utf8.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return utf8.substr(b, utf8.find_last_not_of(" \t\r\n") - b + 1);
  }
  std::string out;
  trimmed(nfc(utf8)).toUTF8String(out);
  return out;
}

std::string fold_text(const std::string& utf8) {
  icu::UnicodeString s = trimmed(nfc(utf8));
  s.toLower(icu::Locale("vi"));
  icu::UnicodeString collapsed;
  bool space = false;
  for (int32_t i = 0; i < s.length(); ++i) {
    const UChar c = s.charAt(i);
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space) collapsed.append(u' ');
    space = false;
    collapsed.append(c);
  }
  std::string out;
  collapsed.toUTF8String(out);
  return out;
}

}  // namespace kd::orgimport
