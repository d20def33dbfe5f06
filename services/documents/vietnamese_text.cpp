#include "services/documents/vietnamese_text.hpp"

#include <Poco/TextIterator.h>
#include <Poco/UTF8Encoding.h>
#include <Poco/UTF8String.h>
#include <Poco/Unicode.h>

#include <cctype>
#include <map>

namespace kd::documents {
namespace {

// Lower-case Vietnamese letters with diacritics, by their base letter.
const std::map<int, char>& base_letters() {
  static const std::map<int, char> table = [] {
    const std::pair<const char*, char> groups[] = {{"àáảãạăằắẳẵặâầấẩẫậ", 'a'},
                                                   {"èéẻẽẹêềếểễệ", 'e'},
                                                   {"ìíỉĩị", 'i'},
                                                   {"òóỏõọôồốổỗộơờớởỡợ", 'o'},
                                                   {"ùúủũụưừứửữự", 'u'},
                                                   {"ỳýỷỹỵ", 'y'},
                                                   {"đ", 'd'}};
    std::map<int, char> t;
    Poco::UTF8Encoding utf8;
    for (const auto& [letters, base] : groups) {
      const std::string s(letters);
      for (Poco::TextIterator it(s, utf8), end(s); it != end; ++it) t[*it] = base;
    }
    return t;
  }();
  return table;
}

}  // namespace

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

std::string ascii_file_name(const std::string& utf8) {
  Poco::UTF8Encoding enc;
  std::string out;
  auto put = [&out](char c) {
    if (c == '-' && (out.empty() || out.back() == '-')) return;
    out.push_back(c);
  };
  for (Poco::TextIterator it(utf8, enc), end(utf8); it != end; ++it) {
    const int cp = *it;
    if (cp < 0x80 && (std::isalnum(cp) || cp == '.' || cp == '_')) {
      put(static_cast<char>(cp));
      continue;
    }
    const auto found = base_letters().find(Poco::Unicode::toLower(cp));
    if (found == base_letters().end()) {
      put('-');
      continue;
    }
    const bool upper = Poco::Unicode::isUpper(cp);
    put(upper ? static_cast<char>(std::toupper(found->second)) : found->second);
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string vietnam_time_of_day(wf::TimePoint t) {
  const auto secs = t.time_since_epoch().count() + 7 * 3600;
  const auto in_day = ((secs % 86400) + 86400) % 86400;
  return two_digits(static_cast<int>(in_day / 3600)) + ":" +
         two_digits(static_cast<int>(in_day % 3600 / 60));
}

}  // namespace kd::documents
