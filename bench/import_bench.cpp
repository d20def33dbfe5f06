// The organisation import at a province's scale: a workbook of UNITS units and PEOPLE people
// (all 18 columns of the people sheet, dates as date cells), written with libxlsxwriter, then
//   - read: the workbook streamed through Poco Zip + SAX into the domain's checked rows;
//   - preview: read, load the organisation, plan, write and roll back, store the import;
//   - commit: the same under the organisation lock, kept;
//   - re-import: the same file previewed and committed again (nothing changes);
//   - a move of 10 % of the people and the departure of 1 %, previewed and committed;
// with the process's peak resident memory after each step. Baselines in the same process:
// inflating the sheet and counting its XML elements (Poco Zip + SAX, nothing kept), and one
// INSERT … SELECT unnest of the same people into a scratch table.
//
// Usage: import_bench [PEOPLE] [UNITS]   (default 10000 1000)
// Uses KIEMDIEM_TEST_DATABASE_URL when set, else starts a private cluster.
#include <sys/resource.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "services/orgimport/org_file.hpp"
#include "services/orgimport/org_import_use_case.hpp"
#include "services/orgimport/sheet_reader.hpp"
#include "services/storage/connection_pool.hpp"
#include "services/storage/store.hpp"
#include "tests/support/test_database.hpp"
#include "workflow/personal_id.hpp"

namespace {

namespace wf = kd::wf;
namespace oi = kd::orgimport;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Peak resident set of the process so far, in MiB.
double peak_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0;
}

// Resets the peak to the current resident set (Linux: write 5 to clear_refs).
void reset_peak() { std::ofstream("/proc/self/clear_refs") << "5"; }

const char* const kFamily[] = {"Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng", "Huỳnh", "Phan",  "Vũ",
                               "Võ",     "Đặng", "Bùi", "Đỗ",   "Hồ",    "Ngô",   "Dương", "Lý"};
const char* const kMiddle[] = {"Văn", "Thị", "Minh", "Quang", "Thu", "Ngọc", "Đức", "Hồng"};
const char* const kGiven[] = {"An",   "Bình", "Chi", "Dũng", "Hạnh", "Hùng", "Lan",  "Linh",
                              "Long", "Mai",  "Nam", "Nga",  "Phúc", "Quân", "Thảo", "Trang"};

std::string unit_code(int u) { return u == 0 ? "TINH" : "DV" + std::to_string(u); }

// The workbook: unit 0 is the province (in the database already), units 1–49 its departments,
// the others rooms under a department. Person i works in unit 1 + i % (units - 1), moved by
// `shift` units; people below `gone` are left out.
std::string workbook(int people, int units, int shift, int gone) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("import-bench-" + std::to_string(::getpid()) + ".xlsx");
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  lxw_worksheet* us = workbook_add_worksheet(wb, "Đơn vị");
  lxw_col_t c = 0;
  for (const auto& [col, h] : wf::unit_columns())
    worksheet_write_string(us, 0, c++, h.c_str(), nullptr);
  for (int u = 1; u < units; ++u) {
    const lxw_row_t r = static_cast<lxw_row_t>(u);
    const int parent = u < 50 ? 0 : 1 + u % 49;
    worksheet_write_string(us, r, 0, unit_code(u).c_str(), nullptr);
    worksheet_write_string(
        us, r, 1, ((u < 50 ? "Sở số " : "Phòng số ") + std::to_string(u)).c_str(), nullptr);
    worksheet_write_string(us, r, 2, unit_code(parent).c_str(), nullptr);
    worksheet_write_string(us, r, 3, u < 50 ? "Cơ quan" : "Đơn vị", nullptr);
    worksheet_write_string(us, r, 4, "UBND TỈNH PHÚ THỌ", nullptr);
    worksheet_write_string(us, r, 5, "Phú Thọ", nullptr);
  }
  lxw_worksheet* ps = workbook_add_worksheet(wb, "Nhân sự");
  c = 0;
  for (const auto& [col, h] : wf::person_columns())
    worksheet_write_string(ps, 0, c++, h.c_str(), nullptr);
  lxw_row_t r = 1;
  for (int i = gone; i < people; ++i, ++r) {
    const bool female = i % 2 == 1;
    const int year = 1965 + i % 36;
    const wf::Date birth{year, 1 + i % 12, 1 + i % 28};
    const int moves = i % 10 == 0 ? shift : 0;
    const int unit = 1 + (i + moves) % (units - 1);
    char id[32];
    std::snprintf(id, sizeof id, "025%c%02d%06d",
                  *wf::personal_id_century_digit(year, female ? wf::Sex::Female : wf::Sex::Male),
                  year % 100, i % 1000000);
    const std::string name =
        std::string(kFamily[i % 16]) + " " + kMiddle[(i / 16) % 8] + " " + kGiven[(i / 128) % 16];
    const std::string code = "CB" + std::to_string(100000 + i);
    const std::string email = "cb" + std::to_string(100000 + i) + "@phutho.gov.vn";
    const std::string phone = "09" + std::to_string(10000000 + i);
    const std::string cell = "Chi bộ " + unit_code(unit);
    const std::string values[] = {code,
                                  name,
                                  "",
                                  female ? "Nữ" : "Nam",
                                  id,
                                  unit_code(unit),
                                  i % 25 == 0 ? "Trưởng phòng" : "Chuyên viên",
                                  "Chuyên viên (01.003)",
                                  i % 3 == 0 ? "Viên chức" : "Công chức",
                                  i % 25 == 0 ? "Cấp trưởng" : "Không",
                                  i % 2 == 0 ? "Có" : "Không",
                                  i % 2 == 0 ? cell : "",
                                  email,
                                  phone,
                                  "",
                                  std::to_string(i % 3),
                                  "Không",
                                  "Không"};
    for (lxw_col_t k = 0; k < 18; ++k)
      if (!values[k].empty()) worksheet_write_string(ps, r, k, values[k].c_str(), nullptr);
    worksheet_write_number(ps, r, 2, static_cast<double>(wf::Date::days_from_civil(birth) + 25569),
                           date);
    const wf::Date since{2015 + i % 10, 1 + (i + moves) % 12, 1};
    worksheet_write_number(ps, r, 14, static_cast<double>(wf::Date::days_from_civil(since) + 25569),
                           date);
  }
  workbook_close(wb);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  std::filesystem::remove(path);
  return out.str();
}

wf::TimePoint now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

struct Step {
  const char* name;
  double seconds;
  double peak;
};

}  // namespace

int main(int argc, char** argv) {
  const int people = argc > 1 ? std::atoi(argv[1]) : 10000;
  const int units = argc > 2 ? std::atoi(argv[2]) : 1000;
  kd::storage::ConnectionPool pool(kd::testing::migrated_database_url("bench"), 2);
  kd::storage::Store store(pool);
  const wf::Id root = store.create_unit({0, std::nullopt, "TINH", "Tỉnh Phú Thọ", "co_quan"});
  wf::Person admin;
  admin.full_name = "Quản trị viên";
  admin.unit_id = root;
  const wf::Id admin_id = store.create_person(admin);

  const std::string file = workbook(people, units, 0, 0);
  const std::string moved = workbook(people, units, 7, people / 100);
  std::printf("workbook: %d people, %d units, %.1f KiB (XLSX)\n", people, units,
              static_cast<double>(file.size()) / 1024.0);
  std::vector<Step> steps;
  const auto step = [&](const char* name, auto&& f) {
    reset_peak();
    const auto t0 = Clock::now();
    f();
    steps.push_back({name, seconds_since(t0), peak_mib()});
  };

  std::size_t cells = 0;
  step("baseline: inflate + SAX, nothing kept", [&] {
    oi::RowSink sink;
    sink.begin_sheet = [](const std::string&) {};
    sink.row = [&](int, const std::vector<wf::ImportCell>& c) { cells += c.size(); };
    sink.end_sheet = [] {};
    oi::read_xlsx(file, sink);
  });
  wf::OrgFile parsed;
  step("read into checked rows",
       [&] { parsed = oi::read_org_file(file, "", wf::vietnam_date(now())); });
  if (!parsed.problems.empty()) {
    std::fprintf(stderr, "problem: %s\n", parsed.problems.front().message_vi.c_str());
    return 1;
  }
  parsed = {};

  const auto preview = [&](const std::string& bytes) {
    oi::PreviewCommand cmd;
    cmd.unit_id = root;
    cmd.actor_id = admin_id;
    cmd.year = 2026;
    cmd.file = bytes;
    cmd.now = now();
    auto out = oi::preview_org_import(pool, cmd);
    if (!out.plan.ok()) {
      std::fprintf(stderr, "problem: %s\n", out.plan.problems.front().message_vi.c_str());
      std::exit(1);
    }
    return out;
  };
  const auto commit = [&](wf::Id id) {
    const auto out = oi::commit_org_import(pool, {id, admin_id, now()});
    if (out.status != oi::ImportOutcome::Status::Done) {
      std::fprintf(stderr, "commit refused (%d)\n", static_cast<int>(out.status));
      std::exit(1);
    }
    return out;
  };

  wf::Id id = 0;
  step("preview (first import)", [&] { id = preview(file).import_id; });
  step("commit (first import)", [&] { commit(id); });
  step("preview (same file again)", [&] { id = preview(file).import_id; });
  step("commit (same file again)", [&] { commit(id); });
  oi::ImportOutcome changes;
  step("preview (10% moved, 1% gone)", [&] { changes = preview(moved); });
  step("commit (10% moved, 1% gone)", [&] { commit(changes.import_id); });

  step("baseline: one INSERT ... unnest of the people", [&] {
    auto conn = pool.acquire();
    pqxx::work w(*conn);
    w.exec0("CREATE TEMP TABLE scratch (code text, full_name text, unit text)");
    std::string codes = "{", names = "{", unit_codes = "{";
    for (int i = 0; i < people; ++i) {
      const std::string sep = i ? "," : "";
      codes += sep + "CB" + std::to_string(100000 + i);
      names += sep + "\"" + kFamily[i % 16] + " " + kGiven[i % 16] + "\"";
      unit_codes += sep + unit_code(1 + i % (units - 1));
    }
    w.exec_params0("INSERT INTO scratch SELECT * FROM unnest($1::text[], $2::text[], $3::text[])",
                   codes + "}", names + "}", unit_codes + "}");
    w.commit();
  });

  std::printf("cells read: %zu; moved: %d, deactivated: %d\n", cells,
              changes.plan.person_counts.moved, changes.plan.person_counts.deactivated);
  std::printf("%-48s %9s %14s\n", "step", "seconds", "peak RSS MiB");
  for (const auto& s : steps) std::printf("%-48s %9.2f %14.1f\n", s.name, s.seconds, s.peak);
  return 0;
}
