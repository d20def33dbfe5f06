// Revocation is checked against the revocation lists of each certificate's own issuer: a
// list of one CA says nothing about another CA's certificates, so `kiemdiem verify` gives
// the same verdict for a file signed under an outside CA whether or not the local CA's
// crl.pem exists, and says plainly which certificate's revocation it could not check. An
// invalid chain always comes with its reason.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <filesystem>

#include "services/signing/signing_flow.hpp"
#include "tests/integration/signing/signing_fixture.hpp"

namespace kd::signing::testing {
namespace {

const long long kDay = 86400;

SubjectFields person(const std::string& name) {
  return {name, "Sở Tư pháp tỉnh Hòa Bình", "Văn phòng", ""};
}

UnlockedKey key_of(const Identity& id, const std::vector<const Identity*>& chain) {
  UnlockedKey k;
  X509_up_ref(id.cert.get());
  k.cert.reset(id.cert.get());
  EVP_PKEY_up_ref(id.key.get());
  k.key.reset(id.key.get());
  for (const Identity* c : chain) {
    X509_up_ref(c->cert.get());
    k.chain.emplace_back(c->cert.get());
  }
  return k;
}

// An outside CA (another agency's), and a file its person signed.
struct Outside {
  Identity ca;
  Identity signer;
  Bytes pdf;
};

const Outside& outside() {
  static const Outside o = [] {
    const auto& p = pki();
    Outside x;
    x.ca = create_root({"CA Sở Tư pháp", "Sở Tư pháp tỉnh Hòa Bình", "", ""}, KeyType::EcdsaP256,
                       p.now - 10 * kDay, p.now + 3650 * kDay);
    x.signer = issue_certificate(x.ca, person("Bùi Thị Lan"), KeyType::EcdsaP256, 21, p.now - kDay,
                                 p.now + 365 * kDay);
    x.pdf = sign_with_key(make_test_pdf(1), request_for("secretary", x.signer, p.now),
                          key_of(x.signer, {&x.ca}))
                .pdf;
    return x;
  }();
  return o;
}

struct Cli {
  int exit_code = -1;
  Poco::JSON::Object::Ptr report;
  std::string text;
};

// `kiemdiem verify` with the local CA in <data>/ca (and its crl.pem when asked) and the
// outside CA as an extra trust anchor.
Cli verify_cli(const TempDir& dir, const Bytes& pdf, bool local_crl) {
  const auto& p = pki();
  const std::string data = dir.file("data");
  std::filesystem::create_directories(data + "/ca");
  write_file(data + "/ca/ca.pem", pem_of(p.ca.cert.get()));
  std::filesystem::remove(data + "/ca/crl.pem");
  if (local_crl)
    write_file(data + "/ca/crl.pem", pem_of_crl(make_crl(p.ca, {13}, p.now, 30).get()));
  write_file(dir.file("outside.pem"), pem_of(outside().ca.cert.get()));
  write_file(dir.file("kiemdiem.properties"),
             "signing.trust_anchors = " + data + "/ca/ca.pem, " + dir.file("outside.pem") + "\n");
  write_file(dir.file("file.pdf"), pdf);
  const std::string base = "KIEMDIEM_DATA_DIR=" + quote(data) + " " + KD_KIEMDIEM + " --config " +
                           quote(dir.file("kiemdiem.properties")) + " verify ";
  Cli out;
  const auto json = run(base + "--json " + quote(dir.file("file.pdf")));
  out.exit_code = json.exit_code;
  Poco::JSON::Parser parser;
  out.report = parser.parse(json.output).extract<Poco::JSON::Object::Ptr>();
  out.text = run(base + quote(dir.file("file.pdf"))).output;
  return out;
}

TEST(Revocation, AnOutsideCasSignatureGetsTheSameVerdictWithOrWithoutTheLocalCrl) {
  TempDir dir;
  for (const bool local_crl : {false, true}) {
    SCOPED_TRACE(local_crl ? "with crl.pem" : "without crl.pem");
    const Cli cli = verify_cli(dir, outside().pdf, local_crl);
    EXPECT_EQ(cli.exit_code, 0) << cli.text;
    EXPECT_TRUE(cli.report->getValue<bool>("ok"));
    const auto s = cli.report->getArray("signatures")->getObject(0);
    EXPECT_EQ(s->getValue<std::string>("verdict"), "valid") << cli.text;
    EXPECT_EQ(s->getValue<std::string>("chain"), "trusted");
    EXPECT_EQ(s->getValue<std::string>("trust_anchor"), "CA Sở Tư pháp");
    // Nobody holds the outside CA's list: said plainly, with a stable code.
    EXPECT_EQ(s->getValue<std::string>("revocation"), "not_checked");
    const auto unchecked = s->getArray("revocation_not_checked");
    ASSERT_EQ(unchecked->size(), 1u);
    EXPECT_EQ(unchecked->getObject(0)->getValue<std::string>("subject"), "Bùi Thị Lan");
    EXPECT_EQ(unchecked->getObject(0)->getValue<std::string>("issuer"), "CA Sở Tư pháp");
    bool noted = false;
    const auto notes = s->getArray("notes");
    for (std::size_t i = 0; i < notes->size(); ++i)
      noted = noted ||
              notes->getElement<std::string>(static_cast<unsigned>(i)) == "revocation_not_checked";
    EXPECT_TRUE(noted);
    EXPECT_NE(cli.text.find("CHƯA KIỂM TRA ĐƯỢC việc thu hồi của chứng thư \"Bùi Thị Lan\" "
                            "(không có danh sách thu hồi CRL của tổ chức cấp \"CA Sở Tư pháp\")"),
              std::string::npos)
        << cli.text;
  }
}

TEST(Revocation, TheLocalCasSignaturesAreCheckedAgainstItsCrlWhenItExists) {
  const auto& p = pki();
  const Bytes pdf = sign_with_key(make_test_pdf(1), request_for("secretary", p.secretary, p.now),
                                  p.unlocked(p.secretary))
                        .pdf;
  TempDir dir;
  Cli cli = verify_cli(dir, pdf, true);
  EXPECT_EQ(cli.exit_code, 0) << cli.text;
  auto s = cli.report->getArray("signatures")->getObject(0);
  EXPECT_EQ(s->getValue<std::string>("revocation"), "checked") << cli.text;
  EXPECT_EQ(s->getArray("revocation_not_checked")->size(), 0u);
  EXPECT_NE(cli.text.find("Đã kiểm tra theo danh sách thu hồi (CRL) của tổ chức cấp"),
            std::string::npos)
      << cli.text;

  cli = verify_cli(dir, pdf, false);
  EXPECT_EQ(cli.exit_code, 0) << cli.text;
  s = cli.report->getArray("signatures")->getObject(0);
  EXPECT_EQ(s->getValue<std::string>("revocation"), "not_checked");
  EXPECT_NE(cli.text.find("CHƯA KIỂM TRA ĐƯỢC việc thu hồi"), std::string::npos) << cli.text;
}

TEST(Revocation, AListIssuedAfterTheSigningTimeStillCountsAndStillClears) {
  // The CA revoked someone else a week after this signature: its new list, dated after the
  // signing time, is the current word on the signer, who is not on it.
  const auto& p = pki();
  const Bytes pdf =
      sign_with_key(make_test_pdf(1), request_for("chair", p.chair, p.now), p.unlocked(p.chair))
          .pdf;
  TrustAnchors anchors = p.anchors();
  anchors.crls.push_back(make_crl(p.ca, {13}, p.now + 7 * kDay, 30));
  auto report = verify_pdf(pdf, anchors, p.now + 8 * kDay);
  ASSERT_EQ(report.signatures.size(), 1u);
  EXPECT_EQ(report.signatures[0].chain, ChainStatus::Trusted) << report_text_vi(report);
  EXPECT_TRUE(report.signatures[0].revocation_unchecked.empty());

  // And when the signer is on that later list, the signature is revoked, with the reason.
  anchors.crls.push_back(make_crl(p.ca, {12}, p.now + 7 * kDay, 30));
  report = verify_pdf(pdf, anchors, p.now + 8 * kDay);
  EXPECT_EQ(report.signatures[0].chain, ChainStatus::Revoked);
  EXPECT_EQ(report.signatures[0].chain_reason, "certificate_revoked");
  EXPECT_FALSE(report.ok());
}

TEST(Revocation, AnInvalidChainAlwaysSaysWhy) {
  const auto& p = pki();
  // A person's certificate used as if it were a CA: it issues another certificate.
  const Identity not_a_ca = issue_certificate(p.ca, person("Trần Văn Giả"), KeyType::EcdsaP256, 31,
                                              p.now - kDay, p.now + 365 * kDay);
  const Identity leaf = issue_certificate(not_a_ca, person("Ngô Văn Lừa"), KeyType::EcdsaP256, 32,
                                          p.now - kDay, p.now + 365 * kDay);
  const Bytes pdf = sign_with_key(make_test_pdf(1), request_for("secretary", leaf, p.now),
                                  key_of(leaf, {&not_a_ca, &p.ca}))
                        .pdf;
  const auto report = verify_pdf(pdf, p.anchors(), p.now);
  ASSERT_EQ(report.signatures.size(), 1u);
  const auto& s = report.signatures[0];
  EXPECT_EQ(s.chain, ChainStatus::Invalid);
  EXPECT_EQ(s.chain_reason, "issuer_not_a_ca");
  EXPECT_FALSE(s.chain_detail.empty());
  const std::string text = report_text_vi(report);
  EXPECT_NE(text.find("Chuỗi chứng thư số không hợp lệ: bên cấp chứng thư không phải là tổ chức "
                      "chứng thực (không có quyền CA)."),
            std::string::npos)
      << text;
  const auto json = report_json(report)->getArray("signatures")->getObject(0);
  EXPECT_EQ(json->getValue<std::string>("chain_reason"), "issuer_not_a_ca");
  EXPECT_FALSE(json->getValue<std::string>("chain_reason_vi").empty());

  // Every way a chain is not trusted names its reason.
  const auto expired =
      verify_pdf(sign_with_key(make_test_pdf(1), request_for("secretary", p.expired, p.now),
                               p.unlocked(p.expired))
                     .pdf,
                 p.anchors(), p.now);
  EXPECT_EQ(expired.signatures[0].chain_reason, "certificate_expired");
  const auto stranger =
      verify_pdf(sign_with_key(make_test_pdf(1), request_for("secretary", p.stranger, p.now),
                               p.unlocked(p.stranger))
                     .pdf,
                 p.anchors(), p.now);
  EXPECT_EQ(stranger.signatures[0].chain_reason, "issuer_unknown");
  EXPECT_NE(report_text_vi(stranger).find("không tìm thấy tổ chức cấp chứng thư"),
            std::string::npos);
}

}  // namespace
}  // namespace kd::signing::testing
