#include "workflow/signing_roles.hpp"

#include <algorithm>
#include <string>

namespace kd::wf {
namespace {

bool signed_as(const std::vector<CarriedSignature>& done, Role role) {
  return std::any_of(done.begin(), done.end(),
                     [&](const CarriedSignature& c) { return c.role == role; });
}

bool signed_by(const std::vector<CarriedSignature>& done, Id signer) {
  return std::any_of(done.begin(), done.end(),
                     [&](const CarriedSignature& c) { return c.signer == signer; });
}

SigningTurn refused(RefusalKind kind, std::string code, std::string message) {
  return SigningTurn{std::nullopt, Refusal{kind, std::move(code), std::move(message), {}}};
}

SigningTurn turn(Role role) { return SigningTurn{role, {}}; }

SigningTurn minutes_turn(Id signer, const std::optional<MeetingRecord>& meeting,
                         const std::vector<CarriedSignature>& done) {
  if (!meeting)
    return refused(RefusalKind::Forbidden, "role_required",
                   "Hồ sơ chưa có biên bản họp ghi thư ký và chủ trì cuộc họp, nên chưa ai "
                   "được ký biên bản này.");
  const bool secretary = meeting->secretary_id == signer;
  const bool chair = meeting->chair_id == signer;
  const bool secretary_done = signed_as(done, Role::Secretary);
  const bool chair_done = signed_as(done, Role::Chair);
  const std::string only = "Chỉ thư ký và chủ trì cuộc họp của đơn vị được ký biên bản họp.";
  if (secretary_done && chair_done)
    return refused(RefusalKind::NotAllowedInStage, "already_signed",
                   "Biên bản đã có đủ chữ ký của thư ký và chủ trì cuộc họp.");
  if (!secretary_done) {
    if (secretary) return turn(Role::Secretary);
    if (chair)
      return refused(RefusalKind::NotAllowedInStage, "wrong_order",
                     "Sai thứ tự ký: thư ký cuộc họp phải ký biên bản trước, sau đó "
                     "chủ trì cuộc họp mới ký.");
    return refused(RefusalKind::Forbidden, "role_required", only);
  }
  if (chair && signed_by(done, signer))
    return refused(RefusalKind::Forbidden, "same_signer",
                   "Đã ký biên bản với tư cách thư ký: một người không được ký biên bản với "
                   "cả hai tư cách thư ký và chủ trì. Chủ trì cuộc họp phải là người khác; cần "
                   "trả lại hồ sơ để ghi lại biên bản.");
  if (chair) return turn(Role::Chair);
  if (secretary)
    return refused(RefusalKind::NotAllowedInStage, "already_signed",
                   "Thư ký đã ký biên bản; đang chờ chữ ký của chủ trì cuộc họp.");
  return refused(RefusalKind::Forbidden, "role_required", only);
}

SigningTurn single_turn(const OrgTree& org, Id signer, Id unit,
                        const std::vector<CarriedSignature>& done, Role role,
                        const std::string& who, const std::string& what) {
  if (signed_as(done, role))
    return refused(RefusalKind::NotAllowedInStage, "already_signed", what + " đã được ký.");
  if (!org.has_role_at_or_above(signer, role, unit))
    return refused(RefusalKind::Forbidden, "role_required",
                   "Chỉ " + who + " được ký " + what + ".");
  return turn(role);
}

}  // namespace

const std::vector<Role>& signing_roles(std::string_view kind) {
  static const std::vector<Role> minutes = {Role::Secretary, Role::Chair};
  static const std::vector<Role> head = {Role::Head};
  static const std::vector<Role> committee = {Role::Committee};
  static const std::vector<Role> reviewee = {Role::Reviewee};
  static const std::vector<Role> none;
  if (kind == "meeting_minutes") return minutes;
  if (kind == "self_assessment_form") return reviewee;
  if (kind == "opinion_form") return head;
  if (kind == "decision" || kind == "result_notice" || kind == "final_form" ||
      kind == "public_list")
    return committee;
  return none;
}

std::string_view signing_role_name_vi(Role role) {
  switch (role) {
    case Role::Secretary:
      return "Thư ký";
    case Role::Chair:
      return "Chủ trì";
    case Role::Head:
      return "Người đứng đầu";
    case Role::Committee:
      return "Cấp có thẩm quyền";
    case Role::Reviewee:
      return "Người tự nhận xét";
    default:
      return label_vi(role);
  }
}

SigningTurn signing_turn(std::string_view kind, const OrgTree& org, Id signer, Id unit,
                         const std::optional<MeetingRecord>& meeting, Id reviewee,
                         const std::vector<CarriedSignature>& done) {
  if (kind == "meeting_minutes") return minutes_turn(signer, meeting, done);
  // The self-assessment form is signed by the person it is about ("NGƯỜI TỰ NHẬN XÉT").
  if (kind == "self_assessment_form") {
    if (signed_as(done, Role::Reviewee))
      return refused(RefusalKind::NotAllowedInStage, "already_signed",
                     "Phiếu tự đánh giá đã được ký.");
    if (reviewee == 0 || signer != reviewee)
      return refused(RefusalKind::Forbidden, "role_required",
                     "Chỉ người tự đánh giá được ký phiếu tự đánh giá của mình.");
    return turn(Role::Reviewee);
  }
  if (kind == "opinion_form")
    return single_turn(org, signer, unit, done, Role::Head, "người đứng đầu đơn vị",
                       "phiếu nhận xét, đánh giá");
  if (kind == "decision")
    return single_turn(org, signer, unit, done, Role::Committee, "cấp có thẩm quyền (hội đồng)",
                       "quyết định xếp loại");
  if (kind == "result_notice")
    return single_turn(org, signer, unit, done, Role::Committee, "cấp có thẩm quyền",
                       "thông báo kết quả xếp loại");
  // Section IV of the form ("NGƯỜI CÓ THẨM QUYỀN ĐÁNH GIÁ") and the public list: the authority.
  if (kind == "final_form")
    return single_turn(org, signer, unit, done, Role::Committee, "cấp có thẩm quyền",
                       "phiếu đánh giá, xếp loại (mục IV)");
  if (kind == "public_list")
    return single_turn(org, signer, unit, done, Role::Committee, "cấp có thẩm quyền",
                       "danh sách công khai kết quả");
  return refused(RefusalKind::GuardFailed, "not_signable", "Loại văn bản này không cần chữ ký số.");
}

}  // namespace kd::wf
