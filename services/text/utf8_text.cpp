#include "services/text/utf8_text.hpp"

namespace kd::text {

std::size_t utf8_sequence_length(std::string_view bytes, std::size_t at) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  if (at >= n) return 0;
  const unsigned char c = s[at];
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80;  // allowed range of the second byte
  unsigned char hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c == 0xE0) {
    len = 3, lo = 0xA0;  // no overlong 3-byte forms
  } else if (c >= 0xE1 && c <= 0xEC) {
    len = 3;
  } else if (c == 0xED) {
    len = 3, hi = 0x9F;  // no UTF-16 surrogates
  } else if (c >= 0xEE && c <= 0xEF) {
    len = 3;
  } else if (c == 0xF0) {
    len = 4, lo = 0x90;  // no overlong 4-byte forms
  } else if (c >= 0xF1 && c <= 0xF3) {
    len = 4;
  } else if (c == 0xF4) {
    len = 4, hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (at + len > n) return 0;
  if (s[at + 1] < lo || s[at + 1] > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if (s[at + k] < 0x80 || s[at + k] > 0xBF) return 0;
  }
  return len;
}

bool is_valid_utf8(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t len = utf8_sequence_length(bytes, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string repair_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t len = utf8_sequence_length(bytes, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    } else {
      out.append(bytes.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string percent_encode_for_display(std::string_view bytes) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    const std::size_t len = utf8_sequence_length(bytes, i);
    const bool keep = len > 1 || (len == 1 && c > 0x20 && c < 0x7F && c != '%');
    if (keep) {
      out.append(bytes.substr(i, len));
      i += len;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
      ++i;
    }
  }
  return out;
}

}  // namespace kd::text
