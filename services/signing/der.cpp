#include "services/signing/der.hpp"

#include <algorithm>
#include <stdexcept>

#include <openssl/objects.h>

namespace kd::signing::der {

Bytes tlv(unsigned char tag, const Bytes& content) {
  Bytes out(1, static_cast<char>(tag));
  const std::size_t n = content.size();
  if (n < 0x80) {
    out += static_cast<char>(n);
  } else {
    Bytes len;
    for (std::size_t v = n; v > 0; v >>= 8) len.insert(len.begin(), static_cast<char>(v & 0xFF));
    out += static_cast<char>(0x80 | len.size());
    out += len;
  }
  return out + content;
}

Bytes sequence(std::initializer_list<Bytes> items) {
  Bytes content;
  for (const auto& i : items) content += i;
  return tlv(tag::kSequence, content);
}

Bytes set_of(std::vector<Bytes> items) {
  std::sort(items.begin(), items.end(), [](const Bytes& a, const Bytes& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
      return static_cast<unsigned char>(x) < static_cast<unsigned char>(y);
    });
  });
  Bytes content;
  for (const auto& i : items) content += i;
  return tlv(tag::kSet, content);
}

Bytes oid(const char* dotted) {
  ASN1_OBJECT* obj = OBJ_txt2obj(dotted, 1);
  if (obj == nullptr) throw std::invalid_argument(std::string("bad OID ") + dotted);
  const int n = i2d_ASN1_OBJECT(obj, nullptr);
  Bytes out(static_cast<std::size_t>(n > 0 ? n : 0), '\0');
  unsigned char* p = reinterpret_cast<unsigned char*>(out.data());
  i2d_ASN1_OBJECT(obj, &p);
  ASN1_OBJECT_free(obj);
  return out;
}

Bytes integer(long value) {
  Bytes content;
  long v = value;
  do {
    content.insert(content.begin(), static_cast<char>(v & 0xFF));
    v >>= 8;
  } while (v != 0 && v != -1);
  if (value >= 0 && (static_cast<unsigned char>(content[0]) & 0x80))
    content.insert(content.begin(), '\0');
  return tlv(tag::kInteger, content);
}

Bytes octet_string(const Bytes& content) { return tlv(tag::kOctetString, content); }

Bytes context_explicit(int number, const Bytes& content) {
  return tlv(static_cast<unsigned char>(0xA0 | number), content);
}

Bytes retag(const Bytes& encoding, unsigned char new_tag) {
  if (encoding.empty()) throw std::invalid_argument("empty DER encoding");
  Bytes out = encoding;
  out[0] = static_cast<char>(new_tag);
  return out;
}

}  // namespace kd::signing::der
