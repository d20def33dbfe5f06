// What the verifier reads from a PDF: its revisions (each incremental update ends with
// %%EOF) and its signatures. The signature fields are those of the document as a reader
// sees it (QPDF, pdf_revisions.hpp); each signature dictionary is then read from the raw
// bytes where the cross-reference table puts it, so /ByteRange and the /Contents hole are
// checked on the very bytes that were hashed.
#pragma once

#include <array>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "services/signing/openssl_util.hpp"
#include "services/signing/pdf_revisions.hpp"

namespace kd::signing {

struct FoundSignature {
  long long object_number = 0;  // of the object holding the dictionary (it, or its field)
  ObjectRef ref{0, 0};          // the dictionary itself; {0, 0} when direct in its field
  std::size_t dict_begin = 0;
  std::string field_name;  // /T of the signature field
  std::string filter, sub_filter, type;
  std::string name, reason, location;     // UTF-8
  std::string pdf_time;                   // /M as written ("D:2026...")
  std::optional<long long> signing_time;  // /M as epoch seconds
  std::array<long long, 4> byte_range{};
  bool byte_range_read = false;        // four numbers [0, a, b, c] inside the file, a < b
  bool byte_range_valid = false;       // ... and the hole is exactly the /Contents string
  Bytes contents;                      // decoded /Contents
  bool contents_padding_clean = true;  // bytes after the DER are zeros
  bool contents_plain_hex = true;      // the hole holds hex digits only (no whitespace)

  // End of the signed bytes (just past the second range).
  std::size_t signed_end() const { return static_cast<std::size_t>(byte_range[2] + byte_range[3]); }
};

struct PdfStructure {
  std::size_t size = 0;
  std::vector<std::size_t> revision_ends;  // offset just past each %%EOF (and its EOL)
  std::vector<FoundSignature> signatures;  // in file order
  // The document as it is: the whole file, or, when the file does not open as it is (a
  // damaged or unterminated update at its end), its newest revision that does.
  std::size_t current_end = 0;
  bool current_is_whole_file() const { return current_end == size; }
};

// Thrown for a file that is not a PDF or of which no revision can be read (a stable code).
struct MalformedPdf : std::runtime_error {
  std::string code;  // "not_a_pdf" | "no_eof_marker" | "truncated" | "damaged"
  MalformedPdf(std::string c, const std::string& what)
      : std::runtime_error(what), code(std::move(c)) {}
};

// `revisions` reads the same `pdf` (and keeps the revisions it opened for later use).
PdfStructure read_structure(const Bytes& pdf, PdfRevisions& revisions);
PdfStructure read_structure(const Bytes& pdf);

// Whether the bytes [begin, end) of `pdf` — one incremental update, ending just past its
// %%EOF — read the same in every reader: they end with their own startxref, pointing at a
// cross-reference section inside them, and define no object that is not at an offset in
// `listed` (the revision's cross-reference sections, PdfRevisions::object_offsets). An
// update without its own cross-reference section, or an object definition no section
// lists, is seen only by readers that repair or scan the file.
bool update_well_formed(const Bytes& pdf, std::size_t begin, std::size_t end,
                        const std::set<std::size_t>& listed);

// "D:20260105143000+07'00'" -> epoch seconds.
std::optional<long long> parse_pdf_date(const std::string&);

// A PDF text string (UTF-16BE with BOM, or PDFDocEncoding ~ Latin-1) as UTF-8.
std::string pdf_text_to_utf8(const std::string&);

}  // namespace kd::signing
