#include "services/text/utf8_text.hpp"

#include "workflow/utf8.hpp"

namespace kd::text {

std::size_t utf8_sequence_length(std::string_view bytes, std::size_t at) {
  return kd::wf::sequence_length(bytes, at);
}

bool is_valid_utf8(std::string_view bytes) { return kd::wf::is_valid_utf8(bytes); }

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
