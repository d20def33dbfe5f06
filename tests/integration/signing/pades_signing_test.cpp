// Signing with server-held keys, checked by independent verifiers: poppler's pdfsig
// (NSS database holding the test CA), qpdf --check, openssl cms -print; and by ours.
#include <gtest/gtest.h>

#include "services/signing/key_signing.hpp"
#include "services/signing/signing_flow.hpp"
#include "tests/integration/signing/signing_fixture.hpp"

namespace kd::signing::testing {
namespace {

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

// Minutes signed by the secretary (ECDSA P-256), then the chair (RSA-2048 PSS).
Bytes minutes_signed_by_both() {
  const auto& p = pki();
  const Bytes pdf = make_test_pdf(2);
  const auto first = sign_with_key(pdf, request_for("secretary", p.secretary, p.now - 60),
                                   p.unlocked(p.secretary));
  const auto second =
      sign_with_key(first.pdf, request_for("chair", p.chair, p.now), p.unlocked(p.chair));
  return second.pdf;
}

TEST(PadesSigning, PdfsigReportsBothSignaturesValidAndTrusted) {
  TempDir dir;
  const std::string nss = nss_database(dir, pki().ca.cert.get());
  write_file(dir.file("signed.pdf"), minutes_signed_by_both());
  const auto r = run("pdfsig -nssdir " + quote(nss) + " " + quote(dir.file("signed.pdf")));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(count(r.output, "Signature Validation: Signature is Valid."), 2) << r.output;
  EXPECT_EQ(count(r.output, "Certificate Validation: Certificate is Trusted."), 2) << r.output;
  EXPECT_EQ(count(r.output, "Signature Type: ETSI.CAdES.detached"), 2) << r.output;
  EXPECT_NE(r.output.find("Ngô Thị Phương Thảo"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Lê Minh Tuấn"), std::string::npos) << r.output;
  // The first signature does not cover the chair's update; the second covers everything.
  EXPECT_NE(r.output.find("Not total document signed"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Total document signed"), std::string::npos) << r.output;
}

TEST(PadesSigning, QpdfCheckIsClean) {
  TempDir dir;
  write_file(dir.file("signed.pdf"), minutes_signed_by_both());
  const auto r = run("qpdf --check " + quote(dir.file("signed.pdf")));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("No syntax or stream encoding errors found"), std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("WARNING"), std::string::npos) << r.output;
}

TEST(PadesSigning, CmsHasSigningCertificateV2AndNoSigningTime) {
  const auto& p = pki();
  const auto prepared = prepare_signature(make_test_pdf(1), request_for("chair", p.chair, p.now));
  const Bytes attrs = signed_attributes(prepared.content_digest, p.chair.cert.get());
  const auto key = p.unlocked(p.chair);
  const Bytes value = sign_data(key.key.get(), SignatureAlgorithm::RsaPssSha256, attrs);
  const Bytes cms = assemble_signed_data(key.cert.get(), {p.ca.cert.get()}, attrs,
                                         SignatureAlgorithm::RsaPssSha256, value);
  TempDir dir;
  write_file(dir.file("sig.der"), cms);
  const auto r = run("openssl cms -cmsout -print -inform DER -in " + quote(dir.file("sig.der")));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("id-smime-aa-signingCertificateV2"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("messageDigest"), std::string::npos);
  EXPECT_NE(r.output.find("contentType"), std::string::npos);
  EXPECT_NE(r.output.find("rsassaPss"), std::string::npos);
  EXPECT_EQ(r.output.find("signingTime"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("eContent: <ABSENT>"), std::string::npos);  // detached
}

TEST(PadesSigning, OurVerifierAgreesAndReportsCoverage) {
  const auto& p = pki();
  const auto report = verify_pdf(minutes_signed_by_both(), p.anchors(), p.now);
  ASSERT_TRUE(report.error.empty()) << report.error_detail;
  ASSERT_EQ(report.signatures.size(), 2u);
  const auto& first = report.signatures[0];
  const auto& second = report.signatures[1];
  EXPECT_EQ(first.verdict, Verdict::Valid);
  EXPECT_EQ(second.verdict, Verdict::Valid);
  EXPECT_EQ(first.coverage, Coverage::LaterSignaturesOnly);
  EXPECT_EQ(first.later_revisions, 1);
  EXPECT_EQ(second.coverage, Coverage::WholeDocument);
  EXPECT_EQ(first.signer_name, "Ngô Thị Phương Thảo");
  EXPECT_EQ(second.signer_name, "Lê Minh Tuấn");
  EXPECT_EQ(first.field_name, "kd_secretary");
  EXPECT_EQ(first.chain, ChainStatus::Trusted);
  EXPECT_TRUE(first.pades_baseline);
  EXPECT_TRUE(second.pades_baseline);
  ASSERT_TRUE(first.signing_time.has_value());
  EXPECT_EQ(*first.signing_time, p.now - 60);
  EXPECT_TRUE(report.ok());
  const std::string vi = report_text_vi(report);
  EXPECT_NE(vi.find("chỉ để thêm chữ ký số"), std::string::npos) << vi;
  EXPECT_NE(vi.find("Kết luận: HỢP LỆ"), std::string::npos) << vi;
  EXPECT_NE(vi.find("+07:00"), std::string::npos) << vi;
}

TEST(PadesSigning, SigningTimeIsInTheDictionaryInVietnamTime) {
  const auto& p = pki();
  const auto signed_pdf = sign_with_key(make_test_pdf(1), request_for("chair", p.chair, 1767600000),
                                        p.unlocked(p.chair));
  // 2026-01-05T08:00:00Z = 15:00 in Hà Nội.
  EXPECT_NE(signed_pdf.pdf.find("/M(D:20260105150000+07'00')"), std::string::npos);
  EXPECT_NE(signed_pdf.pdf.find("/SubFilter/ETSI.CAdES.detached"), std::string::npos);
}

TEST(PadesSigning, UntrustedSignerIsIndeterminateAndExpiredIsInvalid) {
  const auto& p = pki();
  const Bytes pdf = make_test_pdf(1);
  UnlockedKey stranger;
  X509_up_ref(p.stranger.cert.get());
  stranger.cert.reset(p.stranger.cert.get());
  EVP_PKEY_up_ref(p.stranger.key.get());
  stranger.key.reset(p.stranger.key.get());
  const auto by_stranger = sign_with_key(pdf, request_for("chair", p.stranger, p.now), stranger);
  const auto r1 = verify_pdf(by_stranger.pdf, p.anchors(), p.now);
  ASSERT_EQ(r1.signatures.size(), 1u);
  EXPECT_EQ(r1.signatures[0].chain, ChainStatus::Untrusted);
  EXPECT_EQ(r1.signatures[0].verdict, Verdict::Indeterminate);

  const auto by_expired =
      sign_with_key(pdf, request_for("chair", p.expired, p.now), p.unlocked(p.expired));
  const auto r2 = verify_pdf(by_expired.pdf, p.anchors(), p.now);
  ASSERT_EQ(r2.signatures.size(), 1u);
  EXPECT_EQ(r2.signatures[0].chain, ChainStatus::Expired);
  EXPECT_EQ(r2.signatures[0].verdict, Verdict::Invalid);
  EXPECT_NE(report_text_vi(r2).find("ĐÃ HẾT HẠN"), std::string::npos);
}

}  // namespace
}  // namespace kd::signing::testing
