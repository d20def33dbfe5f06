#include "services/signing/verification.hpp"

#include <algorithm>
#include <set>

#include "services/signing/pdf_signature.hpp"
#include "services/signing/pdf_structure.hpp"

namespace kd::signing {
namespace {

bool supported_sub_filter(const std::string& s) {
  return s == "ETSI.CAdES.detached" || s == "adbe.pkcs7.detached";
}

// Whether the document as it is shows what the signature signed: the document at the end
// of the signed bytes is compared with the document at the end of every later signature's
// signed bytes in turn, then with the document as it is. Between two of these points only
// the later signature's own field (and validation data) may be added.
Coverage coverage_of(const Bytes& pdf, const PdfStructure& st, const FoundSignature& sig,
                     PdfRevisions& revisions, int* later, std::vector<std::string>* changes) {
  const std::size_t end = sig.signed_end();
  *later = static_cast<int>(std::count_if(st.revision_ends.begin(), st.revision_ends.end(),
                                          [&](std::size_t e) { return e > end; }));
  if (end == st.size) return Coverage::WholeDocument;
  std::set<Change> found;
  if (!st.current_is_whole_file() || end > st.current_end) found.insert(Change::Unreadable);
  // Each update after the signed bytes must read the same in every reader (its own
  // cross-reference section, no object it does not list), else no one can say what it shows.
  std::size_t begin = end;
  for (std::size_t e : st.revision_ends) {
    if (e <= end || e > st.current_end) continue;
    if (!revisions.readable(e) || !update_well_formed(pdf, begin, e, revisions.object_offsets(e)))
      found.insert(Change::Unreadable);
    begin = e;
  }
  std::set<std::size_t> points;
  for (const auto& other : st.signatures)
    if (other.byte_range_valid && other.signed_end() > end && other.signed_end() <= st.current_end)
      points.insert(other.signed_end());
  if (end < st.current_end) points.insert(st.current_end);
  std::size_t from = end;
  for (std::size_t to : points) {
    std::set<ObjectRef> added;
    for (const auto& other : st.signatures)
      if (other.byte_range_valid && other.signed_end() == to) added.insert(other.ref);
    for (Change c : revisions.changes(from, to, added)) found.insert(c);
    from = to;
  }
  for (Change c : found) changes->push_back(to_code(c));
  return found.empty() ? Coverage::LaterSignaturesOnly : Coverage::LaterChanges;
}

void take_chain(SignatureReport& r, const ChainCheck& c) {
  r.chain = c.status;
  r.anchor_name = c.anchor_name;
  r.chain_reason = c.reason;
  r.chain_detail = c.detail;
  r.revocation_unchecked = c.revocation_unchecked;
}

SignatureReport check_one(const Bytes& pdf, const PdfStructure& st, const FoundSignature& sig,
                          PdfRevisions& revisions, const TrustAnchors& anchors, long long now) {
  SignatureReport r;
  r.field_name = sig.field_name;
  r.sub_filter = sig.sub_filter;
  r.byte_range = sig.byte_range;
  if (!supported_sub_filter(sig.sub_filter)) r.notes.push_back("unsupported_sub_filter");
  if (!sig.byte_range_valid) {
    r.integrity = "malformed";
    r.notes.push_back("byte_range_invalid");
    // The ranges are sound but what lies between them is not just the signature value:
    // bytes were put into the unsigned hole.
    if (sig.byte_range_read) r.changes.push_back("signature_area_changed");
    return r;
  }
  if (!sig.contents_padding_clean) r.notes.push_back("contents_padding_not_zero");
  if (!sig.contents_plain_hex) r.notes.push_back("contents_not_hex");
  if (!sig.contents_padding_clean || !sig.contents_plain_hex)
    r.changes.push_back("signature_area_changed");
  r.coverage = coverage_of(pdf, st, sig, revisions, &r.later_revisions, &r.changes);

  const long long check_time = sig.signing_time.value_or(now);
  const CmsFindings cms =
      check_cms(sig.contents, covered_bytes(pdf, sig.byte_range), anchors, check_time);
  if (!cms.parsed) {
    r.integrity = "malformed";
    r.notes.push_back("cms_malformed");
    return r;
  }
  if (!cms.signer_found) {
    r.integrity = "malformed";
    r.notes.push_back("signer_certificate_missing");
    return r;
  }
  r.signer_name = subject_common_name(cms.signer.get());
  r.signer_subject = subject_text(cms.signer.get());
  r.cert_fingerprint = cert_fingerprint(cms.signer.get());
  r.cert_serial = serial_hex(cms.signer.get());
  if (sig.signing_time) {
    r.signing_time = sig.signing_time;
    r.signing_time_source = "pdf_m";
  } else if (cms.cms_signing_time) {
    r.signing_time = cms.cms_signing_time;
    r.signing_time_source = "cms_signing_time";
  } else {
    r.signing_time_source = "none";
  }
  if (!sig.signing_time && cms.cms_signing_time) {
    // Re-check the chain at the CMS time when the dictionary has none.
    const CmsFindings again =
        check_cms(sig.contents, covered_bytes(pdf, sig.byte_range), anchors, *cms.cms_signing_time);
    take_chain(r, again.chain);
  } else {
    take_chain(r, cms.chain);
  }

  if (!cms.digest_matches) {
    r.integrity = "modified";
    r.changes.insert(r.changes.begin(), "signed_content_changed");
  } else if (!cms.signature_valid) {
    r.integrity = "signature_invalid";
  } else {
    r.integrity = "intact";
    // Every byte of the hole is accounted for: the CMS envelope is consistent, the packed
    // certificates are undamaged (and, for a trusted chain, all verifiable), the padding is
    // plain zeros.
    const bool certificates_ok =
        !cms.certificates_damaged &&
        !(cms.certificates_unverifiable && cms.chain.status == ChainStatus::Trusted);
    r.intact = sig.contents_padding_clean && sig.contents_plain_hex && certificates_ok &&
               cms.envelope_consistent;
  }
  if (cms.certificates_damaged) r.notes.push_back("cms_certificate_damaged");
  if (cms.certificates_unverifiable) r.notes.push_back("cms_certificate_unverifiable");
  if (!cms.envelope_consistent) r.notes.push_back("cms_envelope_inconsistent");
  if (cms.digest_algorithm != "sha256" && cms.digest_algorithm != "sha384" &&
      cms.digest_algorithm != "sha512")
    r.notes.push_back("weak_digest_algorithm");
  if (cms.has_signing_certificate && !cms.signing_certificate_matches)
    r.notes.push_back("signing_certificate_mismatch");
  if (!cms.has_signing_certificate) r.notes.push_back("no_signing_certificate_attribute");
  if (cms.has_signing_time_attribute) r.notes.push_back("cms_signing_time_present");
  if (r.signing_time_source == "none") r.notes.push_back("no_signing_time");
  if (!r.revocation_unchecked.empty()) r.notes.push_back("revocation_not_checked");
  r.pades_baseline = sig.sub_filter == "ETSI.CAdES.detached" && cms.digest_algorithm == "sha256" &&
                     cms.has_signing_certificate && cms.signing_certificate_matches &&
                     !cms.has_signing_time_attribute && sig.signing_time.has_value();

  const bool crypto_ok = r.intact &&
                         (!cms.has_signing_certificate || cms.signing_certificate_matches) &&
                         supported_sub_filter(sig.sub_filter);
  if (!crypto_ok) {
    r.verdict = Verdict::Invalid;
  } else if (r.chain == ChainStatus::Trusted) {
    r.verdict = Verdict::Valid;
  } else if (r.chain == ChainStatus::Untrusted) {
    r.verdict = Verdict::Indeterminate;
  } else {
    r.verdict = Verdict::Invalid;
  }
  return r;
}

}  // namespace

const char* to_code(Coverage c) {
  switch (c) {
    case Coverage::WholeDocument:
      return "whole_document";
    case Coverage::LaterSignaturesOnly:
      return "later_signatures_only";
    case Coverage::LaterChanges:
      break;
  }
  return "later_changes";
}

const char* to_code(Verdict v) {
  switch (v) {
    case Verdict::Valid:
      return "valid";
    case Verdict::Indeterminate:
      return "indeterminate";
    case Verdict::Invalid:
      break;
  }
  return "invalid";
}

bool VerificationReport::ok() const {
  if (!error.empty() || signatures.empty()) return false;
  for (const auto& s : signatures)
    if (s.verdict != Verdict::Valid || s.coverage == Coverage::LaterChanges) return false;
  return true;
}

VerificationReport verify_pdf(const Bytes& pdf, const TrustAnchors& anchors, long long now) {
  VerificationReport report;
  report.size = pdf.size();
  try {
    PdfRevisions revisions(pdf);
    const PdfStructure st = read_structure(pdf, revisions);
    report.revisions = static_cast<int>(st.revision_ends.size());
    int index = 0;
    for (const auto& sig : st.signatures) {
      SignatureReport r = check_one(pdf, st, sig, revisions, anchors, now);
      r.index = ++index;
      report.signatures.push_back(std::move(r));
    }
  } catch (const MalformedPdf& e) {
    report.error = e.code;
    report.error_detail = e.what();
  } catch (const std::exception& e) {
    report.error = "unreadable";
    report.error_detail = e.what();
  }
  return report;
}

}  // namespace kd::signing
