#include "services/documents/page_stamp.hpp"

#include <podofo/podofo.h>

#include <cstring>
#include <filesystem>

#include "services/documents/pdf_engine.hpp"

namespace kd::documents {
namespace {

using namespace PoDoFo;

PdfObject* resolve(PdfMemDocument& doc, PdfObject* o) {
  return o && o->IsReference() ? doc.GetObjects().GetObject(o->GetReference()) : o;
}

PdfObject* raw_stream(PdfMemDocument& doc, const char* data) {
  PdfObject* o = doc.GetObjects().CreateObject();
  const TVecFilters none;  // a few bytes: not worth compressing
  o->GetStream()->Set(data, static_cast<pdf_long>(std::strlen(data)), none);
  return o;
}

// Qt leaves its page transformation (scale and y flip) in force at the end of the page's content.
// Wrap the page's content streams, untouched (no inflate, no deflate), between a shared "q" stream
// and a shared "Q /KdPageNo Do" stream; /KdPageNo is the page's own form XObject with its number.
void append_number(PdfMemDocument& doc, PdfPage* page, PdfObject* open, PdfObject* close,
                   const PdfXObject& number) {
  PdfDictionary& dict = page->GetObject()->GetDictionary();
  PdfArray contents;
  contents.push_back(open->Reference());
  if (PdfObject* raw = dict.GetKey("Contents")) {
    PdfObject* target = resolve(doc, raw);
    if (target && target->IsArray()) {
      for (const auto& item : target->GetArray()) contents.push_back(item);
    } else {
      contents.push_back(*raw);
    }
  }
  contents.push_back(close->Reference());
  dict.AddKey("Contents", contents);
  page->AddResource(PdfName("KdPageNo"), number.GetObjectReference(), PdfName("XObject"));
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
      PdfObject* open = raw_stream(doc, "q\n");
      PdfObject* close = raw_stream(doc, "\nQ\n/KdPageNo Do\n");
      for (int i = 1; i < pages; ++i) {
        PdfPage* page = doc.GetPage(i);
        const PdfRect box = page->GetPageSize();
        PdfXObject number(box, &doc);
        const std::string text = std::to_string(i + 1);
        const double width = font->GetFontMetrics()->StringWidth(text.c_str());
        PdfPainter painter;
        painter.SetPage(&number);
        painter.SetFont(font);
        painter.DrawText(box.GetLeft() + (box.GetWidth() - width) / 2.0,
                         box.GetBottom() + box.GetHeight() - top_mm * points_per_mm,
                         PdfString(text.c_str()));
        painter.FinishPage();
        append_number(doc, page, open, close, number);
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
