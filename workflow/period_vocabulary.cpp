#include "workflow/period_vocabulary.hpp"

namespace kd::wf {
namespace {

// One row per value: the stable name beside the Vietnamese label.
template <class E>
struct Entry {
  E value;
  std::string_view name;
  std::string_view label;
};

constexpr Entry<PeriodKind> kKinds[] = {
    {PeriodKind::Month, "month", "Tháng"},
    {PeriodKind::Quarter, "quarter", "Quý"},
};

constexpr Entry<PeriodStage> kStages[] = {
    {PeriodStage::Open, "open", "Đang mở kỳ đánh giá"},
    {PeriodStage::TasksRegistered, "tasks_registered", "Đã đăng ký nhiệm vụ"},
    {PeriodStage::ProductsSubmitted, "products_submitted", "Đã báo cáo sản phẩm"},
    {PeriodStage::SelfScored, "self_scored", "Đã tự chấm điểm"},
    {PeriodStage::ManagerScored, "manager_scored", "Cấp có thẩm quyền đã chấm điểm"},
    {PeriodStage::Approved, "approved", "Người đứng đầu đã phê duyệt"},
    {PeriodStage::Locked, "locked", "Đã khóa kết quả"},
};

constexpr Entry<PeriodAction> kActions[] = {
    {PeriodAction::RegisterTasks, "register_tasks", "Đăng ký nhiệm vụ"},
    {PeriodAction::SubmitProducts, "submit_products", "Báo cáo sản phẩm, minh chứng"},
    {PeriodAction::SelfScore, "self_score", "Tự chấm điểm"},
    {PeriodAction::Score, "score", "Chấm điểm, nhận xét"},
    {PeriodAction::Approve, "approve", "Phê duyệt kết quả"},
    {PeriodAction::Lock, "lock", "Khóa kết quả"},
    {PeriodAction::Return, "return", "Trả lại"},
    {PeriodAction::Unlock, "unlock", "Mở khóa kết quả"},
};

template <class E, std::size_t N>
std::string_view name_of(const Entry<E> (&table)[N], E v) {
  for (const auto& e : table)
    if (e.value == v) return e.name;
  return "?";
}
template <class E, std::size_t N>
std::string_view label_of(const Entry<E> (&table)[N], E v) {
  for (const auto& e : table)
    if (e.value == v) return e.label;
  return "?";
}
template <class E, std::size_t N>
std::optional<E> parse_in(const Entry<E> (&table)[N], std::string_view s) {
  for (const auto& e : table)
    if (e.name == s) return e.value;
  return std::nullopt;
}

}  // namespace

const std::array<PeriodKind, 2>& all_period_kinds() {
  static const std::array<PeriodKind, 2> a = {PeriodKind::Month, PeriodKind::Quarter};
  return a;
}
const std::array<PeriodStage, 7>& all_period_stages() {
  static const std::array<PeriodStage, 7> a = {
      PeriodStage::Open,       PeriodStage::TasksRegistered, PeriodStage::ProductsSubmitted,
      PeriodStage::SelfScored, PeriodStage::ManagerScored,   PeriodStage::Approved,
      PeriodStage::Locked};
  return a;
}
const std::array<PeriodAction, 8>& all_period_actions() {
  static const std::array<PeriodAction, 8> a = {
      PeriodAction::RegisterTasks, PeriodAction::SubmitProducts, PeriodAction::SelfScore,
      PeriodAction::Score,         PeriodAction::Approve,        PeriodAction::Lock,
      PeriodAction::Return,        PeriodAction::Unlock};
  return a;
}

std::string_view to_string(PeriodKind v) { return name_of(kKinds, v); }
std::string_view to_string(PeriodStage v) { return name_of(kStages, v); }
std::string_view to_string(PeriodAction v) { return name_of(kActions, v); }
std::optional<PeriodKind> parse_period_kind(std::string_view s) { return parse_in(kKinds, s); }
std::optional<PeriodStage> parse_period_stage(std::string_view s) { return parse_in(kStages, s); }
std::optional<PeriodAction> parse_period_action(std::string_view s) {
  return parse_in(kActions, s);
}
std::string_view label_vi(PeriodKind v) { return label_of(kKinds, v); }
std::string_view label_vi(PeriodStage v) { return label_of(kStages, v); }
std::string_view label_vi(PeriodAction v) { return label_of(kActions, v); }

}  // namespace kd::wf
