#include "services/signing/pdf_structure.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <set>

#include "services/signing/pdf_lexer.hpp"
#include "workflow/utf8.hpp"

namespace kd::signing {
namespace {

using pdf::Value;

std::string text_of(const Value* v) {
  if (v == nullptr) return "";
  if (v->is(Value::Type::String) || v->is(Value::Type::HexString)) return pdf_text_to_utf8(v->text);
  if (v->is(Value::Type::Name)) return v->text;
  return "";
}

std::vector<std::size_t> find_revision_ends(const Bytes& f) {
  std::vector<std::size_t> ends;
  std::size_t pos = 0;
  while ((pos = f.find("%%EOF", pos)) != std::string::npos) {
    std::size_t end = pos + 5;
    if (end < f.size() && f[end] == '\r') ++end;
    if (end < f.size() && f[end] == '\n') ++end;
    ends.push_back(end);
    pos = pos + 5;
  }
  return ends;
}

void read_byte_range(const Bytes& f, const Value& dict, FoundSignature& s) {
  const Value* br = dict.get("ByteRange");
  const Value* contents = dict.get("Contents");
  if (br == nullptr || !br->is(Value::Type::Array) || br->items.size() != 4 || contents == nullptr)
    return;
  for (std::size_t i = 0; i < 4; ++i) {
    const auto n = br->items[i].integer();
    if (!n || *n < 0) return;
    s.byte_range[i] = *n;
  }
  const auto size = static_cast<long long>(f.size());
  const auto& r = s.byte_range;
  for (long long v : r)
    if (v > size) return;
  // The hole must be exactly the /Contents hex string, and the ranges inside the file.
  s.byte_range_read = r[0] == 0 && r[1] > 0 && r[2] > r[1] && r[3] >= 0 && r[2] + r[3] <= size;
  s.byte_range_valid = s.byte_range_read && static_cast<long long>(contents->begin) == r[1] &&
                       static_cast<long long>(contents->end) == r[2] &&
                       contents->is(Value::Type::HexString);
  if (s.byte_range_valid)
    for (long long i = r[1] + 1; i < r[2] - 1; ++i)
      if (!std::isxdigit(static_cast<unsigned char>(f[static_cast<std::size_t>(i)])))
        s.contents_plain_hex = false;
}

void check_padding(FoundSignature& s) {
  // DER length of the outer SEQUENCE; everything after it must be zero padding.
  const Bytes& c = s.contents;
  if (c.size() < 2 || static_cast<unsigned char>(c[0]) != 0x30) return;
  std::size_t len = 0, header = 2;
  const auto first = static_cast<unsigned char>(c[1]);
  if (first < 0x80) {
    len = first;
  } else {
    const std::size_t n = first & 0x7F;
    if (n == 0 || n > 4 || c.size() < 2 + n) return;
    for (std::size_t i = 0; i < n; ++i) len = (len << 8) | static_cast<unsigned char>(c[2 + i]);
    header = 2 + n;
  }
  for (std::size_t i = header + len; i < c.size(); ++i)
    if (c[i] != '\0') s.contents_padding_clean = false;
}

}  // namespace

std::string pdf_text_to_utf8(const std::string& s) {
  std::string out;
  if (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xFE &&
      static_cast<unsigned char>(s[1]) == 0xFF) {
    for (std::size_t i = 2; i + 1 < s.size(); i += 2) {
      unsigned cp = (static_cast<unsigned char>(s[i]) << 8) | static_cast<unsigned char>(s[i + 1]);
      if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < s.size()) {
        const unsigned lo =
            (static_cast<unsigned char>(s[i + 2]) << 8) | static_cast<unsigned char>(s[i + 3]);
        if (lo >= 0xDC00 && lo < 0xE000) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          i += 2;
        }
      }
      wf::append_utf8(out, cp);
    }
    return out;
  }
  if (s.size() >= 3 && s.compare(0, 3, "\xEF\xBB\xBF") == 0) return s.substr(3);
  for (unsigned char c : s) wf::append_utf8(out, c);
  return out;
}

std::optional<long long> parse_pdf_date(const std::string& text) {
  std::string s = text;
  if (s.rfind("D:", 0) == 0) s = s.substr(2);
  if (s.size() < 4) return std::nullopt;
  auto num = [&](std::size_t at, std::size_t n, int def) -> std::optional<int> {
    if (at + n > s.size()) return def;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const auto year = num(0, 4, 0), mon = num(4, 2, 1), day = num(6, 2, 1), hour = num(8, 2, 0),
             min = num(10, 2, 0), sec = num(12, 2, 0);
  if (!year || !mon || !day || !hour || !min || !sec) return std::nullopt;
  if (*mon < 1 || *mon > 12 || *day < 1 || *day > 31 || *hour > 23 || *min > 59 || *sec > 60)
    return std::nullopt;
  struct tm tm {};
  tm.tm_year = *year - 1900;
  tm.tm_mon = *mon - 1;
  tm.tm_mday = *day;
  tm.tm_hour = *hour;
  tm.tm_min = *min;
  tm.tm_sec = *sec;
  long long t = static_cast<long long>(timegm(&tm));
  if (s.size() > 14 && (s[14] == '+' || s[14] == '-')) {
    const auto oh = num(15, 2, 0);
    const auto om = s.size() >= 20 ? num(18, 2, 0) : std::optional<int>(0);
    if (oh && om) {
      const long long offset = *oh * 3600LL + *om * 60LL;
      t += s[14] == '+' ? -offset : offset;
    }
  }
  return t;
}

PdfStructure read_structure(const Bytes& f, PdfRevisions& revisions) {
  const std::size_t head = f.find("%PDF-");
  if (head == std::string::npos || head > 1024) throw MalformedPdf("not_a_pdf", "no %PDF- header");
  PdfStructure out;
  out.size = f.size();
  out.revision_ends = find_revision_ends(f);
  if (out.revision_ends.empty()) throw MalformedPdf("no_eof_marker", "no %%EOF marker");
  bool trailing_data = false;
  for (std::size_t i = out.revision_ends.back(); i < f.size(); ++i)
    if (!pdf::is_whitespace(f[i])) trailing_data = true;

  // The document as it is: the whole file, else the newest revision that opens.
  std::vector<std::size_t> candidates;
  if (!trailing_data) candidates.push_back(f.size());
  for (auto it = out.revision_ends.rbegin(); it != out.revision_ends.rend(); ++it)
    if (*it != f.size()) candidates.push_back(*it);
  std::vector<SignatureFieldRef> fields;
  bool found = false;
  for (std::size_t end : candidates) {
    if (!revisions.readable(end)) continue;
    try {
      fields = revisions.signature_fields(end);
    } catch (const std::exception&) {
      continue;
    }
    out.current_end = end;
    found = true;
    break;
  }
  if (!found) {
    if (trailing_data)
      throw MalformedPdf("truncated", "data after the last %%EOF: truncated or damaged file");
    throw MalformedPdf("damaged", "no revision of the file can be read without repair");
  }

  std::set<ObjectRef> seen;
  for (const auto& field : fields) {
    if (!seen.insert(field.holder).second && field.holder != ObjectRef{0, 0}) continue;
    FoundSignature s;
    s.field_name = field.name;
    s.ref = field.value;
    s.object_number = field.holder.first;
    std::optional<pdf::IndirectObject> obj;
    if (field.at && *field.at < out.current_end) obj = pdf::parse_indirect(f, *field.at);
    const Value* d = nullptr;
    if (obj && obj->num == field.holder.first && obj->gen == field.holder.second)
      d = field.value == field.holder ? &obj->value : obj->value.get("V");
    if (d == nullptr || !d->is(Value::Type::Dict)) {
      // Not in the file as plain bytes (compressed in an object stream, or unreadable):
      // nothing to check the signed bytes against.
      s.dict_begin = field.at.value_or(0);
      out.signatures.push_back(std::move(s));
      continue;
    }
    s.dict_begin = d->begin;
    s.type = text_of(d->get("Type"));
    s.filter = text_of(d->get("Filter"));
    s.sub_filter = text_of(d->get("SubFilter"));
    s.name = text_of(d->get("Name"));
    s.reason = text_of(d->get("Reason"));
    s.location = text_of(d->get("Location"));
    s.pdf_time = text_of(d->get("M"));
    if (!s.pdf_time.empty()) s.signing_time = parse_pdf_date(s.pdf_time);
    const Value* contents = d->get("Contents");
    if (contents != nullptr &&
        (contents->is(Value::Type::HexString) || contents->is(Value::Type::String)))
      s.contents = contents->text;
    read_byte_range(f, *d, s);
    check_padding(s);
    out.signatures.push_back(std::move(s));
  }
  std::stable_sort(
      out.signatures.begin(), out.signatures.end(),
      [](const FoundSignature& a, const FoundSignature& b) { return a.dict_begin < b.dict_begin; });
  return out;
}

bool update_well_formed(const Bytes& f, std::size_t begin, std::size_t end,
                        const std::set<std::size_t>& listed) {
  if (end > f.size() || begin >= end) return false;
  const std::size_t at = f.rfind("startxref", end - 1);
  if (at == std::string::npos || at < begin) return false;
  std::size_t p = at + 9;
  while (p < end && pdf::is_whitespace(f[p])) ++p;
  std::size_t xref = 0;
  const std::size_t digits = p;
  while (p < end && std::isdigit(static_cast<unsigned char>(f[p])) && p - digits < 19)
    xref = xref * 10 + static_cast<std::size_t>(f[p++] - '0');
  if (p == digits || xref < begin || xref >= at) return false;
  // Every object header of the update is a listed definition (or the cross-reference
  // stream), or lies inside the body of one (stream data that happens to read "N G obj").
  std::set<std::size_t> known = listed;
  known.insert(xref);
  for (std::size_t h : pdf::object_headers(f, begin, at)) {
    if (known.count(h) != 0) continue;
    auto owner = known.lower_bound(h);
    if (owner == known.begin()) return false;
    --owner;
    if (*owner < begin) return false;
    const std::size_t closed = f.find("endobj", *owner);
    if (closed == std::string::npos || closed < h) return false;
  }
  return true;
}

PdfStructure read_structure(const Bytes& f) {
  PdfRevisions revisions(f);
  return read_structure(f, revisions);
}

}  // namespace kd::signing
