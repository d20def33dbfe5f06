// After rendering (Debian's wkhtmltopdf ignores header/footer options): page numbers centred in
// the top margin from page 2 on (ND 30/2020: never on page 1), and fixed metadata so that the
// same snapshot renders to the same bytes (creation date = the document's date, no clock).
#pragma once

#include <string>

#include "workflow/calendar.hpp"

namespace kd::documents {

struct StampedPdf {
  std::string pdf;
  int pages = 0;
};

// `title` goes into the document information; `date` becomes CreationDate and ModDate.
// `top_mm` is the distance from the top edge to the baseline of the number. Throws RenderError.
StampedPdf stamp_page_numbers(const std::string& pdf, const std::string& title, wf::TimePoint date,
                              double top_mm = 12.0);

}  // namespace kd::documents
