#include "workflow/signature_facts.hpp"

namespace kd::wf {

Refusals minutes_signature_refusals(const SignatureFacts& f) {
  if (f.minutes_signed_by_secretary && f.minutes_signed_by_chair) return {};
  std::string missing;
  if (!f.minutes_signed_by_secretary) missing = "thư ký";
  if (!f.minutes_signed_by_chair) missing += missing.empty() ? "chủ trì" : " và chủ trì";
  return {Refusal{RefusalKind::GuardFailed, "minutes_not_signed",
                  "Biên bản họp chưa có chữ ký số của " + missing +
                      "; chưa thể chuyển hồ sơ sang bước nhận xét của người đứng đầu.",
                  "documents.meeting_minutes"}};
}

Refusals decision_signature_refusals(const SignatureFacts& f) {
  if (f.decision_signed) return {};
  return {Refusal{RefusalKind::GuardFailed, "decision_not_signed",
                  "Quyết định (kết luận) xếp loại chưa được người có thẩm quyền ký số; chưa "
                  "thể công khai kết quả.",
                  "documents.decision"}};
}

SignatureFacts facts_after(SignatureFacts f, Action done) {
  if (done == Action::RecordMeeting)
    f.minutes_signed_by_secretary = f.minutes_signed_by_chair = false;
  if (done == Action::Decide || done == Action::ResolveComplaint) f.decision_signed = false;
  return f;
}

}  // namespace kd::wf
