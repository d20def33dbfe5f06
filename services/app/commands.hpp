// The subcommands of `kiemdiem`. Each returns the process exit code
// (0 ok, 1 failure, 2 bad usage) and prints its own --help.
#pragma once

#include <memory>
#include <ostream>
#include <vector>

#include "services/app/wiring.hpp"
#include "services/demo/demo_data.hpp"
#include "services/demo/demo_signing.hpp"
#include "services/documents/worker_pool.hpp"

namespace kd::app {

int serve_command(const CommandLine&);
int migrate_command(const CommandLine&);
int demo_command(const CommandLine&);
int check_config_command(const CommandLine&);
int verify_audit_command(const CommandLine&);
int verify_pdf_command(const CommandLine&);  // verify_pdf.cpp
int ca_command(const CommandLine&);          // ca.cpp

int render_worker_command(const CommandLine&);  // render_worker.cpp
int render_command(const CommandLine&);         // render.cpp

// Backups of the installation and their restore (backup.cpp, restore.cpp).
int backup_command(const CommandLine&);
int restore_command(const CommandLine&);

// The campaign summary report (summary_report.cpp).
int summary_report_command(const CommandLine&);

// Starts `serve`'s render worker processes (render_pool.cpp).
std::unique_ptr<kd::documents::WorkerPool> start_render_workers(const CommandLine&,
                                                                const kd::config::Settings&,
                                                                Database&,
                                                                kd::storage::DocumentStore&);

// The demo's signing setup in signing.ca_dir (demo.cpp; services/demo/demo_signing.hpp).
kd::demo::DemoSigningSummary provision_demo_signing(const CommandLine&, const kd::config::Settings&,
                                                    kd::storage::Store&, kd::wf::TimePoint now);

// Prints the demo logins as an aligned table (demo.cpp).
void print_demo_logins(std::ostream&, const std::vector<kd::demo::DemoLogin>&);

}  // namespace kd::app
