// Signing a PDF end to end, with a server-held key or with an external signer, and the
// check every new signature passes before it is accepted: the new file verifies, the
// new signature covers it all and is by the expected certificate, and every earlier
// signature is still intact.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/signing/cades.hpp"
#include "services/signing/key_vault.hpp"
#include "services/signing/pdf_signature.hpp"
#include "services/signing/verification.hpp"

namespace kd::signing {

// Why an embedded signature was not accepted (stable code + Vietnamese reason).
struct Rejection {
  std::string code;
  std::string message_vi;
};

struct SignedPdf {
  Bytes pdf;
  std::string cert_fingerprint;  // SHA-256 of the signer's certificate
  std::string sha256_before;     // of the input file
  std::string sha256_after;      // of the signed file
};

// Server-held key: prepare, sign the attributes, assemble, embed, check.
SignedPdf sign_with_key(const Bytes& pdf, const PdfSignatureRequest&, const UnlockedKey&);

// External signing, step 1: the prepared file and what the key holder must sign.
struct ExternalSession {
  PreparedPdf prepared;
  Bytes signed_attributes;  // DER SET: sign this (SHA-256, then the algorithm)
  Bytes signer_cert_der;
  std::vector<Bytes> chain_der;
  SignatureAlgorithm algorithm = SignatureAlgorithm::EcdsaP256Sha256;
  std::string sha256_before;
};
ExternalSession prepare_external(const Bytes& pdf, const PdfSignatureRequest&, X509* signer_cert,
                                 const std::vector<X509*>& chain);

// Step 2, with the raw signature value over `signed_attributes`, or with a complete
// detached CMS over the byte ranges. Either way the result is checked before it is
// returned; a rejection says why.
struct CompleteOutcome {
  std::optional<SignedPdf> signed_pdf;
  std::optional<Rejection> rejection;
};
CompleteOutcome complete_with_signature(const ExternalSession&, const Bytes& signature_value,
                                        const TrustAnchors&, long long now);
CompleteOutcome complete_with_cms(const ExternalSession&, const Bytes& cms_der, const TrustAnchors&,
                                  long long now);

// The acceptance check on its own (used by both external paths; server-held signing runs it
// through the caller, which knows the trust anchors).
std::optional<Rejection> check_new_signature(const Bytes& after,
                                             const std::string& expected_cert_fingerprint,
                                             const TrustAnchors&, long long now);

}  // namespace kd::signing
