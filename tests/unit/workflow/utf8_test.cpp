// UTF-8 helpers (workflow/utf8.hpp): the one copy every module uses.
#include <gtest/gtest.h>

#include "workflow/utf8.hpp"

namespace kd::wf {
namespace {

TEST(Utf8, AcceptsVietnameseAndRejectsBrokenSequences) {
  EXPECT_TRUE(is_valid_utf8("Hoàn thành xuất sắc nhiệm vụ — Đảng ủy"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));   // U+1F600
  EXPECT_FALSE(is_valid_utf8("\xC3\x28"));          // bad continuation
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong 3-byte form
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("abc\xE1\xBA"));       // truncated
}

TEST(Utf8, CountsAndCutsCharactersNeverBytes) {
  EXPECT_EQ(code_points("Việt"), 4u);
  EXPECT_EQ(code_points("\xF0\x9F\x98\x80"), 1u);
  EXPECT_EQ(utf8_prefix("Tiếng Việt", 3), "Tiế");
  EXPECT_EQ(utf8_prefix("ab", 5), "ab");
  EXPECT_EQ(char_length("ệa", 0), 3u);
  EXPECT_EQ(char_length("ệa", 3), 1u);
  EXPECT_EQ(char_length("\xE1\xBB", 0), 1u);  // truncated: one byte at a time
  std::size_t i = 0;
  EXPECT_EQ(next_code_point("\xFF"
                            "a",
                            &i),
            U'\uFFFD');
  EXPECT_EQ(i, 1u);
}

TEST(Utf8, AppendsEveryPlane) {
  std::string s;
  for (char32_t cp : {U'a', U'\u00E9', U'\u1EC7', U'\U0001F600'}) append_utf8(s, cp);
  EXPECT_EQ(s, "a\xC3\xA9\xE1\xBB\x87\xF0\x9F\x98\x80");
  std::size_t i = 0;
  std::u32string back;
  while (i < s.size()) back += next_code_point(s, &i);
  EXPECT_EQ(back, U"a\u00E9\u1EC7\U0001F600");
}

TEST(Utf8, FileNamesAreAsciiOnly) {
  EXPECT_EQ(ascii_file_name("Phiếu tự đánh giá năm 2026 - Đỗ Quang Huy"),
            "Phieu-tu-danh-gia-nam-2026-Do-Quang-Huy");
  EXPECT_EQ(ascii_file_name("Ưu điểm/\"x\"; đ"), "Uu-diem-x-d");
  EXPECT_EQ(ascii_file_name("ỄỖ"), "EO");
  EXPECT_EQ(ascii_file_name("—"), "van-ban");
}

}  // namespace
}  // namespace kd::wf
