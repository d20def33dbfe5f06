#include "services/signing/pdf_revisions.hpp"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFXRefEntry.hh>

#include <cstring>
#include <stdexcept>

#include "services/signing/pdf_structure.hpp"

namespace kd::signing {

struct PdfRevisions::Revision {
  std::unique_ptr<QPDF> qpdf;
  bool readable = false;
};

namespace {

using Handle = QPDFObjectHandle;

constexpr int kMaxDirectDepth = 64;  // nesting of direct arrays and dictionaries compared
constexpr int kMaxFieldDepth = 32;   // levels of the form's field tree
constexpr std::size_t kMaxFields = 10000;

ObjectRef ref_of(const Handle& h) {
  const QPDFObjGen og = h.getObjGen();
  return {og.getObj(), og.getGen()};
}

bool is_name(Handle h, const char* name) { return h.isName() && h.getName() == name; }

// A form that asks readers to draw every field again from /DA and /DR.
bool needs_appearances(Handle form) {
  Handle v = form.getKey("/NeedAppearances");
  return v.isBool() && v.getBoolValue();
}

// Where a comparison is in the document: decides which keys have their own rules and how a
// difference is reported.
enum class Ctx {
  Catalog,
  PagesNode,
  Page,
  PageContent,
  PageResources,
  Annots,      // a page's /Annots array
  Annotation,  // an annotation that was there before
  AcroForm,
  Fields,  // the form's /Fields array
  Form,    // a field that was there before
  Document,
};

Change change_of(Ctx c) {
  switch (c) {
    case Ctx::PageContent:
      return Change::PageContent;
    case Ctx::PageResources:
      return Change::PageResources;
    case Ctx::Annots:
    case Ctx::Annotation:
      return Change::Annotation;
    case Ctx::AcroForm:
    case Ctx::Fields:
    case Ctx::Form:
      return Change::Form;
    default:
      return Change::Document;
  }
}

// What a value inside a dictionary of context `parent` under `key` is compared as.
Ctx child_ctx(Ctx parent, const std::string& key) {
  switch (parent) {
    case Ctx::Page:
      if (key == "/Contents") return Ctx::PageContent;
      if (key == "/Resources") return Ctx::PageResources;
      if (key == "/Annots") return Ctx::Annots;
      return Ctx::PageContent;  // media box, rotation...: what the page shows
    case Ctx::Catalog:
      if (key == "/Pages") return Ctx::PagesNode;
      if (key == "/AcroForm") return Ctx::AcroForm;
      return Ctx::Document;
    case Ctx::AcroForm:
      if (key == "/Fields") return Ctx::Fields;
      return Ctx::Form;
    case Ctx::PagesNode:
      if (key == "/Resources") return Ctx::PageResources;  // inherited by the pages
      return Ctx::Document;
    case Ctx::Annots:
      return Ctx::Annotation;
    case Ctx::Fields:
      return Ctx::Form;
    default:
      return parent;
  }
}

class Comparison {
 public:
  Comparison(QPDF& older, QPDF& newer, const std::set<ObjectRef>& new_signatures)
      : older_(older), newer_(newer), new_signatures_(new_signatures) {}

  std::set<Change> run() {
    Handle old_trailer = older_.getTrailer();
    Handle new_trailer = newer_.getTrailer();
    // The catalog is the document; /Info is metadata a writer updates (modification date)
    // and no reader shows as content; /Encrypt must not appear, change or go.
    compare(old_trailer.getKey("/Root"), new_trailer.getKey("/Root"), Ctx::Catalog, 0);
    compare(old_trailer.getKey("/Encrypt"), new_trailer.getKey("/Encrypt"), Ctx::Document, 0);
    // The page tree first, so that what a page shows (its annotations included) is reported
    // as such even when the form also reaches it.
    while (!pages_.empty() || !pending_.empty()) {
      auto& queue = pages_.empty() ? pending_ : pages_;
      auto [o, n, ctx] = queue.back();
      queue.pop_back();
      if (!visited_.insert(ref_of(o)).second) continue;
      compare_resolved(o, n, ctx, 0);
    }
    return changes_;
  }

 private:
  struct Pending {
    Handle older, newer;
    Ctx ctx;
  };

  void note(Ctx ctx) { changes_.insert(change_of(ctx)); }

  static bool on_page(Ctx c) {
    return c == Ctx::PagesNode || c == Ctx::Page || c == Ctx::PageContent ||
           c == Ctx::PageResources || c == Ctx::Annots || c == Ctx::Annotation;
  }

  // Two values at the same place: indirect references must name the same object, which is
  // then compared once (whatever path reaches it first); direct values are compared here.
  void compare(Handle o, Handle n, Ctx ctx, int depth) {
    if (o.isIndirect() || n.isIndirect()) {
      if (!o.isIndirect() || !n.isIndirect() || o.getObjGen() != n.getObjGen()) return note(ctx);
      if (visited_.count(ref_of(o)) != 0) return;
      (on_page(ctx) ? pages_ : pending_).push_back({o, n, ctx});
      return;
    }
    compare_resolved(o, n, ctx, depth);
  }

  void compare_resolved(Handle o, Handle n, Ctx ctx, int depth) {
    if (depth > kMaxDirectDepth) return note(ctx);
    const auto type = o.getTypeCode();
    if (type != n.getTypeCode()) return note(ctx);
    switch (type) {
      case ot_null:
        return;
      case ot_boolean:
        if (o.getBoolValue() != n.getBoolValue()) note(ctx);
        return;
      case ot_integer:
        if (o.getIntValue() != n.getIntValue()) note(ctx);
        return;
      case ot_real:
        if (o.getRealValue() != n.getRealValue()) note(ctx);
        return;
      case ot_string:
        if (o.getStringValue() != n.getStringValue()) note(ctx);
        return;
      case ot_name:
        if (o.getName() != n.getName()) note(ctx);
        return;
      case ot_array:
        return compare_array(o, n, ctx, depth);
      case ot_dictionary:
        return compare_dict(o, n, ctx, depth);
      case ot_stream:
        compare_dict(o.getDict(), n.getDict(), ctx, depth);
        if (!same_buffer(o.getRawStreamData(), n.getRawStreamData())) note(ctx);
        return;
      default:
        return note(ctx);  // operators and inline images do not occur as objects
    }
  }

  static bool same_buffer(const std::shared_ptr<Buffer>& a, const std::shared_ptr<Buffer>& b) {
    return a && b && a->getSize() == b->getSize() &&
           (a->getSize() == 0 || std::memcmp(a->getBuffer(), b->getBuffer(), a->getSize()) == 0);
  }

  void compare_array(Handle o, Handle n, Ctx ctx, int depth) {
    const int old_size = o.getArrayNItems();
    const int new_size = n.getArrayNItems();
    // A page's annotations and the form's fields may grow by new signature fields.
    if (ctx == Ctx::Annots || ctx == Ctx::Fields) {
      if (new_size < old_size) return note(ctx);
      for (int i = 0; i < old_size; ++i)
        compare(o.getArrayItem(i), n.getArrayItem(i), child_ctx(ctx, ""), depth + 1);
      for (int i = old_size; i < new_size; ++i)
        if (!is_new_signature_field(n.getArrayItem(i), ctx == Ctx::Annots)) note(ctx);
      return;
    }
    if (old_size != new_size) return note(ctx);
    for (int i = 0; i < old_size; ++i) {
      Ctx item = ctx;
      if (ctx == Ctx::PagesNode) {
        // /Kids: a page or an intermediate node, as the signed revision has it.
        Handle kid = o.getArrayItem(i);
        item = kid.isDictionary() && is_name(kid.getKey("/Type"), "/Pages") ? Ctx::PagesNode
                                                                            : Ctx::Page;
      }
      compare(o.getArrayItem(i), n.getArrayItem(i), item, depth + 1);
    }
  }

  void compare_dict(Handle o, Handle n, Ctx ctx, int depth) {
    std::set<std::string> keys = o.getKeys();
    for (const auto& k : n.getKeys()) keys.insert(k);
    for (const auto& key : keys) {
      if (ctx == Ctx::Catalog && key == "/DSS") continue;  // validation data, never shown
      // Set when signatures exist; the default appearance and resources of fields that have
      // none of their own (writers add them with a signature field), unless the form asks
      // readers to redraw every field.
      if (ctx == Ctx::AcroForm &&
          (key == "/SigFlags" || ((key == "/DA" || key == "/DR") && !needs_appearances(n))))
        continue;
      Ctx child = child_ctx(ctx, key);
      if (ctx == Ctx::PagesNode && key == "/Kids") child = Ctx::PagesNode;
      Handle ov = o.getKey(key);
      Handle nv = n.getKey(key);
      // A first annotation or a first form: compared as an empty array or dictionary.
      if (ov.isNull() && !ov.isIndirect() && (child == Ctx::Annots || child == Ctx::AcroForm)) {
        if (nv.isIndirect() && !older_.getObjectByObjGen(nv.getObjGen()).isNull()) {
          note(child);  // an object the signed revision had, put to a new use
          continue;
        }
        if (child == Ctx::Annots && nv.isArray()) {
          compare_resolved(Handle::newArray(), nv, child, depth + 1);
          continue;
        }
        if (child == Ctx::AcroForm && nv.isDictionary()) {
          compare_first_form(nv, depth + 1);
          continue;
        }
      }
      compare(ov, nv, child, depth + 1);
    }
  }

  // A form added after signing: only signature fields in it.
  void compare_first_form(Handle form, int depth) {
    for (const auto& key : form.getKeys()) {
      if (key == "/SigFlags" || key == "/DA" || key == "/DR") continue;
      if (key != "/Fields" || !form.getKey(key).isArray()) {
        note(Ctx::Form);
        continue;
      }
      compare_resolved(Handle::newArray(), form.getKey(key), Ctx::Fields, depth);
    }
  }

  // A signature field (merged with its widget annotation) that did not exist before and
  // whose value is the signature of the newer revision. What it draws is that signer's
  // appearance, covered by that signature.
  bool is_new_signature_field(Handle h, bool as_annotation) {
    if (!h.isIndirect()) return false;
    Handle before = older_.getObjectByObjGen(h.getObjGen());
    if (!before.isNull()) return false;
    if (!h.isDictionary()) return false;
    if (!is_name(h.getKey("/FT"), "/Sig") || h.hasKey("/Parent") || h.hasKey("/Kids")) return false;
    if (as_annotation && !is_name(h.getKey("/Subtype"), "/Widget")) return false;
    Handle v = h.getKey("/V");
    return v.isIndirect() && v.isDictionary() && new_signatures_.count(ref_of(v)) == 1;
  }

  QPDF& older_;
  QPDF& newer_;
  const std::set<ObjectRef>& new_signatures_;
  std::set<ObjectRef> visited_;
  std::vector<Pending> pages_;    // reached from the page tree
  std::vector<Pending> pending_;  // the rest
  std::set<Change> changes_;
};

void collect_fields(Handle field, const std::string& inherited_type, int depth,
                    std::set<ObjectRef>& seen, std::vector<Handle>& out) {
  if (depth > kMaxFieldDepth || out.size() >= kMaxFields || !field.isDictionary()) return;
  if (field.isIndirect() && !seen.insert(ref_of(field)).second) return;
  Handle ft = field.getKey("/FT");
  const std::string type = ft.isName() ? ft.getName() : inherited_type;
  Handle kids = field.getKey("/Kids");
  if (kids.isArray()) {
    for (int i = 0; i < kids.getArrayNItems(); ++i)
      collect_fields(kids.getArrayItem(i), type, depth + 1, seen, out);
  }
  if (type == "/Sig" && field.hasKey("/V")) out.push_back(field);
}

std::optional<std::size_t> offset_of(QPDF& q, const ObjectRef& ref) {
  const auto table = q.getXRefTable();
  const auto it = table.find(QPDFObjGen(static_cast<int>(ref.first), static_cast<int>(ref.second)));
  if (it == table.end() || it->second.getType() != 1) return std::nullopt;
  return static_cast<std::size_t>(it->second.getOffset());
}

}  // namespace

const char* to_code(Change c) {
  switch (c) {
    case Change::PageContent:
      return "page_content_changed";
    case Change::PageResources:
      return "page_resources_changed";
    case Change::Annotation:
      return "annotation_changed";
    case Change::Form:
      return "form_changed";
    case Change::Document:
      return "document_changed";
    case Change::Unreadable:
      break;
  }
  return "update_unreadable";
}

PdfRevisions::PdfRevisions(const Bytes& file) : file_(file) {}
PdfRevisions::~PdfRevisions() = default;

PdfRevisions::Revision* PdfRevisions::open(std::size_t end) {
  auto& slot = revisions_[end];
  if (slot) return slot.get();
  slot = std::make_unique<Revision>();
  if (end > file_.size()) return slot.get();
  try {
    slot->qpdf = std::make_unique<QPDF>();
    slot->qpdf->setSuppressWarnings(true);
    slot->qpdf->setAttemptRecovery(false);
    slot->qpdf->processMemoryFile("revision", file_.data(), end);
    slot->readable = !slot->qpdf->anyWarnings() && slot->qpdf->getRoot().isDictionary() &&
                     !slot->qpdf->anyWarnings();
  } catch (const std::exception&) {
    slot->readable = false;
  }
  return slot.get();
}

bool PdfRevisions::readable(std::size_t end) { return open(end)->readable; }

std::vector<SignatureFieldRef> PdfRevisions::signature_fields(std::size_t end) {
  Revision* r = open(end);
  if (!r->readable) throw std::runtime_error("revision not readable");
  QPDF& q = *r->qpdf;
  std::vector<Handle> fields;
  std::set<ObjectRef> seen;
  Handle form = q.getRoot().getKey("/AcroForm");
  Handle list = form.isDictionary() ? form.getKey("/Fields") : Handle::newNull();
  if (list.isArray())
    for (int i = 0; i < list.getArrayNItems(); ++i)
      collect_fields(list.getArrayItem(i), "", 0, seen, fields);
  std::vector<SignatureFieldRef> out;
  for (auto& field : fields) {
    SignatureFieldRef s;
    Handle t = field.getKey("/T");
    if (t.isString()) s.name = pdf_text_to_utf8(t.getStringValue());
    Handle v = field.getKey("/V");
    if (v.isIndirect()) {
      s.value = ref_of(v);
      s.holder = s.value;
    } else if (field.isIndirect()) {
      s.holder = ref_of(field);
    }
    if (s.holder != ObjectRef{0, 0}) s.at = offset_of(q, s.holder);
    out.push_back(std::move(s));
  }
  if (q.anyWarnings()) throw std::runtime_error("revision not readable");
  return out;
}

std::set<std::size_t> PdfRevisions::object_offsets(std::size_t end) {
  Revision* r = open(end);
  if (!r->readable) throw std::runtime_error("revision not readable");
  std::set<std::size_t> out;
  for (const auto& [og, entry] : r->qpdf->getXRefTable())
    if (entry.getType() == 1) out.insert(static_cast<std::size_t>(entry.getOffset()));
  return out;
}

std::set<Change> PdfRevisions::changes(std::size_t from, std::size_t to,
                                       const std::set<ObjectRef>& new_signatures) {
  Revision* older = open(from);
  Revision* newer = open(to);
  if (!older->readable || !newer->readable) return {Change::Unreadable};
  std::set<Change> out;
  try {
    out = Comparison(*older->qpdf, *newer->qpdf, new_signatures).run();
  } catch (const std::exception&) {
    out.insert(Change::Unreadable);
  }
  if (older->qpdf->anyWarnings() || newer->qpdf->anyWarnings()) out.insert(Change::Unreadable);
  return out;
}

}  // namespace kd::signing
