#include "services/api/supervision_scope.hpp"

#include <algorithm>

#include "services/api/error_mapping.hpp"
#include "services/api/json_fields.hpp"

namespace kd::api {
namespace wf = kd::wf;

std::vector<wf::Id> supervised_units(const Exchange& ex, const CallerScope& scope) {
  std::vector<wf::Id> out;
  if (const auto text = ex.query("unit_id")) {
    const wf::Id unit = parse_id(*text, "unit_id");
    if (!scope.org.unit(unit)) throw HttpError(unit_not_found());
    if (!scope.access().can_supervise_unit(unit)) {
      throw HttpError(
          forbidden("Bạn không theo dõi đơn vị này (cần vai trò cấp trên theo dõi, "
                    "người đứng đầu, cấp ủy hoặc quản trị của đơn vị hoặc cấp trên)."));
    }
    out = scope.org.subtree(unit);
  } else {
    out = scope.access().supervised_units();
    if (out.empty()) {
      throw HttpError(forbidden("Bạn không theo dõi đơn vị nào."));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void send_table(Exchange& ex, const kd::tracking::Table& table, const std::string& base_name) {
  const std::string format = ex.query("format").value_or("csv");
  if (format == "csv") {
    ex.set_header("Content-Disposition", "attachment; filename=\"" + base_name + ".csv\"");
    ex.send_raw(200, kd::tracking::to_csv(table), "text/csv; charset=utf-8");
  } else if (format == "xlsx") {
    ex.set_header("Content-Disposition", "attachment; filename=\"" + base_name + ".xlsx\"");
    ex.send_raw(200, kd::tracking::to_xlsx(table),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  } else {
    fail(400, "invalid_parameter", "Tham số \"format\" phải là csv hoặc xlsx.");
  }
}

}  // namespace kd::api
