#include "services/documents/vietnamese_text.hpp"

#include <Poco/UTF8String.h>

namespace kd::documents {

std::string two_digits(int n) { return (n >= 0 && n < 10 ? "0" : "") + std::to_string(n); }

std::string place_and_date(const std::string& place, const wf::Date& d) {
  std::string text = "ngày " + two_digits(d.day) + " tháng " + two_digits(d.month) + " năm " +
                     std::to_string(d.year);
  return place.empty() ? text : place + ", " + text;
}

std::string state_number(int number, const std::string& symbol) {
  return "Số: " + two_digits(number) + "/" + symbol;
}

std::string party_number(int number, const std::string& symbol) {
  return "Số " + two_digits(number) + "-" + symbol;
}

std::string upper_vi(const std::string& utf8) { return Poco::UTF8::toUpper(utf8); }

}  // namespace kd::documents
