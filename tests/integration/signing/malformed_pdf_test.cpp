// Fuzz-style: truncated and corrupted signed PDFs, and things that are not PDFs at
// all. The verifier answers with an error (or an invalid signature) every time and
// never crashes (the same test runs under ASan+UBSan in CI).
#include <gtest/gtest.h>

#include <random>

#include "services/signing/signing_flow.hpp"
#include "tests/integration/signing/signing_fixture.hpp"

namespace kd::signing::testing {
namespace {

const Bytes& two_signatures() {
  static const Bytes pdf = [] {
    const auto& p = pki();
    const auto a = sign_with_key(make_test_pdf(2), request_for("secretary", p.secretary, p.now),
                                 p.unlocked(p.secretary));
    return sign_with_key(a.pdf, request_for("chair", p.chair, p.now), p.unlocked(p.chair)).pdf;
  }();
  return pdf;
}

TEST(MalformedPdf, NotAPdfIsAClearError) {
  for (const Bytes& junk : {Bytes(), Bytes("hello"), Bytes("%PDF-1.7\n"), Bytes(5000, '\0')}) {
    const auto r = verify_pdf(junk, pki().anchors(), pki().now);
    EXPECT_FALSE(r.error.empty());
    EXPECT_FALSE(r.ok());
    EXPECT_NE(report_text_vi(r).find("Lỗi:"), std::string::npos);
  }
}

TEST(MalformedPdf, EveryTruncationIsAnError) {
  const Bytes& pdf = two_signatures();
  ASSERT_TRUE(verify_pdf(pdf, pki().anchors(), pki().now).ok());
  const std::size_t step = pdf.size() / 400 + 1;
  for (std::size_t cut = 0; cut < pdf.size() - 1; cut += step) {
    const auto r = verify_pdf(pdf.substr(0, cut), pki().anchors(), pki().now);
    EXPECT_FALSE(r.ok()) << "cut at " << cut;
  }
  // The last bytes one by one (the final %%EOF and its line end).
  for (std::size_t cut = pdf.size() - 8; cut < pdf.size(); ++cut)
    EXPECT_FALSE(verify_pdf(pdf.substr(0, cut), pki().anchors(), pki().now).ok()) << cut;
}

TEST(MalformedPdf, EverySingleByteCorruptionIsAnError) {
  const Bytes& pdf = two_signatures();
  std::mt19937 rng(20260105);
  std::uniform_int_distribution<std::size_t> where(0, pdf.size() - 1);
  std::uniform_int_distribution<int> what(1, 255);
  for (int i = 0; i < 600; ++i) {
    Bytes bad = pdf;
    const std::size_t at = where(rng);
    int x = what(rng);
    if (x == 0x20) x = 0x21;  // XOR 0x20 turns hex 'A' into 'a': the same PDF string
    bad[at] = static_cast<char>(bad[at] ^ x);
    const auto r = verify_pdf(bad, pki().anchors(), pki().now);
    EXPECT_FALSE(r.ok()) << "byte " << at;
  }
}

TEST(MalformedPdf, HostileStructuresDoNotCrash) {
  std::string deep = "%PDF-1.7\n1 0 obj\n<< /ByteRange [0 1 2 3] /Contents ";
  deep += std::string(100000, '[');
  deep += "\nendobj\n%%EOF\n";
  std::string unterminated = "%PDF-1.7\n1 0 obj << /ByteRange [0 10 20 30] /Contents <3082";
  unterminated += "\n%%EOF\n";
  std::string huge_range =
      "%PDF-1.7\n1 0 obj << /Type /Sig /ByteRange [0 99999999999 99999999999 99999999999] "
      "/Contents <00> >> endobj\n%%EOF\n";
  std::string negative =
      "%PDF-1.7\n1 0 obj << /ByteRange [0 -5 -1 -7] /Contents <> >> endobj\n%%EOF\n";
  for (const std::string& s : {deep, unterminated, huge_range, negative}) {
    const auto r = verify_pdf(s, pki().anchors(), pki().now);
    EXPECT_FALSE(r.ok());
  }
}

}  // namespace
}  // namespace kd::signing::testing
