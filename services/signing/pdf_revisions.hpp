// The document as each revision of a file leaves it, read with QPDF the way a PDF reader
// reads it (cross-reference tables and streams, object streams, every incremental update),
// and what a later revision changes in the document besides adding signatures.
//
// A revision is the file's first `end` bytes, where `end` is just past one of its %%EOF
// markers. It is opened strictly: a cross-reference section that needs repair, an object
// that is not where the table says, or any warning makes the revision unreadable (a reader
// that repairs could show something other than what was signed).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "services/signing/openssl_util.hpp"

namespace kd::signing {

// An indirect object's number and generation.
using ObjectRef = std::pair<long long, long long>;

// A signature field of the document: where its signature dictionary (/V) is in the file.
struct SignatureFieldRef {
  std::string name;               // /T (UTF-8)
  ObjectRef value{0, 0};          // the signature dictionary; {0, 0} when /V is direct
  std::optional<std::size_t> at;  // file offset of the object holding the dictionary
  ObjectRef holder{0, 0};         // that object (the dictionary, or the field when direct)
};

// What a later revision changed, besides adding signatures (stable codes via to_code).
enum class Change {
  PageContent,    // what a page draws: its content streams
  PageResources,  // fonts, images and forms a page uses
  Annotation,     // an annotation or its appearance (/AP), added or changed
  Form,           // the interactive form: fields, their values and appearances
  Document,       // anything else the document holds: catalog, page tree, actions, names
  Unreadable,     // the update cannot be read without repair: no one can say what it shows
};
const char* to_code(Change);  // "page_content_changed", ..., "update_unreadable"

class PdfRevisions {
 public:
  // `file` must outlive this object.
  explicit PdfRevisions(const Bytes& file);
  ~PdfRevisions();
  PdfRevisions(const PdfRevisions&) = delete;
  PdfRevisions& operator=(const PdfRevisions&) = delete;

  // Whether the revision ending at `end` opens strictly (opened once, then kept).
  bool readable(std::size_t end);

  // The signature fields of the revision ending at `end` (which must be readable), in the
  // order of the form's field tree.
  std::vector<SignatureFieldRef> signature_fields(std::size_t end);

  // File offsets at which the cross-reference sections of the revision ending at `end`
  // (which must be readable) place objects: the newest definition of every object number
  // that is not compressed in an object stream.
  std::set<std::size_t> object_offsets(std::size_t end);

  // What the document at `to` changes against the document at `from` (both revision ends,
  // from < to). Allowed without a change: signature fields added to the form and to a
  // page's annotations whose signature dictionary is one of `new_signatures`, and the
  // document security store (/DSS: certificates, CRLs and OCSP answers for validation).
  std::set<Change> changes(std::size_t from, std::size_t to,
                           const std::set<ObjectRef>& new_signatures);

 private:
  struct Revision;
  Revision* open(std::size_t end);
  const Bytes& file_;
  std::map<std::size_t, std::unique_ptr<Revision>> revisions_;
};

}  // namespace kd::signing
