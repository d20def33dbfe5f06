// One person's scoring period (a month or a quarter) and what it records:
// the tasks with their products and evidence, the deductions, the general
// criteria scored by the person and by the competent evaluator, a leader's
// factors d, đ, e, the comments, and who approved, locked or unlocked it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workflow/calendar.hpp"
#include "workflow/organisation.hpp"
#include "workflow/period_vocabulary.hpp"
#include "workflow/points.hpp"

namespace kd::wf {

// Which month or quarter of which year.
struct PeriodRef {
  int year = 2026;
  PeriodKind kind = PeriodKind::Month;
  int index = 1;  // month 1–12, quarter 1–4

  int first_month() const { return kind == PeriodKind::Month ? index : 3 * (index - 1) + 1; }
  int months() const { return kind == PeriodKind::Month ? 1 : 3; }
  Date first_day() const { return Date{year, first_month(), 1}; }
  Date last_day() const;
  friend bool operator==(const PeriodRef& a, const PeriodRef& b) {
    return a.year == b.year && a.kind == b.kind && a.index == b.index;
  }
  friend bool operator<(const PeriodRef& a, const PeriodRef& b) {
    if (a.year != b.year) return a.year < b.year;
    if (a.first_month() != b.first_month()) return a.first_month() < b.first_month();
    return a.kind < b.kind;
  }
};

bool is_valid(const PeriodRef&);
// "Tháng 01/2026", "Quý I/2026".
std::string label_vi(const PeriodRef&);
// Stable key: "2026-01" (month), "2026-Q1" (quarter).
std::string to_key(const PeriodRef&);
std::optional<PeriodRef> parse_period_key(std::string_view);

// Evidence of a product: a stored file (by SHA-256, like the documents), a link,
// or a reference to a document by its number.
struct Evidence {
  std::string kind;             // "file" | "link" | "document"
  std::string sha256;           // file: lowercase hex of the stored bytes
  std::string name;             // file name or a short description
  std::string url;              // link
  std::string document_number;  // document: "Số: 125/SNV-TCCB"
};

enum class DeductionKind {
  Quality,  // "quality" a failed quality review of the content
  Delay,    // "delay"   a delay against the due date
};

// One deduction event on a task; an excused one (objective cause accepted by
// the competent level) deducts nothing but stays on record with its reason.
struct Deduction {
  DeductionKind kind = DeductionKind::Quality;
  std::string note;  // what happened ("Trả lại dự thảo lần 1: sai căn cứ pháp lý")
  bool excused = false;
  std::string excuse_reason;
  Id excused_by = 0;
};

// A task of the period. The product and K are taken from the agency's
// catalogue when the task is registered and kept with the task.
struct PeriodTask {
  std::string key;  // stable within the period ("t1", or the importing system's id)
  std::string title;
  std::string product_code;
  std::string product_name;
  Factor k = kFactorPerUnit;
  Qty assigned = 0;   // quantity assigned
  Qty completed = 0;  // quantity completed (may exceed assigned)
  std::optional<Date> due;
  std::string origin = "manual";  // "manual", "manager", or "import:<system>"
  std::vector<Deduction> deductions;
  std::vector<Evidence> evidence;
};

// One scored item of the general criteria.
struct CriterionScore {
  Centi points = 0;
  std::string reason;  // required when points < max (every point withheld is explained)
  std::vector<Evidence> evidence;
};
using CriteriaScores = std::map<std::string, CriterionScore>;  // by item code

// A leader's extra factors, in percent (values allowed by the regime: 100 or 50).
struct LeaderFactors {
  int d = 100;  // kết quả hoạt động của lĩnh vực được giao lãnh đạo, quản lý, phụ trách
  int dd = 100;  // đ: khả năng tổ chức triển khai thực hiện nhiệm vụ
  int e = 100;   // năng lực tập hợp, đoàn kết công chức thuộc phạm vi quản lý
  std::string d_reason, dd_reason, e_reason;  // required below the best value
  std::string field;  // deputies: the field of work assigned ("lĩnh vực được giao phụ trách")
};

struct UnlockRecord {
  Id by = 0;
  TimePoint at;
  std::string reason;
  std::string decision;  // the written decision allowing the correction
};

struct PeriodRecord {
  Id id = 0;
  Id person_id = 0;
  Id unit_id = 0;
  PeriodRef ref;
  PeriodStage stage = PeriodStage::Open;
  int version = 1;  // optimistic concurrency counter, +1 per accepted action

  std::vector<PeriodTask> tasks;
  std::string no_tasks_reason;  // the manager's reason when no task was assigned
  CriteriaScores self_scores;
  CriteriaScores manager_scores;
  std::optional<Centi> self_task_points;     // Entered method only
  std::optional<Centi> manager_task_points;  // Entered method only
  std::optional<LeaderFactors> leader_factors;
  std::string strengths;     // 4. Ưu điểm
  std::string shortcomings;  // 5. Hạn chế, khuyết điểm
  std::string manager_comment;  // 6. Ý kiến nhận xét của cấp có thẩm quyền theo dõi, đánh giá

  Id scored_by = 0;
  Id approved_by = 0;
  Id locked_by = 0;
  std::optional<TimePoint> locked_at;
  std::vector<UnlockRecord> unlocks;
  std::string last_return_reason;

  const PeriodTask* task(const std::string& key) const;
};

}  // namespace kd::wf
