// The published attacks on PDF signatures (tests/support/pdf_attacks.hpp), each built on a
// document our pipeline signs with the test CA (the victim: the secretary's signature), and
// each — except the unsigned ones — carrying the attacker's own valid, trusted signature:
// every one is reported as a change after signing of the victim's signature, by the
// verifier and by `kiemdiem verify` (JSON and Vietnamese text). pdfsig gives its opinion
// on the same files: it finds the victim's signature intact and not covering the whole
// file, and cannot say whether the rest is harmless.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <map>

#include "services/signing/signing_flow.hpp"
#include "tests/integration/signing/pdfsig_output.hpp"
#include "tests/integration/signing/signing_fixture.hpp"
#include "tests/support/pdf_attacks.hpp"

namespace kd::signing::testing {
namespace {

using kd::testing::AttackSigner;
using kd::testing::PdfAttack;

AttackSigner attacker() {
  const auto& p = pki();
  return {p.chair.cert.get(), p.chair.key.get(), {p.ca.cert.get()}, p.now};
}

Bytes victim_signed(const Bytes& unsigned_pdf) {
  const auto& p = pki();
  return sign_with_key(unsigned_pdf, request_for("secretary", p.secretary, p.now - 60),
                       p.unlocked(p.secretary))
      .pdf;
}

struct AttackFile {
  Bytes before;  // the victim's signed document
  Bytes after;   // the attack
};

const AttackFile& attack_file(const PdfAttack& a) {
  static std::map<std::string, AttackFile> files;
  auto it = files.find(a.name);
  if (it == files.end()) {
    const Bytes before = victim_signed(a.prepare(make_test_pdf(2)));
    it = files.emplace(a.name, AttackFile{before, a.attack(before, attacker())}).first;
  }
  return it->second;
}

bool has(const std::vector<std::string>& list, const std::string& code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

class IncrementalAttack : public ::testing::TestWithParam<PdfAttack> {};

TEST_P(IncrementalAttack, TheVictimsSignatureIsReportedChangedAfterSigning) {
  const PdfAttack& a = GetParam();
  const auto& p = pki();
  const AttackFile& f = attack_file(a);
  // Before the attack the victim's document verifies.
  const auto clean = verify_pdf(f.before, p.anchors(), p.now);
  ASSERT_TRUE(clean.ok()) << report_text_vi(clean);

  const auto report = verify_pdf(f.after, p.anchors(), p.now);
  ASSERT_TRUE(report.error.empty()) << a.what << ": " << report.error_detail;
  ASSERT_FALSE(report.signatures.empty()) << a.what;
  const SignatureReport& victim = report.signatures.front();
  EXPECT_EQ(victim.signer_name, "Ngô Thị Phương Thảo");
  EXPECT_TRUE(has(victim.changes, a.expected_change)) << a.what << "\n" << report_text_vi(report);
  EXPECT_FALSE(report.ok()) << a.what;
  if (victim.integrity == "intact") {
    EXPECT_EQ(victim.coverage, Coverage::LaterChanges) << a.what;
  }
  const std::string text = report_text_vi(report);
  EXPECT_NE(text.find("TÀI LIỆU ĐÃ BỊ THAY ĐỔI SAU KHI KÝ"), std::string::npos) << text;

  // The attacker's update carries a real signature, valid and trusted, over the whole file:
  // it does "only add a signature" as far as its own bytes go.
  if (a.name.rfind("isa_unsigned", 0) != 0 && a.name != "isa_without_xref" &&
      a.name != "signature_wrapping") {
    ASSERT_EQ(report.signatures.size(), 2u) << a.what << "\n" << text;
    const SignatureReport& second = report.signatures.back();
    EXPECT_EQ(second.signer_name, "Lê Minh Tuấn");
    EXPECT_EQ(second.verdict, Verdict::Valid) << text;
    EXPECT_EQ(second.coverage, Coverage::WholeDocument) << text;
    EXPECT_TRUE(second.changes.empty()) << text;
  }
}

TEST_P(IncrementalAttack, KiemdiemVerifySaysSoInJsonAndInVietnamese) {
  const PdfAttack& a = GetParam();
  const AttackFile& f = attack_file(a);
  TempDir dir;
  write_file(dir.file("ca.pem"), pem_of(pki().ca.cert.get()));
  write_file(dir.file("attack.pdf"), f.after);
  const std::string env = "KIEMDIEM_DATA_DIR=" + quote(dir.path) +
                          " KIEMDIEM_SIGNING_TRUST_ANCHORS=" + quote(dir.file("ca.pem")) + " ";
  const auto json = run(env + KD_KIEMDIEM + " verify --json " + quote(dir.file("attack.pdf")));
  EXPECT_EQ(json.exit_code, 1) << json.output;
  Poco::JSON::Parser parser;
  const auto doc = parser.parse(json.output).extract<Poco::JSON::Object::Ptr>();
  EXPECT_FALSE(doc->getValue<bool>("ok"));
  const auto victim = doc->getArray("signatures")->getObject(0);
  EXPECT_TRUE(victim->getValue<bool>("changed_after_signing")) << json.output;
  bool listed = false;
  const auto changes = victim->getArray("changes");
  for (std::size_t i = 0; i < changes->size(); ++i)
    if (changes->getElement<std::string>(static_cast<unsigned>(i)) == a.expected_change)
      listed = true;
  EXPECT_TRUE(listed) << json.output;

  const auto text = run(env + KD_KIEMDIEM + " verify " + quote(dir.file("attack.pdf")));
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_NE(text.output.find("TÀI LIỆU ĐÃ BỊ THAY ĐỔI SAU KHI KÝ"), std::string::npos)
      << text.output;
}

TEST_P(IncrementalAttack, PdfsigFindsTheVictimsSignatureIntactButNotCoveringTheFile) {
  const PdfAttack& a = GetParam();
  const AttackFile& f = attack_file(a);
  TempDir dir;
  const auto out = pdfsig(dir, pki().ca.cert.get(), f.after);
  ASSERT_FALSE(out.signatures.empty()) << out.text;
  const auto& victim = out.signatures.front();
  EXPECT_EQ(victim.field, "kd_secretary") << out.text;
  EXPECT_EQ(victim.validation, "Signature is Valid.") << out.text;
  EXPECT_FALSE(victim.total_document) << out.text;
}

INSTANTIATE_TEST_SUITE_P(PublishedAttacks, IncrementalAttack,
                         ::testing::ValuesIn(kd::testing::pdf_attacks()),
                         [](const ::testing::TestParamInfo<PdfAttack>& info) {
                           return info.param.name;
                         });

// Signature wrapping against the colleague's second signature: pdfsig follows the new
// /ByteRange, hashes the moved second part and calls that signature valid (noting only that
// it does not cover the whole file); ours sees that the hole between the signed parts is no
// longer just the signature value.
TEST(SignatureWrapping, TheWrappedSignatureItselfIsReportedAsTamperedWith) {
  const PdfAttack* swa = nullptr;
  for (const auto& a : kd::testing::pdf_attacks())
    if (a.name == "signature_wrapping") swa = &a;
  ASSERT_NE(swa, nullptr);
  const AttackFile& f = attack_file(*swa);
  const auto report = verify_pdf(f.after, pki().anchors(), pki().now);
  ASSERT_EQ(report.signatures.size(), 2u) << report_text_vi(report);
  const auto& wrapped = report.signatures.back();
  EXPECT_EQ(wrapped.verdict, Verdict::Invalid);
  EXPECT_TRUE(has(wrapped.changes, "signature_area_changed")) << report_text_vi(report);
  EXPECT_TRUE(has(wrapped.notes, "byte_range_invalid"));

  TempDir dir;
  const auto out = pdfsig(dir, pki().ca.cert.get(), f.after);
  ASSERT_EQ(out.signatures.size(), 2u) << out.text;
  EXPECT_EQ(out.signatures.back().validation, "Signature is Valid.") << out.text;
}

}  // namespace
}  // namespace kd::signing::testing
