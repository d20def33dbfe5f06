// A minimal DER writer for the few ASN.1 structures the CAdES signer assembles
// (SignedData, SignerInfo, signed attributes). Reading DER is left to OpenSSL.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

namespace kd::signing::der {

using Bytes = std::string;

namespace tag {
inline constexpr unsigned char kInteger = 0x02;
inline constexpr unsigned char kOctetString = 0x04;
inline constexpr unsigned char kNull = 0x05;
inline constexpr unsigned char kOid = 0x06;
inline constexpr unsigned char kSequence = 0x30;
inline constexpr unsigned char kSet = 0x31;
}  // namespace tag

Bytes tlv(unsigned char tag, const Bytes& content);
Bytes sequence(std::initializer_list<Bytes> items);
// A DER SET OF: the encodings sorted (X.690 11.6), so the same set always encodes the same.
Bytes set_of(std::vector<Bytes> items);
Bytes oid(const char* dotted);  // "1.2.840.113549.1.7.2"
Bytes integer(long value);
Bytes octet_string(const Bytes& content);
Bytes context_explicit(int number, const Bytes& content);  // [n] EXPLICIT, constructed
// The same encoding with its outer tag replaced ([n] IMPLICIT of a constructed type).
Bytes retag(const Bytes& encoding, unsigned char new_tag);

}  // namespace kd::signing::der
