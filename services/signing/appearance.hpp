// The visible appearance of a signature per ND 30/2020 Phụ lục I:
//  - in the signer's block (between the title line and the name): the signer's
//    signature image (blue, transparent PNG) when one is registered, otherwise a text
//    stamp with the signer's name and the signing time (ISO 8601, +07:00);
//  - the agency seal (red PNG, true size) overlapping the left third of the signature;
//  - a separate attachment: a text line at the top right of page 1, no image.
#pragma once

#include <optional>
#include <string>

#include "services/signing/openssl_util.hpp"

namespace kd::signing {

// A rectangle on a page, in PDF points (1/72 in), origin at the page's bottom left.
struct PageRect {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
};

struct Placement {
  int page = -1;  // 0-based; -1 = the last page
  PageRect rect;  // the signature itself (the seal may extend to its left)
};

enum class AppearanceKind {
  SignerBlock,     // image or text stamp (and the seal, when given)
  AttachmentLine,  // attachments: one text line, top right of page 1
};

struct Appearance {
  AppearanceKind kind = AppearanceKind::SignerBlock;
  std::string signer_name;             // UTF-8
  std::string signing_time_iso;        // "2026-01-05T14:30:00+07:00"
  std::optional<Bytes> signature_png;  // blue, transparent
  std::optional<Bytes> seal_png;       // red, transparent
  double seal_diameter_mm = 36;        // true size of the seal
  std::string document_number;         // attachments: "Số: 05/QĐ-UBND"
};

// Default positions when the document does not say where its signer blocks are:
// on the last page of an A4 portrait page, the left column (x 85–255 pt) for the
// secretary and the right column (x 330–540 pt) for every other signer, 150–240 pt
// above the bottom edge; attachments at the top right of page 1.
Placement default_placement(const std::string& role);

}  // namespace kd::signing
