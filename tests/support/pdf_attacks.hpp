// The published attacks on PDF signatures, built against a document that our own pipeline
// signs (the victim's signature), and the legitimate later additions they must not be
// confused with:
//
// - Mladenov, Mainka, Meyer zu Selhausen, Grothe, Schwenk, "1 Trillion Dollar Refund — How
//   To Spoof PDF Signatures" (ACM CCS 2019): Incremental Saving Attack (an appended update
//   redefines objects under their own numbers; variants without a cross-reference section)
//   and Signature Wrapping Attack (the second signed part moved, a new /ByteRange pointing
//   at it, the freed room used for the attacker's cross-reference section).
// - Mainka, Mladenov, Rohlmann, Schwenk, "Shadow Attacks: Hiding and Replacing Content in
//   Signed PDFs" (NDSS 2021): content planted before signing and revealed after it — hide
//   (an overlay removed by pointing its number back at an empty definition), replace (a
//   form field's value and appearance), hide-and-replace (the whole page tree swapped for
//   a hidden one).
//
// Every attack update except the unsigned incremental-saving variants is itself signed by
// the attacker with a certificate the verifier trusts (an insider, e.g. the second signer):
// the strongest case, in which the later revision really "adds a signature".
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace kd::testing {

using Bytes = std::string;

struct AttackSigner {
  X509* cert = nullptr;
  EVP_PKEY* key = nullptr;
  std::vector<X509*> chain;            // issuers to embed
  long long when = 0;                  // signing time
  std::size_t reserved_bytes = 16384;  // room for the CMS in the attacker's signature
};

struct PdfAttack {
  std::string name;  // "isa_content_stream", ...
  std::string what;  // one line, for test messages
  // What the victim's document looks like before the victim signs (shadow attacks plant
  // their hidden content here); identity for the others.
  std::function<Bytes(const Bytes& unsigned_pdf)> prepare;
  // The attack on the document the victim signed (first signature = the victim's).
  std::function<Bytes(const Bytes& signed_pdf, const AttackSigner& attacker)> attack;
  // The change the verifier must report for the victim's signature.
  std::string expected_change;
};

const std::vector<PdfAttack>& pdf_attacks();

// Test names: the attack's name.
inline void PrintTo(const PdfAttack& a, std::ostream* out) { *out << a.name; }

// Legitimate: a second signature written by another tool (its own layout: /Contents before
// /ByteRange, with `reserved_bytes` of room, 40000 putting /ByteRange past 64 KiB).
Bytes foreign_signature(const Bytes& signed_pdf, const AttackSigner& signer,
                        std::size_t reserved_bytes);

// Legitimate: validation data added after the last signature (a /DSS dictionary with the
// certificates, as PAdES-LTV tools append it, unsigned).
Bytes add_validation_data(const Bytes& signed_pdf, const std::vector<X509*>& certificates);

}  // namespace kd::testing
