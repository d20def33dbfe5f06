// What an import changes: new, changed, moved, unchanged and deactivated units and people,
// idempotent by code, within the administrator's subtree.
#include <gtest/gtest.h>

#include "tests/unit/workflow/org_import_fixture.hpp"

namespace kd::wf {
namespace {

using namespace test;

// UBND tỉnh (100) above Sở Nội vụ (1, the administrator's unit) with its two rooms, and
// another department (200) with an active and a released person.
CurrentOrg current() {
  CurrentOrg org;
  const auto unit = [&](Id id, std::optional<Id> parent, std::string code, std::string name,
                        std::string parent_code) {
    CurrentUnit u;
    u.id = id;
    u.parent_id = parent;
    u.state.code = std::move(code);
    u.state.name = std::move(name);
    u.state.parent_code = std::move(parent_code);
    org.units.push_back(u);
  };
  unit(100, std::nullopt, "UBND", "UBND tỉnh Phú Thọ", "");
  unit(1, 100, "SNV", "Sở Nội vụ", "UBND");
  unit(2, 1, "SNV-TCCB", "Phòng Tổ chức cán bộ", "SNV");
  unit(3, 1, "SNV-VP", "Văn phòng", "SNV");
  unit(200, 100, "STC", "Sở Tài chính", "UBND");
  const auto person = [&](Id id, Id unit_id, std::string code, std::string name,
                          std::string unit_code, bool active = true) {
    CurrentPerson p;
    p.id = id;
    p.unit_id = unit_id;
    p.state.code = std::move(code);
    p.state.full_name = std::move(name);
    p.state.unit_code = std::move(unit_code);
    p.state.active = active;
    org.people.push_back(p);
  };
  person(10, 2, "CB1", "Nguyễn Thị Lan", "SNV-TCCB");
  person(11, 3, "CB2", "Trần Văn Nam", "SNV-VP");
  person(20, 200, "X1", "Phạm Văn Tài", "STC");
  person(21, 200, "X2", "Đỗ Thị Hằng", "STC", false);
  return org;
}

// The state a minimal row (code, name, unit, group) leaves.
std::vector<ImportCell> minimal_header() {
  return {cell("Mã cán bộ"), cell("Họ và tên"), cell("Mã đơn vị"), cell("Nhóm")};
}
std::vector<ImportCell> minimal(std::string code, std::string name, std::string unit) {
  return {cell(std::move(code)), cell(std::move(name)), cell(std::move(unit)), cell("Công chức")};
}

const RowChange& change(const std::vector<RowChange>& rows, const std::string& code) {
  for (const auto& r : rows)
    if (r.code == code) return r;
  throw std::runtime_error("no change for " + code);
}

TEST(OrgImportPlan, AFirstImportCreatesUnitsSuperiorsFirstAndPeople) {
  const auto file =
      org_file({unit_cells("SNV-TT-1", "Đội 1", "SNV-TT"), unit_cells("SNV-TT", "Thanh tra", "SNV"),
                unit_cells("SNV-TCCB", "Phòng Tổ chức cán bộ", "SNV"),
                unit_cells("SNV-VP", "Văn phòng", "SNV")},
               {person_cells("CB1", "Nguyễn Thị Lan", "SNV-TCCB")});
  auto org = current();
  org.people.erase(org.people.begin() + 1);  // CB2 left before: only CB1 stays
  const auto plan = plan_org_import(file, org, 1, kToday);
  ASSERT_TRUE(plan.ok()) << plan.problems.front().message_vi;
  EXPECT_EQ(plan.unit_counts.created, 2);
  EXPECT_EQ(plan.unit_counts.unchanged, 2);
  EXPECT_EQ(change(plan.units, "SNV-TT-1").kind, ChangeKind::New);
  EXPECT_EQ(change(plan.units, "SNV-TT-1").row, 2);
  ASSERT_EQ(plan.unit_writes.size(), 2u);
  EXPECT_EQ(plan.unit_writes[0].after.code, "SNV-TT");  // its child comes after it
  EXPECT_EQ(plan.unit_writes[1].after.code, "SNV-TT-1");
  EXPECT_FALSE(plan.unit_writes[0].id);
  // CB1 exists: every column the row brings differs from the bare stored state.
  const auto& cb1 = change(plan.people, "CB1");
  EXPECT_EQ(cb1.kind, ChangeKind::Changed);
  EXPECT_EQ(cb1.id, 10);
  EXPECT_EQ(plan.person_counts.changed, 1);
}

TEST(OrgImportPlan, ImportingTheSameFileAgainChangesNothing) {
  const auto file = people_file(
      {minimal("CB1", "Nguyễn Thị Lan", "SNV-TCCB"), minimal("CB2", "Trần Văn Nam", "SNV-VP")},
      minimal_header());
  const auto plan = plan_org_import(file, current(), 1, kToday);
  ASSERT_TRUE(plan.ok()) << plan.problems.front().message_vi;
  EXPECT_FALSE(plan.changes());
  EXPECT_EQ(plan.person_counts.unchanged, 2);
  EXPECT_EQ(plan.person_counts.created + plan.person_counts.changed + plan.person_counts.moved +
                plan.person_counts.deactivated,
            0);
  EXPECT_TRUE(plan.units.empty());  // no units sheet: units untouched
}

TEST(OrgImportPlan, AMoveIsDatedByTheFileOrByToday) {
  auto header = minimal_header();
  header.push_back(cell("Ngày bắt đầu công tác tại đơn vị"));
  auto moved = minimal("CB1", "Nguyễn Thị Lan", "SNV-VP");
  moved.push_back(cell("01/10/2026"));
  auto stays = minimal("CB2", "Trần Văn Nam", "SNV-TCCB");
  stays.push_back(cell(""));
  const auto plan = plan_org_import(people_file({moved, stays}, header), current(), 1, kToday);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan.person_counts.moved, 2);
  const auto& cb1 = change(plan.people, "CB1");
  EXPECT_EQ(cb1.kind, ChangeKind::Moved);
  ASSERT_FALSE(cb1.fields.empty());
  EXPECT_EQ(cb1.fields[0].field, "Mã đơn vị");
  EXPECT_EQ(cb1.fields[0].before, "SNV-TCCB");
  EXPECT_EQ(cb1.fields[0].after, "SNV-VP");
  ASSERT_EQ(plan.person_writes.size(), 2u);
  EXPECT_TRUE(plan.person_writes[0].assignment_changed);
  EXPECT_EQ(plan.person_writes[0].assignment_from, (Date{2026, 10, 1}));
  EXPECT_EQ(plan.person_writes[1].assignment_from, kToday);
}

TEST(OrgImportPlan, PeopleAndUnitsTheFileLacksAreDeactivatedNeverDeleted) {
  const auto file = org_file({unit_cells("SNV-TCCB", "Phòng Tổ chức cán bộ", "SNV")},
                             {person_cells("CB1", "Nguyễn Thị Lan", "SNV-TCCB")});
  const auto plan = plan_org_import(file, current(), 1, kToday);
  ASSERT_TRUE(plan.ok()) << plan.problems.front().message_vi;
  const auto& vp = change(plan.units, "SNV-VP");
  EXPECT_EQ(vp.kind, ChangeKind::Deactivated);
  EXPECT_EQ(vp.row, 0);
  const auto& cb2 = change(plan.people, "CB2");
  EXPECT_EQ(cb2.kind, ChangeKind::Deactivated);
  ASSERT_EQ(cb2.fields.size(), 1u);
  EXPECT_EQ(cb2.fields[0].field, "Trạng thái");
  EXPECT_EQ(plan.person_counts.deactivated, 1);
  EXPECT_EQ(plan.unit_counts.deactivated, 1);
  // The other department's people are not the administrator's to deactivate.
  for (const auto& p : plan.people) EXPECT_NE(p.code, "X1");
  bool deactivates_cb2 = false;
  for (const auto& w : plan.person_writes)
    if (w.id == 11) deactivates_cb2 = !w.after.active;
  EXPECT_TRUE(deactivates_cb2);
}

TEST(OrgImportPlan, AChangedFieldShowsBeforeAndAfterAndAnAbsentColumnKeepsTheStoredValue) {
  auto header = minimal_header();
  header.push_back(cell("Chức vụ"));
  auto row = minimal("CB1", "Nguyễn Thị Lan", "SNV-TCCB");
  row.push_back(cell("Phó Trưởng phòng"));
  auto org = current();
  org.people[0].state.email = "lan@snv.gov.vn";  // no Email column: kept
  const auto plan = plan_org_import(
      people_file({row, minimal("CB2", "Trần Văn Nam", "SNV-VP")}, header), org, 1, kToday);
  ASSERT_TRUE(plan.ok());
  const auto& cb1 = change(plan.people, "CB1");
  EXPECT_EQ(cb1.kind, ChangeKind::Changed);
  ASSERT_EQ(cb1.fields.size(), 1u);
  EXPECT_EQ(cb1.fields[0].field, "Chức vụ");
  EXPECT_EQ(cb1.fields[0].before, "");
  EXPECT_EQ(cb1.fields[0].after, "Phó Trưởng phòng");
  ASSERT_EQ(plan.person_writes.size(), 1u);
  EXPECT_EQ(plan.person_writes[0].after.email, "lan@snv.gov.vn");
  EXPECT_TRUE(plan.person_writes[0].assignment_changed);  // a new position is history
}

TEST(OrgImportPlan, UnknownUnitsAreProblemsOfTheirRow) {
  const auto plan = plan_org_import(people_file({minimal("CB1", "Nguyễn Thị Lan", "SNV-XX"),
                                                 minimal("CB2", "Trần Văn Nam", "STC")},
                                                minimal_header()),
                                    current(), 1, kToday);
  EXPECT_FALSE(plan.ok());
  EXPECT_TRUE(has_problem(plan.problems, "unknown_unit", 2, "Mã đơn vị"));
  EXPECT_TRUE(has_problem(plan.problems, "unknown_unit", 3, "Mã đơn vị"));
  EXPECT_NE(problem_at(plan.problems, 3, "Mã đơn vị").message_vi.find("không thuộc Sở Nội vụ"),
            std::string::npos);
  EXPECT_TRUE(plan.person_writes.empty());
  EXPECT_FALSE(plan.changes());
}

TEST(OrgImportPlan, APersonActiveElsewhereIsRefusedAReleasedOneComesIn) {
  const auto plan = plan_org_import(
      people_file(
          {minimal("CB1", "Nguyễn Thị Lan", "SNV-TCCB"), minimal("CB2", "Trần Văn Nam", "SNV-VP"),
           minimal("X1", "Phạm Văn Tài", "SNV-VP"), minimal("X2", "Đỗ Thị Hằng", "SNV-VP")},
          minimal_header()),
      current(), 1, kToday);
  EXPECT_TRUE(has_problem(plan.problems, "person_outside_scope", 4, "Mã cán bộ"));
  EXPECT_NE(problem_at(plan.problems, 4, "Mã cán bộ").message_vi.find("Sở Tài chính"),
            std::string::npos);
  EXPECT_EQ(plan.problems.size(), 1u);
  const auto& x2 = change(plan.people, "X2");
  EXPECT_EQ(x2.kind, ChangeKind::Moved);
  bool status = false;
  for (const auto& f : x2.fields)
    status = status || (f.field == "Trạng thái" && f.after == "Đang hoạt động");
  EXPECT_TRUE(status);
}

TEST(OrgImportPlan, APersonalIdHeldBySomeoneElseIsRefused) {
  auto org = current();
  org.people[2].state.personal_id = "025185001234";  // X1 holds it
  const auto plan = plan_org_import(
      people_file({person_cells("CB1", "Nguyễn Thị Lan", "SNV-TCCB")}), org, 1, kToday);
  EXPECT_TRUE(has_problem(plan.problems, "personal_id_taken", 2, "Số định danh cá nhân"));
}

TEST(OrgImportPlan, TheTreeStaysInsideTheScope) {
  const auto plan = plan_org_import(
      units_file({unit_cells("SNV", "Sở Nội vụ", "STC"), unit_cells("SNV-TCCB", "Phòng TCCB", ""),
                  unit_cells("SNV-VP", "Văn phòng", "SNV-ZZ"),
                  unit_cells("SNV-A", "Phòng A", "UBND"),
                  unit_cells("STC", "Sở Tài chính", "UBND")}),
      current(), 1, kToday);
  EXPECT_TRUE(has_problem(plan.problems, "root_moved", 2, "Mã đơn vị cấp trên"));
  EXPECT_TRUE(has_problem(plan.problems, "parent_required", 3, "Mã đơn vị cấp trên"));
  EXPECT_TRUE(has_problem(plan.problems, "unknown_parent", 4, "Mã đơn vị cấp trên"));
  EXPECT_TRUE(has_problem(plan.problems, "unit_outside_scope", 5, "Mã đơn vị cấp trên"));
  EXPECT_TRUE(has_problem(plan.problems, "unit_outside_scope", 6, "Mã đơn vị"));
  EXPECT_TRUE(plan.unit_writes.empty());
}

TEST(OrgImportPlan, AUnitMovedOrRenamedIsSaidSo) {
  const auto plan =
      plan_org_import(units_file({unit_cells("SNV-TCCB", "Phòng Tổ chức cán bộ", "SNV-VP"),
                                  unit_cells("SNV-VP", "Văn phòng Sở", "SNV")}),
                      current(), 1, kToday);
  ASSERT_TRUE(plan.ok()) << plan.problems.front().message_vi;
  EXPECT_EQ(change(plan.units, "SNV-TCCB").kind, ChangeKind::Moved);
  const auto& vp = change(plan.units, "SNV-VP");
  EXPECT_EQ(vp.kind, ChangeKind::Changed);
  EXPECT_EQ(vp.fields[0].before, "Văn phòng");
  EXPECT_EQ(vp.fields[0].after, "Văn phòng Sở");
  EXPECT_EQ(plan.unit_writes[0].after.code, "SNV-VP");  // the new superior is written first
}

TEST(OrgImportPlan, AUnitsOnlyFileCannotDropAUnitThatStillHasPeople) {
  const auto plan = plan_org_import(
      units_file({unit_cells("SNV-TCCB", "Phòng Tổ chức cán bộ", "SNV")}), current(), 1, kToday);
  ASSERT_EQ(plan.problems.size(), 1u);
  EXPECT_EQ(plan.problems[0].code, "unit_has_people");
  EXPECT_NE(plan.problems[0].message_vi.find("SNV-VP"), std::string::npos);
}

TEST(OrgImportPlan, TheYearsFactsAreRecordedWhenTheyChange) {
  auto header = minimal_header();
  header.push_back(cell("Số tháng nghỉ trong năm"));
  header.push_back(cell("Bị kỷ luật trong năm"));
  auto cb1 = minimal("CB1", "Nguyễn Thị Lan", "SNV-TCCB");
  cb1.push_back(cell("4"));
  cb1.push_back(cell("có"));
  auto cb2 = minimal("CB2", "Trần Văn Nam", "SNV-VP");
  cb2.push_back(cell(""));
  cb2.push_back(cell("không"));
  auto org = current();
  org.people[1].facts.leave_months = 0;
  org.people[1].facts.disciplined = false;
  const auto plan = plan_org_import(people_file({cb1, cb2}, header), org, 1, kToday);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(change(plan.people, "CB2").kind, ChangeKind::Unchanged);
  const auto& c = change(plan.people, "CB1");
  EXPECT_EQ(c.kind, ChangeKind::Changed);
  ASSERT_EQ(plan.person_writes.size(), 1u);
  ASSERT_TRUE(plan.person_writes[0].facts);
  EXPECT_EQ(plan.person_writes[0].facts->leave_months, 4);
  EXPECT_EQ(plan.person_writes[0].facts->disciplined, true);
  EXPECT_FALSE(plan.person_writes[0].assignment_changed);
}

}  // namespace
}  // namespace kd::wf

namespace kd::wf {
namespace {

using namespace test;

TEST(OrgImportPlan, PeopleNeverGivenACodeAreKeptAndCounted) {
  auto org = current();
  CurrentPerson admin;
  admin.id = 12;
  admin.unit_id = 1;
  admin.state.full_name = "Lý Thị Ánh";
  admin.state.unit_code = "SNV";
  org.people.push_back(admin);
  const auto plan = plan_org_import(
      people_file({{cell("CB1"), cell("Nguyễn Thị Lan"), cell("SNV-TCCB"), cell("Công chức")},
                   {cell("CB2"), cell("Trần Văn Nam"), cell("SNV-VP"), cell("Công chức")}},
                  {cell("Mã cán bộ"), cell("Họ và tên"), cell("Mã đơn vị"), cell("Nhóm")}),
      org, 1, kToday, Id{12});
  ASSERT_TRUE(plan.ok()) << plan.problems.front().message_vi;
  EXPECT_FALSE(plan.changes());
  ASSERT_EQ(plan.ignored.size(), 1u);
  EXPECT_EQ(plan.ignored[0].rfind("1 người", 0), 0u);
}

TEST(OrgImportPlan, TheAdministratorCannotDeactivateThemself) {
  const auto plan = plan_org_import(
      people_file({{cell("CB1"), cell("Nguyễn Thị Lan"), cell("SNV-TCCB"), cell("Công chức")}},
                  {cell("Mã cán bộ"), cell("Họ và tên"), cell("Mã đơn vị"), cell("Nhóm")}),
      current(), 1, kToday, Id{11});
  ASSERT_EQ(plan.problems.size(), 1u);
  EXPECT_EQ(plan.problems[0].code, "actor_deactivated");
  EXPECT_NE(plan.problems[0].message_vi.find("\"CB2\""), std::string::npos);
}

TEST(OrgImportPlan, ADroppedUnitMayNotKeepSomeoneTheFileLeavesThere) {
  const auto plan =
      plan_org_import(org_file({unit_cells("SNV-TCCB", "Phòng Tổ chức cán bộ", "SNV")},
                               {person_cells("CB1", "Nguyễn Thị Lan", "SNV-TCCB"),
                                person_cells("CB2", "Trần Văn Nam", "SNV-VP")}),
                      current(), 1, kToday);
  EXPECT_TRUE(has_problem(plan.problems, "unknown_unit", 3, "Mã đơn vị"));
  EXPECT_TRUE(has_problem(plan.problems, "unit_has_people", 0, "Mã đơn vị"));
}

}  // namespace
}  // namespace kd::wf
