#include "services/api/error_mapping.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "services/api/views.hpp"

namespace kd::api {
namespace {

using kd::wf::RefusalKind;

// Refusal codes that also name the problem when every refusal of the request has that code
// (a client may react to them: shorten a text, drop a section, give the exception's reason).
constexpr const char* kNamingCodes[] = {"override_reason_required", "unknown_section",
                                        "text_too_long", "form_too_long"};

std::string code_for(RefusalKind kind, const kd::wf::Refusals& refusals) {
  switch (kind) {
    case RefusalKind::Forbidden:
      return "forbidden";
    case RefusalKind::NotAllowedInStage:
      return "not_allowed_in_stage";
    case RefusalKind::GuardFailed:
      break;
  }
  for (const auto& r : refusals) {
    if (r.code == "quota_exceeded") return "quota_exceeded";
  }
  for (const std::string code : kNamingCodes) {
    const bool all = std::all_of(refusals.begin(), refusals.end(),
                                 [&](const kd::wf::Refusal& r) { return r.code == code; });
    if (all) return code;
  }
  return "guard_failed";
}

// The detail: the messages of the dominant kind, joined, each sentence once (in a batch, several
// reviews can be refused for the same reason; `errors` says which).
std::string detail_for(RefusalKind kind, const kd::wf::Refusals& refusals) {
  std::string detail;
  std::set<std::string> said;
  for (const auto& r : refusals) {
    if (r.kind != kind || !said.insert(r.message_vi).second) continue;
    if (!detail.empty()) detail += " ";
    detail += r.message_vi;
  }
  if (detail.empty()) detail = "Yêu cầu bị từ chối.";
  return detail;
}

void add_errors(Problem& p, const kd::wf::Refusals& refusals, kd::wf::Id review_id) {
  for (const auto& r : refusals) p.errors.push_back({r.code, r.field, r.message_vi, review_id});
}

}  // namespace

int status_for(RefusalKind kind) {
  switch (kind) {
    case RefusalKind::Forbidden:
      return 403;
    case RefusalKind::NotAllowedInStage:
      return 409;
    case RefusalKind::GuardFailed:
      return 422;
  }
  return 422;
}

Problem problem_from_refusals(const kd::wf::Refusals& refusals) {
  if (refusals.empty()) {
    return make_problem(422, "guard_failed", "Yêu cầu bị từ chối.");
  }
  const RefusalKind kind = kd::wf::dominant_kind(refusals);
  Problem p = make_problem(status_for(kind), code_for(kind, refusals), detail_for(kind, refusals));
  add_errors(p, refusals, 0);
  return p;
}

Problem problem_from_transition(const kd::storage::TransitionOutcome& outcome) {
  using S = kd::storage::TransitionOutcome::Status;
  switch (outcome.status) {
    case S::NotFound:
      return review_not_found();
    case S::StaleVersion: {
      Problem p = make_problem(409, "stale_version",
                               "Hồ sơ đã được cập nhật bởi người khác (phiên bản hiện tại là " +
                                   std::to_string(outcome.current_version) +
                                   "). Vui lòng tải lại rồi thử lại.");
      p.extensions = new Poco::JSON::Object;
      p.extensions->set("current_version", outcome.current_version);
      return p;
    }
    case S::KeyReused:
      return idempotency_key_reused();
    case S::Refused:
      return problem_from_refusals(outcome.result.refusals);
    case S::Accepted:
    case S::Replayed:
      break;
  }
  throw std::logic_error("problem_from_transition called for a successful outcome");
}

Problem problem_from_batch(const kd::storage::BatchOutcome& outcome) {
  if (outcome.key_reused) return idempotency_key_reused();
  const kd::wf::Refusals all = outcome.all_refusals();
  Problem p = all.empty() ? make_problem(422, "guard_failed", "Yêu cầu bị từ chối.")
                          : problem_from_refusals(all);
  p.errors.clear();
  add_errors(p, outcome.refusals, 0);
  for (const auto& [id, refusals] : outcome.per_review) add_errors(p, refusals, id);
  if (outcome.quota) {
    p.extensions = new Poco::JSON::Object;
    p.extensions->set("quota", quota_json(*outcome.quota));
  }
  return p;
}

Problem idempotency_key_reused() {
  return make_problem(422, "idempotency_key_reused",
                      "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.");
}

Problem problem_from_period(const kd::application::PeriodActionOutcome& outcome) {
  using S = kd::application::PeriodActionOutcome::Status;
  switch (outcome.status) {
    case S::NotFound:
      return period_not_found();
    case S::StaleVersion: {
      Problem p = make_problem(
          409, "stale_version",
          "Kỳ đánh giá đã được cập nhật bởi người khác (phiên bản hiện tại là " +
              std::to_string(outcome.current_version) + "). Vui lòng tải lại rồi thử lại.");
      p.extensions = new Poco::JSON::Object;
      p.extensions->set("current_version", outcome.current_version);
      return p;
    }
    case S::Accepted:
    case S::Refused:
      break;
  }
  return problem_from_refusals(outcome.refusals);
}

Problem problem_from_admin(const kd::storage::AdminOutcome& outcome) {
  using S = kd::storage::AdminOutcome::Status;
  switch (outcome.status) {
    case S::NotFound: {
      static const std::map<std::string, std::string> kWhat = {
          {"person", "Không tìm thấy cán bộ."},
          {"unit", "Không tìm thấy đơn vị."},
          {"account", "Không tìm thấy tài khoản."},
          {"role_grant", "Không tìm thấy vai trò đã cấp."}};
      const auto it = kWhat.find(outcome.missing);
      return make_problem(404, outcome.missing + "_not_found",
                          it == kWhat.end() ? "Không tìm thấy." : it->second);
    }
    case S::Conflict: {
      const auto& r = outcome.refusals.at(0);
      Problem p = make_problem(409, r.code, r.message_vi);
      add_errors(p, outcome.refusals, 0);
      return p;
    }
    case S::Refused:
    case S::Accepted:
      break;
  }
  return problem_from_refusals(outcome.refusals);
}

Problem password_rejected(const kd::wf::Refusals& refusals) {
  Problem p = make_problem(422, "password_rejected",
                           detail_for(kd::wf::RefusalKind::GuardFailed, refusals));
  add_errors(p, refusals, 0);
  return p;
}

Problem password_change_required() {
  return make_problem(403, "password_change_required",
                      "Bạn đang đăng nhập bằng mật khẩu dùng một lần: hãy đổi mật khẩu trước khi "
                      "làm việc khác.");
}

Problem period_not_found() {
  return make_problem(404, "period_not_found", "Không tìm thấy kỳ theo dõi, đánh giá.");
}

Problem evidence_not_found() {
  return make_problem(404, "evidence_not_found", "Không tìm thấy tệp minh chứng.");
}

Problem review_not_found() {
  return make_problem(404, "review_not_found", "Không tìm thấy hồ sơ đánh giá.");
}

Problem campaign_not_found() {
  return make_problem(404, "campaign_not_found", "Không tìm thấy đợt đánh giá.");
}

Problem document_not_found() {
  return make_problem(404, "document_not_found", "Không tìm thấy văn bản.");
}

Problem forbidden(const std::string& detail) { return make_problem(403, "forbidden", detail); }

Problem notification_not_found() {
  return make_problem(404, "notification_not_found", "Không tìm thấy thông báo.");
}

Problem unit_not_found() { return make_problem(404, "unit_not_found", "Không tìm thấy đơn vị."); }

Problem import_not_found() {
  return make_problem(404, "import_not_found", "Không tìm thấy lần nhập tổ chức, nhân sự này.");
}

Problem problem_from_import(const kd::orgimport::ImportOutcome& out) {
  using Status = kd::orgimport::ImportOutcome::Status;
  switch (out.status) {
    case Status::UnitNotFound:
      return unit_not_found();
    case Status::NotFound:
      return import_not_found();
    case Status::AlreadyCommitted:
      return make_problem(409, "import_already_committed",
                          "Lần nhập này đã được ghi vào hệ thống; không ghi lại lần nữa.");
    case Status::OrgChanged:
      return make_problem(409, "organisation_changed",
                          "Dữ liệu tổ chức, nhân sự đã thay đổi sau khi xem trước: không có gì "
                          "được ghi. Hãy tải tệp lên lại để xem trước những thay đổi mới.");
    case Status::HasProblems:
    case Status::Done:
      break;
  }
  Problem p = make_problem(422, "import_has_problems",
                           "Tệp còn " + std::to_string(out.plan.problems.size()) +
                               " lỗi: sửa tệp rồi tải lên lại; không có gì được ghi.");
  for (const auto& e : out.plan.problems) {
    std::string where = e.sheet;
    if (e.row > 0) where += "!" + std::to_string(e.row);
    if (!e.column.empty()) where += ":" + e.column;
    p.errors.push_back({e.code, where, e.message_vi, 0});
  }
  return p;
}

Problem calendar_year_missing(const std::string& detail_vi) {
  return make_problem(503, "calendar_year_missing", detail_vi);
}

Problem signing_refused(const std::string& code, const std::string& detail_vi) {
  if (code == "not_found") return document_not_found();
  if (code == "role_required") return make_problem(403, "signing_role_required", detail_vi);
  if (code == "same_signer") return make_problem(403, "signing_same_signer", detail_vi);
  if (code == "wrong_order") return make_problem(409, "signing_wrong_order", detail_vi);
  if (code == "already_signed") return make_problem(409, "signing_already_signed", detail_vi);
  if (code == "wrong_pin") return make_problem(422, "signing_wrong_pin", detail_vi);
  if (code == "key_locked") return make_problem(423, "signing_key_locked", detail_vi);
  if (code == "no_credential") return make_problem(422, "signing_no_credential", detail_vi);
  if (code == "not_signable") return make_problem(422, "signing_not_signable", detail_vi);
  if (code == "certificate_revoked" || code == "certificate_expired" ||
      code == "certificate_not_yet_valid")
    return make_problem(422, "signing_" + code, detail_vi);
  if (code == "session_not_found") return make_problem(404, "signing_session_not_found", detail_vi);
  if (code == "session_completed" || code == "session_expired" || code == "session_stale")
    return make_problem(409, "signing_" + code, detail_vi);
  return make_problem(422, "signature_rejected", detail_vi + " (" + code + ")");
}

Problem signing_unavailable(const std::string& detail) {
  return make_problem(503, "signing_unavailable",
                      "Chưa cấu hình chứng thư gốc tin cậy để ký và kiểm tra chữ ký số: " + detail);
}

}  // namespace kd::api
