// The shipped list of common passwords is read into the policy (config/common-passwords.txt).
#include "services/config/password_policy_file.hpp"

#include <gtest/gtest.h>

namespace kd::config {
namespace {

TEST(PasswordPolicyFile, TheShippedListIsReadWithoutCommentsAndFoldedToLowerCase) {
  Settings s;
  s.common_passwords_file = std::string(KD_SOURCE_DIR) + "/config/common-passwords.txt";
  s.password_min_length = 12;
  const auto policy = load_password_policy(s);
  EXPECT_EQ(policy.min_length, 12);
  EXPECT_GT(policy.common.size(), 100u);
  EXPECT_EQ(policy.common.count("matkhau123"), 1u);
  EXPECT_EQ(policy.common.count("p@ssw0rd"), 1u);
  for (const auto& p : policy.common) {
    EXPECT_NE(p.front(), '#') << p;
    EXPECT_EQ(p, kd::wf::fold_case(p));
  }
  // So a shipped password is refused whatever its case.
  EXPECT_FALSE(kd::wf::password_refusals("AnhYeuEm123", "an", policy).empty());
}

TEST(PasswordPolicyFile, AMissingFileStopsStartUpNamingTheKey) {
  Settings s;
  s.common_passwords_file = "/nonexistent/common-passwords.txt";
  try {
    load_password_policy(s);
    FAIL() << "no ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key, "auth.common_passwords_file");
  }
}

}  // namespace
}  // namespace kd::config
