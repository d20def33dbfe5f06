#include "workflow/personal_id.hpp"

namespace kd::wf {

std::optional<char> personal_id_century_digit(int year, Sex sex) {
  if (year < 1900 || year > 2399) return std::nullopt;
  const int century = (year - 1900) / 100;  // 0 for 1900–1999, 1 for 2000–2099, ...
  return static_cast<char>('0' + century * 2 + (sex == Sex::Female ? 1 : 0));
}

std::optional<std::string> personal_id_problem(const std::string& id,
                                               const std::optional<Date>& birth,
                                               const std::optional<Sex>& sex) {
  bool digits = id.size() == 12;
  for (const char c : id) digits = digits && c >= '0' && c <= '9';
  if (!digits) return "Số định danh cá nhân phải gồm đúng 12 chữ số (đang ghi \"" + id + "\").";
  const char code = id[3];
  const int digit = code - '0';
  if (birth) {
    const int century_from_id = 1900 + (digit / 2) * 100;
    if (birth->year < century_from_id || birth->year > century_from_id + 99)
      return "Chữ số thứ 4 của số định danh cá nhân (" + std::string(1, code) +
             ") chỉ người sinh trong các năm " + std::to_string(century_from_id) + "–" +
             std::to_string(century_from_id + 99) + ", nhưng ngày sinh là năm " +
             std::to_string(birth->year) + ".";
    const int yy = (id[4] - '0') * 10 + (id[5] - '0');
    if (yy != birth->year % 100)
      return "Chữ số thứ 5 và 6 của số định danh cá nhân (" + id.substr(4, 2) +
             ") phải là hai số cuối của năm sinh " + std::to_string(birth->year) + ".";
  }
  if (sex) {
    const bool female = digit % 2 == 1;
    if (female != (*sex == Sex::Female))
      return "Chữ số thứ 4 của số định danh cá nhân (" + std::string(1, code) + ") chỉ giới tính " +
             (female ? "nữ" : "nam") + ", nhưng giới tính ghi là " +
             (*sex == Sex::Female ? "nữ" : "nam") + ".";
  }
  return std::nullopt;
}

}  // namespace kd::wf
