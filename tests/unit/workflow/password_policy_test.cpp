// The minimum password policy (workflow/password_policy.hpp).
#include "workflow/password_policy.hpp"

#include <gtest/gtest.h>

namespace kd::wf {
namespace {

PasswordPolicy policy() {
  PasswordPolicy p;
  p.min_length = 10;
  p.common = {"matkhau123", "1234567890", "password123"};
  return p;
}

std::vector<std::string> codes(const Refusals& refusals) {
  std::vector<std::string> out;
  for (const auto& r : refusals) out.push_back(r.code);
  return out;
}

TEST(PasswordPolicy, ALongUnusualPasswordIsAccepted) {
  EXPECT_TRUE(password_refusals("Đồi-thông-hai-mộ 1930", "an.nguyen", policy()).empty());
}

TEST(PasswordPolicy, LengthCountsCharactersNotBytes) {
  // "Mật khẩu ơi" is 11 characters but 16 bytes; "Mật khẩu" is 8 characters.
  EXPECT_TRUE(password_refusals("Mật khẩu ơi", "an", policy()).empty());
  const auto r = password_refusals("Mật khẩu", "an.nguyen", policy());
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].code, "password_too_short");
  EXPECT_EQ(r[0].message_vi, "Mật khẩu phải có ít nhất 10 ký tự (mật khẩu này có 8).");
  EXPECT_EQ(r[0].field, "new_password");
  EXPECT_EQ(r[0].kind, RefusalKind::GuardFailed);
}

TEST(PasswordPolicy, ThePasswordMayNotContainTheLoginNameInAnyCase) {
  const auto r = password_refusals("xx-ThuKy.TCCB-2026", "thuky.tccb", policy());
  ASSERT_EQ(codes(r), std::vector<std::string>{"password_contains_username"});
  EXPECT_EQ(r[0].message_vi, "Mật khẩu không được chứa tên đăng nhập.");
}

TEST(PasswordPolicy, CommonPasswordsAreRefusedWhateverTheirCase) {
  const auto r = password_refusals("MatKhau123", "an.nguyen", policy());
  ASSERT_EQ(codes(r), std::vector<std::string>{"password_common"});
  EXPECT_EQ(r[0].message_vi, "Mật khẩu này quá phổ biến, dễ bị đoán: hãy chọn mật khẩu khác.");
}

TEST(PasswordPolicy, EveryFailedConditionIsReported) {
  const auto r = password_refusals("an", "an", policy(), /*same_as_current=*/true);
  EXPECT_EQ(codes(r), (std::vector<std::string>{"password_too_short", "password_contains_username",
                                                "password_unchanged"}));
  EXPECT_EQ(r.back().message_vi, "Mật khẩu mới phải khác mật khẩu hiện tại.");
}

TEST(PasswordPolicy, AnOverlongPasswordIsRefused) {
  const auto r = password_refusals(std::string(257, 'x'), "an.nguyen", policy());
  ASSERT_EQ(codes(r), std::vector<std::string>{"password_too_long"});
}

}  // namespace
}  // namespace kd::wf
