#include <algorithm>
#include <filesystem>
#include <memory>

#include "services/signing/appearance_draw.hpp"

namespace kd::signing {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kA4Width = 595.276;
constexpr double kA4Height = 841.89;

// Liberation Serif 2.x is metric-compatible with Times New Roman and covers Vietnamese
// (the older fonts-liberation 1.07 does not); DejaVu Serif as a fallback.
const char* serif_font_file() {
  static const char* const candidates[] = {
      "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
      "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
  };
  for (const char* f : candidates)
    if (std::filesystem::exists(f)) return f;
  return nullptr;
}

PoDoFo::PdfFont* vietnamese_font(PoDoFo::PdfDocument& doc, float size) {
  const char* file = serif_font_file();
  PoDoFo::PdfFont* font = nullptr;
  if (file != nullptr) {
    font = doc.CreateFontSubset("Liberation Serif", false, false, false,
                                PoDoFo::PdfEncodingFactory::GlobalIdentityEncodingInstance(), file);
  }
  if (font == nullptr) throw std::runtime_error("no font with Vietnamese glyphs is installed");
  font->SetFontSize(size);
  return font;
}

PoDoFo::PdfString utf8(const std::string& s) {
  return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(s.c_str()));
}

double seal_size(const Appearance& a) { return a.seal_diameter_mm * kPointsPerMm; }

// Draws a PNG scaled to fit (aspect kept) and centred in the box.
void draw_png(PoDoFo::PdfDocument& doc, PoDoFo::PdfPainter& painter, const Bytes& png,
              const PageRect& box) {
  PoDoFo::PdfImage image(&doc);
  image.LoadFromPngData(reinterpret_cast<const unsigned char*>(png.data()),
                        static_cast<PoDoFo::pdf_long>(png.size()));
  const double w = image.GetWidth();
  const double h = image.GetHeight();
  if (w <= 0 || h <= 0) return;
  const double scale = std::min(box.width / w, box.height / h);
  const double x = box.x + (box.width - w * scale) / 2;
  const double y = box.y + (box.height - h * scale) / 2;
  painter.DrawImage(x, y, &image, scale, scale);
}

}  // namespace

Placement default_placement(const std::string& role) {
  Placement p;
  if (role == "attachment") {
    p.page = 0;
    p.rect = {kA4Width - 57 - 260, kA4Height - 14 - 20, 260, 16};
    return p;
  }
  p.page = -1;
  const bool left = role == "secretary";
  p.rect = {left ? 85.0 : 330.0, 150, left ? 170.0 : 210.0, 90};
  return p;
}

PageRect widget_rect(const Appearance& a, const PageRect& sig) {
  if (a.kind != AppearanceKind::SignerBlock || !a.seal_png) return sig;
  // The seal's right edge lies one third into the signature.
  const double d = seal_size(a);
  const double left = std::min(sig.x, sig.x + sig.width / 3 - d);
  const double centre_y = sig.y + sig.height / 2;
  const double bottom = std::min(sig.y, centre_y - d / 2);
  const double top = std::max(sig.y + sig.height, centre_y + d / 2);
  return {left, bottom, sig.x + sig.width - left, top - bottom};
}

void draw_appearance(PoDoFo::PdfDocument& doc, PoDoFo::PdfXObject& xobject, const Appearance& a,
                     const PageRect& sig, const PageRect& widget) {
  PoDoFo::PdfPainter painter;
  painter.SetPage(&xobject);
  try {
    // Coordinates inside the XObject are relative to the widget's lower left corner.
    const PageRect local{sig.x - widget.x, sig.y - widget.y, sig.width, sig.height};
    if (a.kind == AppearanceKind::AttachmentLine) {
      PoDoFo::PdfFont* font = vietnamese_font(doc, 10);
      painter.SetFont(font);
      painter.SetColor(0, 0, 0);
      const std::string line = a.document_number.empty()
                                   ? a.signing_time_iso
                                   : a.document_number + "  " + a.signing_time_iso;
      painter.DrawTextAligned(local.x, local.y + 4, local.width, utf8(line),
                              PoDoFo::ePdfAlignment_Right);
    } else {
      if (a.signature_png) {
        draw_png(doc, painter, *a.signature_png, local);
      } else {
        // Text stamp: the signer's name and the signing time, in blue, framed.
        painter.SetStrokingColor(0.05, 0.2, 0.6);
        painter.SetStrokeWidth(0.8);
        painter.Rectangle(local.x + 1, local.y + 1, local.width - 2, local.height - 2);
        painter.Stroke();
        painter.SetColor(0.05, 0.2, 0.6);
        PoDoFo::PdfFont* font = vietnamese_font(doc, 9);
        painter.SetFont(font);
        const double mid = local.y + local.height / 2;
        painter.DrawTextAligned(local.x, mid + 8, local.width, utf8("Đã ký số bởi"),
                                PoDoFo::ePdfAlignment_Center);
        painter.DrawTextAligned(local.x, mid - 3, local.width, utf8(a.signer_name),
                                PoDoFo::ePdfAlignment_Center);
        painter.DrawTextAligned(local.x, mid - 14, local.width, utf8(a.signing_time_iso),
                                PoDoFo::ePdfAlignment_Center);
      }
      if (a.seal_png) {
        const double d = seal_size(a);
        const PageRect seal{local.x + local.width / 3 - d, local.y + local.height / 2 - d / 2, d,
                            d};
        draw_png(doc, painter, *a.seal_png, seal);
      }
    }
    painter.FinishPage();
  } catch (...) {
    try {
      painter.FinishPage();
    } catch (...) {
    }
    throw;
  }
}

}  // namespace kd::signing
