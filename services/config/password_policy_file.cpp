#include "services/config/password_policy_file.hpp"

#include <fstream>

namespace kd::config {

kd::wf::PasswordPolicy load_password_policy(const Settings& s) {
  kd::wf::PasswordPolicy policy;
  policy.min_length = s.password_min_length;
  std::ifstream in(s.common_passwords_file);
  if (!in) {
    throw ConfigError("auth.common_passwords_file",
                      "cannot read '" + s.common_passwords_file + "'");
  }
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    policy.common.insert(kd::wf::fold_case(line.substr(start)));
  }
  return policy;
}

}  // namespace kd::config
