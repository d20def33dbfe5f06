// Exact decimal arithmetic for the 100-point scores (Nghị định 335/2025, QĐ 366).
//
// Every score, percentage and maximum is an integer count of hundredths, so a
// printed figure ("89,75") is exactly the value the bands compare, and a sum of
// printed figures adds up by hand. Quantities of products are hundredths of a
// unit; the conversion factor K of a product is in ten-thousandths. Rounding is
// half up (away from zero for the non-negative values used here), at the points
// the form prints a value: each of a–e in %, the task score, the year mean.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kd::wf {

// Hundredths: 89,75 points = 8975; a ratio of 66,67 % = 6667.
using Centi = std::int64_t;
inline constexpr Centi kCentiPerUnit = 100;

// Quantity of products in hundredths of a unit: 1,5 bản = 150.
using Qty = std::int64_t;
// Conversion factor K in ten-thousandths: K = 1,2 -> 12000.
using Factor = std::int64_t;
inline constexpr Factor kFactorPerUnit = 10000;

// round(num × mul / den), half up, computed without overflow for any int64
// inputs whose exact result fits in int64. Requires den > 0, num ≥ 0, mul ≥ 0.
std::int64_t mul_div_round(std::int64_t num, std::int64_t mul, std::int64_t den);

// Vietnamese decimal comma. `trimmed`: "90", "89,5", "2,5"; `fixed`: "90,00", "89,50".
std::string format_centi_trimmed(Centi);
std::string format_centi_fixed(Centi);
// K with up to four decimals, trimmed: "1,2", "0,35", "1".
std::string format_factor(Factor);
// A quantity in hundredths, trimmed: "3", "1,5".
inline std::string format_qty(Qty q) { return format_centi_trimmed(q); }

// Parses a non-negative decimal with '.' or ',' as separator and at most
// `decimals` digits after it, scaled by 10^decimals: ("2,5", 2) -> 250.
// Nothing else is accepted (no sign, no exponent, no spaces).
std::optional<std::int64_t> parse_scaled(std::string_view, int decimals);

}  // namespace kd::wf
