#include "workflow/account_admin.hpp"

#include <algorithm>
#include <cstdio>

namespace kd::wf {
namespace {

Refusal forbidden(std::string code, std::string message) {
  return {RefusalKind::Forbidden, std::move(code), std::move(message), {}};
}

Refusal guard_failed(std::string code, std::string message, std::string field) {
  return {RefusalKind::GuardFailed, std::move(code), std::move(message), std::move(field)};
}

std::string day_vi(const Date& d) {
  char out[16];
  std::snprintf(out, sizeof out, "%02d/%02d/%04d", d.day, d.month, d.year);
  return out;
}

std::string unit_name(const OrgTree& org, Id unit) {
  const Unit* u = org.unit(unit);
  return u ? u->name : "đơn vị #" + std::to_string(unit);
}

bool overlaps(const RoleGrant& g, const std::optional<Date>& from,
              const std::optional<Date>& until) {
  const bool ends_before = g.until && from && *g.until < *from;
  const bool starts_after = g.from && until && *until < *g.from;
  return !ends_before && !starts_after;
}

// Forbidden refusals for an administrative change to `subject`'s rights in `unit`.
Refusals scope_refusals(const OrgTree& org, Id actor, const Person& subject, Id unit,
                        const Date& today, const char* own_message) {
  if (actor == subject.id) return {forbidden("own_account", own_message)};
  Refusals out;
  if (!administers_unit(org, actor, subject.unit_id, today)) {
    out.push_back(forbidden("not_administrator",
                            "Chỉ quản trị viên của " + unit_name(org, subject.unit_id) +
                                " hoặc đơn vị cấp trên mới được quản lý tài khoản và vai trò của " +
                                subject.full_name + "."));
  }
  if (unit != subject.unit_id && !administers_unit(org, actor, unit, today)) {
    out.push_back(forbidden(
        "not_administrator",
        "Bạn không phải là quản trị viên của " + unit_name(org, unit) + " hoặc đơn vị cấp trên."));
  }
  return out;
}

}  // namespace

const std::vector<Role>& grantable_roles() {
  static const std::vector<Role> roles = {Role::Member,     Role::Secretary,  Role::Chair,
                                          Role::Head,       Role::DeputyHead, Role::Committee,
                                          Role::Supervisor, Role::Admin};
  return roles;
}

bool grantable(Role role) {
  const auto& roles = grantable_roles();
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::vector<Id> administered_units(const OrgTree& org, Id actor, const Date& today) {
  std::vector<Id> out;
  for (const auto& g : org.grants()) {
    if (g.person_id != actor || g.role != Role::Admin || !g.in_force_on(today)) continue;
    const auto sub = org.subtree(g.unit_id);
    out.insert(out.end(), sub.begin(), sub.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Refusals username_refusals(const std::string& username) {
  bool ok =
      username.size() >= 3 && username.size() <= 64 && username[0] >= 'a' && username[0] <= 'z';
  for (const char c : username) {
    const bool allowed =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    ok = ok && allowed;
  }
  if (ok) return {};
  return {guard_failed("invalid_username",
                       "Tên đăng nhập phải dài 3–64 ký tự, chỉ gồm chữ thường không dấu (a–z), "
                       "chữ số, dấu chấm, gạch dưới hoặc gạch ngang, và bắt đầu bằng một chữ "
                       "cái.",
                       "username")};
}

bool administers_unit(const OrgTree& org, Id actor, Id unit, const Date& today) {
  return org.has_role_at_or_above(actor, Role::Admin, unit, today);
}

Refusals account_admin_refusals(const OrgTree& org, Id actor, const Person& subject,
                                const Date& today) {
  return scope_refusals(org, actor, subject, subject.unit_id, today,
                        "Không được tự quản lý tài khoản của chính mình: việc này do một quản trị "
                        "viên khác thực hiện.");
}

Refusals grant_refusals(const OrgTree& org, Id actor, const Person& grantee, Id unit, Role role,
                        const std::optional<Date>& from, const std::optional<Date>& until,
                        const Date& today) {
  Refusals out = scope_refusals(org, actor, grantee, unit, today,
                                "Không được tự cấp vai trò cho chính mình: việc này do một quản "
                                "trị viên khác thực hiện.");
  if (!out.empty()) return out;
  if (!grantable(role)) {
    out.push_back(guard_failed("role_not_grantable",
                               "Vai trò \"" + std::string(label_vi(role)) +
                                   "\" không cấp được: mọi người trong đơn vị đều được đánh giá.",
                               "role"));
  }
  if (from && until && *until < *from) {
    out.push_back(guard_failed(
        "invalid_term",
        "Ngày kết thúc (" + day_vi(*until) + ") trước ngày bắt đầu (" + day_vi(*from) + ").",
        "valid_until"));
  } else if (until && *until < today) {
    out.push_back(guard_failed("term_ended",
                               "Ngày kết thúc (" + day_vi(*until) +
                                   ") đã qua: không cấp được "
                                   "một vai trò đã hết hạn.",
                               "valid_until"));
  }
  for (const auto& g : org.grants()) {
    if (g.person_id != grantee.id || g.unit_id != unit || g.role != role || g.revoked_on) continue;
    if (!overlaps(g, from, until)) continue;
    out.push_back(guard_failed("already_granted",
                               grantee.full_name + " đã có vai trò \"" +
                                   std::string(label_vi(role)) + "\" tại " + unit_name(org, unit) +
                                   " trong thời hạn này.",
                               "role"));
    break;
  }
  return out;
}

Refusals revoke_refusals(const OrgTree& org, Id actor, const Person& grantee,
                         const RoleGrant& grant, const Date& today) {
  Refusals out = scope_refusals(org, actor, grantee, grant.unit_id, today,
                                "Không được tự thu hồi vai trò của chính mình: việc này do một "
                                "quản trị viên khác thực hiện.");
  if (!out.empty()) return out;
  if (grant.revoked_on) {
    out.push_back(
        guard_failed("already_revoked",
                     "Vai trò này đã bị thu hồi từ ngày " + day_vi(*grant.revoked_on) + ".", ""));
  }
  return out;
}

}  // namespace kd::wf
