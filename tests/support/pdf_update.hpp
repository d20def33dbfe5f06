// Incremental updates written by hand, the way another PDF tool — or an attacker — writes
// them: objects under chosen numbers (new, or redefining existing ones), object streams,
// cross-reference entries pointing numbers at bytes already in the file, a cross-reference
// section (table or stream) and a trailer chained to the previous one; optionally a
// signature over the result (CAdES from services/signing, with any key).
//
// The file as it is is read with QPDF to find and copy the objects to change.
#pragma once

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace kd::testing {

using Bytes = std::string;

// A one-page PDF (Helvetica, one line of ASCII text) written by hand, cross-reference table
// at exact offsets.
Bytes minimal_pdf(const std::string& line = "Bien ban hop to");

// "<< entries /Length N >>\nstream\n<data>\nendstream"
std::string stream_object(const std::string& dict_entries, const std::string& data);

// The decoded data of a stream of `pdf` (QPDF).
Bytes stream_data(QPDFObjectHandle stream);

class PdfUpdate {
 public:
  explicit PdfUpdate(Bytes pdf);

  QPDF& doc() { return *qpdf_; }  // the file as it is
  QPDFObjectHandle page(int index);
  QPDFObjectHandle root() { return qpdf_->getRoot(); }
  // The first content stream of a page.
  QPDFObjectHandle content_stream(int page_index);
  // Object `og` as this update has it (edited copy) or as the file has it.
  QPDFObjectHandle current(QPDFObjGen og);
  // Adds annotation `annot` (an object of this update) to a page's /Annots, and to the
  // form's /Fields when it is a field too (a form is created when there is none).
  void append_annotation(int page_index, QPDFObjGen annot, bool also_field);
  // A reference to object `og` (existing or new), to put into edited values.
  QPDFObjectHandle ref(QPDFObjGen og) { return qpdf_->getObject(og); }

  // A direct copy of dictionary object `og`, kept with the update and written as it is when
  // the update is written: edit it in place.
  QPDFObjectHandle edit(QPDFObjGen og);
  // Defines or redefines object `og` with `body` (PDF syntax).
  void put(QPDFObjGen og, std::string body);
  // A new object (the next free number), or only its number (defined later with put).
  QPDFObjGen add(std::string body);
  QPDFObjGen reserve() { return QPDFObjGen(next_number(), 0); }
  // A new object stream holding `members` (number -> body, generation 0), itself object
  // `stream`; the members get compressed cross-reference entries (needs a stream section).
  void put_object_stream(QPDFObjGen stream, const std::map<int, std::string>& members);
  // A cross-reference entry of this update pointing `og` at bytes already in the file.
  void point(QPDFObjGen og, std::size_t offset);
  // Text written before this update's objects that no cross-reference entry lists (an
  // object definition only readers that scan the file see).
  void put_unlisted(std::string text) { unlisted_ += text; }
  // Replaces the trailer's /Root.
  void set_root(QPDFObjGen og) { root_ = og; }

  struct Signer {
    X509* cert = nullptr;
    EVP_PKEY* key = nullptr;
    std::vector<X509*> chain;
    std::string field_name = "kd_other";
    long long when = 0;
    // Another tool's layout: /Contents before /ByteRange (then a large reservation puts
    // /ByteRange more than 64 KiB after the object's header).
    bool byte_range_after_contents = false;
    std::size_t reserved_bytes = 16384;
  };
  // The update carries a signature by `signer`: an invisible signature field on page
  // `page_index` (widget in the page's /Annots, field in the form), signing the whole file
  // as written.
  void sign(const Signer&, int page_index = 0);

  // The file with this update appended. A cross-reference stream is written when asked or
  // when the update has an object stream.
  Bytes write(bool xref_stream = false);

  // Offset of the last "startxref" value of a file, and where object `num` is defined
  // (every "num gen obj" header, in file order).
  static std::size_t previous_startxref(const Bytes& pdf);
  static std::vector<std::size_t> definitions(const Bytes& pdf, int num);

 private:
  int next_number();
  Bytes pdf_;
  std::unique_ptr<QPDF> qpdf_;
  std::map<QPDFObjGen, QPDFObjectHandle> edits_;
  std::map<QPDFObjGen, std::string> bodies_;
  std::map<QPDFObjGen, std::map<int, std::string>> object_streams_;
  std::map<QPDFObjGen, std::size_t> pointers_;
  std::optional<QPDFObjGen> root_;
  std::string unlisted_;
  std::optional<Signer> signer_;
  QPDFObjGen signature_{0, 0};
  int next_ = 0;
};

}  // namespace kd::testing
