// UTF-8, the encoding of every text the program reads, stores and prints. Pure functions over
// bytes; the one copy of these helpers (request checks, text limits, PDF text, file names, mail).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kd::wf {

// Strict validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view bytes);

// Bytes of the well-formed sequence starting at bytes[at] (1-4), 0 when none starts there.
std::size_t sequence_length(std::string_view bytes, std::size_t at);

// Decodes the code point starting at bytes[*i] and moves *i past it. A byte that does not
// start a well-formed sequence reads as U+FFFD and moves *i by one.
char32_t next_code_point(std::string_view bytes, std::size_t* i);

// Number of code points ("characters", as the text limits count them).
std::size_t code_points(std::string_view utf8);

// Bytes of the character starting at bytes[i] (1 for a byte that starts none), never past
// the end: splitting text at these boundaries never cuts a character in two.
std::size_t char_length(std::string_view bytes, std::size_t i);

// The first `max_chars` characters of the text (all of it when shorter).
std::string utf8_prefix(std::string_view utf8, std::size_t max_chars);

// Appends one code point as UTF-8.
void append_utf8(std::string& out, char32_t cp);

// An ASCII-only file name ("Phiếu đánh giá – Đỗ Quang Huy" -> "Phieu-danh-gia-Do-Quang-Huy"):
// Vietnamese letters lose their marks, đ/Đ -> d/D, every other character outside
// [A-Za-z0-9._] -> '-', no runs of '-', none at the end; `fallback` when nothing is left.
std::string ascii_file_name(std::string_view utf8, std::string_view fallback = "van-ban");

}  // namespace kd::wf
