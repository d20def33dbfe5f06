// The demo's signing path end to end, as the browser test and a person use it: the demo
// setup creates the local test CA and gives every demo person a certificate with their
// Vietnamese name and a key sealed under the demo PIN 123456; the secretary and then the
// chair of Phòng Tổ chức cán bộ sign the minutes of Đỗ Quang Huy's meeting through the API,
// and poppler's pdfsig, trusting only the demo CA, reports both signatures valid and the
// certificates trusted. The setup is idempotent.
#include <podofo/podofo.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include "services/api/server.hpp"
#include "services/codec/sha256.hpp"
#include "services/demo/demo_data.hpp"
#include "services/demo/demo_signing.hpp"
#include "services/signing/local_ca.hpp"
#include "services/signing/signature_store.hpp"
#include "services/storage/document_store.hpp"
#include "tests/support/hand_made_document.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

namespace {

using kd::wf::Id;
using Object = Poco::JSON::Object::Ptr;

using Reply = kd::testing::HttpResult;

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// A one-page minutes PDF in Vietnamese (Liberation Serif, subset embedded).
std::string minutes_pdf() {
  using namespace PoDoFo;
  PdfMemDocument doc;
  PdfFont* font = doc.CreateFontSubset(
      "Liberation Serif", false, false, false, PdfEncodingFactory::GlobalIdentityEncodingInstance(),
      "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf");
  font->SetFontSize(13);
  PdfPage* page = doc.CreatePage(PdfPage::CreateStandardPageSize(ePdfPageSize_A4));
  PdfPainter painter;
  painter.SetPage(page);
  painter.SetFont(font);
  const std::string line = "BIÊN BẢN HỌP — Phòng Tổ chức cán bộ, Sở Nội vụ";
  painter.DrawText(90, 760, PdfString(reinterpret_cast<const pdf_utf8*>(line.c_str())));
  painter.FinishPage();
  doc.EmbedSubsetFonts();
  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  doc.Write(&device);
  return std::string(buffer.GetBuffer(), device.GetLength());
}

kd::wf::TimePoint at(int y, int m, int d, int hour_vietnam) {
  const auto days = kd::wf::Date::days_from_civil({y, m, d});
  return kd::wf::TimePoint(std::chrono::seconds(days * 86400 + (hour_vietnam - 7) * 3600));
}

class DemoSigning : public ::testing::Test {
 protected:
  void SetUp() override {
    data_dir_ = temp_.path;
    ::unsetenv("KIEMDIEM_SIGNING_TRUST_ANCHORS");
    pool_ = std::make_unique<kd::storage::ConnectionPool>(
        kd::testing::migrated_database_url("demo_signing"), 4);
    store_ = std::make_unique<kd::storage::Store>(*pool_);
    catalog_ = kd::config::RegimeCatalog::load_dir(std::string(KD_SOURCE_DIR) + "/config/regimes");
    now_ = at(2026, 11, 26, 9);
    summary_ = kd::demo::load_demo(*store_, catalog_, now_);
    // What `serve --demo` does after loading the demo, into <data.dir>/ca.
    signing_ = kd::demo::provision_demo_signing(store_.get(), data_dir_ + "/ca", now_);
    settings_.http_port = 0;
    settings_.http_threads = 4;
    settings_.data_dir = data_dir_;
    settings_.config_file = "";
    server_ = std::make_unique<kd::api::ApiServer>(
        kd::api::ApiDeps{*store_, catalog_, settings_, [this] { return now_; }});
    server_->start();
  }
  void TearDown() override {
    if (server_) server_->stop();
  }

  Reply call(const std::string& method, const std::string& path, const std::string& body,
             const std::string& token, const std::string& if_match = "") {
    std::map<std::string, std::string> headers;
    if (!if_match.empty()) headers["If-Match"] = if_match;
    return client_.call(method, path, body, headers, token);
  }

  std::string login(const std::string& user) { return client_.token(user); }

  Reply act(const std::string& user, Id id, const std::string& action, const std::string& body) {
    const auto r = call("GET", "/api/v1/reviews/" + std::to_string(id), "", login(user));
    const int version = r.json()->getValue<int>("version");
    return call("POST", "/api/v1/reviews/" + std::to_string(id) + "/actions/" + action, body,
                login(user), "\"" + std::to_string(version) + "\"");
  }

  Id review_of(const std::string& full_name) {
    const auto r = call(
        "GET", "/api/v1/campaigns/" + std::to_string(summary_.campaign_id) + "/reviews?limit=200",
        "", login("giamdoc"));
    const auto items = r.json()->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
      const auto item = items->getObject(static_cast<unsigned>(i));
      if (item->getObject("person")->getValue<std::string>("full_name") == full_name)
        return item->getValue<Id>("id");
    }
    ADD_FAILURE() << "no review for " << full_name;
    return 0;
  }

  // Đỗ Quang Huy's review through the meeting, and its minutes stored as the renderer would.
  Id minutes_of_huy() {
    const Id review = review_of("Đỗ Quang Huy");
    const std::string form =
        R"({"form":{"sections":{"chinh_tri_tu_tuong":"Kiên định.","dao_duc_loi_song":"Giản dị.",)"
        R"("tac_phong_le_loi":"Khoa học.","y_thuc_ky_luat":"Chấp hành.",)"
        R"("ket_qua_nhiem_vu":"Hoàn thành.","thai_do_phuc_vu":"Tận tình."},)"
        R"("self_rating":"HTT","strengths":"Chủ động.","weaknesses":"Còn chậm."}})";
    EXPECT_EQ(act("nhanvien.tccb", review, "submit", form).status, 200);
    login("truongphong.tccb");
    login("thuky.tccb");
    const std::string meeting =
        R"({"meeting":{"date":"2026-12-02","place":"Phòng họp tầng 3","chair_id":)" +
        std::to_string(client_.person_of("truongphong.tccb")) + R"(,"secretary_id":)" +
        std::to_string(client_.person_of("thuky.tccb")) +
        R"(,"summoned":5,"present":4,"absent":[],"comments":[],"proposed_rating":"HTT",)"
        R"("votes":{"in_favour":4,"against":0,"abstain":0},"conclusion":"Nhất trí."}})";
    const auto recorded = act("thuky.tccb", review, "record_meeting", meeting);
    EXPECT_EQ(recorded.status, 200) << recorded.body;
    kd::storage::DocumentStore documents(*pool_);
    const auto d = kd::testing::hand_made_document({summary_.campaign_id,
                                                    {review},
                                                    "review:" + std::to_string(review),
                                                    "meeting_minutes",
                                                    "Biên bản họp - Đỗ Quang Huy",
                                                    minutes_pdf(),
                                                    now_.time_since_epoch().count()});
    return documents.store(d).document_id;
  }

  Reply sign(const std::string& user, Id document, const std::string& pin) {
    return call("POST", "/api/v1/documents/" + std::to_string(document) + "/signatures",
                R"({"pin":")" + pin + R"("})", login(user));
  }

  kd::testing::TempDir temp_{"kd-demo-signing"};
  std::string data_dir_;
  std::unique_ptr<kd::storage::ConnectionPool> pool_;
  std::unique_ptr<kd::storage::Store> store_;
  kd::config::RegimeCatalog catalog_;
  kd::config::Settings settings_;
  kd::wf::TimePoint now_;
  kd::demo::DemoSummary summary_;
  kd::demo::DemoSigningSummary signing_;
  std::unique_ptr<kd::api::ApiServer> server_;
  kd::testing::HttpClient client_{[this] { return server_->port(); }, "kiemdiem2026"};
};

TEST_F(DemoSigning, EveryDemoLoginGetsACredentialOnceAndTheSetupIsIdempotent) {
  EXPECT_TRUE(signing_.ca_created);
  EXPECT_TRUE(signing_.demo_loaded);
  const auto logins = static_cast<int>(kd::demo::demo_logins().size());
  EXPECT_EQ(signing_.certificates_issued, logins);
  EXPECT_EQ(signing_.credentials_enrolled, logins);
  EXPECT_GE(signing_.images_registered, logins + 2);  // every person, two agencies' seals
  kd::signing::SignatureStore store(*pool_, {});
  const auto account = store_->find_account("thuky.tccb");
  ASSERT_TRUE(account);
  const auto before = store.active_certificate(account->person_id);
  ASSERT_TRUE(before);

  const auto again = kd::demo::provision_demo_signing(store_.get(), data_dir_ + "/ca", now_);
  EXPECT_FALSE(again.ca_created);
  EXPECT_EQ(again.certificates_issued, 0);
  EXPECT_EQ(again.credentials_enrolled, 0);
  EXPECT_EQ(again.images_registered, 0);
  EXPECT_EQ(store.active_certificate(account->person_id), before);
}

TEST_F(DemoSigning, SecretaryThenChairSignTheMinutesWithTheDemoPinAndPdfsigTrustsBoth) {
  const Id minutes = minutes_of_huy();
  auto r = sign("thuky.tccb", minutes, "000000");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "signing_wrong_pin");
  r = sign("truongphong.tccb", minutes, kd::demo::kDemoSigningPin);
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "signing_wrong_order");

  r = sign("thuky.tccb", minutes, kd::demo::kDemoSigningPin);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("role"), "secretary");
  r = sign("truongphong.tccb", minutes, kd::demo::kDemoSigningPin);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("role"), "chair");
  const Id signed_id = r.json()->getValue<Id>("signed_document_id");

  r = call("GET", "/api/v1/documents/" + std::to_string(signed_id), "", login("nhanvien.tccb"));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto status = r.json()->getObject("signatures");
  EXPECT_EQ(status->getValue<std::string>("summary_vi"), "2/2 chữ ký");
  EXPECT_TRUE(status->getValue<bool>("complete"));

  r = call("GET", "/api/v1/documents/" + std::to_string(signed_id) + "/pdf", "",
           login("nhanvien.tccb"));
  ASSERT_EQ(r.status, 200);
  const std::string pdf_file = data_dir_ + "/signed.pdf";
  std::ofstream(pdf_file, std::ios::binary) << r.body;
  const std::string nss = data_dir_ + "/nss";
  std::filesystem::create_directories(nss);
  const auto created = kd::testing::run("certutil -N -d sql:" + nss + " --empty-password");
  ASSERT_EQ(created.exit_code, 0) << created.output;
  const auto added = kd::testing::run("certutil -A -d sql:" + nss + " -n demo-ca -t CT,C,C -i " +
                                      data_dir_ + "/ca/ca.pem");
  ASSERT_EQ(added.exit_code, 0) << added.output;
  const auto pdfsig = kd::testing::run("pdfsig -nssdir sql:" + nss + " " + pdf_file);
  ASSERT_EQ(pdfsig.exit_code, 0) << pdfsig.output;
  const std::string& out = pdfsig.output;
  EXPECT_EQ(occurrences(out, "Signature Validation: Signature is Valid."), 2u) << out;
  EXPECT_EQ(occurrences(out, "Certificate Validation: Certificate is Trusted."), 2u) << out;
  EXPECT_NE(out.find("Signer Certificate Common Name: Ngô Thị Phương Thảo"), std::string::npos)
      << out;
  EXPECT_NE(out.find("Signer Certificate Common Name: Lê Minh Tuấn"), std::string::npos) << out;
}

}  // namespace

namespace {

TEST_F(DemoSigning, ARevokedDemoCertificateStaysRevokedAndSigningIsRefused) {
  namespace sg = kd::signing;
  const auto account = store_->find_account("thuky.tccb");
  ASSERT_TRUE(account);
  // What `kiemdiem ca revoke thuky.tccb` does: the CRL, then the credential in the database.
  const auto ca = sg::open_local_ca(data_dir_ + "/ca", now_.time_since_epoch().count());
  std::ifstream in(data_dir_ + "/ca/people/thuky.tccb.pem");
  std::stringstream pem;
  pem << in.rdbuf();
  const auto cert = sg::cert_from_pem(pem.str());
  ASSERT_TRUE(cert);
  sg::revoke_in_local_ca(ca, cert.get(), now_.time_since_epoch().count());
  sg::SignatureStore store(*pool_, {});
  ASSERT_TRUE(store.revoke(account->person_id, "revoked", now_));

  const auto again = kd::demo::provision_demo_signing(store_.get(), data_dir_ + "/ca", now_);
  EXPECT_EQ(again.revoked_kept, 1);
  EXPECT_EQ(again.credentials_enrolled, 0);
  EXPECT_FALSE(store.active_certificate(account->person_id));

  const Id minutes = minutes_of_huy();
  const auto r = sign("thuky.tccb", minutes, kd::demo::kDemoSigningPin);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "signing_certificate_revoked");
}

}  // namespace
