// Formatting rules of Vietnamese official documents (ND 30/2020 Phụ lục I, HD 36-HD/VPTW).
// Pure functions: no clock, no I/O.
#pragma once

#include <string>

#include "workflow/calendar.hpp"

namespace kd::documents {

// "05": numbers below 10 take a leading zero.
std::string two_digits(int n);

// "Hòa Bình, ngày 05 tháng 01 năm 2026" (the place may be empty: "ngày 05 tháng 01 năm 2026").
std::string place_and_date(const std::string& place, const wf::Date& date);

// State style "Số: 05/QĐ-SNV"; Party style (HD 36) "Số 12-TB/ĐU" (no colon).
std::string state_number(int number, const std::string& symbol);
std::string party_number(int number, const std::string& symbol);

// Capitals with diacritics kept ("Sở Nội vụ" -> "SỞ NỘI VỤ").
std::string upper_vi(const std::string& utf8);

// Times and file names: wf::vietnam_time_of_day, wf::to_dmy (calendar.hpp), wf::ascii_file_name
// (utf8.hpp).

}  // namespace kd::documents
