#include "workflow/vocabulary.hpp"

#include <cstddef>

namespace kd::wf {
namespace {

// One row per value: the stable name and the Vietnamese label side by side, so
// a value cannot get a name without a label.
template <class E>
struct Entry {
  E value;
  std::string_view name;
  std::string_view label;
};

constexpr Entry<Stage> kStages[] = {
    {Stage::SelfAssessment, "self_assessment", "Tự đánh giá"},
    {Stage::CollectiveReview, "collective_review", "Họp tập thể góp ý"},
    {Stage::HeadOpinion, "head_opinion", "Nhận xét của người đứng đầu"},
    {Stage::CommitteeDecision, "committee_decision", "Cấp có thẩm quyền quyết định"},
    {Stage::Decided, "decided", "Đã quyết định xếp loại"},
    {Stage::Published, "published", "Đã thông báo, công khai"},
    {Stage::Complaint, "complaint", "Giải quyết kiến nghị"},
    {Stage::Closed, "closed", "Đã kết thúc"},
};

constexpr Entry<Action> kActions[] = {
    {Action::Submit, "submit", "Nộp bản tự đánh giá"},
    {Action::RecordMeeting, "record_meeting", "Ghi biên bản họp"},
    {Action::GiveOpinion, "give_opinion", "Nhận xét, đề xuất xếp loại"},
    {Action::Decide, "decide", "Quyết định xếp loại"},
    {Action::Publish, "publish", "Thông báo, công khai kết quả"},
    {Action::Complain, "complain", "Gửi kiến nghị"},
    {Action::ResolveComplaint, "resolve_complaint", "Giải quyết kiến nghị"},
    {Action::Close, "close", "Kết thúc hồ sơ"},
    {Action::Return, "return", "Trả lại hồ sơ"},
};

constexpr Entry<Rating> kRatings[] = {
    {Rating::HTXS, "HTXS", "Hoàn thành xuất sắc nhiệm vụ"},
    {Rating::HTT, "HTT", "Hoàn thành tốt nhiệm vụ"},
    {Rating::HT, "HT", "Hoàn thành nhiệm vụ"},
    {Rating::KHT, "KHT", "Không hoàn thành nhiệm vụ"},
};

constexpr Entry<Group> kGroups[] = {
    {Group::CanBo, "can_bo", "Cán bộ"},
    {Group::CongChuc, "cong_chuc", "Công chức"},
    {Group::VienChuc, "vien_chuc", "Viên chức"},
    {Group::DangVien, "dang_vien", "Đảng viên"},
};

constexpr Entry<Role> kRoles[] = {
    {Role::Reviewee, "reviewee", "Người được đánh giá"},
    {Role::Member, "member", "Thành viên"},
    {Role::Secretary, "secretary", "Thư ký"},
    {Role::Chair, "chair", "Chủ trì"},
    {Role::Head, "head", "Người đứng đầu"},
    {Role::Committee, "committee", "Cấp ủy, cấp có thẩm quyền"},
    {Role::Supervisor, "supervisor", "Cấp trên theo dõi"},
    {Role::Admin, "admin", "Quản trị viên"},
    {Role::DeputyHead, "deputy_head", "Cấp phó của người đứng đầu"},
};

template <class E, std::size_t N>
const Entry<E>& entry(const Entry<E> (&table)[N], E value) {
  for (const auto& e : table) {
    if (e.value == value) return e;
  }
  return table[0];  // unreachable: every enumerator has a row (tested)
}

template <class E, std::size_t N>
std::optional<E> parse(const Entry<E> (&table)[N], std::string_view name) {
  for (const auto& e : table) {
    if (e.name == name) return e.value;
  }
  return std::nullopt;
}

template <class E, std::size_t N>
std::array<E, N> values(const Entry<E> (&table)[N]) {
  std::array<E, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = table[i].value;
  return out;
}

}  // namespace

const std::array<Stage, 8>& all_stages() {
  static const auto v = values(kStages);
  return v;
}
bool produces_documents(Action a) {
  switch (a) {
    case Action::Submit:
    case Action::RecordMeeting:
    case Action::GiveOpinion:
    case Action::Decide:
    case Action::Publish:
    case Action::ResolveComplaint:
      return true;
    case Action::Complain:
    case Action::Close:
    case Action::Return:
      return false;
  }
  return false;
}

const std::array<Action, 9>& all_actions() {
  static const auto v = values(kActions);
  return v;
}
const std::array<Rating, 4>& all_ratings() {
  static const auto v = values(kRatings);
  return v;
}
const std::array<Group, 4>& all_groups() {
  static const auto v = values(kGroups);
  return v;
}
const std::array<Role, 9>& all_roles() {
  static const auto v = values(kRoles);
  return v;
}

std::string_view to_string(Stage v) { return entry(kStages, v).name; }
std::string_view to_string(Action v) { return entry(kActions, v).name; }
std::string_view to_string(Rating v) { return entry(kRatings, v).name; }
std::string_view to_string(Group v) { return entry(kGroups, v).name; }
std::string_view to_string(Role v) { return entry(kRoles, v).name; }

std::optional<Stage> parse_stage(std::string_view s) { return parse(kStages, s); }
std::optional<Action> parse_action(std::string_view s) { return parse(kActions, s); }
std::optional<Rating> parse_rating(std::string_view s) { return parse(kRatings, s); }
std::optional<Group> parse_group(std::string_view s) { return parse(kGroups, s); }
std::optional<Role> parse_role(std::string_view s) { return parse(kRoles, s); }

std::string_view label_vi(Stage v) { return entry(kStages, v).label; }
std::string_view label_vi(Action v) { return entry(kActions, v).label; }
std::string_view label_vi(Rating v) { return entry(kRatings, v).label; }
std::string_view label_vi(Group v) { return entry(kGroups, v).label; }
std::string_view label_vi(Role v) { return entry(kRoles, v).label; }

bool better_than(Rating a, Rating b) {
  return static_cast<int>(a) < static_cast<int>(b);  // enumerators are ordered best first
}

}  // namespace kd::wf
