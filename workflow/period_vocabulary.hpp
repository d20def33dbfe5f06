// The vocabulary of the periodic scoring cycle (Nghị định 335/2025: "theo dõi,
// đánh giá hằng tháng hoặc hằng quý"): period kinds, stages and actions.
//
// Invariant: the snake_case names are stable. They are stored and used in the
// API unchanged; new values may be added, existing ones are never renamed.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace kd::wf {

enum class PeriodKind {
  Month,    // "month"   tháng
  Quarter,  // "quarter" quý
};

// One period of one person: from opening to locking.
enum class PeriodStage {
  Open,               // "open"               the period is open, no task registered yet
  TasksRegistered,    // "tasks_registered"   tasks of the period registered (or assigned)
  ProductsSubmitted,  // "products_submitted" products reported with their evidence
  SelfScored,         // "self_scored"        the person scored the general criteria
  ManagerScored,      // "manager_scored"     scored by the competent evaluator (direct manager)
  Approved,           // "approved"           approved by the head
  Locked,             // "locked"             locked: the score counts for the year
};

enum class PeriodAction {
  RegisterTasks,  // "register_tasks"   the person or the manager (or an import) registers the tasks
  SubmitProducts,  // "submit_products"  the person reports completed products with evidence
  SelfScore,       // "self_score"       the person scores the general criteria
  Score,           // "score"            the manager: criteria, deductions excused, d/đ/e, comment
  Approve,         // "approve"          the head approves
  Lock,            // "lock"             the head locks the period
  Return,          // "return"           back one step, with a reason
  Unlock,          // "unlock"           audited reopening of a locked period (reason, decision)
};

const std::array<PeriodKind, 2>& all_period_kinds();
const std::array<PeriodStage, 7>& all_period_stages();
const std::array<PeriodAction, 8>& all_period_actions();

std::string_view to_string(PeriodKind);
std::string_view to_string(PeriodStage);
std::string_view to_string(PeriodAction);
std::optional<PeriodKind> parse_period_kind(std::string_view);
std::optional<PeriodStage> parse_period_stage(std::string_view);
std::optional<PeriodAction> parse_period_action(std::string_view);

std::string_view label_vi(PeriodKind);    // "Tháng", "Quý"
std::string_view label_vi(PeriodStage);   // "Đang mở", "Đã đăng ký nhiệm vụ", ...
std::string_view label_vi(PeriodAction);  // "Đăng ký nhiệm vụ", ...

}  // namespace kd::wf
