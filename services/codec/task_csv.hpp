// A CSV file of a period's tasks, as an agency's spreadsheet exports it: UTF-8 (a BOM is
// ignored), comma or semicolon separated (taken from the header line), fields quoted with
// '"' when needed. The header names the columns, in English or in Vietnamese:
//   external_id | Mã              the task's code in the file (required, unique)
//   title       | Nhiệm vụ        (required)
//   product_code| Mã sản phẩm     (required)
//   assigned    | Số lượng giao   (required; "2,5" or "2.5")
//   due         | Hạn hoàn thành  (optional; YYYY-MM-DD or dd/mm/yyyy)
//   completed   | Số lượng hoàn thành (optional)
// Other columns are refused by name. Errors name the line and column, in Vietnamese.
#pragma once

#include <string>
#include <vector>

#include "workflow/refusal.hpp"
#include "workflow/task_import.hpp"

namespace kd::codec {

struct TaskCsv {
  std::vector<kd::wf::ImportedTask> tasks;
  kd::wf::Refusals refusals;  // csv_invalid, with field "line N" / "line N.column"
};

// At most `max_rows` data rows (beyond: one refusal).
TaskCsv parse_task_csv(const std::string& text, std::size_t max_rows = 2000);

}  // namespace kd::codec
