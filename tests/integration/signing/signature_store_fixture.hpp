// The fixture of the signature store tests: the storage world (an office with a reviewee,
// a secretary, a chair, a head; a committee member at the agency), the reviewee's review at
// the head's opinion with its minutes stored (one version, one page), and server-held
// credentials: the secretary (PIN 111111), the chair (222222) and the reviewee (an expired
// certificate, 333333).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "services/codec/sha256.hpp"
#include "services/signing/signature_store.hpp"
#include "services/storage/document_store.hpp"
#include "tests/integration/signing/signing_fixture.hpp"
#include "tests/integration/storage/storage_world.hpp"
#include "tests/support/hand_made_document.hpp"

namespace kd::signing::testing {

using kd::storage::TransitionOutcome;

class SignatureStoreTest : public kd::storage::test::StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    build_world();
    review_ = review_of(an_);
    ASSERT_EQ(act(review_, an_, submit(kd::storage::test::full_form())).status,
              TransitionOutcome::Status::Accepted);
    wf::ActionRequest meeting;
    meeting.action = wf::Action::RecordMeeting;
    meeting.meeting = kd::storage::test::good_meeting(chi_, binh_, wf::Rating::HTT);
    ASSERT_EQ(act(review_, binh_, meeting).status, TransitionOutcome::Status::Accepted);

    kd::storage::DocumentStore documents(*pool_);
    const auto d = kd::testing::hand_made_document({campaign_,
                                                    {review_},
                                                    "review:" + std::to_string(review_),
                                                    "meeting_minutes",
                                                    "Biên bản họp",
                                                    make_test_pdf(1),
                                                    pki().now - 3600});
    minutes_ = documents.store(d).document_id;
    mark_render_jobs_done();

    signatures_ = std::make_unique<SignatureStore>(*pool_, pki().anchors());
    const auto& p = pki();
    signatures_->enroll(binh_, p.secretary.cert.get(), p.secretary.key.get(), {p.ca.cert.get()},
                        "111111");
    signatures_->enroll(chi_, p.chair.cert.get(), p.chair.key.get(), {p.ca.cert.get()}, "222222");
    signatures_->enroll(an_, p.expired.cert.get(), p.expired.key.get(), {p.ca.cert.get()},
                        "333333");
  }

  // The documents here are stored by hand, not by a render worker: mark the jobs the
  // transitions queued as done, or the signature facts treat the documents as still to come.
  void mark_render_jobs_done() {
    pqxx::connection c(url_);
    pqxx::work w(c);
    w.exec0("UPDATE outbox SET done_at = now() WHERE kind = 'render_document' AND done_at IS NULL");
    w.commit();
  }

  SignOutcome sign(wf::Id signer, const std::string& pin, long long at) {
    SignRequest r;
    r.document_id = minutes_;
    r.signer_id = signer;
    r.pin = pin;
    r.now = wf::TimePoint(std::chrono::seconds(at));
    return signatures_->sign_with_pin(r);
  }

  void expect_nothing_written() {
    EXPECT_EQ(count("SELECT count(*) FROM document_signatures"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM documents"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM review_events WHERE action = 'sign_document'"), 0);
  }

  // A new unsigned version of the minutes, as a re-render with other data stores it.
  wf::Id rerender_minutes(int pages, const std::string& snapshot) {
    kd::storage::DocumentStore documents(*pool_);
    kd::storage::NewDocument d;
    d.campaign_id = campaign_;
    d.review_id = review_;
    d.review_ids = {review_};
    d.subject = "review:" + std::to_string(review_);
    d.kind = "meeting_minutes";
    d.title = "Biên bản họp";
    d.pdf = make_test_pdf(pages);
    d.sha256 = kd::codec::sha256_hex(d.pdf);
    d.page_count = pages;
    d.template_version = "test";
    d.snapshot = snapshot;
    d.snapshot_sha256 = kd::codec::sha256_hex(d.snapshot);
    d.created_at = pki().now - 30;
    return documents.store(d).document_id;
  }

  Bytes latest_pdf() {
    pqxx::connection c(url_);
    pqxx::read_transaction t(c);
    const auto r = t.exec1(
        "SELECT c.pdf FROM documents d JOIN document_contents c ON c.sha256 = d.sha256 "
        "ORDER BY d.version DESC LIMIT 1");
    return pqxx::binarystring(r[0]).str();
  }

  wf::Id review_ = 0;
  wf::Id minutes_ = 0;
  std::unique_ptr<SignatureStore> signatures_;
};

}  // namespace kd::signing::testing
