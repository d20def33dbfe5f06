// External signing: the private key never reaches the server. The test plays the key
// holder (USB token, remote signing service) with the openssl CLI in a separate process.
#include <gtest/gtest.h>

#include "services/signing/signing_flow.hpp"
#include "tests/integration/signing/signing_fixture.hpp"

namespace kd::signing::testing {
namespace {

struct ExternalSigner {
  TempDir dir;
  explicit ExternalSigner(const Identity& id) {
    write_file(dir.file("key.pem"), private_key_pem(id.key.get()));
    write_file(dir.file("cert.pem"), pem_of(id.cert.get()));
    write_file(dir.file("ca.pem"), pem_of(pki().ca.cert.get()));
  }
  // openssl dgst: SHA-256 of the signed attributes, signed with the token's key.
  Bytes sign_attributes(const Bytes& attributes, bool pss) {
    write_file(dir.file("attrs.der"), attributes);
    std::string cmd = "openssl dgst -sha256 -sign " + quote(dir.file("key.pem"));
    if (pss)
      cmd += " -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256";
    cmd += " -out " + quote(dir.file("sig.bin")) + " " + quote(dir.file("attrs.der"));
    const auto r = run(cmd);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return read_file(dir.file("sig.bin"));
  }
  // openssl cms: a whole detached CMS over the signed byte ranges.
  Bytes sign_content(const Bytes& content) {
    write_file(dir.file("content.bin"), content);
    const auto r = run("openssl cms -sign -binary -nosmimecap -md sha256 -outform DER -in " +
                       quote(dir.file("content.bin")) + " -signer " + quote(dir.file("cert.pem")) +
                       " -inkey " + quote(dir.file("key.pem")) + " -certfile " +
                       quote(dir.file("ca.pem")) + " -out " + quote(dir.file("cms.der")));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return read_file(dir.file("cms.der"));
  }
};

TEST(ExternalSigning, RawSignatureFromOpensslIsEmbeddedAndVerified) {
  const auto& p = pki();
  for (const Identity* id : {&p.chair, &p.secretary}) {
    const bool rsa = id == &p.chair;
    const auto session = prepare_external(make_test_pdf(2), request_for("chair", *id, p.now),
                                          id->cert.get(), {p.ca.cert.get()});
    ExternalSigner token(*id);
    const Bytes value = token.sign_attributes(session.signed_attributes, rsa);
    const auto outcome = complete_with_signature(session, value, p.anchors(), p.now);
    ASSERT_FALSE(outcome.rejection) << outcome.rejection->message_vi;
    ASSERT_TRUE(outcome.signed_pdf);
    const auto report = verify_pdf(outcome.signed_pdf->pdf, p.anchors(), p.now);
    EXPECT_TRUE(report.ok()) << report_text_vi(report);
    EXPECT_TRUE(report.signatures.at(0).pades_baseline);
    TempDir dir;
    const std::string nss = nss_database(dir, p.ca.cert.get());
    write_file(dir.file("x.pdf"), outcome.signed_pdf->pdf);
    const auto sig = run("pdfsig -nssdir " + quote(nss) + " " + quote(dir.file("x.pdf")));
    EXPECT_NE(sig.output.find("Signature is Valid"), std::string::npos) << sig.output;
    EXPECT_NE(sig.output.find("Certificate is Trusted"), std::string::npos) << sig.output;
  }
}

TEST(ExternalSigning, FullCmsFromOpensslIsAccepted) {
  const auto& p = pki();
  const auto session = prepare_external(make_test_pdf(1), request_for("chair", p.chair, p.now),
                                        p.chair.cert.get(), {p.ca.cert.get()});
  ExternalSigner token(p.chair);
  const Bytes cms =
      token.sign_content(covered_bytes(session.prepared.pdf, session.prepared.byte_range));
  const auto outcome = complete_with_cms(session, cms, p.anchors(), p.now);
  ASSERT_FALSE(outcome.rejection) << outcome.rejection->message_vi;
  const auto report = verify_pdf(outcome.signed_pdf->pdf, p.anchors(), p.now);
  EXPECT_TRUE(report.ok()) << report_text_vi(report);
  // openssl cms always adds signingTime: accepted, but not PAdES baseline.
  EXPECT_FALSE(report.signatures.at(0).pades_baseline);
}

TEST(ExternalSigning, SignatureByAnotherKeyOrOverOtherDataIsRefused) {
  const auto& p = pki();
  const Bytes pdf = make_test_pdf(1);
  const auto session = prepare_external(pdf, request_for("chair", p.secretary, p.now),
                                        p.secretary.cert.get(), {p.ca.cert.get()});
  ExternalSigner wrong_key(p.stranger);
  const auto by_other = complete_with_signature(
      session, wrong_key.sign_attributes(session.signed_attributes, false), p.anchors(), p.now);
  ASSERT_TRUE(by_other.rejection);
  EXPECT_EQ(by_other.rejection->code, "signature_invalid");
  EXPECT_FALSE(by_other.signed_pdf);

  ExternalSigner right_key(p.secretary);
  const auto over_other_data = complete_with_signature(
      session, right_key.sign_attributes("other data", false), p.anchors(), p.now);
  ASSERT_TRUE(over_other_data.rejection);

  // A CMS made by someone else for these bytes: wrong certificate.
  const Bytes cms =
      wrong_key.sign_content(covered_bytes(session.prepared.pdf, session.prepared.byte_range));
  const auto foreign = complete_with_cms(session, cms, p.anchors(), p.now);
  ASSERT_TRUE(foreign.rejection);
}

TEST(KeyVault, WrongPinUnlocksNothing) {
  const auto& p = pki();
  const Bytes p12 = seal_pkcs12(p.secretary.cert.get(), p.secretary.key.get(), {p.ca.cert.get()},
                                "246810", "Ngô Thị Phương Thảo");
  EXPECT_FALSE(unlock_pkcs12(p12, "000000"));
  EXPECT_FALSE(unlock_pkcs12(p12, ""));
  EXPECT_FALSE(unlock_pkcs12("not a container", "246810"));
  const auto key = unlock_pkcs12(p12, "246810");
  ASSERT_TRUE(key);
  EXPECT_EQ(cert_fingerprint(key->cert.get()), cert_fingerprint(p.secretary.cert.get()));
  ASSERT_EQ(key->chain.size(), 1u);
}

}  // namespace
}  // namespace kd::signing::testing
