#include "services/text/log_text.hpp"

#include <cstdio>

#include "services/text/utf8_text.hpp"

namespace kd::text {
namespace {

std::string hex_escape(unsigned c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02x", c & 0xFFu);
  return buf;
}

std::string unicode_escape(unsigned cp) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", cp & 0xFFFFu);
  return buf;
}

unsigned code_point(std::string_view s, std::size_t at, std::size_t len) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[at + k]); };
  if (len == 2) return ((b(0) & 0x1Fu) << 6) | (b(1) & 0x3Fu);
  if (len == 3) return ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
  return 0x10000;  // 4-byte sequences: none of them is escaped
}

bool escaped_code_point(unsigned cp) {
  return (cp >= 0x80 && cp <= 0x9F) ||      // C1 controls (U+0085 is a line break for some)
         cp == 0x2028 || cp == 0x2029 ||    // line and paragraph separators
         (cp >= 0x202A && cp <= 0x202E) ||  // bidirectional embeddings and overrides
         (cp >= 0x2066 && cp <= 0x2069);    // bidirectional isolates
}

std::string escape(std::string_view v, bool quoted) {
  std::string out;
  out.reserve(v.size() + 2);
  for (std::size_t i = 0; i < v.size();) {
    const auto c = static_cast<unsigned char>(v[i]);
    const std::size_t len = utf8_sequence_length(v, i);
    if (len == 0) {
      out += hex_escape(c);
      ++i;
      continue;
    }
    if (len == 1) {
      if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else if (c < 0x20 || c == 0x7F) {
        out += hex_escape(c);
      } else if (quoted && (c == '"' || c == '\\')) {
        out += '\\';
        out += static_cast<char>(c);
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    const unsigned cp = code_point(v, i, len);
    if (escaped_code_point(cp)) {
      out += unicode_escape(cp);
    } else {
      out.append(v.substr(i, len));
    }
    i += len;
  }
  return out;
}

}  // namespace

std::string escape_for_log(std::string_view value) { return escape(value, false); }

std::string quote_for_log(std::string_view value) { return "\"" + escape(value, true) + "\""; }

}  // namespace kd::text
