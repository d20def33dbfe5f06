// Tampering after signing: one byte changed inside a signed range (both pdfsig and our
// verifier say invalid) and a later revision that is not a signature (reported).
#include <gtest/gtest.h>

#include "services/signing/signing_flow.hpp"
#include "tests/integration/signing/signing_fixture.hpp"

namespace kd::signing::testing {
namespace {

Bytes signed_once() {
  const auto& p = pki();
  return sign_with_key(make_test_pdf(2), request_for("chair", p.chair, p.now), p.unlocked(p.chair))
      .pdf;
}

std::string pdfsig(const TempDir& dir, const Bytes& pdf) {
  const std::string nss = nss_database(dir, pki().ca.cert.get());
  write_file(dir.file("t.pdf"), pdf);
  return run("pdfsig -nssdir " + quote(nss) + " " + quote(dir.file("t.pdf"))).output;
}

TEST(Tampering, OneByteChangedInTheSignedDateIsCaughtByBoth) {
  Bytes pdf = signed_once();
  const auto at = pdf.find("/M(D:");
  ASSERT_NE(at, std::string::npos);
  pdf[at + 18] = pdf[at + 18] == '0' ? '1' : '0';  // a digit of the signing time
  TempDir dir;
  const std::string out = pdfsig(dir, pdf);
  EXPECT_EQ(out.find("Signature is Valid"), std::string::npos) << out;
  EXPECT_NE(out.find("Digest Mismatch"), std::string::npos) << out;
  const auto report = verify_pdf(pdf, pki().anchors(), pki().now);
  ASSERT_EQ(report.signatures.size(), 1u);
  EXPECT_EQ(report.signatures[0].integrity, "modified");
  EXPECT_EQ(report.signatures[0].verdict, Verdict::Invalid);
  EXPECT_FALSE(report.ok());
  EXPECT_NE(report_text_vi(report).find("ĐÃ BỊ THAY ĐỔI"), std::string::npos);
}

TEST(Tampering, ByteChangedInTheFirstRangeAndInTheSecondRange) {
  const Bytes original = signed_once();
  const auto report0 = verify_pdf(original, pki().anchors(), pki().now);
  ASSERT_EQ(report0.signatures.size(), 1u);
  const auto& r = report0.signatures[0].byte_range;
  // A byte of the page content (first range) and of the trailer (second range).
  for (const long long at : {r[1] / 2, r[2] + r[3] / 2}) {
    Bytes pdf = original;
    pdf[static_cast<std::size_t>(at)] ^= 0x20;
    TempDir dir;
    const std::string out = pdfsig(dir, pdf);
    EXPECT_EQ(out.find("Signature is Valid"), std::string::npos) << "offset " << at << "\n" << out;
    const auto report = verify_pdf(pdf, pki().anchors(), pki().now);
    EXPECT_FALSE(report.ok()) << "offset " << at;
    for (const auto& s : report.signatures) EXPECT_NE(s.verdict, Verdict::Valid) << "offset " << at;
  }
}

TEST(Tampering, AppendedNonSignatureRevisionIsReported) {
  const Bytes pdf = append_content_revision(signed_once());
  const auto report = verify_pdf(pdf, pki().anchors(), pki().now);
  ASSERT_TRUE(report.error.empty()) << report.error_detail;
  ASSERT_EQ(report.signatures.size(), 1u);
  EXPECT_EQ(report.signatures[0].integrity, "intact");
  EXPECT_EQ(report.signatures[0].coverage, Coverage::LaterChanges);
  EXPECT_EQ(report.signatures[0].later_revisions, 1);
  EXPECT_FALSE(report.ok());
  EXPECT_NE(report_text_vi(report).find("có thay đổi không phải là chữ ký số"), std::string::npos);
  TempDir dir;
  const std::string out = pdfsig(dir, pdf);
  EXPECT_NE(out.find("Not total document signed"), std::string::npos) << out;
}

}  // namespace
}  // namespace kd::signing::testing
