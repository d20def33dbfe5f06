#include "services/orgimport/text_fold.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <stdexcept>

namespace kd::orgimport {
namespace {

icu::UnicodeString nfc(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: no NFC normaliser");
  const icu::UnicodeString out = n->normalize(icu::UnicodeString::fromUTF8(utf8), status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: NFC normalisation failed");
  return out;
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
