// The program's release version (the project version in CMakeLists.txt, which the Debian
// package's version repeats). Reported by `kiemdiem --version`, /healthz and backups.
#pragma once

#include <string>

namespace kd::config {

std::string program_version();

}  // namespace kd::config
