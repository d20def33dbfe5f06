// The 12-digit personal identification number (số định danh cá nhân, printed on the
// citizen identity card, CCCD). Its digits 1–3 name the province of birth registration,
// digit 4 the century of birth together with the sex, digits 5–6 the last two digits of
// the year of birth, digits 7–12 a random number. Digit 4: 0/1 = male/female born in the
// 20th century (1900–1999), 2/3 = 21st (2000–2099), 4/5 = 22nd, 6/7 = 23rd, 8/9 = 24th.
#pragma once

#include <optional>
#include <string>

#include "workflow/calendar.hpp"

namespace kd::wf {

enum class Sex { Male, Female };

// Why a personal ID does not fit, in Vietnamese, or none when it does. `birth` and `sex`
// are checked only when known; the ID must be exactly 12 ASCII digits in every case.
std::optional<std::string> personal_id_problem(const std::string& id,
                                               const std::optional<Date>& birth,
                                               const std::optional<Sex>& sex);

// Digit 4 for a person born in `year` (1900–2399) of `sex`, or none outside those years.
std::optional<char> personal_id_century_digit(int year, Sex sex);

}  // namespace kd::wf
