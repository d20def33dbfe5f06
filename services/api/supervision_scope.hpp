// What a supervisor's request covers and how its tables are sent: a supervisor, head,
// committee member or administrator of a unit sees that unit's subtree; asking about any
// other unit is 403 and nothing of it is ever read.
#pragma once

#include <string>
#include <vector>

#include "services/api/exchange.hpp"
#include "services/api/review_access.hpp"
#include "services/tracking/exports.hpp"

namespace kd::api {

// The units of the request's scope: the subtree of the `unit_id` query parameter when given
// (404 when unknown, 403 unless the caller supervises it), else every subtree the caller
// supervises (403 when none). Sorted, without duplicates.
std::vector<kd::wf::Id> supervised_units(const Exchange&, const CallerScope&);

// The table as CSV (default) or XLSX by the `format` query parameter (400 otherwise), as an
// attachment named `base_name` with the format's extension.
void send_table(Exchange&, const kd::tracking::Table&, const std::string& base_name);

}  // namespace kd::api
