#include "tests/support/pdf_attacks.hpp"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/QPDFXRefEntry.hh>

#include <array>
#include <cstdio>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "services/signing/openssl_util.hpp"
#include "tests/support/pdf_update.hpp"

namespace kd::testing {
namespace {

using Handle = QPDFObjectHandle;

// What a changed page shows: a white box over the text and a dark red bar where a line was.
const std::string kCover =
    "\nq 1 1 1 rg 40 300 520 500 re f Q\nq 0.8 0 0 rg 100 600 400 40 re f Q\n";
const std::string kRevealed = "q 0.8 0 0 rg 100 600 400 40 re f Q";

PdfUpdate::Signer signer_of(const AttackSigner& a, const std::string& field = "kd_attacker") {
  PdfUpdate::Signer s;
  s.cert = a.cert;
  s.key = a.key;
  s.chain = a.chain;
  s.field_name = field;
  s.when = a.when;
  s.reserved_bytes = a.reserved_bytes;
  return s;
}

Bytes identity(const Bytes& pdf) { return pdf; }

// A stream object with the dictionary of `original` (minus length and filters) and new data.
std::string restream(Handle original, const std::string& data) {
  Handle dict = original.getDict().shallowCopy();
  for (const char* key : {"/Length", "/Filter", "/DecodeParms", "/Length1"}) dict.removeKey(key);
  dict.replaceKey("/Length", Handle::newInteger(static_cast<long long>(data.size())));
  return dict.unparseResolved() + "\nstream\n" + data + "\nendstream";
}

Bytes read_binary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The fonts page 0 uses, and what hangs below them (descendant fonts, descriptors).
std::vector<Handle> fonts_of_page(PdfUpdate& u) {
  std::vector<Handle> out;
  Handle fonts = u.page(0).getKey("/Resources").getKey("/Font");
  if (!fonts.isDictionary()) return out;
  for (const auto& name : fonts.getKeys()) {
    Handle f = fonts.getKey(name);
    out.push_back(f);
    Handle desc = f.getKey("/DescendantFonts");
    if (desc.isArray() && desc.getArrayNItems() > 0) out.push_back(desc.getArrayItem(0));
  }
  return out;
}

// --- Incremental Saving Attack ---------------------------------------------------------------

Bytes isa_content_stream(const Bytes& pdf, const AttackSigner& a) {
  PdfUpdate u(pdf);
  Handle cs = u.content_stream(0);
  u.put(cs.getObjGen(), stream_object("", stream_data(cs) + kCover));
  u.sign(signer_of(a));
  return u.write();
}

Bytes isa_page_object(const Bytes& pdf, const AttackSigner& a) {
  PdfUpdate u(pdf);
  // The page redefined under its own number: only the top of it is shown any more.
  u.edit(u.page(0).getObjGen())
      .replaceKey("/CropBox", Handle::newArray(Handle::Rectangle(0, 700, 595, 842)));
  u.sign(signer_of(a));
  return u.write();
}

Bytes isa_unsigned(const Bytes& pdf, const AttackSigner&) {
  PdfUpdate u(pdf);
  Handle cs = u.content_stream(0);
  u.put(cs.getObjGen(), stream_object("", stream_data(cs) + kCover));
  return u.write();
}

// The redefinition appended with no cross-reference section or trailer: only a reader
// that repairs the file sees it.
Bytes isa_without_xref(const Bytes& pdf, const AttackSigner&) {
  PdfUpdate u(pdf);
  Handle cs = u.content_stream(0);
  Bytes out = pdf;
  if (out.back() != '\n') out += '\n';
  out += std::to_string(cs.getObjectID()) + " 0 obj\n" +
         stream_object("", stream_data(cs) + kCover) + "\nendobj\n%%EOF\n";
  return out;
}

// The redefinition appended with no cross-reference entry, then a regular update (the
// attacker's signature) after it: a reader that follows the cross-reference sections never
// sees it, one that scans the file for objects takes it as the newest definition.
Bytes isa_unlisted_object(const Bytes& pdf, const AttackSigner& a) {
  PdfUpdate u(pdf);
  Handle cs = u.content_stream(0);
  u.put_unlisted(std::to_string(cs.getObjectID()) + " 0 obj\n" +
                 stream_object("", stream_data(cs) + kCover) + "\nendobj\n");
  u.sign(signer_of(a));
  return u.write();
}

// The document with its objects packed into object streams, as many writers save it.
Bytes with_object_streams(const Bytes& pdf) {
  QPDF q;
  q.setSuppressWarnings(true);
  q.processMemoryFile("unsigned", pdf.data(), pdf.size());
  QPDFWriter w(q);
  w.setOutputMemory();
  w.setObjectStreamMode(qpdf_o_generate);
  w.write();
  const auto buf = w.getBufferSharedPointer();
  return Bytes(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
}

// A font redefined inside an object stream of the update: the new definition is compressed,
// so no "N 0 obj" header of the update names it (our pipeline writes every object of a
// document saved with object streams out plainly when it signs, so the font's previous
// definition is a plain object).
Bytes objstm_member(const Bytes& pdf, const AttackSigner& a) {
  PdfUpdate u(pdf);
  Handle target;
  for (Handle f : fonts_of_page(u))
    if (f.isIndirect() && f.isDictionary() && !target.isInitialized()) target = f;
  if (!target.isInitialized()) throw std::runtime_error("objstm_member: no font");
  Handle copy = target.shallowCopy();
  if (copy.hasKey("/W")) {
    copy.removeKey("/W");
    copy.replaceKey("/DW", Handle::newInteger(1500));
  } else if (copy.hasKey("/Widths")) {
    std::vector<Handle> wide(static_cast<std::size_t>(copy.getKey("/Widths").getArrayNItems()),
                             Handle::newInteger(1500));
    copy.replaceKey("/Widths", Handle::newArray(wide));
  } else {
    copy.replaceKey("/BaseFont", Handle::newName("/Courier"));
  }
  u.put_object_stream(u.reserve(), {{target.getObjectID(), copy.unparseResolved()}});
  u.sign(signer_of(a));
  return u.write(true);
}

// The embedded font program swapped for another font's: other glyphs under the same codes.
Bytes font_swap(const Bytes& pdf, const AttackSigner& a) {
  PdfUpdate u(pdf);
  bool swapped = false;
  for (Handle f : fonts_of_page(u)) {
    Handle fd = f.getKey("/FontDescriptor");
    if (!fd.isDictionary()) continue;
    for (const char* key : {"/FontFile2", "/FontFile", "/FontFile3"}) {
      Handle program = fd.getKey(key);
      if (!program.isStream() || swapped) continue;
      const Bytes ttf =
          read_binary("/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf");
      u.put(program.getObjGen(), stream_object("/Length1 " + std::to_string(ttf.size()), ttf));
      swapped = true;
    }
  }
  if (!swapped) {  // a standard font: another one under the same resource name
    Handle f = fonts_of_page(u).at(0);
    Handle copy = f.shallowCopy();
    copy.replaceKey("/BaseFont", Handle::newName("/Courier"));
    u.put(f.getObjGen(), copy.unparseResolved());
  }
  u.sign(signer_of(a));
  return u.write();
}

// --- Annotations ---------------------------------------------------------------------------

// The victim's own signature appearance redrawn (same object number).
Bytes appearance_swap(const Bytes& pdf, const AttackSigner& a) {
  PdfUpdate u(pdf);
  Handle field = u.root().getKey("/AcroForm").getKey("/Fields").getArrayItem(0);
  Handle ap = field.getKey("/AP").getKey("/N");
  if (!ap.isStream()) throw std::runtime_error("appearance_swap: no appearance stream");
  u.put(ap.getObjGen(), restream(ap, "q 0.8 0 0 rg 0 0 2000 2000 re f Q"));
  u.sign(signer_of(a));
  return u.write();
}

// A new annotation laid over the page (a white square): the page's bytes are untouched.
Bytes annotation_added(const Bytes& pdf, const AttackSigner& a) {
  PdfUpdate u(pdf);
  const QPDFObjGen look = u.add(stream_object("/Type /XObject /Subtype /Form /BBox [0 0 520 500]",
                                              "q 1 1 1 rg 0 0 520 500 re f Q"));
  const QPDFObjGen square = u.add(
      "<< /Type /Annot /Subtype /Square /F 4 /Rect [40 300 560 800] /C [1 1 1] /IC [1 1 1] "
      "/AP << /N " +
      u.ref(look).unparse() + " >> >>");
  u.append_annotation(0, square, false);
  u.sign(signer_of(a));
  return u.write();
}

// --- Shadow attacks --------------------------------------------------------------------------

// Hide, prepared: page 0 also draws a dark red bar (the content to reveal later) under a
// white box (the overlay). The overlay's number is first defined empty, then redefined.
Bytes prepare_hide(const Bytes& pdf) {
  PdfUpdate first(pdf);
  const QPDFObjGen overlay = first.add(stream_object("", ""));
  const Bytes step = first.write();
  PdfUpdate second(step);
  const QPDFObjGen hidden = second.add(stream_object("", kRevealed));
  second.put(overlay, stream_object("", "q 1 1 1 rg 90 590 420 60 re f Q"));
  Handle contents = second.page(0).getKey("/Contents");
  std::vector<Handle> list;
  if (contents.isArray()) {
    for (int i = 0; i < contents.getArrayNItems(); ++i) list.push_back(contents.getArrayItem(i));
  } else {
    list.push_back(contents);
  }
  list.push_back(second.ref(hidden));
  list.push_back(second.ref(overlay));
  second.edit(second.page(0).getObjGen()).replaceKey("/Contents", Handle::newArray(list));
  return second.write();
}

// Hide: an update of nothing but a cross-reference entry pointing the overlay's number back
// at its first, empty definition (plus the attacker's signature).
Bytes attack_hide(const Bytes& pdf, const AttackSigner& a) {
  PdfUpdate u(pdf);
  Handle contents = u.page(0).getKey("/Contents");
  const QPDFObjGen overlay = contents.getArrayItem(contents.getArrayNItems() - 1).getObjGen();
  const auto defs = PdfUpdate::definitions(pdf, overlay.getObj());
  if (defs.size() < 2) throw std::runtime_error("attack_hide: no earlier definition");
  u.point(overlay, defs.front());
  u.sign(signer_of(a));
  return u.write();
}

// Replace, prepared: a text field showing the rating.
Bytes prepare_replace(const Bytes& pdf) {
  PdfUpdate p(pdf);
  const QPDFObjGen font =
      p.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const QPDFObjGen look = p.add(stream_object(
      "/Type /XObject /Subtype /Form /BBox [0 0 300 30] /Resources << /Font << /Helv " +
          p.ref(font).unparse() + " >> >>",
      "/Tx BMC q BT /Helv 14 Tf 0 g 4 10 Td (Xep loai: Hoan thanh tot nhiem vu) Tj ET Q EMC"));
  const QPDFObjGen field = p.add(
      "<< /Type /Annot /Subtype /Widget /FT /Tx /T (xep_loai) /V (Hoan thanh tot nhiem vu) "
      "/F 4 /Rect [90 480 390 510] /P " +
      p.page(0).unparse() + " /DA (/Helv 14 Tf 0 g) /AP << /N " + p.ref(look).unparse() + " >> >>");
  p.append_annotation(0, field, true);
  return p.write();
}

// Replace: the field's value and appearance changed after signing.
Bytes attack_replace(const Bytes& pdf, const AttackSigner& a) {
  PdfUpdate u(pdf);
  Handle fields = u.root().getKey("/AcroForm").getKey("/Fields");
  Handle field;
  for (int i = 0; i < fields.getArrayNItems(); ++i) {
    Handle f = fields.getArrayItem(i);
    if (f.getKey("/T").isString() && f.getKey("/T").getStringValue() == "xep_loai") field = f;
  }
  if (!field.isInitialized()) throw std::runtime_error("attack_replace: no field");
  Handle ap = field.getKey("/AP").getKey("/N");
  const QPDFObjGen look = u.add(restream(
      ap,
      "/Tx BMC q BT /Helv 14 Tf 0 g 4 10 Td (Xep loai: Khong hoan thanh nhiem vu) Tj ET Q EMC"));
  Handle copy = field.shallowCopy();
  copy.replaceKey("/V", Handle::newString("Khong hoan thanh nhiem vu"));
  Handle apd = Handle::newDictionary();
  apd.replaceKey("/N", u.ref(look));
  copy.replaceKey("/AP", apd);
  u.put(field.getObjGen(), copy.unparseResolved());
  u.sign(signer_of(a));
  return u.write();
}

// Hide-and-replace, prepared: a whole second page tree, referenced by nothing.
Bytes prepare_hide_and_replace(const Bytes& pdf) {
  PdfUpdate p(pdf);
  const QPDFObjGen content = p.add(stream_object("", kRevealed));
  const QPDFObjGen pages = p.reserve();
  const QPDFObjGen page = p.reserve();
  Handle copy = p.page(0).shallowCopy();
  copy.replaceKey("/Parent", p.ref(pages));
  copy.replaceKey("/Contents", p.ref(content));
  copy.removeKey("/Annots");
  if (!copy.hasKey("/MediaBox"))
    copy.replaceKey("/MediaBox", Handle::newArray(Handle::Rectangle(0, 0, 595, 842)));
  p.put(page, copy.unparseResolved());
  p.put(pages, "<< /Type /Pages /Kids [" + p.ref(page).unparse() + "] /Count 1 >>");
  return p.write();
}

// Hide-and-replace: the catalog redefined to show the hidden page tree.
Bytes attack_hide_and_replace(const Bytes& pdf, const AttackSigner& a) {
  PdfUpdate u(pdf);
  const QPDFObjGen shown = u.root().getKey("/Pages").getObjGen();
  QPDFObjGen hidden(0, 0);
  for (const auto& [og, entry] : u.doc().getXRefTable()) {
    Handle obj = u.doc().getObject(og);
    if (og != shown && obj.isDictionary() && obj.getKey("/Type").isName() &&
        obj.getKey("/Type").getName() == "/Pages")
      hidden = og;
  }
  if (hidden.getObj() == 0) throw std::runtime_error("attack_hide_and_replace: no hidden tree");
  u.sign(signer_of(a));
  u.edit(u.root().getObjGen()).replaceKey("/Pages", u.ref(hidden));
  return u.write();
}

// --- Signature Wrapping ----------------------------------------------------------------------

std::array<std::size_t, 4> last_byte_range(const Bytes& pdf, std::size_t* text_at) {
  const std::size_t at = pdf.rfind("/ByteRange [");
  if (at == std::string::npos) throw std::runtime_error("no /ByteRange");
  std::istringstream in(pdf.substr(at + 12, 60));
  std::array<std::size_t, 4> r{};
  in >> r[0] >> r[1] >> r[2] >> r[3];
  *text_at = at;
  return r;
}

// A colleague's second signature, made by a tool that writes /ByteRange after /Contents
// (so it lies in the second signed part). The attacker moves that second part to the end
// of the file, writes a /ByteRange pointing at its new place right after the signature
// value, and uses the freed room: at the offset the moved part's startxref names, its own
// cross-reference section, which redefines page 0's content.
Bytes signature_wrapping(const Bytes& pdf, const AttackSigner& a) {
  const Bytes legit = foreign_signature(pdf, a, a.reserved_bytes);
  std::size_t range_at = 0;
  const auto r = last_byte_range(legit, &range_at);
  const std::size_t c = r[2];
  const std::size_t xref = PdfUpdate::previous_startxref(legit);
  const Bytes second_part = legit.substr(c);
  if (range_at < c || xref < c) throw std::runtime_error("swa: unexpected layout");

  PdfUpdate u(legit);
  Handle cs = u.content_stream(0);
  const int k = cs.getObjectID();
  const std::string section = legit.substr(xref, legit.rfind("startxref") - xref);
  const std::string head = "xref\n" + std::to_string(k) + " 1\n";
  const std::string entry_template = "0000000000 00000 n\r\n";
  const std::size_t kprime_at = xref + head.size() + entry_template.size() + (section.size() - 5);
  char entry[32];
  std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", kprime_at);
  const std::string wrapped_section = head + entry + section.substr(5);  // after "xref\n"
  const std::string kprime =
      std::to_string(k) + " 0 obj\n" + stream_object("", stream_data(cs) + kCover) + "\nendobj\n";
  const std::size_t moved_at = xref + wrapped_section.size() + kprime.size();

  Bytes out = legit.substr(0, xref);
  // The unsigned copy of /ByteRange now in the hole: [0 b moved_at d].
  char range[64];
  std::snprintf(range, sizeof range, "/ByteRange [0 %-10zu %-10zu %-10zu]", r[1], moved_at, r[3]);
  const std::size_t old_len = out.find(']', range_at) + 1 - range_at;
  const std::string new_range(range);
  if (new_range.size() != old_len) throw std::runtime_error("swa: /ByteRange width differs");
  out.replace(range_at, old_len, new_range);
  return out + wrapped_section + kprime + second_part;
}

// --- Signature dictionary larger than 64 KiB -------------------------------------------------

Bytes large_signature_object(const Bytes& pdf, const AttackSigner& a) {
  PdfUpdate u(pdf);
  Handle cs = u.content_stream(0);
  u.put(cs.getObjGen(), stream_object("", stream_data(cs) + kCover));
  PdfUpdate::Signer s = signer_of(a);
  s.byte_range_after_contents = true;
  s.reserved_bytes = 40000;
  u.sign(s);
  return u.write();
}

}  // namespace

const std::vector<PdfAttack>& pdf_attacks() {
  static const std::vector<PdfAttack> all = {
      {"isa_content_stream", "the page's content stream redefined under its own number", identity,
       isa_content_stream, "page_content_changed"},
      {"isa_page_object", "the page object redefined (crop box) under its own number", identity,
       isa_page_object, "page_content_changed"},
      {"isa_unsigned", "an unsigned update redefining the content stream", identity, isa_unsigned,
       "page_content_changed"},
      {"isa_without_xref", "a redefinition appended without cross-reference section or trailer",
       identity, isa_without_xref, "update_unreadable"},
      {"isa_unlisted_object",
       "a redefinition no cross-reference section lists, followed by a signed update", identity,
       isa_unlisted_object, "update_unreadable"},
      {"objstm_member", "a font redefined inside an object stream of the update",
       with_object_streams, objstm_member, "page_resources_changed"},
      {"font_swap", "the embedded font program swapped for another font", identity, font_swap,
       "page_resources_changed"},
      {"appearance_swap", "the first signature's appearance stream (/AP /N) redrawn", identity,
       appearance_swap, "annotation_changed"},
      {"annotation_added", "a white square annotation laid over the page", identity,
       annotation_added, "annotation_changed"},
      {"shadow_hide", "overlay removed by a cross-reference entry to its empty definition",
       prepare_hide, attack_hide, "page_content_changed"},
      {"shadow_replace", "a form field's value and appearance replaced", prepare_replace,
       attack_replace, "annotation_changed"},
      {"shadow_hide_and_replace", "the page tree swapped for one hidden before signing",
       prepare_hide_and_replace, attack_hide_and_replace, "document_changed"},
      {"signature_wrapping", "second signed part moved, freed room used for a new xref", identity,
       signature_wrapping, "page_content_changed"},
      {"large_signature_object", "content change with a signature dictionary over 64 KiB", identity,
       large_signature_object, "page_content_changed"},
  };
  return all;
}

Bytes foreign_signature(const Bytes& signed_pdf, const AttackSigner& signer,
                        std::size_t reserved_bytes) {
  PdfUpdate u(signed_pdf);
  PdfUpdate::Signer s = signer_of(signer, "kd_colleague");
  s.byte_range_after_contents = true;
  s.reserved_bytes = reserved_bytes;
  u.sign(s);
  return u.write();
}

Bytes add_validation_data(const Bytes& signed_pdf, const std::vector<X509*>& certificates) {
  PdfUpdate u(signed_pdf);
  std::vector<Handle> list;
  for (X509* c : certificates)
    list.push_back(u.ref(u.add(stream_object("", kd::signing::der_of(c)))));
  Handle dss = Handle::newDictionary();
  dss.replaceKey("/Certs", Handle::newArray(list));
  const QPDFObjGen at = u.add(dss.unparseResolved());
  u.edit(u.root().getObjGen()).replaceKey("/DSS", u.ref(at));
  return u.write();
}

}  // namespace kd::testing
