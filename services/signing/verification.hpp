// Verification of every signature in a PDF (ours or signed elsewhere: PAdES
// ETSI.CAdES.detached and adbe.pkcs7.detached), reported with stable codes (JSON) and
// in Vietnamese. A malformed file is an answer (`error`), never a crash.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "services/signing/cms_check.hpp"

namespace kd::signing {

enum class Coverage {
  WholeDocument,        // the signature covers the file as it is
  LaterSignaturesOnly,  // later revisions exist and each only adds a signature
  LaterChanges,         // a later revision changes the document (or cannot be classified)
};
const char* to_code(Coverage);  // "whole_document" | "later_signatures_only" | "later_changes"

enum class Verdict { Valid, Invalid, Indeterminate };
const char* to_code(Verdict);  // "valid" | "invalid" | "indeterminate"

struct SignatureReport {
  int index = 0;  // 1-based, file order
  std::string field_name;
  std::string sub_filter;
  std::string signer_name;  // certificate CN
  std::string signer_subject;
  std::string cert_fingerprint;  // SHA-256 hex
  std::string cert_serial;
  std::optional<long long> signing_time;  // /M, else the CMS signingTime
  std::string signing_time_source;        // "pdf_m" | "cms_signing_time" | "none"
  std::array<long long, 4> byte_range{};
  bool intact = false;    // the signed bytes hash to the signed digest and the signature verifies
  std::string integrity;  // "intact" | "modified" | "signature_invalid" | "malformed"
  Coverage coverage = Coverage::LaterChanges;
  int later_revisions = 0;
  // What changed after signing (stable codes, empty when nothing did): the signed bytes
  // ("signed_content_changed"), the bytes around the signature value
  // ("signature_area_changed"), or, in later revisions, anything but added signatures
  // (pdf_revisions.hpp: "page_content_changed", ..., "update_unreadable").
  std::vector<std::string> changes;
  ChainStatus chain = ChainStatus::Invalid;
  std::string chain_reason;  // why the chain is not trusted (ChainCheck::reason), else empty
  std::string chain_detail;  // OpenSSL's words
  std::string anchor_name;
  // Certificates of the chain whose revocation could not be checked (no revocation list of
  // their issuer among signing.crls); empty when every one was checked.
  std::vector<UncheckedRevocation> revocation_unchecked;
  bool pades_baseline = false;         // SubFilter, SHA-256, signing-certificate-v2, no signingTime
  std::vector<std::string> notes;      // stable codes of findings that do not decide the verdict
  Verdict verdict = Verdict::Invalid;  // of the signature over its own bytes; see coverage
};

struct VerificationReport {
  std::string error;  // non-empty: the file could not be read ("not_a_pdf", "truncated"...)
  std::string error_detail;
  std::size_t size = 0;
  int revisions = 0;
  std::vector<SignatureReport> signatures;

  // No error, at least one signature, every signature valid and no later revision that
  // changes the document.
  bool ok() const;
};

VerificationReport verify_pdf(const Bytes& pdf, const TrustAnchors&, long long now);

Poco::JSON::Object::Ptr report_json(const VerificationReport&);
std::string report_text_vi(const VerificationReport&);

}  // namespace kd::signing
