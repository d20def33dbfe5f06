// GET /reviews/{id}/documents, /documents/{id}, /documents/{id}/pdf and /html: the review's
// authorization, the ETag and file name of the PDF, the render status. Documents are stored
// directly here (rendering is tested in tests/integration/documents).
#include <Poco/JSON/Array.h>

#include "services/storage/document_store.hpp"
#include "tests/api/api_fixture.hpp"

namespace kd::api::testing {
namespace {

class DocumentsApi : public ApiTest {
 protected:
  Id store_document(const std::string& pdf) {
    kd::storage::DocumentStore docs(*pool_);
    kd::storage::NewDocument d;
    d.campaign_id = campaign_;
    d.review_id = review_an_;
    d.review_ids = {review_an_};
    d.subject = "review:" + std::to_string(review_an_);
    d.kind = "self_assessment_form";
    d.title = "Phiếu tự đánh giá năm 2026 - Nguyễn Văn An";
    d.pdf = pdf;
    d.sha256 = std::string(63, '0') + std::to_string(pdf.size() % 10);
    d.page_count = 1;
    d.template_version = "t1";
    d.snapshot = "{}";
    d.snapshot_sha256 = std::string(64, 'b');
    d.html = "<p>Phiếu &lt;b&gt;</p>";
    d.created_at = 1795000000;
    return docs.store(d).document_id;
  }
};

TEST_F(DocumentsApi, TheReviewListsItsDocumentsAndRenderStatus) {
  const std::string path = "/api/v1/reviews/" + std::to_string(review_an_) + "/documents";
  auto r = as("an", "GET", path);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()->getObject("render_status")->getValue<std::string>("state"), "none");
  ASSERT_EQ(act("an", review_an_, "submit", 1, complete_form_body()).status, 200);
  r = as("an", "GET", path);
  EXPECT_EQ(r.json()->getObject("render_status")->getValue<std::string>("state"), "queued");
  const Id id = store_document("%PDF-1.4\n%fake\n");
  r = as("an", "GET", path);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto items = r.json()->getArray("items");
  ASSERT_EQ(items->size(), 1u);
  const auto doc = items->getObject(0);
  EXPECT_EQ(doc->getValue<Id>("id"), id);
  EXPECT_EQ(doc->getValue<std::string>("kind"), "self_assessment_form");
  EXPECT_EQ(doc->getValue<std::string>("title"), "Phiếu tự đánh giá năm 2026 - Nguyễn Văn An");
  EXPECT_EQ(as("em", "GET", path).status, 403);
}

TEST_F(DocumentsApi, ThePdfHasItsHashAsETagAndAnAsciiSafeFileName) {
  const Id id = store_document("%PDF-1.4\n%fake\n");
  const std::string path = "/api/v1/documents/" + std::to_string(id);
  const auto meta = as("an", "GET", path);
  ASSERT_EQ(meta.status, 200) << meta.body;
  const auto sha = meta.json()->getValue<std::string>("sha256");
  const auto pdf = as("an", "GET", path + "/pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body, "%PDF-1.4\n%fake\n");
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf.header("ETag"), "\"" + sha + "\"");
  const auto disposition = pdf.header("Content-Disposition");
  EXPECT_NE(disposition.find("filename=\"Phieu-tu-danh-gia-nam-2026-Nguyen-Van-An.pdf\""),
            std::string::npos)
      << disposition;
  EXPECT_NE(disposition.find("filename*=UTF-8''Phi%E1%BA%BFu"), std::string::npos) << disposition;
  for (const unsigned char c : disposition) EXPECT_LT(c, 0x80);
  const auto again = as("an", "GET", path + "/pdf", "", {{"If-None-Match", "\"" + sha + "\""}});
  EXPECT_EQ(again.status, 304);
  const auto html = as("an", "GET", path + "/html");
  ASSERT_EQ(html.status, 200);
  EXPECT_EQ(html.body, "<p>Phiếu &lt;b&gt;</p>");
  EXPECT_NE(html.header("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
}

TEST_F(DocumentsApi, DocumentsFollowTheReviewsAuthorization) {
  const Id id = store_document("%PDF-1.4\n%fake\n");
  const std::string path = "/api/v1/documents/" + std::to_string(id);
  for (const auto& user : {"an", "chi", "dung", "giang"})
    EXPECT_EQ(as(user, "GET", path).status, 200) << user;
  for (const auto& suffix : {"", "/pdf", "/html"})
    EXPECT_EQ(as("em", "GET", path + suffix).status, 403) << suffix;
  EXPECT_EQ(as("an", "GET", "/api/v1/documents/999999").status, 404);
  EXPECT_EQ(call("GET", path).status, 401);
}

}  // namespace
}  // namespace kd::api::testing
