// Where a line of text sits on a PDF page, read back from the page's content stream (text
// operators, the graphics state's matrices, the fonts' ToUnicode maps): used to draw a
// visible signature in the signer's block, between the title line and the printed name,
// as ND 30/2020 places it. Only what our rendered documents use is understood (simple
// text showing with Tj/TJ, positioning with Tm/Td/TD/T*, cm and q/Q); anything else is
// skipped, and a line that cannot be read is simply not found.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/signing/appearance.hpp"

namespace PoDoFo {
class PdfPage;
}

namespace kd::signing {

struct TextLine {
  std::string text;  // UTF-8, glyphs in reading order
  double x_min = 0;  // left of the first glyph's origin, in page space (points)
  double x_max = 0;  // right end, estimated at half an em per character
  double baseline = 0;
  double font_size = 0;  // in page space
};

// The lines of text on the page, grouped by baseline, top to bottom.
std::vector<TextLine> text_lines(PoDoFo::PdfPage&);

// The signature box in the signer's block whose printed name is `name` (whitespace ignored;
// the lowest such line on the page): centred over the name, from just above it up to just
// below the line above it in the same column (the title line, or the seal note), at most
// `max_height` points high. std::nullopt when no line reads exactly `name`.
std::optional<PageRect> signer_block_box(const std::vector<TextLine>&, const std::string& name,
                                         double width, double max_height);

}  // namespace kd::signing
