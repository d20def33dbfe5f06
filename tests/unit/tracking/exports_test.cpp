// CSV quoting and BOM, RFC 2047 subjects, XLSX bytes: the adapters' pure parts.
#include "services/tracking/exports.hpp"

#include <gtest/gtest.h>

#include "services/tracking/mailer.hpp"

namespace kd::tracking {
namespace {

TEST(Exports, CsvHasABomQuotesWhatNeedsItAndEndsLinesWithCrlf) {
  Table t;
  t.header = {"Họ và tên", "Ghi chú"};
  t.rows = {{std::string("Nguyễn Văn \"Tư\""), std::string("a, b")}, {std::string("Đỗ"), 42LL}};
  EXPECT_EQ(to_csv(t),
            "\xEF\xBB\xBFHọ và tên,Ghi chú\r\n\"Nguyễn Văn \"\"Tư\"\"\",\"a, b\"\r\nĐỗ,42\r\n");
}

TEST(Exports, XlsxIsAZipWorkbook) {
  Table t;
  t.title = "Danh sach";
  t.header = {"Họ và tên"};
  t.rows = {{std::string("Trần Thị Ướt")}};
  const std::string bytes = to_xlsx(t);
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  EXPECT_NE(bytes.find("xl/worksheets/sheet1.xml"), std::string::npos);
}

TEST(Mailer, SubjectsAreEncodedWordsOfAtMostSeventyFiveCharacters) {
  EXPECT_EQ(encode_header_words("Plain subject"), "Plain subject");
  const std::string vi =
      "[Đánh giá, xếp loại] Quá hạn: hồ sơ của Nguyễn Thị Ướt Ợ ở bước \"Tự đánh giá\"";
  const std::string enc = encode_header_words(vi);
  std::size_t start = 0, words = 0;
  while (start < enc.size()) {
    auto end = enc.find("\r\n ", start);
    const std::string word = enc.substr(start, end == std::string::npos ? end : end - start);
    EXPECT_LE(word.size(), 75u) << word;
    EXPECT_EQ(word.rfind("=?UTF-8?Q?", 0), 0u) << word;
    EXPECT_EQ(word.substr(word.size() - 2), "?=");
    ++words;
    if (end == std::string::npos) break;
    start = end + 3;
  }
  EXPECT_GT(words, 1u);
  for (unsigned char c : enc) EXPECT_LT(c, 0x80);  // 7-bit on the wire
}

}  // namespace
}  // namespace kd::tracking
