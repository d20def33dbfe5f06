// An uploaded file read into the domain's checked rows (workflow/org_import.hpp): XLSX or
// CSV by its first bytes, every text in NFC. A file that cannot be read at all is one
// problem `unreadable_file` of the file as a whole.
#pragma once

#include <string>

#include "workflow/org_import.hpp"

namespace kd::orgimport {

// `csv_sheet` names the single sheet of a CSV file in problems (e.g. its file name).
kd::wf::OrgFile read_org_file(const std::string& bytes, const std::string& csv_sheet,
                              const kd::wf::Date& today);

}  // namespace kd::orgimport
