// POST /documents/{id}/signatures and GET /documents/{id}/verification: the minutes signed
// by the meeting's secretary then its chair through the API, the refusals (wrong order,
// wrong PIN, no role) as problems with stable codes, and the verification report with two
// valid signatures in Vietnamese. A test CA is made here; the trust anchor reaches the
// server through KIEMDIEM_SIGNING_TRUST_ANCHORS.
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <vector>

#include <Poco/JSON/Array.h>

#include "services/codec/sha256.hpp"
#include "services/signing/cades.hpp"
#include "services/signing/certificate_authority.hpp"
#include "services/signing/key_signing.hpp"
#include "services/signing/signature_store.hpp"
#include "services/storage/document_store.hpp"
#include "tests/api/api_fixture.hpp"
#include "tests/support/hand_made_document.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_pki.hpp"

namespace kd::api::testing {
namespace {

// A one-page PDF written by hand (exact xref offsets) that PoDoFo can update.
std::string minimal_pdf() {
  const std::string content = "BT /F1 14 Tf 72 770 Td (Bien ban hop to) Tj ET";
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
      "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream"};
  std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const auto xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const auto off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

class SigningApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    namespace sg = kd::signing;
    const long long now = test_now().time_since_epoch().count();
    ca_ = kd::testing::test_ca(now);
    anchor_file_ = anchor_dir_.file("ca.pem");
    kd::testing::write_file(anchor_file_, sg::pem_of(ca_.cert.get()));
    ::setenv("KIEMDIEM_SIGNING_TRUST_ANCHORS", anchor_file_.c_str(), 1);
    restart_server();  // the server reads its trust anchors when it starts
    sg::SignatureStore enrol(*pool_, {});
    const auto issue = [&](Id person, const std::string& name, long serial,
                           const std::string& pin) {
      auto id = kd::testing::test_person(ca_, name, serial, now);
      enrol.enroll(person, id.cert.get(), id.key.get(), {ca_.cert.get()}, pin);
      return id;
    };
    secretary_ = issue(binh_, "Trần Thị Bình", 2, "111111");
    issue(chi_, "Lê Minh Chí", 3, "222222");

    ASSERT_EQ(act("an", review_an_, "submit", 1, complete_form_body()).status, 200);
    ASSERT_EQ(
        act("binh", review_an_, "record_meeting", version_of(review_an_), meeting_body()).status,
        200);
    kd::storage::DocumentStore docs(*pool_);
    const auto d = kd::testing::hand_made_document({campaign_,
                                                    {review_an_},
                                                    "review:" + std::to_string(review_an_),
                                                    "meeting_minutes",
                                                    "Biên bản họp đánh giá - Nguyễn Văn An",
                                                    minimal_pdf(),
                                                    now});
    minutes_ = docs.store(d).document_id;
  }

  void TearDown() override {
    ::unsetenv("KIEMDIEM_SIGNING_TRUST_ANCHORS");
    ApiTest::TearDown();
  }

  HttpResult sign(const std::string& user, const std::string& pin, Id document = 0) {
    return as(user, "POST",
              "/api/v1/documents/" + std::to_string(document ? document : minutes_) + "/signatures",
              R"({"pin":")" + pin + R"("})");
  }

  long signature_rows() {
    pqxx::connection c(pool_->url());
    pqxx::read_transaction t(c);
    return t.exec1("SELECT count(*) FROM document_signatures")[0].as<long>();
  }

  kd::signing::Identity ca_;
  kd::signing::Identity secretary_;
  kd::testing::TempDir anchor_dir_{"kd-signing-api"};
  std::string anchor_file_;
  Id minutes_ = 0;
};

// The trust anchors are read once, when the server starts: a request reads no file (the
// anchors stay in use after their file is gone); the next start reads the settings again.
TEST_F(SigningApi, TheTrustAnchorsAreReadOnceWhenTheServerStarts) {
  ASSERT_EQ(std::remove(anchor_file_.c_str()), 0);
  const auto signed_once = sign("binh", "111111");
  ASSERT_EQ(signed_once.status, 201) << signed_once.body;
  const auto verified =
      as("binh", "GET", "/api/v1/documents/" + std::to_string(minutes_) + "/verification");
  EXPECT_EQ(verified.status, 200) << verified.body;

  restart_server();
  const auto refused = sign("chi", "222222");
  ASSERT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.json()->getValue<std::string>("code"), "signing_unavailable");
}

TEST_F(SigningApi, ChairFirstIsRefusedWithAStableCode) {
  const auto r = sign("chi", "222222");
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "signing_wrong_order");
  EXPECT_EQ(signature_rows(), 0);
}

TEST_F(SigningApi, WrongPinAndNoRoleAreRefused) {
  auto r = sign("binh", "000000");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "signing_wrong_pin");
  r = sign("an", "111111");
  ASSERT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "signing_role_required");
  r = sign("em", "111111");  // cannot even see the review's documents
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(signature_rows(), 0);
}

TEST_F(SigningApi, SecretaryThenChairThenTwoValidSignaturesInVietnamese) {
  auto r = sign("binh", "111111");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("role"), "secretary");
  r = sign("chi", "222222");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("role"), "chair");
  const auto signed_id = r.json()->getValue<Id>("signed_document_id");

  r = as("an", "GET", "/api/v1/documents/" + std::to_string(signed_id) + "/verification");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto report = r.json();
  EXPECT_TRUE(report->getValue<bool>("ok")) << r.body;
  const auto sigs = report->getArray("signatures");
  ASSERT_EQ(sigs->size(), 2u) << r.body;
  for (std::size_t i = 0; i < sigs->size(); ++i) {
    const auto s = sigs->getObject(static_cast<unsigned>(i));
    EXPECT_EQ(s->getValue<std::string>("verdict"), "valid") << r.body;
    EXPECT_EQ(s->getValue<std::string>("chain"), "trusted") << r.body;
    EXPECT_FALSE(s->getValue<std::string>("summary_vi").empty());
  }
  EXPECT_EQ(sigs->getObject(0)->getValue<std::string>("signer"), "Trần Thị Bình");
  EXPECT_EQ(sigs->getObject(1)->getValue<std::string>("signer"), "Lê Minh Chí");
  EXPECT_NE(report->getValue<std::string>("report_vi").find("2 chữ ký số"), std::string::npos)
      << r.body;
  EXPECT_EQ(report->getArray("recorded_signatures")->size(), 2u);

  // The unsigned version is still there and carries no signature.
  r = as("an", "GET", "/api/v1/documents/" + std::to_string(minutes_) + "/verification");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getArray("signatures")->size(), 0u);
}

// "Send to the chair": the secretary's signature puts a request in the chair's inbox, in the
// same transaction; a refused signature sends nothing, the chair's own signature asks no one.
TEST_F(SigningApi, TheSecretarysSignatureAsksTheChairToSign) {
  const auto inbox = [&](const std::string& user) {
    const auto r = as(user, "GET", "/api/v1/me/notifications?limit=50");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()->getArray("items");
  };
  ASSERT_EQ(sign("chi", "222222").status, 409);  // wrong order: nothing written, no one asked
  EXPECT_EQ(inbox("chi")->size(), 0u);

  ASSERT_EQ(sign("binh", "111111").status, 201);
  auto items = inbox("chi");
  ASSERT_EQ(items->size(), 1u);
  const auto n = items->getObject(0);
  EXPECT_EQ(n->getValue<std::string>("kind"), "signature_requested");
  EXPECT_EQ(n->getValue<Id>("review_id"), review_an_);
  EXPECT_EQ(n->getValue<std::string>("subject"), "Biên bản họp chờ bạn ký số — Nguyễn Văn An");
  const auto body = n->getValue<std::string>("body");
  EXPECT_EQ(body.rfind("Trần Thị Bình (thư ký cuộc họp) đã ký số biên bản họp kiểm điểm của "
                       "Nguyễn Văn An lúc ",
                       0),
            0u)
      << body;
  EXPECT_NE(body.find("chờ chữ ký số của bạn với vai trò chủ trì cuộc họp"), std::string::npos);
  EXPECT_EQ(inbox("binh")->size(), 0u);

  ASSERT_EQ(sign("chi", "222222").status, 201);
  EXPECT_EQ(inbox("chi")->size(), 1u);
  EXPECT_EQ(inbox("binh")->size(), 0u);
}

TEST_F(SigningApi, ExternalSigningPrepareThenComplete) {
  const std::string base = "/api/v1/documents/" + std::to_string(minutes_) + "/signatures";
  auto r = as("binh", "POST", base + "/prepare", "{}");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto prepared = r.json();
  EXPECT_EQ(prepared->getValue<std::string>("role"), "secretary");
  EXPECT_EQ(prepared->getValue<std::string>("algorithm"), "ECDSA-P256-SHA256");
  std::string attrs;
  ASSERT_TRUE(
      kd::signing::base64_decode(prepared->getValue<std::string>("signed_attributes"), &attrs));
  const auto value = kd::signing::sign_data(
      secretary_.key.get(), kd::signing::SignatureAlgorithm::EcdsaP256Sha256, attrs);
  const std::string session = prepared->getValue<std::string>("session_id");
  r = as("binh", "POST", base + "/complete",
         R"({"session_id":")" + session + R"(","signature":")" + kd::signing::base64_encode(value) +
             R"("})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("method"), "external");
  r = as("binh", "POST", base + "/complete",
         R"({"session_id":")" + session + R"(","signature":")" + kd::signing::base64_encode(value) +
             R"("})");
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "signing_session_completed");
  r = as("binh", "POST", base + "/complete", R"({"session_id":"nope","signature":"AAAA"})");
  ASSERT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "signing_session_not_found");
  EXPECT_EQ(signature_rows(), 1);
}

}  // namespace
}  // namespace kd::api::testing

namespace kd::api::testing {
namespace {

// The signature status of a document as GET /documents/{id} shows it.
Poco::JSON::Object::Ptr status_of(const HttpResult& r) {
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json()->getObject("signatures");
}

TEST_F(SigningApi, DocumentsShowTheirSignaturesAgainstTheRequiredOrder) {
  const auto review_docs = [&] {
    const auto r = as("an", "GET", "/api/v1/reviews/" + std::to_string(review_an_) + "/documents");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()->getArray("items");
  };
  auto items = review_docs();
  ASSERT_EQ(items->size(), 1u);
  auto s = items->getObject(0)->getObject("signatures");
  EXPECT_EQ(s->getValue<std::string>("summary_vi"), "0/2 chữ ký");
  EXPECT_FALSE(s->getValue<bool>("complete"));
  EXPECT_EQ(s->getValue<std::string>("next_role"), "secretary");

  auto r = sign("binh", "111111");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto first = r.json()->getValue<Id>("signed_document_id");
  s = status_of(as("an", "GET", "/api/v1/documents/" + std::to_string(first)));
  EXPECT_EQ(s->getValue<std::string>("summary_vi"), "1/2 chữ ký");
  EXPECT_EQ(s->getValue<std::string>("next_role"), "chair");
  const auto item = s->getArray("items")->getObject(0);
  EXPECT_EQ(item->getValue<std::string>("signer_name"), "Trần Thị Bình");
  EXPECT_EQ(item->getValue<std::string>("role"), "secretary");
  EXPECT_EQ(item->getValue<std::string>("role_vi"), "Thư ký");
  EXPECT_EQ(item->getValue<std::string>("certificate_sha256"),
            kd::signing::cert_fingerprint(secretary_.cert.get()));
  EXPECT_EQ(item->getValue<int>("chain_length"), 1);
  EXPECT_NE(item->getValue<std::string>("signed_at").find("+07:00"), std::string::npos);

  r = sign("chi", "222222");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto second = r.json()->getValue<Id>("signed_document_id");
  s = status_of(as("an", "GET", "/api/v1/documents/" + std::to_string(second)));
  EXPECT_EQ(s->getValue<std::string>("summary_vi"), "2/2 chữ ký");
  EXPECT_TRUE(s->getValue<bool>("complete"));
  EXPECT_TRUE(s->isNull("next_role"));
  EXPECT_EQ(s->getArray("items")->getObject(1)->getValue<std::string>("signer_name"),
            "Lê Minh Chí");

  // The list shows every version with what each one carries; the unsigned one stays 0/2.
  items = review_docs();
  ASSERT_EQ(items->size(), 3u);
  std::map<Id, std::string> by_id;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto d = items->getObject(static_cast<unsigned>(i));
    by_id[d->getValue<Id>("id")] = d->getObject("signatures")->getValue<std::string>("summary_vi");
  }
  EXPECT_EQ(by_id[minutes_], "0/2 chữ ký");
  EXPECT_EQ(by_id[first], "1/2 chữ ký");
  EXPECT_EQ(by_id[second], "2/2 chữ ký");
}

TEST_F(SigningApi, ExternalCompletionAcceptsAChainAndRefusesGarbage) {
  const std::string base = "/api/v1/documents/" + std::to_string(minutes_) + "/signatures";
  auto r = as("binh", "POST", base + "/prepare", "{}");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string attrs;
  ASSERT_TRUE(
      kd::signing::base64_decode(r.json()->getValue<std::string>("signed_attributes"), &attrs));
  const std::string session = r.json()->getValue<std::string>("session_id");
  const auto value = kd::signing::base64_encode(kd::signing::sign_data(
      secretary_.key.get(), kd::signing::SignatureAlgorithm::EcdsaP256Sha256, attrs));
  r = as("binh", "POST", base + "/complete",
         R"({"session_id":")" + session + R"(","signature":")" + value +
             R"(","chain":["bm90IGEgY2VydA=="]})");
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "invalid_field");
  EXPECT_EQ(signature_rows(), 0);
  r = as("binh", "POST", base + "/complete",
         R"({"session_id":")" + session + R"(","signature":")" + value + R"(","chain":[")" +
             kd::signing::base64_encode(kd::signing::der_of(ca_.cert.get())) + R"("]})");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto signed_id = r.json()->getValue<Id>("signed_document_id");
  const auto s = status_of(as("an", "GET", "/api/v1/documents/" + std::to_string(signed_id)));
  EXPECT_EQ(s->getArray("items")->getObject(0)->getValue<int>("chain_length"), 1);
  EXPECT_EQ(s->getArray("items")->getObject(0)->getValue<std::string>("method"), "external");
}

// The server-held key is locked after signing.pin_max_failures wrong PINs (5 by default, like
// a smart card): each wrong PIN says how many tries are left, the fifth locks the key (423,
// recorded as a security event), and then even the right PIN signs nothing until an
// administrator of the person's unit unlocks it (audited); the wrong PINs are counted even
// though nothing else is written.
TEST_F(SigningApi, AKeyIsLockedAfterFiveWrongPinsUntilAnAdministratorUnlocksIt) {
  for (int i = 1; i <= 4; ++i) {
    const auto r = sign("binh", "00000" + std::to_string(i));
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json()->getValue<std::string>("code"), "signing_wrong_pin");
    EXPECT_EQ(r.json()->getValue<int>("pin_attempts_left"), 5 - i);
    EXPECT_EQ(r.json()->getValue<std::string>("detail"),
              "Mã PIN ký số không đúng. Còn " + std::to_string(5 - i) +
                  " lần thử trước khi khóa ký số bị khóa.");
  }
  auto r = sign("binh", "000005");
  ASSERT_EQ(r.status, 423) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "signing_key_locked");
  EXPECT_EQ(r.json()->getValue<std::string>("title"), "Đã bị khóa");
  EXPECT_EQ(r.json()->getValue<std::string>("detail"),
            "Khóa ký số của bạn đã bị khóa vì nhập sai mã PIN 5 lần liên tiếp. Đề nghị quản trị "
            "viên mở khóa trước khi ký.");
  r = sign("binh", "111111");  // the right PIN: still locked, nothing signed
  EXPECT_EQ(r.status, 423) << r.body;
  EXPECT_EQ(signature_rows(), 0);

  // Only an administrator of the person's unit (or above) may unlock.
  const std::string unlock = "/api/v1/people/" + std::to_string(binh_) + "/signing-key/unlock";
  EXPECT_EQ(as("chi", "POST", unlock, "{}").status, 403);
  EXPECT_EQ(as("binh", "POST", unlock, "{}").status, 403);
  store_->grant_role({giang_, root_, kd::wf::Role::Admin});
  const auto unlocked =
      as("giang", "POST", unlock, R"({"reason":"Đã xác minh người ký qua điện thoại"})");
  ASSERT_EQ(unlocked.status, 200) << unlocked.body;
  EXPECT_TRUE(unlocked.json()->getValue<bool>("was_locked"));
  EXPECT_EQ(unlocked.json()->getValue<int>("pin_failures_cleared"), 5);

  r = sign("binh", "111111");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(signature_rows(), 1);

  pqxx::connection c(pool_->url());
  pqxx::read_transaction t(c);
  const auto events = t.exec(
      "SELECT kind, person_id, coalesce(actor_id, 0), detail FROM security_events ORDER BY id");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0][0].as<std::string>(), "signing_key_locked");
  EXPECT_EQ(events[0][1].as<Id>(), binh_);
  EXPECT_EQ(events[0][2].as<Id>(), 0);
  EXPECT_EQ(events[1][0].as<std::string>(), "signing_key_unlocked");
  EXPECT_EQ(events[1][2].as<Id>(), giang_);
  EXPECT_EQ(events[1][3].as<std::string>(),
            "Mở khóa qua API bởi Vũ Trường Giang: Đã xác minh người ký qua điện thoại");
}

TEST_F(SigningApi, TheLimitIsASettingAndARightPinClearsTheCount) {
  settings_.signing_pin_max_failures = 2;
  restart_server();
  EXPECT_EQ(sign("binh", "000000").status, 422);
  ASSERT_EQ(sign("binh", "111111").status, 201);  // right: the count starts over
  EXPECT_EQ(sign("chi", "000000").status, 422);
  const auto r = sign("chi", "000001");
  EXPECT_EQ(r.status, 423) << r.body;
  EXPECT_NE(r.json()->getValue<std::string>("detail").find("2 lần liên tiếp"), std::string::npos);
  EXPECT_EQ(sign("chi", "222222").status, 423);
  EXPECT_EQ(signature_rows(), 1);
}

}  // namespace
}  // namespace kd::api::testing
