#include "workflow/meeting_roles.hpp"

#include <string>

#include "workflow/calendar.hpp"

namespace kd::wf {
namespace {

Refusal refused(std::string code, std::string message, std::string field) {
  return Refusal{RefusalKind::GuardFailed, std::move(code), std::move(message), std::move(field)};
}

}  // namespace

Refusals check_meeting_roles(const MeetingRecord& m, const Review& review, const Person& reviewee,
                             const Regime& regime, const OrgTree& org) {
  constexpr const char* kChairField = "meeting.chair_id";
  constexpr const char* kSecretaryField = "meeting.secretary_id";
  const Unit* u = org.unit(review.unit_id);
  const std::string unit = u ? u->name : "đơn vị #" + std::to_string(review.unit_id);
  const std::string day = to_dmy(m.date);
  Refusals out;

  bool check_chair_role = true;
  bool check_secretary_role = true;
  if (m.chair_id == 0) {
    out.push_back(refused("chair_required", "Chưa ghi người chủ trì cuộc họp.", kChairField));
    check_chair_role = false;
  }
  if (m.secretary_id == 0) {
    out.push_back(refused("secretary_required", "Chưa ghi thư ký cuộc họp.", kSecretaryField));
    check_secretary_role = false;
  }
  if (m.chair_id != 0 && m.chair_id == m.secretary_id) {
    out.push_back(refused("chair_is_secretary",
                          "Chủ trì và thư ký cuộc họp phải là hai người khác nhau: một người "
                          "không được vừa chủ trì vừa ghi biên bản.",
                          kSecretaryField));
  }
  if (m.secretary_id != 0 && m.secretary_id == review.person_id) {
    out.push_back(refused("reviewee_is_secretary",
                          "Người được đánh giá (" + reviewee.full_name +
                              ") không được làm thư ký cuộc họp góp ý cho chính mình.",
                          kSecretaryField));
    check_secretary_role = false;
  }
  if (m.chair_id != 0 && m.chair_id == review.person_id) {
    const bool head = org.has_role_in(review.person_id, Role::Head, review.unit_id, m.date);
    if (!regime.meeting.head_chairs_own_review) {
      out.push_back(refused("reviewee_is_chair",
                            "Theo " + regime.title + ", người được đánh giá (" +
                                reviewee.full_name +
                                ") không được chủ trì cuộc họp góp ý cho chính mình.",
                            kChairField));
      check_chair_role = false;
    } else if (!head) {
      out.push_back(refused("reviewee_is_chair",
                            "Người được đánh giá (" + reviewee.full_name +
                                ") chỉ được chủ trì cuộc họp góp ý cho chính mình khi là người "
                                "đứng đầu " +
                                unit + ".",
                            kChairField));
      check_chair_role = false;
    }
  }
  if (check_chair_role &&
      !org.has_role_at_or_above(m.chair_id, Role::Chair, review.unit_id, m.date))
    out.push_back(refused("chair_role_required",
                          "Người được ghi là chủ trì không giữ vai trò Chủ trì cuộc họp của " +
                              unit + " hoặc đơn vị cấp trên vào ngày họp " + day + ".",
                          kChairField));
  if (check_secretary_role &&
      !org.has_role_at_or_above(m.secretary_id, Role::Secretary, review.unit_id, m.date))
    out.push_back(refused("secretary_role_required",
                          "Người được ghi là thư ký không giữ vai trò Thư ký cuộc họp của " + unit +
                              " hoặc đơn vị cấp trên vào ngày họp " + day + ".",
                          kSecretaryField));
  return out;
}

}  // namespace kd::wf
