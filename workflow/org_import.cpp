#include "workflow/org_import.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

namespace kd::wf {
namespace {

constexpr int kHeaderSearchRows = 10;

// Header aliases, folded (lowercase), beside the template's own header.
const std::vector<std::pair<UnitColumn, std::string>>& unit_aliases() {
  static const std::vector<std::pair<UnitColumn, std::string>> a = {
      {UnitColumn::ParentCode, "mã cấp trên"},
      {UnitColumn::Kind, "loại"},
      {UnitColumn::SuperiorName, "cơ quan cấp trên"},
      {UnitColumn::PlaceName, "địa danh"},
      {UnitColumn::HeadTitle, "chức danh người đứng đầu"},
      {UnitColumn::DeputyTitle, "chức danh cấp phó"},
      {UnitColumn::CollectiveBody, "tập thể lãnh đạo"},
  };
  return a;
}

const std::vector<std::pair<PersonColumn, std::string>>& person_aliases() {
  static const std::vector<std::pair<PersonColumn, std::string>> a = {
      {PersonColumn::FullName, "họ tên"},
      {PersonColumn::PersonalId, "số cccd"},
      {PersonColumn::PersonalId, "cccd"},
      {PersonColumn::Title, "chức danh / ngạch"},
      {PersonColumn::Title, "ngạch"},
      {PersonColumn::Phone, "số điện thoại"},
      {PersonColumn::UnitSince, "ngày bắt đầu công tác"},
      {PersonColumn::Email, "thư điện tử"},
  };
  return a;
}

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool has_space(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return is_ascii_space(c); });
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

std::string_view to_string(LeaderLevel l) {
  switch (l) {
    case LeaderLevel::None:
      return "";
    case LeaderLevel::Leader:
      return "leader";
    case LeaderLevel::Head:
      return "head";
    case LeaderLevel::Deputy:
      return "deputy";
  }
  return "";
}

std::optional<LeaderLevel> parse_leader_level(std::string_view s) {
  for (auto l : {LeaderLevel::None, LeaderLevel::Leader, LeaderLevel::Head, LeaderLevel::Deputy})
    if (to_string(l) == s) return l;
  return std::nullopt;
}

const std::vector<std::pair<UnitColumn, std::string>>& unit_columns() {
  static const std::vector<std::pair<UnitColumn, std::string>> c = {
      {UnitColumn::Code, "Mã đơn vị"},
      {UnitColumn::Name, "Tên đơn vị"},
      {UnitColumn::ParentCode, "Mã đơn vị cấp trên"},
      {UnitColumn::Kind, "Loại đơn vị"},
      {UnitColumn::SuperiorName, "Tên cơ quan cấp trên (ghi trên văn bản)"},
      {UnitColumn::PlaceName, "Địa danh (ghi trên văn bản)"},
      {UnitColumn::HeadTitle, "Chức danh người đứng đầu (ký văn bản)"},
      {UnitColumn::DeputyTitle, "Chức danh cấp phó (ký thay)"},
      {UnitColumn::CollectiveBody, "Tập thể lãnh đạo (ký thay mặt)"},
  };
  return c;
}

const std::vector<std::pair<PersonColumn, std::string>>& person_columns() {
  static const std::vector<std::pair<PersonColumn, std::string>> c = {
      {PersonColumn::Code, "Mã cán bộ"},
      {PersonColumn::FullName, "Họ và tên"},
      {PersonColumn::BirthDate, "Ngày sinh"},
      {PersonColumn::Sex, "Giới tính"},
      {PersonColumn::PersonalId, "Số định danh cá nhân"},
      {PersonColumn::UnitCode, "Mã đơn vị"},
      {PersonColumn::Position, "Chức vụ"},
      {PersonColumn::Title, "Chức danh, ngạch"},
      {PersonColumn::Group, "Nhóm"},
      {PersonColumn::Leader, "Lãnh đạo"},
      {PersonColumn::PartyMember, "Đảng viên"},
      {PersonColumn::PartyCell, "Chi bộ"},
      {PersonColumn::Email, "Email"},
      {PersonColumn::Phone, "Điện thoại"},
      {PersonColumn::UnitSince, "Ngày bắt đầu công tác tại đơn vị"},
      {PersonColumn::LeaveMonths, "Số tháng nghỉ trong năm"},
      {PersonColumn::Maternity, "Nghỉ thai sản"},
      {PersonColumn::Disciplined, "Bị kỷ luật trong năm"},
  };
  return c;
}

const std::string& header_of(UnitColumn col) {
  for (const auto& [c, h] : unit_columns())
    if (c == col) return h;
  return unit_columns().front().second;
}

const std::string& header_of(PersonColumn col) {
  for (const auto& [c, h] : person_columns())
    if (c == col) return h;
  return person_columns().front().second;
}

bool OrgFile::has(PersonColumn c) const {
  return std::find(person_columns.begin(), person_columns.end(), c) != person_columns.end();
}

bool OrgFile::has(UnitColumn c) const {
  return std::find(unit_columns.begin(), unit_columns.end(), c) != unit_columns.end();
}

std::optional<Date> parse_import_date(const ImportCell& cell) {
  const std::string& s = cell.text;
  if (cell.number) {
    // Serial day numbers of the 1900 date system; 61 is 01/03/1900 (Excel counts a
    // 29/02/1900 that never was, so earlier serials are not dates anyone was born on).
    double serial = 0;
    char rest = 0;
    if (std::sscanf(s.c_str(), "%lf%c", &serial, &rest) != 1 || serial < 61 || serial > 2958465)
      return std::nullopt;
    const auto days = static_cast<std::int64_t>(serial) - 25569;  // 25569 = 01/01/1970
    return Date::from_days(days);
  }
  if (auto iso = parse_iso_date(s)) return iso;
  int d = 0, m = 0, y = 0, used = 0;
  char a = 0, b = 0;
  if (std::sscanf(s.c_str(), "%2d%c%2d%c%4d%n", &d, &a, &m, &b, &y, &used) == 5 &&
      static_cast<std::size_t>(used) == s.size() && a == b && (a == '/' || a == '-' || a == '.') &&
      y >= 1000) {
    const Date date{y, m, d};
    if (is_valid(date)) return date;
  }
  return std::nullopt;
}

OrgFileReader::OrgFileReader(TextFold fold, Date today, std::size_t max_rows)
    : fold_(std::move(fold)), today_(today), max_rows_(max_rows) {}

void OrgFileReader::problem(std::string code, int row, std::string column, std::string message) {
  file_.problems.push_back(
      ImportProblem{std::move(code), sheet_, row, std::move(column), std::move(message)});
}

void OrgFileReader::begin_sheet(const std::string& name) {
  sheet_ = name;
  kind_ = Kind::Unknown;
  rows_seen_ = 0;
  column_of_.clear();
}

void OrgFileReader::end_sheet() {
  if (kind_ == Kind::Unknown)
    file_.ignored.push_back("Trang " + quoted(sheet_) +
                            " không có dòng tiêu đề của danh sách đơn vị (\"Tên đơn vị\") hay "
                            "danh sách cán bộ (\"Mã cán bộ\"): bỏ qua.");
  kind_ = Kind::Unknown;
}

void OrgFileReader::find_header(int number, const std::vector<ImportCell>& cells) {
  if (rows_seen_ >= kHeaderSearchRows) return;
  std::vector<std::string> folded;
  for (const auto& c : cells) folded.push_back(fold_(c.text));
  const auto has = [&](const std::string& header) {
    return std::find(folded.begin(), folded.end(), fold_(header)) != folded.end();
  };
  // A header row names its key column and at least one other of the template's (a row of
  // notes that mentions one column name is not a header).
  const auto known = [&](const auto& columns) {
    int n = 0;
    for (const auto& [c, h] : columns) n += has(h) ? 1 : 0;
    return n;
  };
  Kind kind = Kind::Unknown;
  if (has(header_of(PersonColumn::Code)) && known(person_columns()) >= 2)
    kind = Kind::People;
  else if (has(header_of(UnitColumn::Name)) && known(unit_columns()) >= 2)
    kind = Kind::Units;
  if (kind == Kind::Unknown) {
    ++rows_seen_;
    return;
  }
  std::string& taken = kind == Kind::People ? file_.people_sheet : file_.units_sheet;
  if (!taken.empty()) {
    problem("duplicate_sheet", number, "",
            std::string("Tệp có hai trang ") +
                (kind == Kind::People ? "danh sách cán bộ" : "danh sách đơn vị") + ": " +
                quoted(taken) + " và " + quoted(sheet_) +
                ". Chỉ dùng một trang cho mỗi danh sách.");
    kind_ = Kind::Skipped;
    return;
  }
  taken = sheet_;
  kind_ = kind;
  column_of_.assign(cells.size(), -1);
  std::set<int> seen;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (folded[i].empty()) continue;
    int column = -1;
    if (kind == Kind::People) {
      for (const auto& [c, h] : person_columns())
        if (fold_(h) == folded[i]) column = static_cast<int>(c);
      for (const auto& [c, h] : person_aliases())
        if (h == folded[i]) column = static_cast<int>(c);
    } else {
      for (const auto& [c, h] : unit_columns())
        if (fold_(h) == folded[i]) column = static_cast<int>(c);
      for (const auto& [c, h] : unit_aliases())
        if (h == folded[i]) column = static_cast<int>(c);
    }
    if (column >= 0 && !seen.insert(column).second) {
      problem("duplicate_column", number, cells[i].text,
              "Cột " + quoted(cells[i].text) + " có hai lần trong dòng tiêu đề.");
      continue;
    }
    if (column < 0 && folded[i] != "stt") {
      file_.ignored.push_back("Trang " + quoted(sheet_) + ": bỏ qua cột " + quoted(cells[i].text) +
                              " (không có trong mẫu).");
    }
    column_of_[i] = column;
  }
  const auto missing = [&](int column, const std::string& header) {
    if (seen.count(column)) return;
    problem(
        "missing_column", number, header,
        "Thiếu cột " + quoted(header) + " trong dòng tiêu đề: không đọc được các dòng của trang.");
    kind_ = Kind::Skipped;
  };
  if (kind == Kind::People) {
    for (int c : seen) file_.person_columns.push_back(static_cast<PersonColumn>(c));
    for (auto required :
         {PersonColumn::Code, PersonColumn::FullName, PersonColumn::UnitCode, PersonColumn::Group})
      missing(static_cast<int>(required), header_of(required));
  } else {
    for (int c : seen) file_.unit_columns.push_back(static_cast<UnitColumn>(c));
    for (auto required : {UnitColumn::Code, UnitColumn::Name})
      missing(static_cast<int>(required), header_of(required));
  }
}

namespace {

// The cells of one data row by column number.
class RowCells {
 public:
  RowCells(const std::vector<int>& column_of, const std::vector<ImportCell>& cells) {
    for (std::size_t i = 0; i < cells.size() && i < column_of.size(); ++i)
      if (column_of[i] >= 0) by_column_[column_of[i]] = &cells[i];
  }
  const ImportCell& operator[](int column) const {
    static const ImportCell empty;
    const auto it = by_column_.find(column);
    return it == by_column_.end() ? empty : *it->second;
  }

 private:
  std::map<int, const ImportCell*> by_column_;
};

bool row_is_empty(const std::vector<ImportCell>& cells) {
  return std::all_of(cells.begin(), cells.end(),
                     [](const ImportCell& c) { return c.text.empty(); });
}

// A cell holding a number written as an integer ("3", "3.0"), or none.
std::optional<long long> integral(const ImportCell& cell) {
  double v = 0;
  char rest = 0;
  if (std::sscanf(cell.text.c_str(), "%lf%c", &v, &rest) != 1) return std::nullopt;
  const auto i = static_cast<long long>(v);
  if (static_cast<double>(i) != v) return std::nullopt;
  return i;
}

bool valid_email(const std::string& s) {
  const auto at = s.find('@');
  if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) return false;
  const auto dot = s.find('.', at);
  return dot != std::string::npos && dot > at + 1 && dot + 1 < s.size() && !has_space(s) &&
         s.size() <= 254;
}

}  // namespace

void OrgFileReader::add_row(int number, const std::vector<ImportCell>& cells) {
  if (kind_ == Kind::Skipped) return;
  if (kind_ == Kind::Unknown) {
    if (!row_is_empty(cells)) find_header(number, cells);
    return;
  }
  if (row_is_empty(cells)) return;
  if (++rows_ > max_rows_) {
    if (rows_ == max_rows_ + 1)
      problem("too_many_rows", number, "",
              "Tệp có quá " + std::to_string(max_rows_) + " dòng dữ liệu: chia thành nhiều tệp.");
    return;
  }
  if (kind_ == Kind::Units)
    add_unit(number, cells);
  else
    add_person(number, cells);
}

namespace {

// Checks shared by both sheets. Each reports into `report(code, column header, message)`.
using Report = std::function<void(std::string, const std::string&, std::string)>;

std::string code_cell(const ImportCell& cell, const std::string& header, bool required,
                      const Report& report) {
  std::string s = cell.text;
  if (cell.number) {
    if (auto i = integral(cell)) s = std::to_string(*i);
  }
  if (s.empty()) {
    if (required) report("required", header, "Cần ghi " + header + ".");
    return s;
  }
  if (has_space(s) || s.size() > 50) {
    report(
        "bad_code", header,
        header + " \"" + s + "\" không hợp lệ: mã không chứa khoảng trắng và dài tối đa 50 ký tự.");
    return {};
  }
  return s;
}

std::optional<bool> yes_no(const ImportCell& cell, const std::string& header, const TextFold& fold,
                           const Report& report) {
  const auto v = fold(cell.text);
  if (v.empty() || v == "không" || v == "0" || v == "false") return false;
  if (v == "có" || v == "x" || v == "1" || v == "true") return true;
  report("bad_value", header,
         header + " ghi \"có\" hoặc \"không\" (đang ghi \"" + cell.text + "\").");
  return std::nullopt;
}

}  // namespace

void OrgFileReader::add_unit(int number, const std::vector<ImportCell>& cells) {
  const RowCells c(column_of_, cells);
  const Report report = [&](std::string code, const std::string& header, std::string message) {
    problem(std::move(code), number, header, "Dòng " + std::to_string(number) + ": " + message);
  };
  const auto at = [&](UnitColumn col) -> const ImportCell& { return c[static_cast<int>(col)]; };
  UnitRow u;
  u.row = number;
  u.code = code_cell(at(UnitColumn::Code), header_of(UnitColumn::Code), true, report);
  u.name = at(UnitColumn::Name).text;
  if (u.name.empty()) report("required", header_of(UnitColumn::Name), "Cần ghi tên đơn vị.");
  u.parent_code =
      code_cell(at(UnitColumn::ParentCode), header_of(UnitColumn::ParentCode), false, report);
  const auto kind = fold_(at(UnitColumn::Kind).text);
  if (kind.empty() || kind == "đơn vị" || kind == "don_vi") {
    u.kind = "don_vi";
  } else if (kind == "cơ quan" || kind == "co_quan") {
    u.kind = "co_quan";
  } else {
    report("bad_value", header_of(UnitColumn::Kind),
           "Loại đơn vị ghi \"cơ quan\" hoặc \"đơn vị\" (đang ghi \"" + at(UnitColumn::Kind).text +
               "\").");
  }
  u.superior_name = at(UnitColumn::SuperiorName).text;
  u.place_name = at(UnitColumn::PlaceName).text;
  u.head_title = at(UnitColumn::HeadTitle).text;
  u.deputy_title = at(UnitColumn::DeputyTitle).text;
  u.collective_body = at(UnitColumn::CollectiveBody).text;
  if (!u.code.empty() && u.parent_code == u.code)
    report("unit_cycle", header_of(UnitColumn::ParentCode),
           "Đơn vị \"" + u.code + "\" không thể là cấp trên của chính nó.");
  file_.units.push_back(std::move(u));
}

void OrgFileReader::add_person(int number, const std::vector<ImportCell>& cells) {
  const RowCells c(column_of_, cells);
  const Report report = [&](std::string code, const std::string& header, std::string message) {
    problem(std::move(code), number, header, "Dòng " + std::to_string(number) + ": " + message);
  };
  const auto at = [&](PersonColumn col) -> const ImportCell& { return c[static_cast<int>(col)]; };
  const auto header = [](PersonColumn col) -> const std::string& { return header_of(col); };
  PersonRow p;
  p.row = number;
  p.code = code_cell(at(PersonColumn::Code), header(PersonColumn::Code), true, report);
  p.full_name = at(PersonColumn::FullName).text;
  if (p.full_name.empty()) report("required", header(PersonColumn::FullName), "Cần ghi họ và tên.");
  p.unit_code = code_cell(at(PersonColumn::UnitCode), header(PersonColumn::UnitCode), true, report);

  const auto date = [&](PersonColumn col) -> std::optional<Date> {
    const auto& cell = at(col);
    if (cell.text.empty()) return std::nullopt;
    const auto d = parse_import_date(cell);
    if (!d) {
      report("bad_date", header(col),
             header(col) + " \"" + cell.text + "\" không phải là ngày (ghi theo dạng dd/mm/yyyy).");
      return std::nullopt;
    }
    if (today_ < *d && col == PersonColumn::BirthDate) {
      report("bad_date", header(col), "Ngày sinh " + cell.text + " ở sau ngày hôm nay.");
      return std::nullopt;
    }
    if (d->year < 1900) {
      report("bad_date", header(col), header(col) + " " + cell.text + " ở trước năm 1900.");
      return std::nullopt;
    }
    return d;
  };
  p.birth_date = date(PersonColumn::BirthDate);
  p.unit_since = date(PersonColumn::UnitSince);
  if (p.birth_date && p.unit_since && *p.unit_since < *p.birth_date)
    report("bad_date", header(PersonColumn::UnitSince),
           "Ngày bắt đầu công tác tại đơn vị ở trước ngày sinh.");

  const auto sex = fold_(at(PersonColumn::Sex).text);
  if (sex == "nam")
    p.sex = Sex::Male;
  else if (sex == "nữ")
    p.sex = Sex::Female;
  else if (!sex.empty())
    report("bad_value", header(PersonColumn::Sex),
           "Giới tính ghi \"Nam\" hoặc \"Nữ\" (đang ghi \"" + at(PersonColumn::Sex).text + "\").");

  const auto& id_cell = at(PersonColumn::PersonalId);
  std::string id;
  for (char ch : id_cell.text)
    if (!is_ascii_space(ch)) id.push_back(ch);
  if (id_cell.number) {
    // A number lost the leading zeros of the province code (001 Hà Nội, ...).
    if (auto i = integral(id_cell)) id = std::to_string(*i);
    if (!id.empty() && id.size() < 12 && id.find_first_not_of("0123456789") == std::string::npos)
      id = std::string(12 - id.size(), '0') + id;
  }
  if (!id.empty()) {
    if (auto why = personal_id_problem(id, p.birth_date, p.sex)) {
      report("bad_personal_id", header(PersonColumn::PersonalId), *why);
    }
    p.personal_id = id;
  }

  p.position = at(PersonColumn::Position).text;
  p.title = at(PersonColumn::Title).text;
  const auto group = fold_(at(PersonColumn::Group).text);
  bool group_found = false;
  for (auto g : all_groups()) {
    if (group == fold_(std::string(label_vi(g))) || group == to_string(g)) {
      p.group = g;
      group_found = true;
    }
  }
  if (group.empty())
    report("required", header(PersonColumn::Group),
           "Cần ghi nhóm: \"Cán bộ\", \"Công chức\" hoặc \"Viên chức\".");
  else if (!group_found)
    report("bad_value", header(PersonColumn::Group),
           "Nhóm ghi \"Cán bộ\", \"Công chức\" hoặc \"Viên chức\" (đang ghi \"" +
               at(PersonColumn::Group).text + "\").");

  const auto leader = fold_(at(PersonColumn::Leader).text);
  if (leader.empty() || leader == "không")
    p.leader = LeaderLevel::None;
  else if (leader == "có" || leader == "x")
    p.leader = LeaderLevel::Leader;
  else if (leader == "cấp trưởng" || leader == "trưởng")
    p.leader = LeaderLevel::Head;
  else if (leader == "cấp phó" || leader == "phó")
    p.leader = LeaderLevel::Deputy;
  else
    report("bad_value", header(PersonColumn::Leader),
           "Lãnh đạo ghi \"không\", \"cấp trưởng\", \"cấp phó\" hoặc \"có\" (đang ghi \"" +
               at(PersonColumn::Leader).text + "\").");

  p.party_member =
      yes_no(at(PersonColumn::PartyMember), header(PersonColumn::PartyMember), fold_, report)
          .value_or(false);
  p.party_cell = at(PersonColumn::PartyCell).text;
  if (!p.party_cell.empty() && !p.party_member)
    report("bad_value", header(PersonColumn::PartyCell),
           "Chỉ ghi chi bộ cho người là đảng viên (cột \"Đảng viên\" ghi \"có\").");

  p.email = at(PersonColumn::Email).text;
  if (!p.email.empty() && !valid_email(p.email))
    report("bad_email", header(PersonColumn::Email),
           "Địa chỉ email \"" + p.email + "\" không hợp lệ.");

  const auto& phone = at(PersonColumn::Phone);
  p.phone = phone.text;
  if (phone.number) {
    if (auto i = integral(phone)) p.phone = std::to_string(*i);
    if (p.phone.size() == 9) p.phone = "0" + p.phone;  // the trunk 0 lost in a number cell
  }
  if (!p.phone.empty()) {
    int digits = 0;
    bool ok = true;
    for (char ch : p.phone) {
      if (ch >= '0' && ch <= '9')
        ++digits;
      else if (ch != ' ' && ch != '+' && ch != '.' && ch != '-' && ch != '(' && ch != ')')
        ok = false;
    }
    if (!ok || digits < 8 || digits > 15)
      report("bad_phone", header(PersonColumn::Phone),
             "Số điện thoại \"" + p.phone + "\" không hợp lệ (8 đến 15 chữ số).");
  }

  const auto& leave = at(PersonColumn::LeaveMonths);
  if (!leave.text.empty()) {
    const auto months = integral(leave);
    if (!months || *months < 0 || *months > 12)
      report("bad_value", header(PersonColumn::LeaveMonths),
             "Số tháng nghỉ trong năm là số nguyên từ 0 đến 12 (đang ghi \"" + leave.text + "\").");
    else
      p.facts.leave_months = static_cast<int>(*months);
  } else if (file_.has(PersonColumn::LeaveMonths)) {
    p.facts.leave_months = 0;
  }
  if (file_.has(PersonColumn::Maternity))
    p.facts.maternity =
        yes_no(at(PersonColumn::Maternity), header(PersonColumn::Maternity), fold_, report);
  if (file_.has(PersonColumn::Disciplined))
    p.facts.disciplined =
        yes_no(at(PersonColumn::Disciplined), header(PersonColumn::Disciplined), fold_, report);
  if (p.facts.maternity && *p.facts.maternity && p.sex == Sex::Male)
    report("bad_value", header(PersonColumn::Maternity),
           "Nghỉ thai sản ghi cho người có giới tính nam: kiểm tra lại.");
  file_.people.push_back(std::move(p));
}

OrgFile OrgFileReader::finish() {
  sheet_.clear();
  // Duplicate codes: the second row names the first.
  const auto duplicates = [&](const auto& rows, const std::string& sheet, auto key,
                              const std::string& column, const std::string& what) {
    std::map<std::string, int> first;
    for (const auto& r : rows) {
      const std::string k = key(r);
      if (k.empty()) continue;
      const auto [it, fresh] = first.emplace(k, r.row);
      if (!fresh)
        file_.problems.push_back(ImportProblem{"duplicate_code", sheet, r.row, column,
                                               "Dòng " + std::to_string(r.row) + ": " + what +
                                                   " \"" + k + "\" đã có ở dòng " +
                                                   std::to_string(it->second) + "."});
    }
  };
  duplicates(
      file_.units, file_.units_sheet, [](const UnitRow& u) { return u.code; },
      header_of(UnitColumn::Code), "mã đơn vị");
  duplicates(
      file_.people, file_.people_sheet, [](const PersonRow& p) { return p.code; },
      header_of(PersonColumn::Code), "mã cán bộ");
  const std::size_t before_ids = file_.problems.size();
  duplicates(
      file_.people, file_.people_sheet, [](const PersonRow& p) { return p.personal_id; },
      header_of(PersonColumn::PersonalId), "số định danh cá nhân");
  for (std::size_t i = before_ids; i < file_.problems.size(); ++i)
    file_.problems[i].code = "duplicate_personal_id";

  // A cycle in the tree the file draws: following the superior codes from a unit comes back
  // to it. Each unit of the cycle is reported, with the path.
  std::map<std::string, const UnitRow*> by_code;
  for (const auto& u : file_.units)
    if (!u.code.empty()) by_code.emplace(u.code, &u);
  for (const auto& u : file_.units) {
    if (u.code.empty() || u.parent_code == u.code) continue;  // self: reported by its row
    std::string path = u.code;
    const UnitRow* at = &u;
    for (std::size_t steps = 0; steps <= by_code.size(); ++steps) {
      const auto next = by_code.find(at->parent_code);
      if (at->parent_code.empty() || next == by_code.end()) break;
      at = next->second;
      path += " → " + at->code;
      if (at == &u) {
        file_.problems.push_back(ImportProblem{
            "unit_cycle", file_.units_sheet, u.row, header_of(UnitColumn::ParentCode),
            "Dòng " + std::to_string(u.row) + ": cây đơn vị có vòng lặp: " + path + "."});
        break;
      }
    }
  }
  std::stable_sort(file_.problems.begin(), file_.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) {
                     return std::tie(a.sheet, a.row) < std::tie(b.sheet, b.row);
                   });
  return std::move(file_);
}

}  // namespace kd::wf
