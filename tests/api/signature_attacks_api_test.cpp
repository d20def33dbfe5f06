// GET /documents/{id}/verification on the published attacks on PDF signatures
// (tests/support/pdf_attacks.hpp): the minutes are signed by the secretary through the API
// (our pipeline, server-held key), the attacker — holding a certificate of the same trusted
// CA — applies the attack, the result is stored as a document, and the verification the
// API answers reports the secretary's signature as changed after signing, with the stable
// code of the change and the Vietnamese report.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <Poco/JSON/Array.h>

#include "services/signing/certificate_authority.hpp"
#include "services/signing/signature_store.hpp"
#include "services/storage/document_store.hpp"
#include "tests/api/api_fixture.hpp"
#include "tests/support/hand_made_document.hpp"
#include "tests/support/pdf_attacks.hpp"
#include "tests/support/pdf_update.hpp"

namespace kd::api::testing {
namespace {

namespace sg = kd::signing;

class SignatureAttacksApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    now_ = test_now().time_since_epoch().count();
    const long long year = 365LL * 24 * 3600;
    ca_ = sg::create_root({"Kiểm điểm Test CA", "Sở Nội vụ", "", ""}, sg::KeyType::EcdsaP256,
                          now_ - year, now_ + year);
    anchor_file_ = "/tmp/kd-attacks-api-" + std::to_string(::getpid()) + ".pem";
    std::ofstream(anchor_file_) << sg::pem_of(ca_.cert.get());
    ::setenv("KIEMDIEM_SIGNING_TRUST_ANCHORS", anchor_file_.c_str(), 1);
    restart_server();  // the server reads its trust anchors when it starts
    sg::SignatureStore enrol(*pool_, {});
    const auto secretary =
        sg::issue_certificate(ca_, {"Trần Thị Bình", "Sở Nội vụ", "", ""}, sg::KeyType::EcdsaP256,
                              2, now_ - year, now_ + year);
    enrol.enroll(binh_, secretary.cert.get(), secretary.key.get(), {ca_.cert.get()}, "111111");
    attacker_ = sg::issue_certificate(ca_, {"Người sửa biên bản", "Sở Nội vụ", "", ""},
                                      sg::KeyType::EcdsaP256, 3, now_ - year, now_ + year);
    ASSERT_EQ(act("an", review_an_, "submit", 1, complete_form_body()).status, 200);
    ASSERT_EQ(
        act("binh", review_an_, "record_meeting", version_of(review_an_), meeting_body()).status,
        200);
  }

  void TearDown() override {
    ::unsetenv("KIEMDIEM_SIGNING_TRUST_ANCHORS");
    if (!anchor_file_.empty()) std::remove(anchor_file_.c_str());
    ApiTest::TearDown();
  }

  Id store(const std::string& pdf) {
    kd::storage::DocumentStore docs(*pool_);
    return docs
        .store(kd::testing::hand_made_document({campaign_,
                                                {review_an_},
                                                "review:" + std::to_string(review_an_),
                                                "meeting_minutes",
                                                "Biên bản họp đánh giá - Nguyễn Văn An",
                                                pdf,
                                                now_}))
        .document_id;
  }

  std::string pdf_of(Id document) {
    kd::storage::DocumentStore docs(*pool_);
    return docs.pdf(document).value_or("");
  }

  long long now_ = 0;
  sg::Identity ca_;
  sg::Identity attacker_;
  std::string anchor_file_;
};

TEST_F(SignatureAttacksApi, EveryAttackIsReportedAsChangedAfterSigning) {
  const kd::testing::AttackSigner attacker{
      attacker_.cert.get(), attacker_.key.get(), {ca_.cert.get()}, now_};
  for (const auto& a : kd::testing::pdf_attacks()) {
    SCOPED_TRACE(a.name + ": " + a.what);
    // A document of its own for each attack (the same bytes would be the same version).
    const Id unsigned_id = store(a.prepare(kd::testing::minimal_pdf("Bien ban " + a.name)));
    auto r = as("binh", "POST", "/api/v1/documents/" + std::to_string(unsigned_id) + "/signatures",
                R"({"pin":"111111"})");
    ASSERT_EQ(r.status, 201) << r.body;
    const Id signed_id = r.json()->getValue<Id>("signed_document_id");
    r = as("an", "GET", "/api/v1/documents/" + std::to_string(signed_id) + "/verification");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json()->getValue<bool>("ok")) << r.body;

    const Id attacked = store(a.attack(pdf_of(signed_id), attacker));
    r = as("an", "GET", "/api/v1/documents/" + std::to_string(attacked) + "/verification");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto report = r.json();
    EXPECT_FALSE(report->getValue<bool>("ok")) << r.body;
    const auto victim = report->getArray("signatures")->getObject(0);
    EXPECT_EQ(victim->getValue<std::string>("signer"), "Trần Thị Bình");
    EXPECT_TRUE(victim->getValue<bool>("changed_after_signing")) << r.body;
    const auto changes = victim->getArray("changes");
    bool listed = false;
    for (std::size_t i = 0; i < changes->size(); ++i)
      listed =
          listed || changes->getElement<std::string>(static_cast<unsigned>(i)) == a.expected_change;
    EXPECT_TRUE(listed) << r.body;
    EXPECT_NE(report->getValue<std::string>("report_vi").find("TÀI LIỆU ĐÃ BỊ THAY ĐỔI SAU KHI KÝ"),
              std::string::npos)
        << r.body;
  }
}

}  // namespace
}  // namespace kd::api::testing
