// The minimum a password must meet before it is accepted (a new password, a changed one, the
// one replacing a one-time password). Pure: the list of common passwords is read by the
// configuration adapter (config/common-passwords.txt) and handed in.
//   - at least `min_length` characters (Unicode characters, not bytes) and at most 256;
//   - not containing the login name (letters compared without case), so "an2026an2026" is
//     refused for the account `an`;
//   - not one of the common passwords (compared without case);
//   - on a change, not the current password.
// Each failed condition is one GuardFailed refusal with field "new_password".
#pragma once

#include <set>
#include <string>

#include "workflow/refusal.hpp"

namespace kd::wf {

struct PasswordPolicy {
  int min_length = 10;
  std::set<std::string> common;  // lower case (ASCII letters), one entry per password
};

// ASCII letters lowered, every other byte kept (the comparison the policy uses).
std::string fold_case(const std::string&);

Refusals password_refusals(const std::string& password, const std::string& username,
                           const PasswordPolicy&, bool same_as_current = false);

}  // namespace kd::wf
