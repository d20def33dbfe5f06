// The password policy from the settings: the minimum length and the list of common passwords
// (auth.common_passwords_file: one per line, `#` comments and blank lines skipped), read once
// at start-up. An unreadable file stops start-up with a ConfigError naming the key.
#pragma once

#include "services/config/settings.hpp"
#include "workflow/password_policy.hpp"

namespace kd::config {

kd::wf::PasswordPolicy load_password_policy(const Settings&);

}  // namespace kd::config
