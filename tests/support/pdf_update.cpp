#include "tests/support/pdf_update.hpp"

#include <qpdf/Buffer.hh>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <stdexcept>

#include "services/signing/cades.hpp"
#include "services/signing/key_signing.hpp"
#include "services/signing/openssl_util.hpp"
#include "services/signing/pdf_signature.hpp"

namespace kd::testing {
namespace {

std::string xref_line(std::size_t offset, int gen) {
  char line[32];
  std::snprintf(line, sizeof line, "%010zu %05d n\r\n", offset, gen);
  return line;
}

void put_be(std::string& out, unsigned long long v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

std::string padded(long long v, std::size_t width) {
  std::string s = std::to_string(v);
  if (s.size() > width) throw std::length_error("byte range value too wide");
  return s + std::string(width - s.size(), ' ');
}

const std::string kRangeMark = "BRBRBRBRBR";

}  // namespace

Bytes minimal_pdf(const std::string& line) {
  const std::string content = "BT /F1 14 Tf 72 770 Td (" + line + ") Tj ET";
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
      "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream"};
  std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const auto xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f\r\n";
  for (const auto off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n\r\n", off);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

std::string stream_object(const std::string& dict_entries, const std::string& data) {
  return "<< " + dict_entries + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data +
         "\nendstream";
}

Bytes stream_data(QPDFObjectHandle stream) {
  const auto buf = stream.getStreamData();
  return Bytes(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
}

PdfUpdate::PdfUpdate(Bytes pdf) : pdf_(std::move(pdf)), qpdf_(std::make_unique<QPDF>()) {
  qpdf_->setSuppressWarnings(true);
  qpdf_->processMemoryFile("update base", pdf_.data(), pdf_.size());
  QPDFObjectHandle size = qpdf_->getTrailer().getKey("/Size");
  next_ = size.isInteger() ? static_cast<int>(size.getIntValue()) : 1;
  for (const auto& [og, entry] : qpdf_->getXRefTable()) next_ = std::max(next_, og.getObj() + 1);
}

QPDFObjectHandle PdfUpdate::page(int index) {
  return qpdf_->getAllPages().at(static_cast<std::size_t>(index));
}

QPDFObjectHandle PdfUpdate::content_stream(int page_index) {
  QPDFObjectHandle c = page(page_index).getKey("/Contents");
  return c.isArray() ? c.getArrayItem(0) : c;
}

QPDFObjectHandle PdfUpdate::edit(QPDFObjGen og) {
  auto it = edits_.find(og);
  if (it == edits_.end()) {
    QPDFObjectHandle original = qpdf_->getObject(og);
    if (!original.isDictionary()) throw std::invalid_argument("edit: not a dictionary");
    it = edits_.emplace(og, original.shallowCopy()).first;
  }
  return it->second;
}

void PdfUpdate::put(QPDFObjGen og, std::string body) { bodies_[og] = std::move(body); }

int PdfUpdate::next_number() { return next_++; }

QPDFObjGen PdfUpdate::add(std::string body) {
  const QPDFObjGen og(next_number(), 0);
  put(og, std::move(body));
  return og;
}

void PdfUpdate::put_object_stream(QPDFObjGen stream, const std::map<int, std::string>& members) {
  object_streams_[stream] = members;
}

void PdfUpdate::point(QPDFObjGen og, std::size_t offset) { pointers_[og] = offset; }

QPDFObjectHandle PdfUpdate::current(QPDFObjGen og) {
  const auto it = edits_.find(og);
  return it != edits_.end() ? it->second : qpdf_->getObject(og);
}

void PdfUpdate::append_annotation(int page_index, QPDFObjGen annot, bool also_field) {
  QPDFObjectHandle pg = current(page(page_index).getObjGen());
  QPDFObjectHandle annots = pg.getKey("/Annots");
  std::vector<QPDFObjectHandle> items;
  if (annots.isArray())
    for (int i = 0; i < annots.getArrayNItems(); ++i) items.push_back(annots.getArrayItem(i));
  items.push_back(ref(annot));
  if (annots.isIndirect()) {
    put(annots.getObjGen(), QPDFObjectHandle::newArray(items).unparseResolved());
  } else {
    edit(page(page_index).getObjGen()).replaceKey("/Annots", QPDFObjectHandle::newArray(items));
  }
  if (!also_field) return;
  QPDFObjectHandle catalog = current(root().getObjGen());
  QPDFObjectHandle form = catalog.getKey("/AcroForm");
  if (!form.isDictionary()) {
    QPDFObjectHandle created = QPDFObjectHandle::newDictionary();
    created.replaceKey("/Fields", QPDFObjectHandle::newArray({ref(annot)}));
    created.replaceKey("/SigFlags", QPDFObjectHandle::newInteger(3));
    created.replaceKey("/DA", QPDFObjectHandle::newString("/Helv 0 Tf 0 g"));
    edit(root().getObjGen()).replaceKey("/AcroForm", created);
    return;
  }
  if (form.isIndirect()) form = current(form.getObjGen());
  QPDFObjectHandle fields = form.getKey("/Fields");
  std::vector<QPDFObjectHandle> list;
  if (fields.isArray())
    for (int i = 0; i < fields.getArrayNItems(); ++i) list.push_back(fields.getArrayItem(i));
  list.push_back(ref(annot));
  if (fields.isIndirect()) {
    put(fields.getObjGen(), QPDFObjectHandle::newArray(list).unparseResolved());
    return;
  }
  QPDFObjectHandle original = root().getKey("/AcroForm");
  if (original.isIndirect()) {
    edit(original.getObjGen()).replaceKey("/Fields", QPDFObjectHandle::newArray(list));
  } else {
    QPDFObjectHandle copy = form.shallowCopy();
    copy.replaceKey("/Fields", QPDFObjectHandle::newArray(list));
    edit(root().getObjGen()).replaceKey("/AcroForm", copy);
  }
}

void PdfUpdate::sign(const Signer& signer, int page_index) {
  signer_ = signer;
  signature_ = QPDFObjGen(next_number(), 0);
  const QPDFObjGen widget(next_number(), 0);
  put(widget, "<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /T (" + signer.field_name +
                  ") /V " + ref(signature_).unparse() + " /P " + page(page_index).unparse() +
                  " /Rect [0 0 0 0] >>");
  append_annotation(page_index, widget, true);
}

std::size_t PdfUpdate::previous_startxref(const Bytes& pdf) {
  const auto at = pdf.rfind("startxref");
  if (at == std::string::npos) throw std::runtime_error("no startxref");
  std::size_t p = at + 9;
  while (p < pdf.size() && std::isspace(static_cast<unsigned char>(pdf[p]))) ++p;
  return static_cast<std::size_t>(std::stoull(pdf.substr(p, 20)));
}

std::vector<std::size_t> PdfUpdate::definitions(const Bytes& pdf, int num) {
  std::vector<std::size_t> out;
  const std::string header = std::to_string(num) + " 0 obj";
  for (auto at = pdf.find(header); at != std::string::npos; at = pdf.find(header, at + 1))
    if (at == 0 || pdf[at - 1] == '\n' || pdf[at - 1] == '\r' || pdf[at - 1] == ' ')
      out.push_back(at);
  return out;
}

Bytes PdfUpdate::write(bool xref_stream) {
  if (!object_streams_.empty()) xref_stream = true;
  std::map<QPDFObjGen, std::string> bodies = bodies_;
  for (auto& [og, dict] : edits_) bodies[og] = dict.unparseResolved();
  if (signer_) {
    const std::string contents =
        "/Contents <" + std::string(2 * signer_->reserved_bytes, '0') + ">";
    const std::string range =
        "/ByteRange [0 " + kRangeMark + " " + kRangeMark + " " + kRangeMark + "]";
    const std::string head =
        "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (" +
        kd::signing::pdf_date_vietnam(signer_->when) + ") ";
    bodies[signature_] =
        head +
        (signer_->byte_range_after_contents ? contents + " " + range : range + " " + contents) +
        " >>";
  }

  Bytes out = pdf_;
  if (out.empty() || out.back() != '\n') out += '\n';
  out += unlisted_;
  struct Entry {
    int type;
    std::size_t field2;
    int field3;
  };
  std::map<int, Entry> entries;
  std::size_t signature_at = 0;
  for (const auto& [og, body] : bodies) {
    entries[og.getObj()] = {1, out.size(), og.getGen()};
    if (og == signature_) signature_at = out.size();
    out += std::to_string(og.getObj()) + " " + std::to_string(og.getGen()) + " obj\n" + body +
           "\nendobj\n";
  }
  for (const auto& [og, members] : object_streams_) {
    std::string index, data;
    int i = 0;
    for (const auto& [num, body] : members) {
      index += std::to_string(num) + " " + std::to_string(data.size()) + " ";
      data += body + "\n";
      entries[num] = {2, static_cast<std::size_t>(og.getObj()), i++};
    }
    entries[og.getObj()] = {1, out.size(), og.getGen()};
    out += std::to_string(og.getObj()) + " 0 obj\n" +
           stream_object("/Type /ObjStm /N " + std::to_string(members.size()) + " /First " +
                             std::to_string(index.size()),
                         index + data) +
           "\nendobj\n";
  }
  for (const auto& [og, offset] : pointers_) entries[og.getObj()] = {1, offset, og.getGen()};

  QPDFObjectHandle trailer = qpdf_->getTrailer();
  std::string trailer_entries =
      " /Root " + (root_ ? ref(*root_) : trailer.getKey("/Root")).unparse();
  if (trailer.hasKey("/Info")) trailer_entries += " /Info " + trailer.getKey("/Info").unparse();
  if (trailer.hasKey("/ID")) trailer_entries += " /ID " + trailer.getKey("/ID").unparseResolved();
  trailer_entries += " /Prev " + std::to_string(previous_startxref(pdf_));

  if (!xref_stream) {
    const std::size_t xref_at = out.size();
    int size = next_;
    for (const auto& [num, e] : entries) size = std::max(size, num + 1);
    out += "xref\n";
    for (const auto& [num, e] : entries)
      out += std::to_string(num) + " 1\n" + xref_line(e.field2, e.field3);
    out += "trailer\n<< /Size " + std::to_string(size) + trailer_entries + " >>\nstartxref\n" +
           std::to_string(xref_at) + "\n%%EOF\n";
  } else {
    const int self = next_number();
    const std::size_t xref_at = out.size();
    entries[self] = {1, xref_at, 0};
    int size = next_;
    for (const auto& [num, e] : entries) size = std::max(size, num + 1);
    std::string rows, index;
    for (const auto& [num, e] : entries) {
      index += std::to_string(num) + " 1 ";
      put_be(rows, static_cast<unsigned>(e.type), 1);
      put_be(rows, e.field2, 4);
      put_be(rows, static_cast<unsigned>(e.field3), 2);
    }
    out += std::to_string(self) + " 0 obj\n" +
           stream_object("/Type /XRef /Size " + std::to_string(size) + " /W [1 4 2] /Index [" +
                             index + "]" + trailer_entries,
                         rows) +
           "\nendobj\nstartxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
  }

  if (signer_) {
    const std::size_t b = out.find("/Contents <", signature_at) + 10;
    const std::size_t c = b + 2 * signer_->reserved_bytes + 2;
    const long long d = static_cast<long long>(out.size() - c);
    const std::size_t mark = out.find(kRangeMark, signature_at);
    out.replace(mark, 3 * kRangeMark.size() + 2,
                padded(static_cast<long long>(b), kRangeMark.size()) + " " +
                    padded(static_cast<long long>(c), kRangeMark.size()) + " " +
                    padded(d, kRangeMark.size()));
    namespace sg = kd::signing;
    const Bytes covered = out.substr(0, b) + out.substr(c);
    const auto alg = sg::algorithm_for(signer_->cert);
    const Bytes attrs = sg::signed_attributes(sg::sha256(covered), signer_->cert);
    const Bytes cms = sg::assemble_signed_data(signer_->cert, signer_->chain, attrs, alg,
                                               sg::sign_data(signer_->key, alg, attrs));
    const std::string hex = sg::to_upper_hex(cms);
    if (hex.size() > 2 * signer_->reserved_bytes) throw std::length_error("CMS too large");
    out.replace(b + 1, hex.size(), hex);
  }
  return out;
}

}  // namespace kd::testing
