#include "workflow/password_policy.hpp"

namespace kd::wf {
namespace {

constexpr std::size_t kMaxCharacters = 256;

Refusal refused(std::string code, std::string message) {
  return {RefusalKind::GuardFailed, std::move(code), std::move(message), "new_password"};
}

std::size_t characters(const std::string& utf8) {
  std::size_t n = 0;
  for (const unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++n;  // every byte but a continuation byte starts a character
  }
  return n;
}

}  // namespace

std::string fold_case(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Refusals password_refusals(const std::string& password, const std::string& username,
                           const PasswordPolicy& policy, bool same_as_current) {
  Refusals out;
  const std::size_t length = characters(password);
  if (length < static_cast<std::size_t>(policy.min_length)) {
    out.push_back(refused("password_too_short",
                          "Mật khẩu phải có ít nhất " + std::to_string(policy.min_length) +
                              " ký tự (mật khẩu này có " + std::to_string(length) + ")."));
  } else if (length > kMaxCharacters) {
    out.push_back(refused("password_too_long",
                          "Mật khẩu dài tối đa " + std::to_string(kMaxCharacters) + " ký tự."));
  }
  const std::string folded = fold_case(password);
  if (!username.empty() && folded.find(fold_case(username)) != std::string::npos) {
    out.push_back(refused("password_contains_username", "Mật khẩu không được chứa tên đăng nhập."));
  }
  if (policy.common.count(folded) != 0) {
    out.push_back(refused("password_common",
                          "Mật khẩu này quá phổ biến, dễ bị đoán: hãy chọn mật khẩu khác."));
  }
  if (same_as_current) {
    out.push_back(refused("password_unchanged", "Mật khẩu mới phải khác mật khẩu hiện tại."));
  }
  return out;
}

}  // namespace kd::wf
