#include "workflow/points.hpp"

#include <stdexcept>

namespace kd::wf {
namespace {

__extension__ typedef unsigned __int128 Wide;

std::string with_decimals(std::int64_t v, int decimals, bool trim) {
  const bool negative = v < 0;
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(v) : v;
  std::uint64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  std::string out = std::to_string(magnitude / scale);
  std::string frac = std::to_string(magnitude % scale);
  frac.insert(0, static_cast<std::size_t>(decimals) - frac.size(), '0');
  if (trim) {
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
  }
  if (!frac.empty()) out += "," + frac;
  return negative ? "-" + out : out;
}

}  // namespace

std::int64_t mul_div_round(std::int64_t num, std::int64_t mul, std::int64_t den) {
  if (den <= 0 || num < 0 || mul < 0) throw std::invalid_argument("mul_div_round: domain");
  const Wide product = static_cast<Wide>(num) * static_cast<Wide>(mul);
  const Wide d = static_cast<Wide>(den);
  Wide q = product / d;
  if ((product % d) * 2 >= d) ++q;  // half up
  if (q > static_cast<Wide>(INT64_MAX)) throw std::overflow_error("mul_div_round: overflow");
  return static_cast<std::int64_t>(q);
}

std::string format_centi_trimmed(Centi v) { return with_decimals(v, 2, true); }
std::string format_centi_fixed(Centi v) { return with_decimals(v, 2, false); }
std::string format_factor(Factor k) { return with_decimals(k, 4, true); }

std::optional<std::int64_t> parse_scaled(std::string_view s, int decimals) {
  if (s.empty() || decimals < 0 || decimals > 6) return std::nullopt;
  std::int64_t whole = 0;
  std::size_t i = 0;
  bool digits = false;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (whole > (INT64_MAX / 10 - 9) / 1000000) return std::nullopt;
    whole = whole * 10 + (s[i] - '0');
    digits = true;
  }
  if (!digits) return std::nullopt;
  std::int64_t frac = 0;
  int frac_digits = 0;
  if (i < s.size()) {
    if (s[i] != '.' && s[i] != ',') return std::nullopt;
    ++i;
    if (i == s.size()) return std::nullopt;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9' || frac_digits == decimals) return std::nullopt;
      frac = frac * 10 + (s[i] - '0');
      ++frac_digits;
    }
  }
  for (int d = 0; d < decimals; ++d) whole *= 10;
  for (int d = frac_digits; d < decimals; ++d) frac *= 10;
  return whole + frac;
}

}  // namespace kd::wf
