#include <iostream>

#include "services/api/server.hpp"
#include "services/app/commands.hpp"
#include "services/config/regime_catalog.hpp"
#include "services/signing/signing_settings.hpp"
#include "services/storage/store.hpp"
#include "workflow/utf8.hpp"

namespace kd::app {

namespace {
constexpr const char* kUsage =
    "Usage: kiemdiem [--config FILE] demo\n\n"
    "Loads the demo organisation (a provincial department, ~20 people, every role, a 2026\n"
    "campaign under ND 90) once, and prints the demo logins. Running it again changes nothing.\n";

std::string pad(const std::string& s, std::size_t width) {
  const std::size_t w = kd::wf::code_points(s);
  return s + std::string(width > w ? width - w : 0, ' ');
}
}  // namespace

void print_demo_logins(std::ostream& out, const std::vector<kd::demo::DemoLogin>& logins) {
  const std::vector<std::string> head = {"Tên đăng nhập", "Mật khẩu", "Họ và tên", "Vai trò"};
  std::vector<std::size_t> w;
  for (const auto& h : head) w.push_back(kd::wf::code_points(h));
  for (const auto& l : logins) {
    w[0] = std::max(w[0], kd::wf::code_points(l.username));
    w[1] = std::max(w[1], kd::wf::code_points(l.password));
    w[2] = std::max(w[2], kd::wf::code_points(l.full_name));
    w[3] = std::max(w[3], kd::wf::code_points(l.roles_vi));
  }
  auto row = [&](const std::vector<std::string>& cells) {
    out << "  ";
    for (std::size_t i = 0; i < cells.size(); ++i)
      out << (i ? " | " : "") << (i + 1 < cells.size() ? pad(cells[i], w[i]) : cells[i]);
    out << "\n";
  };
  row(head);
  out << "  " << std::string(w[0] + w[1] + w[2] + w[3] + 9, '-') << "\n";
  for (const auto& l : logins) row({l.username, l.password, l.full_name, l.roles_vi});
}

kd::demo::DemoSigningSummary provision_demo_signing(const CommandLine& cl,
                                                    const kd::config::Settings& settings,
                                                    kd::storage::Store& store,
                                                    kd::wf::TimePoint now) {
  const auto signing = kd::signing::load_signing_settings(cl.config_file, settings.data_dir);
  return kd::demo::provision_demo_signing(&store, signing.ca_dir, now);
}

int demo_command(const CommandLine& cl) {
  int code = 0;
  if (handle_usage(cl, {}, kUsage, &code)) return code;
  const auto settings = load_and_log(cl);
  Database db(settings);
  db.migrate();
  const auto catalog = kd::config::RegimeCatalog::load_dir(settings.regimes_dir);
  kd::storage::Store store(db.pool());
  const auto summary = kd::demo::load_demo(store, catalog, kd::api::system_now());
  if (summary.already_loaded) {
    std::cout << "The demo was already loaded (campaign #" << summary.campaign_id
              << "); nothing changed.\n\n";
  } else {
    std::cout << "Loaded the demo: " << summary.people << " people, " << summary.reviews
              << " reviews in campaign #" << summary.campaign_id << ".\n\n";
  }
  print_demo_logins(std::cout, summary.logins.empty() ? kd::demo::demo_logins() : summary.logins);
  const auto signing = provision_demo_signing(cl, settings, store, kd::api::system_now());
  std::cout << "\nKý số: CA thử nghiệm trong " << signing.ca_dir
            << "; mã PIN ký số của mọi người dùng mẫu: " << kd::demo::kDemoSigningPin << "\n";
  return 0;
}

}  // namespace kd::app
