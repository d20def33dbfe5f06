// PAdES signing on the PDF side (PoDoFo 0.9.8): an incremental update that adds a
// signature field with its appearance and a signature dictionary
//   /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (time)
//   /ByteRange [...] /Contents <placeholder>
// so every earlier revision — and every earlier signature — stays byte-for-byte intact.
//
// prepare_signature() returns the prepared file and the SHA-256 of its signed byte
// ranges; the CMS is produced from that digest (here or by an external signer) and
// embed_signature() writes it into the placeholder.
#pragma once

#include <array>
#include <stdexcept>
#include <string>

#include "services/signing/appearance.hpp"

namespace kd::signing {

// The input is not a PDF PoDoFo can update (malformed, encrypted, no page...).
struct PdfInputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct PdfSignatureRequest {
  std::string field_name;  // unique in the document, e.g. "kd_minutes_secretary"
  Placement placement;
  // The signer's printed name in the document's signature block: when found (last page
  // first), the signature is drawn between the block's title line and the name, centred,
  // `placement.rect.width` wide; otherwise at `placement`.
  std::string signer_block_name;
  Appearance appearance;
  std::string reason;                  // /Reason (UTF-8)
  std::string location;                // /Location
  long long signing_time = 0;          // epoch seconds; written as /M in +07'00'
  std::size_t reserved_bytes = 16384;  // room for the DER CMS (hex doubles it)
};

struct PreparedPdf {
  Bytes pdf;                              // with a zero-filled /Contents placeholder
  std::array<long long, 4> byte_range{};  // [0, a, b, c]
  Bytes content_digest;                   // SHA-256 of the two ranges
};

PreparedPdf prepare_signature(const Bytes& pdf, const PdfSignatureRequest&);

// The prepared file with `cms_der` in its placeholder; throws std::length_error when it
// does not fit.
Bytes embed_signature(const PreparedPdf&, const Bytes& cms_der);

// The bytes a byte range covers (both parts, concatenated). Throws on an out-of-file range.
Bytes covered_bytes(const Bytes& pdf, const std::array<long long, 4>& range);

// "D:20260105143000+07'00'" for an instant (ISO 8601 times: wf::to_iso_vietnam).
std::string pdf_date_vietnam(long long epoch_seconds);

}  // namespace kd::signing
