// The public vocabulary of a review: stages, actions, ratings, groups and roles.
//
// Invariant: the snake_case names returned by to_string() are stable. They are
// stored in the database and used unchanged in the API; new values may be
// added, existing ones are never renamed. parse_*() is the exact inverse.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace kd::wf {

// Version of the state machine definition stored beside every review.
inline constexpr int kWorkflowVersion = 1;

enum class Stage {
  SelfAssessment,     // "self_assessment"
  CollectiveReview,   // "collective_review"
  HeadOpinion,        // "head_opinion"
  CommitteeDecision,  // "committee_decision"
  Decided,            // "decided"
  Published,          // "published"
  Complaint,          // "complaint"
  Closed,             // "closed"
};

enum class Action {
  Submit,            // "submit"            reviewee
  RecordMeeting,     // "record_meeting"    secretary
  GiveOpinion,       // "give_opinion"      head / direct manager
  Decide,            // "decide"            committee (normally in a batch)
  Publish,           // "publish"           committee / authority (batch)
  Complain,          // "complain"          reviewee, inside the complaint window
  ResolveComplaint,  // "resolve_complaint" committee: confirm or change the rating
  Close,             // "close"
  Return,            // "return"            any reviewing stage back to the previous actor
};

// HTXS Hoàn thành xuất sắc nhiệm vụ, HTT Hoàn thành tốt nhiệm vụ,
// HT Hoàn thành nhiệm vụ, KHT Không hoàn thành nhiệm vụ. Ordered best first.
enum class Rating { HTXS, HTT, HT, KHT };

// cán bộ, công chức, viên chức, đảng viên.
enum class Group { CanBo, CongChuc, VienChuc, DangVien };

enum class Role {
  Reviewee,
  Member,
  Secretary,
  Chair,
  Head,
  Committee,
  Supervisor,
  Admin,
  DeputyHead,  // cấp phó của người đứng đầu
};

// Whether an accepted action produces official documents (domain.md §5; which ones is the
// documents module's kinds_for_action, kept in step with this by a test). Return, complain
// and close produce none: no render job is queued for them.
bool produces_documents(Action);

const std::array<Stage, 8>& all_stages();
const std::array<Action, 9>& all_actions();
const std::array<Rating, 4>& all_ratings();
const std::array<Group, 4>& all_groups();
const std::array<Role, 9>& all_roles();

std::string_view to_string(Stage);
std::string_view to_string(Action);
std::string_view to_string(Rating);  // "HTXS", "HTT", "HT", "KHT"
std::string_view to_string(Group);   // "can_bo", "cong_chuc", "vien_chuc", "dang_vien"
std::string_view to_string(Role);    // "reviewee", "member", "secretary", ...

std::optional<Stage> parse_stage(std::string_view);
std::optional<Action> parse_action(std::string_view);
std::optional<Rating> parse_rating(std::string_view);
std::optional<Group> parse_group(std::string_view);
std::optional<Role> parse_role(std::string_view);

// Vietnamese labels for people (NFC, full diacritics).
std::string_view label_vi(Stage);   // "Tự đánh giá", "Họp tập thể góp ý", ...
std::string_view label_vi(Action);  // "Nộp bản tự đánh giá", ...
std::string_view label_vi(Rating);  // "Hoàn thành xuất sắc nhiệm vụ", ...
std::string_view label_vi(Group);   // "Cán bộ", "Công chức", "Viên chức", "Đảng viên"
std::string_view label_vi(Role);

// Rating order: true when a is strictly better than b (HTXS > HTT > HT > KHT).
bool better_than(Rating a, Rating b);

}  // namespace kd::wf
