#include <iostream>

#include "services/app/commands.hpp"
#include "services/storage/admin_log.hpp"
#include "services/storage/store.hpp"

namespace kd::app {

namespace {
constexpr const char* kUsage =
    "Usage: kiemdiem [--config FILE] verify-audit\n\n"
    "Recomputes the SHA-256 hash chain of every review's events and the chain of the\n"
    "administrative log (accounts and roles), and prints a report in Vietnamese. Exits 1 when\n"
    "any chain is broken (a modified, removed or inserted event).\n";
}

int verify_audit_command(const CommandLine& cl) {
  int code = 0;
  if (handle_usage(cl, {}, kUsage, &code)) return code;
  const auto settings = load_and_log(cl);
  Database db(settings);
  kd::storage::Store store(db.pool());
  const auto report = store.verify_audit();
  const auto admin = kd::storage::admin_log::verify(db.pool());
  std::cout << "Kiểm tra nhật ký (chuỗi băm SHA-256): " << report.reviews_checked
            << " hồ sơ đánh giá, " << report.events_checked
            << " sự kiện; nhật ký quản trị: " << admin.events_checked << " sự kiện.\n";
  if (report.breaks.empty() && admin.breaks.empty()) {
    std::cout << "Kết quả: toàn vẹn — không phát hiện sự kiện nào bị sửa, xóa hoặc chèn.\n";
    return 0;
  }
  std::cout << "Kết quả: phát hiện " << report.breaks.size() + admin.breaks.size()
            << " chỗ đứt chuỗi:\n";
  for (const auto& b : report.breaks)
    std::cout << "  - Hồ sơ #" << b.review_id << ", sự kiện thứ " << b.seq << ": " << b.reason_vi
              << "\n";
  for (const auto& b : admin.breaks)
    std::cout << "  - Nhật ký quản trị, sự kiện thứ " << b.seq << ": " << b.reason_vi << "\n";
  return 1;
}

}  // namespace kd::app
