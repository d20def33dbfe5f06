// A revoked or expired certificate is refused by the signature store itself, before any
// signing, with a stable code and a Vietnamese reason, and nothing is written: no document
// version, no signature row, no audit event, no external-signing session.
#include <gtest/gtest.h>

#include "services/signing/cades.hpp"
#include "services/signing/key_signing.hpp"
#include "tests/integration/signing/signature_store_fixture.hpp"

namespace kd::signing::testing {
namespace {

// The test CA's anchors with a CRL that lists the secretary's certificate.
TrustAnchors anchors_revoking_secretary() {
  const auto& p = pki();
  TrustAnchors a = p.anchors();
  const long serial = ASN1_INTEGER_get(X509_get0_serialNumber(p.secretary.cert.get()));
  a.crls.push_back(make_crl(p.ca, {serial}, p.now - 3600, 30));
  return a;
}

TEST_F(SignatureStoreTest, ACertificateOnTheCrlIsRefusedBeforeSigning) {
  signatures_ = std::make_unique<SignatureStore>(*pool_, anchors_revoking_secretary());
  const auto out = sign(binh_, "111111", pki().now);
  ASSERT_TRUE(out.refusal);
  EXPECT_FALSE(out.signature);
  EXPECT_EQ(out.refusal->code, "certificate_revoked");
  EXPECT_NE(out.refusal->message_vi.find("đã bị thu hồi"), std::string::npos);
  expect_nothing_written();

  const auto prepared = signatures_->prepare_external(
      minutes_, binh_, wf::TimePoint(std::chrono::seconds(pki().now)));
  ASSERT_TRUE(prepared.refusal);
  EXPECT_EQ(prepared.refusal->code, "certificate_revoked");
  EXPECT_EQ(count("SELECT count(*) FROM signing_sessions"), 0);
}

TEST_F(SignatureStoreTest, ACredentialRevokedInTheDatabaseIsRefused) {
  ASSERT_TRUE(
      signatures_->revoke(binh_, "revoked", wf::TimePoint(std::chrono::seconds(pki().now))));
  EXPECT_FALSE(signatures_->active_certificate(binh_));
  const auto out = sign(binh_, "111111", pki().now);
  ASSERT_TRUE(out.refusal);
  EXPECT_EQ(out.refusal->code, "certificate_revoked");
  expect_nothing_written();
  const auto prepared = signatures_->prepare_external(
      minutes_, binh_, wf::TimePoint(std::chrono::seconds(pki().now)));
  ASSERT_TRUE(prepared.refusal);
  EXPECT_EQ(prepared.refusal->code, "certificate_revoked");
  EXPECT_EQ(count("SELECT count(*) FROM signing_sessions"), 0);
}

TEST_F(SignatureStoreTest, AnExpiredCertificateIsRefusedWithItsEndDate) {
  const auto& p = pki();
  const auto expired =
      issue_certificate(p.ca, {"Lê Thị Bình", "Sở Nội vụ", "", ""}, KeyType::EcdsaP256, 4444,
                        p.now - 9 * 86400, p.now - 86400);
  signatures_->enroll(binh_, expired.cert.get(), expired.key.get(), {p.ca.cert.get()}, "111111");
  const auto out = sign(binh_, "111111", p.now);
  ASSERT_TRUE(out.refusal);
  EXPECT_EQ(out.refusal->code, "certificate_expired");
  // "... đã hết hạn từ ngày dd/mm/yyyy ..." (the end date, Vietnam time).
  const std::string iso = kd::wf::to_iso_vietnam(kd::wf::from_epoch(p.now - 86400));
  const std::string date = iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
  EXPECT_NE(out.refusal->message_vi.find("đã hết hạn từ ngày " + date), std::string::npos)
      << out.refusal->message_vi;
  expect_nothing_written();
  // Even with a wrong PIN the certificate is what is reported.
  EXPECT_EQ(sign(binh_, "000000", p.now).refusal->code, "certificate_expired");
}

TEST_F(SignatureStoreTest, ACertificateExpiredAfterPrepareIsRefusedAtCompletion) {
  const auto& p = pki();
  // A certificate valid for five more minutes: prepared now, completed ten minutes later
  // (the session itself lasts fifteen).
  const auto short_lived = issue_certificate(p.ca, {"Lê Thị Bình", "Sở Nội vụ", "", ""},
                                             KeyType::EcdsaP256, 4343, p.now - 3600, p.now + 300);
  signatures_->enroll(binh_, short_lived.cert.get(), short_lived.key.get(), {p.ca.cert.get()},
                      "111111");
  const auto prepared =
      signatures_->prepare_external(minutes_, binh_, wf::TimePoint(std::chrono::seconds(p.now)));
  ASSERT_TRUE(prepared.prepared) << (prepared.refusal ? prepared.refusal->message_vi : "");
  CompleteRequest c;
  c.session_id = prepared.prepared->session_id;
  c.signer_id = binh_;
  c.now = wf::TimePoint(std::chrono::seconds(p.now + 600));
  c.signature_value = sign_data(short_lived.key.get(), algorithm_for(short_lived.cert.get()),
                                prepared.prepared->signed_attributes);
  const auto out = signatures_->complete_external(c);
  ASSERT_TRUE(out.refusal);
  EXPECT_EQ(out.refusal->code, "certificate_expired");
  expect_nothing_written();
}

}  // namespace
}  // namespace kd::signing::testing
