#include "services/documents/page_stamp.hpp"

#include <podofo/podofo.h>

#include <filesystem>

#include "services/documents/pdf_engine.hpp"

namespace kd::documents {
namespace {

using namespace PoDoFo;

PdfObject* resolve(PdfMemDocument& doc, PdfObject* o) {
  return o && o->IsReference() ? doc.GetObjects().GetObject(o->GetReference()) : o;
}

void edit_stream(PdfObject* o, const std::string& before, const std::string& after) {
  if (!o || !o->HasStream()) return;
  char* buf = nullptr;
  pdf_long len = 0;
  o->GetStream()->GetFilteredCopy(&buf, &len);
  const std::string data =
      before + std::string(buf ? buf : "", static_cast<std::size_t>(len)) + after;
  podofo_free(buf);
  o->GetStream()->Set(data.data(), static_cast<pdf_long>(data.size()));
}

// Qt leaves its page transformation (scale and y flip) in force at the end of the page's content:
// wrap that content in q ... Q so that what we draw after it uses plain page coordinates.
void isolate_content(PdfMemDocument& doc, PdfPage* page) {
  PdfObject* contents = resolve(doc, page->GetContents());
  if (!contents) return;
  if (contents->IsArray()) {
    auto& items = contents->GetArray();
    if (items.empty()) return;
    edit_stream(resolve(doc, &items.front()), "q\n", "");
    edit_stream(resolve(doc, &items.back()), "", "\nQ\n");
  } else {
    edit_stream(contents, "q\n", "\nQ\n");
  }
}

// Debian's fonts-liberation2 file, named directly: a fontconfig lookup per document costs ~5 ms.
const char* liberation_serif_file() {
  static const std::string path = [] {
    const std::string p = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf";
    return std::filesystem::exists(p) ? p : std::string();
  }();
  return path.empty() ? nullptr : path.c_str();
}

}  // namespace

StampedPdf stamp_page_numbers(const std::string& pdf, const std::string& title, wf::TimePoint date,
                              double top_mm) {
  PdfError::EnableDebug(false);  // PoDoFo prints trailers and warnings to stdout otherwise
  PdfError::EnableLogging(false);
  try {
    PdfMemDocument doc;
    doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
    const int pages = doc.GetPageCount();
    if (pages > 1) {
      PdfFont* font = doc.CreateFontSubset("Liberation Serif", false, false, false,
                                           PdfEncodingFactory::GlobalIdentityEncodingInstance(),
                                           liberation_serif_file());
      if (!font) throw RenderError("font Liberation Serif not found (install fonts-liberation2)");
      font->SetFontSize(13.0f);
      const double points_per_mm = 72.0 / 25.4;
      for (int i = 1; i < pages; ++i) {
        PdfPage* page = doc.GetPage(i);
        isolate_content(doc, page);
        const PdfRect box = page->GetPageSize();
        const std::string text = std::to_string(i + 1);
        const double width = font->GetFontMetrics()->StringWidth(text.c_str());
        PdfPainter painter;
        painter.SetPage(page);
        painter.SetFont(font);
        painter.DrawText(box.GetLeft() + (box.GetWidth() - width) / 2.0,
                         box.GetBottom() + box.GetHeight() - top_mm * points_per_mm,
                         PdfString(text.c_str()));
        painter.FinishPage();
      }
      doc.EmbedSubsetFonts();
    }
    PdfString when;
    PdfDate(static_cast<time_t>(date.time_since_epoch().count())).ToString(when);
    PdfInfo* info = doc.GetInfo();
    info->SetCustomKey(PdfName("CreationDate"), when);
    info->SetCustomKey(PdfName("ModDate"), when);
    info->SetTitle(PdfString(reinterpret_cast<const pdf_utf8*>(title.c_str())));
    info->SetCreator(PdfString("kiemdiem"));
    PdfRefCountedBuffer buffer;
    PdfOutputDevice device(&buffer);
    doc.Write(&device);
    return {std::string(buffer.GetBuffer(), device.GetLength()), pages};
  } catch (const PdfError& e) {
    throw RenderError(std::string("PoDoFo: ") + PdfError::ErrorMessage(e.GetError()));
  }
}

}  // namespace kd::documents
