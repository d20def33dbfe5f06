#include "services/signing/pdf_structure.hpp"

#include <cctype>
#include <ctime>

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

// The field (/T) whose /V refers to object `num`.
std::string field_name_for(const Bytes& f, long long num, long long gen) {
  const std::string needle = "/V " + std::to_string(num) + " " + std::to_string(gen) + " R";
  std::size_t pos = 0;
  while ((pos = f.find(needle, pos)) != std::string::npos) {
    const std::size_t after = pos + needle.size();
    pos = after;
    if (after < f.size() && std::isdigit(static_cast<unsigned char>(f[after]))) continue;
    // The enclosing object: the nearest header before.
    const std::size_t from = pos > 4096 ? pos - 4096 : 0;
    const auto headers = pdf::object_headers(f, from, pos);
    if (headers.empty()) continue;
    const auto obj = pdf::parse_indirect(f, headers.back());
    if (!obj) continue;
    const Value* v = obj->value.get("V");
    if (v == nullptr || !v->is(Value::Type::Ref) || v->ref_num != num) continue;
    return text_of(obj->value.get("T"));
  }
  return "";
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
  // The hole must be exactly the /Contents hex string, and the ranges inside the file.
  s.byte_range_valid = r[0] == 0 && r[1] > 0 && r[2] > r[1] && r[3] >= 0 && r[2] + r[3] <= size &&
                       static_cast<long long>(contents->begin) == r[1] &&
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

PdfStructure read_structure(const Bytes& f) {
  const std::size_t head = f.find("%PDF-");
  if (head == std::string::npos || head > 1024) throw MalformedPdf("not_a_pdf", "no %PDF- header");
  PdfStructure out;
  out.size = f.size();
  out.revision_ends = find_revision_ends(f);
  if (out.revision_ends.empty()) throw MalformedPdf("no_eof_marker", "no %%EOF marker");
  for (std::size_t i = out.revision_ends.back(); i < f.size(); ++i)
    if (!pdf::is_whitespace(f[i]))
      throw MalformedPdf("truncated", "data after the last %%EOF: truncated or damaged file");

  std::size_t pos = 0;
  std::size_t last_dict = std::string::npos;
  while ((pos = f.find("/ByteRange", pos)) != std::string::npos) {
    const std::size_t at = pos;
    pos += 10;
    const std::size_t from = at > 65536 ? at - 65536 : 0;
    const auto headers = pdf::object_headers(f, from, at);
    if (headers.empty()) continue;
    auto obj = pdf::parse_indirect(f, headers.back());
    if (!obj || !obj->value.is(pdf::Value::Type::Dict) || obj->value.end <= at) continue;
    if (obj->value.get("ByteRange") == nullptr || obj->value.get("Contents") == nullptr) continue;
    if (obj->value.begin == last_dict) continue;
    last_dict = obj->value.begin;
    const Value& d = obj->value;
    FoundSignature s;
    s.object_number = obj->num;
    s.dict_begin = d.begin;
    s.type = text_of(d.get("Type"));
    s.filter = text_of(d.get("Filter"));
    s.sub_filter = text_of(d.get("SubFilter"));
    s.name = text_of(d.get("Name"));
    s.reason = text_of(d.get("Reason"));
    s.location = text_of(d.get("Location"));
    s.pdf_time = text_of(d.get("M"));
    if (!s.pdf_time.empty()) s.signing_time = parse_pdf_date(s.pdf_time);
    const Value* contents = d.get("Contents");
    if (contents->is(Value::Type::HexString) || contents->is(Value::Type::String))
      s.contents = contents->text;
    read_byte_range(f, d, s);
    check_padding(s);
    s.field_name = field_name_for(f, obj->num, obj->gen);
    out.signatures.push_back(std::move(s));
  }
  return out;
}

bool revision_adds_only_signature(const Bytes& f, std::size_t begin, std::size_t end) {
  bool has_signature = false;
  for (std::size_t h : pdf::object_headers(f, begin, end)) {
    const auto obj = pdf::parse_indirect(f, h);
    if (!obj) return false;
    const Value& v = obj->value;
    if (v.get("ByteRange") != nullptr && v.get("Contents") != nullptr) has_signature = true;
    const Value* type = v.get("Type");
    if (type == nullptr || !type->is(Value::Type::Name) || type->text != "Page") continue;
    // A rewritten page may gain /Annots; its /Contents must stay what it was.
    const auto earlier = pdf::object_headers(f, 0, begin);
    const Value* now = v.get("Contents");
    bool found = false;
    for (auto it = earlier.rbegin(); it != earlier.rend(); ++it) {
      const auto old = pdf::parse_indirect(f, *it);
      if (!old || old->num != obj->num) continue;
      found = true;
      const Value* before = old->value.get("Contents");
      const bool same = (before == nullptr && now == nullptr) ||
                        (before != nullptr && now != nullptr && before->type == now->type &&
                         f.compare(before->begin, before->end - before->begin,
                                   f.substr(now->begin, now->end - now->begin)) == 0);
      if (!same) return false;
      break;
    }
    if (!found) return false;
  }
  return has_signature;
}

}  // namespace kd::signing
