#include "services/signing/pdf_signature.hpp"

#include <cstdio>
#include <ctime>
#include <memory>

#include "services/signing/appearance_draw.hpp"
#include "services/signing/text_locator.hpp"

namespace kd::signing {
namespace {

using namespace PoDoFo;

constexpr long long kVietnamOffset = 7 * 3600;  // Asia/Ho_Chi_Minh has no daylight saving

struct tm vietnam_tm(long long epoch) {
  const std::time_t t = static_cast<std::time_t>(epoch + kVietnamOffset);
  struct tm tm {};
  gmtime_r(&t, &tm);
  return tm;
}

PdfString utf8(const std::string& s) {
  return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str()));
}

bool has_field_named(PdfMemDocument& doc, const std::string& name) {
  PdfAcroForm* form = doc.GetAcroForm(false);
  if (form == nullptr) return false;
  PdfObject* fields = form->GetObject()->GetIndirectKey("Fields");
  if (fields == nullptr || !fields->IsArray()) return false;
  for (const auto& item : fields->GetArray()) {
    if (!item.IsReference()) continue;
    PdfObject* field = doc.GetObjects().GetObject(item.GetReference());
    if (field == nullptr || !field->IsDictionary()) continue;
    const PdfObject* t = field->GetDictionary().GetKey("T");
    if (t != nullptr && t->IsString() && t->GetString().GetStringUtf8() == name) return true;
  }
  return false;
}

void require_sig_flags(PdfAcroForm& form) {
  PdfDictionary& dict = form.GetObject()->GetDictionary();
  dict.AddKey(PdfName("SigFlags"), PdfObject(static_cast<pdf_int64>(3)));
  if (form.GetNeedAppearances()) form.SetNeedAppearances(false);
}

}  // namespace

std::string pdf_date_vietnam(long long epoch) {
  const struct tm tm = vietnam_tm(epoch);
  char buf[96];
  std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d%02d+07'00'", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

Bytes covered_bytes(const Bytes& pdf, const std::array<long long, 4>& r) {
  const long long size = static_cast<long long>(pdf.size());
  if (r[0] < 0 || r[1] < 0 || r[2] < 0 || r[3] < 0 || r[0] + r[1] > size || r[2] + r[3] > size)
    throw std::out_of_range("byte range outside the file");
  return pdf.substr(static_cast<std::size_t>(r[0]), static_cast<std::size_t>(r[1])) +
         pdf.substr(static_cast<std::size_t>(r[2]), static_cast<std::size_t>(r[3]));
}

PreparedPdf prepare_signature(const Bytes& input, const PdfSignatureRequest& req) {
  PoDoFo::PdfError::EnableDebug(false);
  PoDoFo::PdfError::EnableLogging(false);
  try {
    PdfMemDocument doc;
    doc.LoadFromBuffer(input.data(), static_cast<long>(input.size()), true);
    if (doc.GetEncrypted()) throw PdfInputError("the PDF is encrypted");
    const int pages = doc.GetPageCount();
    if (pages <= 0) throw PdfInputError("the PDF has no page");
    int index = req.placement.page < 0 ? pages - 1 : req.placement.page;
    if (index >= pages) throw PdfInputError("the signature's page does not exist");
    PageRect sig = req.placement.rect;
    // The signer's block, found by the printed name (last page first): the signature goes
    // between its title line and the name.
    for (int i = pages - 1; i >= 0 && !req.signer_block_name.empty(); --i) {
      const auto lines = text_lines(*doc.GetPage(i));
      if (const auto box = signer_block_box(lines, req.signer_block_name, sig.width,
                                            req.appearance.seal_png ? 110 : 80)) {
        index = i;
        sig = *box;
        break;
      }
    }
    if (has_field_named(doc, req.field_name))
      throw PdfInputError("the document already has a field named " + req.field_name);

    PdfPage* page = doc.GetPage(index);
    PdfAcroForm* form = doc.GetAcroForm(true, ePdfAcroFormDefaultAppearance_None);
    require_sig_flags(*form);

    const PageRect widget = widget_rect(req.appearance, sig);
    PdfAnnotation* annot = page->CreateAnnotation(
        ePdfAnnotation_Widget, PdfRect(widget.x, widget.y, widget.width, widget.height));
    annot->SetFlags(ePdfAnnotationFlags_Print | ePdfAnnotationFlags_Locked);
    PdfSignatureField field(annot, form, &doc);
    field.SetFieldName(utf8(req.field_name));

    PdfXObject appearance(PdfRect(0, 0, widget.width, widget.height), &doc);
    draw_appearance(doc, appearance, req.appearance, sig, widget);
    field.SetAppearanceStream(&appearance);
    doc.EmbedSubsetFonts();

    PdfRefCountedBuffer buffer;
    PdfOutputDevice device(&buffer);
    PdfSignOutputDevice signer(&device);
    signer.SetSignatureSize(req.reserved_bytes);

    PdfDictionary& sigdict = field.GetSignatureObject()->GetDictionary();
    sigdict.AddKey(PdfName("SubFilter"), PdfName("ETSI.CAdES.detached"));
    sigdict.AddKey(PdfName("M"), PdfString(pdf_date_vietnam(req.signing_time)));
    if (!req.reason.empty()) field.SetSignatureReason(utf8(req.reason));
    if (!req.location.empty()) field.SetSignatureLocation(utf8(req.location));
    if (!req.appearance.signer_name.empty())
      sigdict.AddKey(PdfName("Name"), utf8(req.appearance.signer_name));
    field.SetSignature(*signer.GetSignatureBeacon());

    doc.WriteUpdate(&signer, true);
    if (!signer.HasSignaturePosition())
      throw PdfInputError("the signature placeholder was not written");
    const PdfArray range = signer.AdjustByteRange();
    signer.Flush();

    PreparedPdf out;
    for (std::size_t i = 0; i < 4; ++i) out.byte_range[i] = range[i].GetNumber();
    out.pdf.assign(buffer.GetBuffer(), signer.GetLength());
    // The placeholder holds the beacon pattern: zero it so the hole is a plain hex string.
    const auto hole_start = static_cast<std::size_t>(out.byte_range[1]) + 1;
    const auto hole_end = static_cast<std::size_t>(out.byte_range[2]) - 1;
    if (hole_end <= hole_start || hole_end > out.pdf.size() || out.pdf[hole_start - 1] != '<' ||
        out.pdf[hole_end] != '>')
      throw PdfInputError("unexpected signature placeholder layout");
    std::fill(out.pdf.begin() + static_cast<long>(hole_start),
              out.pdf.begin() + static_cast<long>(hole_end), '0');
    out.content_digest = sha256(covered_bytes(out.pdf, out.byte_range));
    return out;
  } catch (const PoDoFo::PdfError& e) {
    throw PdfInputError(std::string("PDF: ") + PoDoFo::PdfError::ErrorName(e.GetError()));
  }
}

Bytes embed_signature(const PreparedPdf& prepared, const Bytes& cms_der) {
  const auto hole_start = static_cast<std::size_t>(prepared.byte_range[1]) + 1;
  const auto hole_end = static_cast<std::size_t>(prepared.byte_range[2]) - 1;
  const std::string hex = to_upper_hex(cms_der);
  if (hex.size() > hole_end - hole_start)
    throw std::length_error("the CMS signature (" + std::to_string(cms_der.size()) +
                            " bytes) does not fit the reserved " +
                            std::to_string((hole_end - hole_start) / 2) + " bytes");
  Bytes out = prepared.pdf;
  out.replace(hole_start, hex.size(), hex);
  return out;
}

}  // namespace kd::signing
