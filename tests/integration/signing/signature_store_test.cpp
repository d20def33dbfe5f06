// The use case "sign document D as person P with PIN" against a real database: the signing
// order of the minutes (secretary, then chair), refusals that write nothing (wrong order,
// wrong PIN, signer without the role), the signed versions verified by our verifier and by
// pdfsig, and the audit events on the review's hash chain.
#include <gtest/gtest.h>

#include <chrono>

#include "services/codec/sha256.hpp"
#include "services/signing/cades.hpp"
#include "services/signing/key_signing.hpp"
#include "services/signing/signature_store.hpp"
#include "services/storage/document_store.hpp"
#include "tests/integration/signing/signature_store_fixture.hpp"

namespace kd::signing::testing {
namespace {

TEST_F(SignatureStoreTest, SecretaryThenChairBothValid) {
  const auto now = pki().now;
  const auto first = sign(binh_, "111111", now - 60);
  ASSERT_TRUE(first.signature) << (first.refusal ? first.refusal->message_vi : "");
  EXPECT_EQ(first.signature->role, "secretary");
  const auto second = sign(chi_, "222222", now);
  ASSERT_TRUE(second.signature) << (second.refusal ? second.refusal->message_vi : "");
  EXPECT_EQ(second.signature->role, "chair");
  EXPECT_EQ(second.signature->source_document_id, first.signature->signed_document_id);
  EXPECT_EQ(second.signature->sha256_before, first.signature->sha256_after);

  // Three versions: the unsigned one stays.
  EXPECT_EQ(count("SELECT count(*) FROM documents WHERE kind = 'meeting_minutes'"), 3);
  EXPECT_EQ(count("SELECT max(version) FROM documents WHERE kind = 'meeting_minutes'"), 3);
  EXPECT_EQ(signatures_->signatures(minutes_).size(), 2u);

  const Bytes pdf = latest_pdf();
  const auto report = verify_pdf(pdf, pki().anchors(), now);
  ASSERT_EQ(report.signatures.size(), 2u) << report_text_vi(report);
  EXPECT_TRUE(report.ok()) << report_text_vi(report);
  for (const auto& s : report.signatures) EXPECT_EQ(s.verdict, Verdict::Valid);

  TempDir dir;
  const std::string nss = nss_database(dir, pki().ca.cert.get());
  write_file(dir.file("signed.pdf"), pdf);
  const auto r = run("pdfsig -nssdir " + quote(nss) + " " + quote(dir.file("signed.pdf")));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::size_t valid = 0;
  for (auto at = r.output.find("Signature is Valid."); at != std::string::npos;
       at = r.output.find("Signature is Valid.", at + 1))
    ++valid;
  EXPECT_EQ(valid, 2u) << r.output;
}

TEST_F(SignatureStoreTest, AuditEventsKeepTheChainWhole) {
  const auto now = pki().now;
  ASSERT_TRUE(sign(binh_, "111111", now - 60).signature);
  const auto second = sign(chi_, "222222", now);
  ASSERT_TRUE(second.signature);
  EXPECT_NE(second.event_id, 0);
  EXPECT_EQ(count("SELECT count(*) FROM review_events WHERE action = 'sign_document'"), 2);
  pqxx::connection c(url_);
  pqxx::read_transaction t(c);
  const auto payload =
      t.exec1("SELECT payload FROM review_events WHERE id = " + std::to_string(second.event_id))[0]
          .as<std::string>();
  EXPECT_NE(payload.find(second.signature->cert_sha256), std::string::npos);
  EXPECT_NE(payload.find(second.signature->sha256_before), std::string::npos);
  EXPECT_NE(payload.find(second.signature->sha256_after), std::string::npos);
  EXPECT_NE(payload.find("\"signer_id\":" + std::to_string(chi_)), std::string::npos);
  const auto audit = store_->verify_audit();
  EXPECT_TRUE(audit.breaks.empty());
  EXPECT_GT(audit.events_checked, 0);
}

TEST_F(SignatureStoreTest, ChairFirstIsRefusedAndNothingWritten) {
  const auto out = sign(chi_, "222222", pki().now);
  ASSERT_TRUE(out.refusal);
  EXPECT_FALSE(out.signature);
  EXPECT_EQ(out.refusal->code, "wrong_order");
  EXPECT_NE(out.refusal->message_vi.find("thư ký"), std::string::npos);
  expect_nothing_written();
}

// Nothing but the count of wrong PINs (which is what stops guessing).
TEST_F(SignatureStoreTest, WrongPinIsRefusedAndNothingWritten) {
  const auto out = sign(binh_, "999999", pki().now);
  ASSERT_TRUE(out.refusal);
  EXPECT_EQ(out.refusal->code, "wrong_pin");
  EXPECT_EQ(out.refusal->message_vi,
            "Mã PIN ký số không đúng. Còn 4 lần thử trước khi khóa ký số bị khóa.");
  EXPECT_EQ(out.refusal->pin_attempts_left, 4);
  expect_nothing_written();
  EXPECT_EQ(count("SELECT pin_failures FROM signing_credentials WHERE revoked_at IS NULL AND "
                  "person_id = " +
                  std::to_string(binh_)),
            1);
}

TEST_F(SignatureStoreTest, SignerWithoutTheRoleIsRefused) {
  const auto out = sign(an_, "333333", pki().now);
  ASSERT_TRUE(out.refusal);
  EXPECT_EQ(out.refusal->code, "role_required");
  expect_nothing_written();
}

// Minutes recorded before the roles were checked, naming one person chair and secretary:
// that person signs once, as the secretary; the chair's place needs someone else, so the
// minutes never show "2/2 chữ ký" with one signer and the head cannot act on them.
TEST_F(SignatureStoreTest, OnePersonNamedChairAndSecretarySignsOnlyOnce) {
  {
    pqxx::connection c(url_);
    pqxx::work w(c);
    w.exec0("UPDATE reviews SET meeting = jsonb_set(meeting, '{chair_id}', to_jsonb(" +
            std::to_string(binh_) + "::bigint)) WHERE id = " + std::to_string(review_));
    w.commit();
  }
  store_->require_signatures(true);
  ASSERT_TRUE(sign(binh_, "111111", pki().now - 60).signature);
  const auto again = sign(binh_, "111111", pki().now);
  ASSERT_TRUE(again.refusal);
  EXPECT_EQ(again.refusal->code, "same_signer");
  EXPECT_NE(again.refusal->message_vi.find("không được ký biên bản với cả hai tư cách thư ký và "
                                           "chủ trì"),
            std::string::npos)
      << again.refusal->message_vi;
  EXPECT_EQ(count("SELECT count(*) FROM document_signatures"), 1);
  // The real chair of the unit is not the one the record names: refused too.
  const auto chair = sign(chi_, "222222", pki().now);
  ASSERT_TRUE(chair.refusal);
  EXPECT_EQ(chair.refusal->code, "role_required");
  // So the head's opinion still waits for the chair's signature.
  wf::ActionRequest opinion;
  opinion.action = wf::Action::GiveOpinion;
  opinion.opinion = wf::Opinion{0, "Đồng ý.", wf::Rating::HTT};
  const auto refused = act(review_, dung_, opinion);
  EXPECT_EQ(refused.status, TransitionOutcome::Status::Refused);
  EXPECT_TRUE(kd::storage::test::has_code(refused.result.refusals, "minutes_not_signed"));
}

// Holding the role in the unit is not enough: each place of the minutes takes only the person
// the meeting record names for it. Here the secretary is also a chair of the unit and the
// chair also a secretary of it.
TEST_F(SignatureStoreTest, EachPlaceTakesOnlyThePersonTheMinutesNameForIt) {
  store_->grant_role({chi_, office_, wf::Role::Secretary});
  store_->grant_role({binh_, office_, wf::Role::Chair});
  const auto chair_first = sign(chi_, "222222", pki().now - 120);
  ASSERT_TRUE(chair_first.refusal);
  EXPECT_EQ(chair_first.refusal->code, "wrong_order");
  expect_nothing_written();
  const auto secretary = sign(binh_, "111111", pki().now - 60);
  ASSERT_TRUE(secretary.signature);
  EXPECT_EQ(secretary.signature->role, "secretary");
  const auto secretary_as_chair = sign(binh_, "111111", pki().now - 30);
  ASSERT_TRUE(secretary_as_chair.refusal);
  EXPECT_EQ(secretary_as_chair.refusal->code, "already_signed");
  const auto chair = sign(chi_, "222222", pki().now);
  ASSERT_TRUE(chair.signature);
  EXPECT_EQ(chair.signature->role, "chair");
  EXPECT_EQ(count("SELECT count(*) FROM document_signatures"), 2);
}

// Minutes of a review that holds no meeting record name no secretary and no chair: the
// unit's secretary cannot sign them on the strength of her role alone.
TEST_F(SignatureStoreTest, MinutesNamingNoOneTakeNoSignature) {
  {
    pqxx::connection c(url_);
    pqxx::work w(c);
    w.exec0("UPDATE reviews SET meeting = NULL WHERE id = " + std::to_string(review_));
    w.commit();
  }
  const auto out = sign(binh_, "111111", pki().now);
  ASSERT_TRUE(out.refusal);
  EXPECT_EQ(out.refusal->code, "role_required");
  EXPECT_EQ(out.refusal->message_vi,
            "Hồ sơ chưa có biên bản họp ghi thư ký và chủ trì cuộc họp, nên chưa ai được ký "
            "biên bản này.");
  expect_nothing_written();
}

TEST_F(SignatureStoreTest, SecretaryCannotSignTwice) {
  ASSERT_TRUE(sign(binh_, "111111", pki().now - 60).signature);
  const auto again = sign(binh_, "111111", pki().now);
  ASSERT_TRUE(again.refusal);
  EXPECT_EQ(again.refusal->code, "already_signed");
  EXPECT_EQ(count("SELECT count(*) FROM document_signatures"), 1);
}

}  // namespace
}  // namespace kd::signing::testing

namespace kd::signing::testing {
namespace {

TEST_F(SignatureStoreTest, WhenRequiredTheOpinionWaitsForBothSignatures) {
  store_->require_signatures(true);
  wf::ActionRequest opinion;
  opinion.action = wf::Action::GiveOpinion;
  opinion.opinion = wf::Opinion{0, "Nhận xét của trưởng phòng.", wf::Rating::HTT};
  const auto refused = act(review_, dung_, opinion);
  ASSERT_EQ(refused.status, TransitionOutcome::Status::Refused);
  ASSERT_TRUE(sign(binh_, "111111", pki().now - 60).signature);
  EXPECT_EQ(act(review_, dung_, opinion).status, TransitionOutcome::Status::Refused);
  ASSERT_TRUE(sign(chi_, "222222", pki().now).signature);
  EXPECT_EQ(act(review_, dung_, opinion).status, TransitionOutcome::Status::Accepted);
}

TEST_F(SignatureStoreTest, RequiredByDefaultNotWhenTurnedOff) {
  wf::ActionRequest opinion;
  opinion.action = wf::Action::GiveOpinion;
  opinion.opinion = wf::Opinion{0, "Nhận xét của trưởng phòng.", wf::Rating::HTT};
  // A Store as the program builds it (signing.required defaults to true).
  store_ = std::make_unique<kd::storage::Store>(*pool_);
  const auto refused = act(review_, dung_, opinion);
  ASSERT_EQ(refused.status, TransitionOutcome::Status::Refused);
  ASSERT_FALSE(refused.result.refusals.empty());
  EXPECT_EQ(refused.result.refusals.front().code, "minutes_not_signed");
  store_->require_signatures(false);  // signing.required = false: a unit without keys yet
  EXPECT_EQ(act(review_, dung_, opinion).status, TransitionOutcome::Status::Accepted);
}

}  // namespace
}  // namespace kd::signing::testing

namespace kd::signing::testing {
namespace {

TEST_F(SignatureStoreTest, WhenRequiredPublicationWaitsForTheSignedDecision) {
  wf::ActionRequest opinion;
  opinion.action = wf::Action::GiveOpinion;
  opinion.opinion = wf::Opinion{0, "Nhận xét của trưởng phòng.", wf::Rating::HTT};
  ASSERT_EQ(act(review_, dung_, opinion).status, TransitionOutcome::Status::Accepted);
  ASSERT_TRUE(
      store_->decide_batch(campaign_, ha_, {{review_, wf::Rating::HTT}}, false, "", now_).accepted);
  store_->require_signatures(true);
  EXPECT_FALSE(store_->publish_batch(campaign_, ha_, {review_}, now_).accepted);

  kd::storage::DocumentStore documents(*pool_);
  const auto d = kd::testing::hand_made_document(
      {campaign_,
       {review_},
       "batch:" + std::to_string(campaign_) + ":decide:1:" + std::to_string(ha_),
       "decision",
       "Quyết định xếp loại",
       make_test_pdf(1),
       pki().now - 3600});
  const auto decision = documents.store(d).document_id;
  mark_render_jobs_done();

  const auto& p = pki();
  const auto committee =
      issue_certificate(p.ca, {"Hoàng Thị Hà", "Sở Nội vụ", "", ""}, KeyType::EcdsaP256, 4242,
                        p.now - 3600, p.now + 30 * 24 * 3600);
  signatures_->enroll(ha_, committee.cert.get(), committee.key.get(), {p.ca.cert.get()}, "444444");
  SignRequest wrong;
  wrong.document_id = decision;
  wrong.signer_id = dung_;  // the head is not the committee
  wrong.pin = "444444";
  wrong.now = wf::TimePoint(std::chrono::seconds(p.now));
  const auto refused = signatures_->sign_with_pin(wrong);
  ASSERT_TRUE(refused.refusal);
  EXPECT_EQ(refused.refusal->code, "role_required");

  SignRequest r = wrong;
  r.signer_id = ha_;
  const auto signed_decision = signatures_->sign_with_pin(r);
  ASSERT_TRUE(signed_decision.signature)
      << (signed_decision.refusal ? signed_decision.refusal->message_vi : "");
  EXPECT_EQ(signed_decision.signature->role, "committee");
  EXPECT_TRUE(store_->publish_batch(campaign_, ha_, {review_}, now_).accepted);
  EXPECT_TRUE(store_->verify_audit().breaks.empty());
}

}  // namespace
}  // namespace kd::signing::testing

namespace kd::signing::testing {
namespace {

TEST_F(SignatureStoreTest, ExternalSecretaryThenServerKeyChair) {
  const auto& p = pki();
  const auto at = wf::TimePoint(std::chrono::seconds(p.now - 60));
  // The chair cannot even prepare before the secretary has signed.
  const auto early = signatures_->prepare_external(minutes_, chi_, at);
  ASSERT_TRUE(early.refusal);
  EXPECT_EQ(early.refusal->code, "wrong_order");

  const auto prepared = signatures_->prepare_external(minutes_, binh_, at);
  ASSERT_TRUE(prepared.prepared) << (prepared.refusal ? prepared.refusal->message_vi : "");
  EXPECT_EQ(prepared.prepared->role, "secretary");
  EXPECT_EQ(prepared.prepared->content_digest.size(), 32u);

  // A signature by another key is rejected; nothing is recorded.
  CompleteRequest bad;
  bad.session_id = prepared.prepared->session_id;
  bad.signer_id = binh_;
  bad.now = at;
  bad.signature_value = sign_data(p.chair.key.get(), SignatureAlgorithm::RsaPssSha256,
                                  prepared.prepared->signed_attributes);
  const auto rejected = signatures_->complete_external(bad);
  ASSERT_TRUE(rejected.refusal);
  expect_nothing_written();

  // The key holder signs the attributes outside the store.
  CompleteRequest good = bad;
  good.signature_value = sign_data(p.secretary.key.get(), algorithm_for(p.secretary.cert.get()),
                                   prepared.prepared->signed_attributes);
  const auto first = signatures_->complete_external(good);
  ASSERT_TRUE(first.signature) << (first.refusal ? first.refusal->message_vi : "");
  EXPECT_EQ(first.signature->method, "external");
  EXPECT_EQ(first.signature->role, "secretary");
  // A session completes once.
  const auto again = signatures_->complete_external(good);
  ASSERT_TRUE(again.refusal);
  EXPECT_EQ(again.refusal->code, "session_completed");

  ASSERT_TRUE(sign(chi_, "222222", p.now).signature);
  const auto report = verify_pdf(latest_pdf(), p.anchors(), p.now);
  ASSERT_EQ(report.signatures.size(), 2u) << report_text_vi(report);
  EXPECT_TRUE(report.ok()) << report_text_vi(report);
  EXPECT_TRUE(store_->verify_audit().breaks.empty());
}

}  // namespace
}  // namespace kd::signing::testing

namespace kd::signing::testing {
namespace {

TEST_F(SignatureStoreTest, ACertificateNotValidAtSigningTimeIsRefusedAndNothingWritten) {
  const auto& p = pki();
  signatures_->enroll(binh_, p.not_yet.cert.get(), p.not_yet.key.get(), {p.ca.cert.get()},
                      "555555");
  const auto out = sign(binh_, "555555", p.now);
  ASSERT_TRUE(out.refusal);
  EXPECT_FALSE(out.signature);
  EXPECT_FALSE(out.refusal->message_vi.empty());
  expect_nothing_written();
}

}  // namespace
}  // namespace kd::signing::testing

namespace kd::signing::testing {
namespace {

// Every signature block the documents print can be signed by the person it names: the reviewee
// their self-assessment form ("NGƯỜI TỰ NHẬN XÉT"), the authority the form's section IV ("NGƯỜI
// CÓ THẨM QUYỀN ĐÁNH GIÁ") and the public list; nobody else.
TEST_F(SignatureStoreTest, EveryPrintedSignatureBlockCanBeSignedByThePersonItNames) {
  const auto& p = pki();
  const auto at = wf::TimePoint(std::chrono::seconds(p.now));
  const auto reviewee =
      issue_certificate(p.ca, {"Nguyễn Văn An", "Sở Nội vụ", "", ""}, KeyType::EcdsaP256, 5151,
                        p.now - 3600, p.now + 30 * 24 * 3600);
  signatures_->enroll(an_, reviewee.cert.get(), reviewee.key.get(), {p.ca.cert.get()}, "555555");
  const auto committee =
      issue_certificate(p.ca, {"Hoàng Thị Hà", "Sở Nội vụ", "", ""}, KeyType::EcdsaP256, 5252,
                        p.now - 3600, p.now + 30 * 24 * 3600);
  signatures_->enroll(ha_, committee.cert.get(), committee.key.get(), {p.ca.cert.get()}, "444444");
  kd::storage::DocumentStore documents(*pool_);
  const auto stored = [&](const std::string& subject, const std::string& kind) {
    return documents
        .store(kd::testing::hand_made_document(
            {campaign_, {review_}, subject, kind, kind, make_test_pdf(1), p.now - 3600}))
        .document_id;
  };
  const auto sign_as = [&](wf::Id document, wf::Id signer, const std::string& pin) {
    SignRequest r;
    r.document_id = document;
    r.signer_id = signer;
    r.pin = pin;
    r.now = at;
    return signatures_->sign_with_pin(r);
  };
  const std::string own = "review:" + std::to_string(review_);
  const auto form = stored(own, "self_assessment_form");
  auto out = sign_as(form, binh_, "111111");  // the secretary is not the person it names
  ASSERT_TRUE(out.refusal);
  EXPECT_EQ(out.refusal->code, "role_required");
  out = sign_as(form, an_, "555555");
  ASSERT_TRUE(out.signature) << (out.refusal ? out.refusal->message_vi : "");
  EXPECT_EQ(out.signature->role, "reviewee");
  out = sign_as(form, an_, "555555");
  ASSERT_TRUE(out.refusal);
  EXPECT_EQ(out.refusal->code, "already_signed");

  const auto final_form = stored(own, "final_form");
  out = sign_as(final_form, an_, "555555");
  ASSERT_TRUE(out.refusal);
  EXPECT_EQ(out.refusal->code, "role_required");
  out = sign_as(final_form, ha_, "444444");
  ASSERT_TRUE(out.signature) << (out.refusal ? out.refusal->message_vi : "");
  EXPECT_EQ(out.signature->role, "committee");

  const auto list = stored(
      "batch:" + std::to_string(campaign_) + ":publish:1:" + std::to_string(ha_), "public_list");
  out = sign_as(list, ha_, "444444");
  ASSERT_TRUE(out.signature) << (out.refusal ? out.refusal->message_vi : "");
  EXPECT_EQ(out.signature->role, "committee");
  EXPECT_EQ(required_roles("self_assessment_form"), std::vector<std::string>{"reviewee"});
  EXPECT_EQ(required_roles("final_form"), std::vector<std::string>{"committee"});
  EXPECT_EQ(required_roles("public_list"), std::vector<std::string>{"committee"});
  EXPECT_TRUE(store_->verify_audit().breaks.empty());
}

}  // namespace
}  // namespace kd::signing::testing
