// The template the personnel office fills: an XLSX workbook with the units sheet and the
// people sheet (Vietnamese headers in the columns the import reads, one example row each,
// dates as dates, IDs and phone numbers as text), and a sheet explaining every column.
#pragma once

#include <string>

namespace kd::orgimport {

inline constexpr const char* kUnitsSheet = "Đơn vị";
inline constexpr const char* kPeopleSheet = "Nhân sự";
inline constexpr const char* kTemplateFileName = "mau-nhap-to-chuc-nhan-su.xlsx";

// The workbook's bytes.
std::string org_template_xlsx();

}  // namespace kd::orgimport
