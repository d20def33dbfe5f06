// External signing keeps the signer's certificate and its chain: the issuers found from the
// trust anchors at prepare time, and any the client sends (with the signature value, or
// inside its own CMS), go into the embedded CMS, the signature row and the audit event.
#include <gtest/gtest.h>

#include <openssl/cms.h>

#include "services/signing/cades.hpp"
#include "services/signing/key_signing.hpp"
#include "services/signing/pdf_structure.hpp"
#include "tests/integration/signing/signature_store_fixture.hpp"

namespace kd::signing::testing {
namespace {

// The certificates kept on the signature row (cert_der, then chain_der), as fingerprints.
std::vector<std::string> kept_chain(const std::string& url, wf::Id signature_id) {
  pqxx::connection c(url);
  pqxx::read_transaction t(c);
  std::vector<std::string> out;
  const auto row = t.exec1(
      "SELECT cert_der, array_to_string(ARRAY(SELECT encode(x, 'hex') FROM unnest(chain_der) "
      "WITH ORDINALITY AS c(x, n) ORDER BY n), ',') FROM document_signatures WHERE id = " +
      std::to_string(signature_id));
  out.push_back(to_hex(sha256(pqxx::binarystring(row[0]).str())));
  const std::string hex = row[1].as<std::string>();
  std::size_t at = 0;
  while (at < hex.size()) {
    auto comma = hex.find(',', at);
    if (comma == std::string::npos) comma = hex.size();
    Bytes der;
    EXPECT_TRUE(from_hex(hex.substr(at, comma - at), &der));
    out.push_back(to_hex(sha256(der)));
    at = comma + 1;
  }
  return out;
}

// How many certificates the CMS of the file's last signature carries.
std::size_t certificates_in_last_cms(const Bytes& pdf) {
  const auto structure = read_structure(pdf);
  EXPECT_FALSE(structure.signatures.empty());
  if (structure.signatures.empty()) return 0;
  return cms_certificates(structure.signatures.back().contents).size();
}

std::string event_payload(const std::string& url, wf::Id event_id) {
  pqxx::connection c(url);
  pqxx::read_transaction t(c);
  return t.exec1("SELECT payload FROM review_events WHERE id = " + std::to_string(event_id))[0]
      .as<std::string>();
}

TEST_F(SignatureStoreTest, ExternalSignatureValueKeepsTheChainFromTheAnchors) {
  const auto& p = pki();
  const auto at = wf::TimePoint(std::chrono::seconds(p.now));
  const auto prepared = signatures_->prepare_external(minutes_, binh_, at);
  ASSERT_TRUE(prepared.prepared) << (prepared.refusal ? prepared.refusal->message_vi : "");
  CompleteRequest c;
  c.session_id = prepared.prepared->session_id;
  c.signer_id = binh_;
  c.now = at;
  c.signature_value = sign_data(p.secretary.key.get(), algorithm_for(p.secretary.cert.get()),
                                prepared.prepared->signed_attributes);
  const auto out = signatures_->complete_external(c);
  ASSERT_TRUE(out.signature) << (out.refusal ? out.refusal->message_vi : "");

  const std::string leaf = cert_fingerprint(p.secretary.cert.get());
  const std::string root = cert_fingerprint(p.ca.cert.get());
  EXPECT_EQ(kept_chain(url_, out.signature->id), (std::vector<std::string>{leaf, root}));
  EXPECT_EQ(certificates_in_last_cms(latest_pdf()), 2u);
  const auto payload = event_payload(url_, out.event_id);
  EXPECT_NE(payload.find("\"chain_sha256\":[\"" + root + "\"]"), std::string::npos) << payload;
  const auto carried = signatures_->carried_signatures(out.signature->signed_document_id);
  ASSERT_EQ(carried.size(), 1u);
  EXPECT_EQ(carried[0].chain_length, 1);
  EXPECT_TRUE(verify_pdf(latest_pdf(), p.anchors(), p.now).ok());
}

TEST_F(SignatureStoreTest, ExternalCmsKeepsTheCertificatesTheClientSent) {
  const auto& p = pki();
  const auto at = wf::TimePoint(std::chrono::seconds(p.now));
  const auto prepared = signatures_->prepare_external(minutes_, binh_, at);
  ASSERT_TRUE(prepared.prepared);
  // The client builds its own CMS, carrying its certificate and the CA's.
  const auto alg = algorithm_for(p.secretary.cert.get());
  const Bytes attrs = prepared.prepared->signed_attributes;
  const Bytes cms = assemble_signed_data(p.secretary.cert.get(), {p.ca.cert.get()}, attrs, alg,
                                         sign_data(p.secretary.key.get(), alg, attrs));
  CompleteRequest c;
  c.session_id = prepared.prepared->session_id;
  c.signer_id = binh_;
  c.now = at;
  c.cms_der = cms;
  c.chain_der = {der_of(p.ca.cert.get())};  // also sent beside it: kept once
  const auto out = signatures_->complete_external(c);
  ASSERT_TRUE(out.signature) << (out.refusal ? out.refusal->message_vi : "");
  EXPECT_EQ(kept_chain(url_, out.signature->id),
            (std::vector<std::string>{cert_fingerprint(p.secretary.cert.get()),
                                      cert_fingerprint(p.ca.cert.get())}));
}

TEST_F(SignatureStoreTest, AChainThatIsNotACertificateIsRefused) {
  const auto& p = pki();
  const auto at = wf::TimePoint(std::chrono::seconds(p.now));
  const auto prepared = signatures_->prepare_external(minutes_, binh_, at);
  ASSERT_TRUE(prepared.prepared);
  CompleteRequest c;
  c.session_id = prepared.prepared->session_id;
  c.signer_id = binh_;
  c.now = at;
  c.signature_value = sign_data(p.secretary.key.get(), algorithm_for(p.secretary.cert.get()),
                                prepared.prepared->signed_attributes);
  c.chain_der = {"not a certificate"};
  const auto out = signatures_->complete_external(c);
  ASSERT_TRUE(out.refusal);
  EXPECT_EQ(out.refusal->code, "invalid_chain");
  expect_nothing_written();
}

TEST_F(SignatureStoreTest, ServerKeySignaturesKeepTheChainToo) {
  const auto out = sign(binh_, "111111", pki().now);
  ASSERT_TRUE(out.signature);
  EXPECT_EQ(kept_chain(url_, out.signature->id),
            (std::vector<std::string>{cert_fingerprint(pki().secretary.cert.get()),
                                      cert_fingerprint(pki().ca.cert.get())}));
}

}  // namespace
}  // namespace kd::signing::testing
