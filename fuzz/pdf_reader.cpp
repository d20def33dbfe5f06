// The PDF reader of the verifier (services/signing): the raw-byte lexer, the revisions and
// signature fields read with QPDF, and the comparison of a signed revision with the file
// as it is. A file that cannot be read must be a MalformedPdf; any other exception, crash,
// hang or sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "services/signing/pdf_lexer.hpp"
#include "services/signing/pdf_structure.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string pdf(reinterpret_cast<const char*>(data), size);
  namespace sg = kd::signing;
  // The lexer alone, from the first object header on (or the start).
  const auto headers = sg::pdf::object_headers(pdf, 0, pdf.size());
  for (std::size_t i = 0; i < headers.size() && i < 8; ++i)
    sg::pdf::parse_indirect(pdf, headers[i]);
  sg::pdf::parse_value(pdf, 0);
  try {
    sg::PdfRevisions revisions(pdf);
    const auto structure = sg::read_structure(pdf, revisions);
    for (const auto& s : structure.signatures) {
      if (!s.byte_range_valid || s.signed_end() >= structure.current_end) continue;
      std::set<sg::ObjectRef> none;
      revisions.changes(s.signed_end(), structure.current_end, none);
    }
  } catch (const sg::MalformedPdf&) {
  }
  return 0;
}
