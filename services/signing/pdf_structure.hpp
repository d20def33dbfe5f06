// What the verifier reads from a PDF's raw bytes: its revisions (each incremental
// update ends with %%EOF) and its signature dictionaries (/ByteRange + /Contents).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "services/signing/openssl_util.hpp"

namespace kd::signing {

struct FoundSignature {
  long long object_number = 0;
  std::size_t dict_begin = 0;
  std::string field_name;  // /T of the field whose /V is this dictionary, when found
  std::string filter, sub_filter, type;
  std::string name, reason, location;     // UTF-8
  std::string pdf_time;                   // /M as written ("D:2026...")
  std::optional<long long> signing_time;  // /M as epoch seconds
  std::array<long long, 4> byte_range{};
  bool byte_range_valid = false;       // [0, a, b, c]: in the file, hole = exactly /Contents
  Bytes contents;                      // decoded /Contents
  bool contents_padding_clean = true;  // bytes after the DER are zeros
  bool contents_plain_hex = true;      // the hole holds hex digits only (no whitespace)
};

struct PdfStructure {
  std::size_t size = 0;
  std::vector<std::size_t> revision_ends;  // offset just past each %%EOF (and its EOL)
  std::vector<FoundSignature> signatures;  // in file order
};

// Thrown for a file that is not a PDF or is truncated (reason: a stable code).
struct MalformedPdf : std::runtime_error {
  std::string code;  // "not_a_pdf" | "no_eof_marker" | "truncated"
  MalformedPdf(std::string c, const std::string& what)
      : std::runtime_error(what), code(std::move(c)) {}
};

PdfStructure read_structure(const Bytes& pdf);

// Whether the revision ending at `end` (an element of revision_ends) changes only what
// a signature adds: it holds a signature dictionary, and every page object it rewrites
// keeps its /Contents.
bool revision_adds_only_signature(const Bytes& pdf, std::size_t begin, std::size_t end);

// "D:20260105143000+07'00'" -> epoch seconds.
std::optional<long long> parse_pdf_date(const std::string&);

// A PDF text string (UTF-16BE with BOM, or PDFDocEncoding ~ Latin-1) as UTF-8.
std::string pdf_text_to_utf8(const std::string&);

}  // namespace kd::signing
