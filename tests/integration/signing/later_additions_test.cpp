// What may legitimately follow a signature and must not be reported as a change: our own
// second signature, a second signature written by another tool (its dictionary larger than
// 64 KiB, /ByteRange after /Contents), validation data (/DSS) appended after the last
// signature, and a second signature on a document saved with object streams.
#include <gtest/gtest.h>

#include "services/signing/pdf_structure.hpp"
#include "services/signing/signing_flow.hpp"
#include "tests/integration/signing/pdfsig_output.hpp"
#include "tests/integration/signing/signing_fixture.hpp"
#include "tests/support/pdf_attacks.hpp"

namespace kd::signing::testing {
namespace {

Bytes secretary_signed(const Bytes& unsigned_pdf) {
  const auto& p = pki();
  return sign_with_key(unsigned_pdf, request_for("secretary", p.secretary, p.now - 60),
                       p.unlocked(p.secretary))
      .pdf;
}

Bytes chair_signed(const Bytes& pdf) {
  const auto& p = pki();
  return sign_with_key(pdf, request_for("chair", p.chair, p.now), p.unlocked(p.chair)).pdf;
}

void expect_both_valid_and_unchanged(const Bytes& pdf, int later_after_second) {
  const auto& p = pki();
  const auto report = verify_pdf(pdf, p.anchors(), p.now);
  ASSERT_TRUE(report.error.empty()) << report.error_detail;
  ASSERT_EQ(report.signatures.size(), 2u) << report_text_vi(report);
  EXPECT_TRUE(report.ok()) << report_text_vi(report);
  for (const auto& s : report.signatures) {
    EXPECT_EQ(s.verdict, Verdict::Valid) << report_text_vi(report);
    EXPECT_TRUE(s.changes.empty()) << report_text_vi(report);
  }
  EXPECT_EQ(report.signatures[0].coverage, Coverage::LaterSignaturesOnly);
  EXPECT_EQ(report.signatures[1].later_revisions, later_after_second);
  EXPECT_EQ(report.signatures[1].coverage,
            later_after_second == 0 ? Coverage::WholeDocument : Coverage::LaterSignaturesOnly);
  EXPECT_EQ(report_text_vi(report).find("ĐÃ BỊ THAY ĐỔI"), std::string::npos);
}

TEST(LaterAdditions, OurOwnSecondSignatureStillPasses) {
  const Bytes pdf = chair_signed(secretary_signed(make_test_pdf(2)));
  expect_both_valid_and_unchanged(pdf, 0);
  TempDir dir;
  const auto out = pdfsig(dir, pki().ca.cert.get(), pdf);
  ASSERT_EQ(out.signatures.size(), 2u) << out.text;
  for (const auto& s : out.signatures) EXPECT_EQ(s.validation, "Signature is Valid.");
}

TEST(LaterAdditions, AnotherToolsSignatureWhoseDictionaryIsOver64KiBPasses) {
  const auto& p = pki();
  const Bytes pdf = kd::testing::foreign_signature(
      secretary_signed(make_test_pdf(2)),
      {p.chair.cert.get(), p.chair.key.get(), {p.ca.cert.get()}, p.now}, 40000);
  // The second signature's /ByteRange lies more than 64 KiB past its object's header.
  const auto structure = read_structure(pdf);
  ASSERT_EQ(structure.signatures.size(), 2u);
  const auto header = pdf.rfind(" 0 obj", pdf.rfind("/ByteRange"));
  EXPECT_GT(pdf.rfind("/ByteRange") - header, 65536u);
  expect_both_valid_and_unchanged(pdf, 0);
  EXPECT_EQ(structure.signatures[1].field_name, "kd_colleague");
  TempDir dir;
  const auto out = pdfsig(dir, p.ca.cert.get(), pdf);
  ASSERT_EQ(out.signatures.size(), 2u) << out.text;
  EXPECT_EQ(out.signatures[1].validation, "Signature is Valid.") << out.text;
  EXPECT_TRUE(out.signatures[1].total_document) << out.text;
}

TEST(LaterAdditions, ValidationDataAppendedAfterTheLastSignaturePasses) {
  const auto& p = pki();
  const Bytes pdf = kd::testing::add_validation_data(
      chair_signed(secretary_signed(make_test_pdf(2))), {p.chair.cert.get(), p.ca.cert.get()});
  expect_both_valid_and_unchanged(pdf, 1);
}

TEST(LaterAdditions, ASecondSignatureOnADocumentWithObjectStreamsPasses) {
  // The same document saved with object streams (qpdf), then signed twice by our pipeline.
  TempDir dir;
  write_file(dir.file("plain.pdf"), make_test_pdf(2));
  const auto packed = run("qpdf --object-streams=generate " + quote(dir.file("plain.pdf")) + " " +
                          quote(dir.file("packed.pdf")));
  ASSERT_EQ(packed.exit_code, 0) << packed.output;
  const Bytes pdf = chair_signed(secretary_signed(read_file(dir.file("packed.pdf"))));
  expect_both_valid_and_unchanged(pdf, 0);
}

}  // namespace
}  // namespace kd::signing::testing
