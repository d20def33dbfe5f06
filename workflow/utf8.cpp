#include "workflow/utf8.hpp"

#include <algorithm>
#include <map>

namespace kd::wf {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Length and first-byte payload of a sequence starting with `c`, with the allowed range of
// its second byte (no overlong forms, no surrogates, nothing above U+10FFFF); 0 = invalid.
struct Lead {
  std::size_t len = 0;
  char32_t bits = 0;
  unsigned char lo = 0x80, hi = 0xBF;
};

Lead lead_of(unsigned char c) {
  if (c < 0x80) return {1, c};
  if (c >= 0xC2 && c <= 0xDF) return {2, static_cast<char32_t>(c & 0x1F)};
  if (c == 0xE0) return {3, static_cast<char32_t>(c & 0x0F), 0xA0, 0xBF};
  if (c >= 0xE1 && c <= 0xEC) return {3, static_cast<char32_t>(c & 0x0F)};
  if (c == 0xED) return {3, static_cast<char32_t>(c & 0x0F), 0x80, 0x9F};
  if (c >= 0xEE && c <= 0xEF) return {3, static_cast<char32_t>(c & 0x0F)};
  if (c == 0xF0) return {4, static_cast<char32_t>(c & 0x07), 0x90, 0xBF};
  if (c >= 0xF1 && c <= 0xF3) return {4, static_cast<char32_t>(c & 0x07)};
  if (c == 0xF4) return {4, static_cast<char32_t>(c & 0x07), 0x80, 0x8F};
  return {};
}

// The well-formed sequence at bytes[i]: its length (0 when there is none) and code point.
std::size_t sequence_at(std::string_view bytes, std::size_t i, char32_t* cp) {
  const Lead lead = lead_of(static_cast<unsigned char>(bytes[i]));
  if (lead.len == 0 || i + lead.len > bytes.size()) return 0;
  char32_t value = lead.bits;
  for (std::size_t k = 1; k < lead.len; ++k) {
    const auto c = static_cast<unsigned char>(bytes[i + k]);
    const unsigned char lo = k == 1 ? lead.lo : 0x80, hi = k == 1 ? lead.hi : 0xBF;
    if (c < lo || c > hi) return 0;
    value = (value << 6) | (c & 0x3F);
  }
  *cp = value;
  return lead.len;
}

// Vietnamese letters with diacritics (both cases), by their base letter.
const std::map<char32_t, char>& base_letters() {
  static const std::map<char32_t, char> table = [] {
    const std::pair<const char*, char> groups[] = {{"àáảãạăằắẳẵặâầấẩẫậ", 'a'},
                                                   {"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'},
                                                   {"èéẻẽẹêềếểễệ", 'e'},
                                                   {"ÈÉẺẼẸÊỀẾỂỄỆ", 'E'},
                                                   {"ìíỉĩị", 'i'},
                                                   {"ÌÍỈĨỊ", 'I'},
                                                   {"òóỏõọôồốổỗộơờớởỡợ", 'o'},
                                                   {"ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'},
                                                   {"ùúủũụưừứửữự", 'u'},
                                                   {"ÙÚỦŨỤƯỪỨỬỮỰ", 'U'},
                                                   {"ỳýỷỹỵ", 'y'},
                                                   {"ỲÝỶỸỴ", 'Y'},
                                                   {"đ", 'd'},
                                                   {"Đ", 'D'}};
    std::map<char32_t, char> t;
    for (const auto& [letters, base] : groups) {
      const std::string_view s(letters);
      for (std::size_t i = 0; i < s.size();) t[next_code_point(s, &i)] = base;
    }
    return t;
  }();
  return table;
}

bool ascii_kept(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
         cp == '.' || cp == '_';
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  char32_t cp = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t n = sequence_at(bytes, i, &cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

char32_t next_code_point(std::string_view bytes, std::size_t* i) {
  char32_t cp = kReplacement;
  const std::size_t n = sequence_at(bytes, *i, &cp);
  *i += n == 0 ? 1 : n;
  return n == 0 ? kReplacement : cp;
}

std::size_t code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < utf8.size(); ++n) next_code_point(utf8, &i);
  return n;
}

std::size_t sequence_length(std::string_view bytes, std::size_t at) {
  char32_t cp = 0;
  return at < bytes.size() ? sequence_at(bytes, at, &cp) : 0;
}

std::size_t char_length(std::string_view bytes, std::size_t i) {
  char32_t cp = 0;
  const std::size_t n = sequence_at(bytes, i, &cp);
  return std::min(n == 0 ? std::size_t{1} : n, bytes.size() - i);
}

std::string utf8_prefix(std::string_view utf8, std::size_t max_chars) {
  std::size_t i = 0;
  for (std::size_t n = 0; n < max_chars && i < utf8.size(); ++n) next_code_point(utf8, &i);
  return std::string(utf8.substr(0, i));
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string ascii_file_name(std::string_view utf8, std::string_view fallback) {
  std::string out;
  auto put = [&out](char c) {
    if (c == '-' && (out.empty() || out.back() == '-')) return;
    out.push_back(c);
  };
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = next_code_point(utf8, &i);
    if (ascii_kept(cp)) {
      put(static_cast<char>(cp));
      continue;
    }
    const auto found = base_letters().find(cp);
    put(found == base_letters().end() ? '-' : found->second);
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? std::string(fallback) : out;
}

}  // namespace kd::wf
