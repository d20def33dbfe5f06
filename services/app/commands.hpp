// The subcommands of `kiemdiem`. Each returns the process exit code
// (0 ok, 1 failure, 2 bad usage) and prints its own --help.
#pragma once

#include <ostream>
#include <vector>

#include "services/app/wiring.hpp"
#include "services/demo/demo_data.hpp"

namespace kd::app {

int serve_command(const CommandLine&);
int migrate_command(const CommandLine&);
int demo_command(const CommandLine&);
int check_config_command(const CommandLine&);
int verify_audit_command(const CommandLine&);

// Prints the demo logins as an aligned table (demo.cpp).
void print_demo_logins(std::ostream&, const std::vector<kd::demo::DemoLogin>&);

}  // namespace kd::app
