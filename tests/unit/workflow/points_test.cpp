// Exact hundredths: rounding half up, Vietnamese decimal comma, strict parsing.
#include <gtest/gtest.h>

#include "workflow/points.hpp"

namespace kd::wf {
namespace {

TEST(Points, MulDivRoundsHalfUp) {
  EXPECT_EQ(mul_div_round(1, 1, 2), 1);  // 0,5 -> 1
  EXPECT_EQ(mul_div_round(3, 1, 2), 2);  // 1,5 -> 2
  EXPECT_EQ(mul_div_round(5, 1, 4), 1);  // 1,25 -> 1
  EXPECT_EQ(mul_div_round(7, 1, 4), 2);  // 1,75 -> 2
  EXPECT_EQ(mul_div_round(0, 7000, 30000), 0);
  EXPECT_EQ(mul_div_round(23125, 7000, 30000), 5396);  // 53,958… -> 53,96
}

TEST(Points, MulDivDoesNotOverflowOnLargeConvertedQuantities) {
  // 10^15 millionths × 10000 exceeds int64 before the division.
  EXPECT_EQ(mul_div_round(1000000000000000LL, 10000, 1000000000000000LL), 10000);
  EXPECT_EQ(mul_div_round(2000000000000000LL, 10000, 3000000000000000LL), 6667);
}

TEST(Points, MulDivRefusesANonPositiveDenominator) {
  EXPECT_THROW(mul_div_round(1, 1, 0), std::invalid_argument);
}

TEST(Points, FormatsWithTheVietnameseDecimalComma) {
  EXPECT_EQ(format_centi_trimmed(9000), "90");
  EXPECT_EQ(format_centi_trimmed(8950), "89,5");
  EXPECT_EQ(format_centi_trimmed(8975), "89,75");
  EXPECT_EQ(format_centi_trimmed(250), "2,5");
  EXPECT_EQ(format_centi_trimmed(5), "0,05");
  EXPECT_EQ(format_centi_fixed(9000), "90,00");
  EXPECT_EQ(format_centi_fixed(8950), "89,50");
  EXPECT_EQ(format_centi_fixed(0), "0,00");
  EXPECT_EQ(format_factor(12000), "1,2");
  EXPECT_EQ(format_factor(3500), "0,35");
  EXPECT_EQ(format_factor(10000), "1");
  EXPECT_EQ(format_qty(150), "1,5");
}

TEST(Points, ParsesScaledDecimalsStrictly) {
  EXPECT_EQ(parse_scaled("2,5", 2), 250);
  EXPECT_EQ(parse_scaled("2.5", 2), 250);
  EXPECT_EQ(parse_scaled("30", 2), 3000);
  EXPECT_EQ(parse_scaled("0,25", 2), 25);
  EXPECT_EQ(parse_scaled("1.2", 4), 12000);
  EXPECT_FALSE(parse_scaled("2,555", 2));
  EXPECT_FALSE(parse_scaled("-1", 2));
  EXPECT_FALSE(parse_scaled("1e2", 2));
  EXPECT_FALSE(parse_scaled("2,", 2));
  EXPECT_FALSE(parse_scaled(",5", 2));
  EXPECT_FALSE(parse_scaled(" 2", 2));
  EXPECT_FALSE(parse_scaled("", 2));
}

}  // namespace
}  // namespace kd::wf
