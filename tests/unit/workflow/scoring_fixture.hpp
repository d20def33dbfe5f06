// The ND 335 scoring rules and an agency's product catalogue built in code, so
// the domain tests need no file (the shipped file is checked against the same
// values in tests/unit/config).
#pragma once

#include <string>
#include <vector>

#include "workflow/period_authority.hpp"
#include "workflow/period_machine.hpp"
#include "workflow/scoring_rules.hpp"

namespace kd::wf::test {

inline CriterionItem criterion(std::string code, std::string title, Centi max) {
  CriterionItem i;
  i.code = std::move(code);
  i.title = std::move(title);
  i.max = max;
  return i;
}

inline CriteriaSheet make_general_sheet() {
  CriteriaSheet s;
  s.key = "chung";
  s.title = "Tiêu chí chung";
  s.scope = SheetScope::All;
  s.max = 3000;
  s.step = 50;
  s.groups = {
      {"I",
       "Phẩm chất chính trị, phẩm chất đạo đức, văn hóa thực thi công vụ và ý thức kỷ luật",
       1000,
       {criterion("I.1", "Phẩm chất chính trị, phẩm chất đạo đức, văn hóa thực thi công vụ", 500),
        criterion("I.2", "Ý thức kỷ luật, kỷ cương trong thực thi công vụ", 500)},
       {}},
      {"II",
       "Năng lực chuyên môn, nghiệp vụ; tinh thần trách nhiệm; thái độ phục vụ",
       1000,
       {criterion("II.1", "Năng lực chuyên môn, nghiệp vụ theo yêu cầu của vị trí việc làm", 250),
        criterion("II.2", "Khả năng đáp ứng yêu cầu thực thi nhiệm vụ được giao", 250),
        criterion("II.3", "Tinh thần trách nhiệm trong thực thi công vụ", 250),
        criterion("II.4", "Thái độ phục vụ người dân, doanh nghiệp; phối hợp với đồng nghiệp",
                  250)},
       {}},
      {"III",
       "Năng lực đổi mới, sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm",
       1000,
       {criterion("III.1", "Có sản phẩm, giải pháp đột phá, sáng tạo", 250),
        criterion("III.2", "Sẵn sàng tham gia nhiệm vụ đột xuất, phức tạp", 250),
        criterion("III.3", "Chịu trách nhiệm trước kết quả công việc", 250),
        criterion("III.4", "Chủ động quyết định trong phạm vi thẩm quyền", 250)},
       {}},
  };
  return s;
}

inline ScoringRules make_nd335_rules() {
  ScoringRules r;
  r.sheets = {make_general_sheet()};
  r.bands = {{Rating::HTXS, 9000}, {Rating::HTT, 7000}, {Rating::HT, 5000}, {Rating::KHT, 0}};
  r.kht.discipline_levels = {"khien_trach", "canh_cao",  "ha_bac_luong",
                             "giang_chuc",  "cach_chuc", "buoc_thoi_viec"};
  r.kht.discipline_min_level = "khien_trach";
  r.period_working_days = {{PeriodStage::SelfScored, 3},
                           {PeriodStage::ManagerScored, 6},
                           {PeriodStage::Approved, 8},
                           {PeriodStage::Locked, 10}};
  return r;
}

// Every item at its maximum except those listed, each with a reason.
inline CriteriaScores full_scores(const std::vector<std::pair<std::string, Centi>>& except = {}) {
  CriteriaScores s;
  for (const auto& item : items_of(make_general_sheet())) s[item.code].points = item.max;
  for (const auto& [code, points] : except) {
    s[code].points = points;
    s[code].reason = "Chưa hoàn thành đúng yêu cầu trong kỳ";
  }
  return s;
}

// Sở Nội vụ's catalogue: version 1 from 01/01/2026, version 2 from 01/07/2026 (VB-01 K 1,2).
inline ProductCatalogue make_catalogue() {
  ProductCatalogue c;
  c.agency_id = 1;
  CatalogueVersion v1;
  v1.version = 1;
  v1.valid_from = Date{2026, 1, 1};
  v1.decision = "Quyết định số 05/QĐ-SNV";
  v1.products = {
      {"VB-01", "Dự thảo văn bản hành chính", "Công văn, tờ trình", "Nhóm 1", 10000, "văn bản"},
      {"HS-02", "Thẩm định hồ sơ bổ nhiệm", "Báo cáo thẩm định", "Nhóm 3", 25000, "hồ sơ"},
      {"BC-03", "Báo cáo định kỳ", "Báo cáo", "Nhóm 1", 5000, "báo cáo"},
  };
  CatalogueVersion v2 = v1;
  v2.version = 2;
  v2.valid_from = Date{2026, 7, 1};
  v2.decision = "Quyết định số 41/QĐ-SNV";
  v2.products[0].k = 12000;
  c.versions = {v1, v2};
  return c;
}

inline Evidence file_evidence(const std::string& name = "du-thao.pdf") {
  Evidence e;
  e.kind = "file";
  e.name = name;
  e.sha256 = std::string(64, 'a');
  return e;
}

inline PeriodTask make_task(std::string key, Factor k, Qty assigned, Qty completed) {
  PeriodTask t;
  t.key = std::move(key);
  t.title = "Nhiệm vụ " + t.key;
  t.k = k;
  t.assigned = assigned;
  t.completed = completed;
  return t;
}

inline Deduction deduction(DeductionKind kind, bool excused = false) {
  Deduction d;
  d.kind = kind;
  d.note =
      kind == DeductionKind::Quality ? "Trả lại dự thảo: sai căn cứ" : "Chậm 2 ngày so với hạn";
  d.excused = excused;
  if (excused) d.excuse_reason = "Chờ ý kiến của cơ quan phối hợp quá hạn";
  return d;
}

}  // namespace kd::wf::test
