#include "services/signing/signing_flow.hpp"

#include "services/codec/sha256.hpp"
#include "services/signing/key_signing.hpp"

namespace kd::signing {
namespace {

std::vector<X509*> raw(const std::vector<X509Ptr>& certs) {
  std::vector<X509*> out;
  for (const auto& c : certs) out.push_back(c.get());
  return out;
}

Rejection reject(std::string code, std::string vi) { return {std::move(code), std::move(vi)}; }

CompleteOutcome finish(const ExternalSession& s, const Bytes& cms, const TrustAnchors& anchors,
                       long long now) {
  CompleteOutcome out;
  Bytes signed_pdf;
  try {
    signed_pdf = embed_signature(s.prepared, cms);
  } catch (const std::length_error&) {
    out.rejection =
        reject("signature_too_large", "Chữ ký quá lớn so với vùng đã dành sẵn trong tệp.");
    return out;
  }
  X509Ptr cert = cert_from_der(s.signer_cert_der);
  const std::string fingerprint = cert ? cert_fingerprint(cert.get()) : "";
  out.rejection = check_new_signature(signed_pdf, fingerprint, anchors, now);
  if (out.rejection) return out;
  out.signed_pdf =
      SignedPdf{signed_pdf, fingerprint, s.sha256_before, codec::sha256_hex(signed_pdf)};
  return out;
}

}  // namespace

std::optional<Rejection> check_new_signature(const Bytes& after,
                                             const std::string& expected_fingerprint,
                                             const TrustAnchors& anchors, long long now) {
  const VerificationReport report = verify_pdf(after, anchors, now);
  if (!report.error.empty() || report.signatures.empty())
    return reject("signed_file_unreadable", "Tệp sau khi ký không đọc được.");
  const SignatureReport& last = report.signatures.back();
  if (last.integrity != "intact" || !last.intact)
    return reject("signature_invalid",
                  "Chữ ký số không khớp với nội dung tài liệu (giá trị chữ ký hoặc băm sai).");
  if (last.coverage != Coverage::WholeDocument)
    return reject("signature_not_covering", "Chữ ký mới không bao trùm toàn bộ tài liệu.");
  if (!expected_fingerprint.empty() && last.cert_fingerprint != expected_fingerprint)
    return reject("wrong_certificate",
                  "Chữ ký được tạo bằng chứng thư số khác với chứng thư của người ký.");
  if (last.chain != ChainStatus::Trusted)
    return reject(
        "certificate_not_trusted",
        "Chứng thư số của người ký không hợp lệ hoặc không được tin cậy tại thời điểm ký.");
  for (std::size_t i = 0; i + 1 < report.signatures.size(); ++i) {
    const auto& earlier = report.signatures[i];
    if (!earlier.intact || earlier.coverage == Coverage::LaterChanges)
      return reject("earlier_signature_broken", "Việc ký làm hỏng một chữ ký trước đó.");
  }
  return std::nullopt;
}

SignedPdf sign_with_key(const Bytes& pdf, const PdfSignatureRequest& request,
                        const UnlockedKey& key) {
  const PreparedPdf prepared = prepare_signature(pdf, request);
  const SignatureAlgorithm alg = algorithm_for(key.cert.get());
  const Bytes attributes = signed_attributes(prepared.content_digest, key.cert.get());
  const Bytes value = sign_data(key.key.get(), alg, attributes);
  const Bytes cms = assemble_signed_data(key.cert.get(), raw(key.chain), attributes, alg, value);
  Bytes signed_pdf = embed_signature(prepared, cms);
  const std::string after = codec::sha256_hex(signed_pdf);
  return SignedPdf{std::move(signed_pdf), cert_fingerprint(key.cert.get()), codec::sha256_hex(pdf),
                   after};
}

ExternalSession prepare_external(const Bytes& pdf, const PdfSignatureRequest& request,
                                 X509* signer_cert, const std::vector<X509*>& chain) {
  ExternalSession s;
  s.algorithm = algorithm_for(signer_cert);
  s.prepared = prepare_signature(pdf, request);
  s.signed_attributes = signed_attributes(s.prepared.content_digest, signer_cert);
  s.signer_cert_der = der_of(signer_cert);
  for (X509* c : chain) s.chain_der.push_back(der_of(c));
  s.sha256_before = codec::sha256_hex(pdf);
  return s;
}

CompleteOutcome complete_with_signature(const ExternalSession& s, const Bytes& value,
                                        const TrustAnchors& anchors, long long now) {
  X509Ptr cert = cert_from_der(s.signer_cert_der);
  if (!cert || !verify_data(cert.get(), s.algorithm, s.signed_attributes, value)) {
    CompleteOutcome out;
    out.rejection = reject("signature_invalid",
                           "Giá trị chữ ký không đúng với dữ liệu cần ký hoặc với chứng thư số.");
    return out;
  }
  std::vector<X509Ptr> chain;
  for (const auto& der : s.chain_der) chain.push_back(cert_from_der(der));
  const Bytes cms =
      assemble_signed_data(cert.get(), raw(chain), s.signed_attributes, s.algorithm, value);
  return finish(s, cms, anchors, now);
}

CompleteOutcome complete_with_cms(const ExternalSession& s, const Bytes& cms,
                                  const TrustAnchors& anchors, long long now) {
  return finish(s, cms, anchors, now);
}

}  // namespace kd::signing
