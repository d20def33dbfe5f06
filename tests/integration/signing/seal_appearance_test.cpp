// The visible appearance per ND 30/2020 through the signature store: the committee's
// signature on a decision draws the signer's registered signature image (blue, transparent
// PNG) and the agency's red seal over the left third; a signer without an image gets the
// text stamp. Checked with qpdf (the image XObjects and their soft masks), pdftoppm (red
// pixels where the seal is, blue ones in the signature) and pdfsig (still valid).
#include <gtest/gtest.h>
#include <png.h>
#include <podofo/podofo.h>

#include "services/signing/drawn_images.hpp"
#include "tests/integration/signing/signature_store_fixture.hpp"

namespace kd::signing::testing {
namespace {

struct Raster {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgb;
  // Pixels of the box (in PDF points from the bottom left, rendered at 72 dpi) whose colour
  // passes `test`.
  template <typename Test>
  int count(const PageRect& box, Test test) const {
    int n = 0;
    for (int y = static_cast<int>(height - box.y - box.height); y < height - box.y; ++y)
      for (int x = static_cast<int>(box.x); x < box.x + box.width; ++x) {
        if (x < 0 || y < 0 || x >= width || y >= height) continue;
        const auto* p = &rgb[static_cast<std::size_t>((y * width + x) * 3)];
        if (test(p[0], p[1], p[2])) ++n;
      }
    return n;
  }
};

Raster read_png(const std::string& file) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  Raster r;
  if (!png_image_begin_read_from_file(&image, file.c_str())) return r;
  image.format = PNG_FORMAT_RGB;
  r.width = static_cast<int>(image.width);
  r.height = static_cast<int>(image.height);
  r.rgb.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, r.rgb.data(), 0, nullptr)) r.width = r.height = 0;
  return r;
}

// The /Rect of the signature widget named `field` on the last page.
PageRect widget_of(const Bytes& pdf, const std::string& field) {
  PoDoFo::PdfMemDocument doc;
  doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
  PoDoFo::PdfPage* page = doc.GetPage(doc.GetPageCount() - 1);
  for (int i = 0; i < page->GetNumAnnots(); ++i) {
    PoDoFo::PdfAnnotation* a = page->GetAnnotation(i);
    const auto* t = a->GetObject()->GetDictionary().GetKey("T");
    if (t == nullptr || t->GetString().GetStringUtf8() != field) continue;
    const PoDoFo::PdfRect r = a->GetRect();
    return {r.GetLeft(), r.GetBottom(), r.GetWidth(), r.GetHeight()};
  }
  ADD_FAILURE() << "no widget " << field;
  return {};
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The file's objects uncompressed (qpdf --qdf), to look for image XObjects.
std::string qdf_of(const TempDir& dir, const Bytes& pdf) {
  write_file(dir.file("in.pdf"), pdf);
  const auto r = run("qpdf --qdf --object-streams=disable " + quote(dir.file("in.pdf")) + " " +
                     quote(dir.file("qdf.pdf")));
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.output;
  return read_file(dir.file("qdf.pdf"));
}

bool red(int r, int g, int b) { return r > 150 && g < 90 && b < 90; }
bool blue(int r, int g, int b) { return b > 120 && r < 90 && g < 120; }

class SealAppearance : public SignatureStoreTest {
 protected:
  wf::Id store_decision() {
    kd::storage::DocumentStore documents(*pool_);
    const auto d = kd::testing::hand_made_document(
        {campaign_,
         {review_},
         "batch:" + std::to_string(campaign_) + ":decide:1:" + std::to_string(ha_),
         "decision",
         "Quyết định xếp loại",
         make_test_pdf(1),
         pki().now - 3600});
    return documents.store(d).document_id;
  }
};

TEST_F(SealAppearance, TheDecisionCarriesTheSignatureImageAndTheRedSealOverItsLeftThird) {
  const auto& p = pki();
  const auto committee =
      issue_certificate(p.ca, {"Hoàng Thị Hà", "Sở Nội vụ", "", ""}, KeyType::EcdsaP256, 4545,
                        p.now - 3600, p.now + 30 * 86400);
  signatures_->enroll(ha_, committee.cert.get(), committee.key.get(), {p.ca.cert.get()}, "444444");
  signatures_->set_person_image(ha_, drawn_signature_png("Hoàng Thị Hà"));
  signatures_->set_unit_seal(agency_, drawn_seal_png());  // the agency above the office
  EXPECT_THROW(signatures_->set_unit_seal(agency_, "GIF89a"), std::invalid_argument);

  SignRequest r;
  r.document_id = store_decision();
  r.signer_id = ha_;
  r.pin = "444444";
  r.now = wf::TimePoint(std::chrono::seconds(p.now));
  const auto out = signatures_->sign_with_pin(r);
  ASSERT_TRUE(out.signature) << (out.refusal ? out.refusal->message_vi : "");
  const Bytes pdf = latest_pdf();

  TempDir dir;
  const std::string qdf = qdf_of(dir, pdf);
  // The signature and the seal, each with its soft mask (itself an image): transparent.
  EXPECT_EQ(occurrences(qdf, "/SMask "), 2u);
  EXPECT_EQ(occurrences(qdf, "/Subtype /Image"), 4u);

  write_file(dir.file("signed.pdf"), pdf);
  const auto rendered = run("pdftoppm -r 72 -png -singlefile " + quote(dir.file("signed.pdf")) +
                            " " + quote(dir.file("page")));
  ASSERT_EQ(rendered.exit_code, 0) << rendered.output;
  const Raster page = read_png(dir.file("page.png"));
  ASSERT_GT(page.width, 0);
  if (const char* keep = std::getenv("KD_KEEP_RENDERING"))
    write_file(keep, read_file(dir.file("page.png")));
  const PageRect widget = widget_of(pdf, "kd_decision_committee");
  const double seal = 36 * 72 / 25.4;
  ASSERT_GT(widget.width, seal);
  // The seal: the widget's left part, up to one third into the signature.
  const PageRect seal_box{widget.x, widget.y, seal, widget.height};
  EXPECT_GT(page.count(seal_box, red), 800);
  // The signature image: blue strokes right of the seal, no red there.
  const PageRect sign_box{widget.x + seal + 4, widget.y, widget.width - seal - 4, widget.height};
  EXPECT_GT(page.count(sign_box, blue), 300);
  EXPECT_EQ(page.count(sign_box, red), 0);
  // Nothing red outside the widget.
  EXPECT_EQ(page.count({0, 0, widget.x - 1, 842}, red), 0);

  const std::string nss = nss_database(dir, p.ca.cert.get());
  const auto sig = run("pdfsig -nssdir " + quote(nss) + " " + quote(dir.file("signed.pdf")));
  EXPECT_NE(sig.output.find("Signature is Valid."), std::string::npos) << sig.output;
  EXPECT_NE(sig.output.find("Certificate is Trusted."), std::string::npos) << sig.output;
  EXPECT_TRUE(verify_pdf(pdf, p.anchors(), p.now).ok());
}

TEST_F(SealAppearance, WithoutARegisteredImageTheMinutesGetTheTextStampAndNoSeal) {
  signatures_->set_unit_seal(agency_, drawn_seal_png());  // minutes never carry the seal
  const auto out = sign(binh_, "111111", pki().now);
  ASSERT_TRUE(out.signature);
  const Bytes pdf = latest_pdf();
  TempDir dir;
  const std::string qdf = qdf_of(dir, pdf);
  EXPECT_EQ(occurrences(qdf, "/Subtype /Image"), 0u);
  write_file(dir.file("signed.pdf"), pdf);
  ASSERT_EQ(run("pdftoppm -r 72 -png -singlefile " + quote(dir.file("signed.pdf")) + " " +
                quote(dir.file("page")))
                .exit_code,
            0);
  const Raster page = read_png(dir.file("page.png"));
  const PageRect widget = widget_of(pdf, "kd_meeting_minutes_secretary");
  EXPECT_EQ(page.count({0, 0, 595, 842}, red), 0);
  EXPECT_GT(page.count(widget, blue), 50);  // the blue frame and text of the stamp
}

}  // namespace
}  // namespace kd::signing::testing

namespace kd::signing::testing {
namespace {

// A one-page document with a signature block: the title line "THƯ KÝ" at 300 pt from the
// bottom and the secretary's printed name at 200 pt, in the left column.
Bytes pdf_with_signer_block(const std::string& name) {
  using namespace PoDoFo;
  PdfMemDocument doc;
  PdfFont* font = doc.CreateFontSubset(
      "Liberation Serif", false, false, false, PdfEncodingFactory::GlobalIdentityEncodingInstance(),
      "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf");
  font->SetFontSize(14);
  PdfPage* page = doc.CreatePage(PdfPage::CreateStandardPageSize(ePdfPageSize_A4));
  PdfPainter painter;
  painter.SetPage(page);
  painter.SetFont(font);
  const auto text = [&](double x, double y, const std::string& s) {
    painter.DrawText(x, y, PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str())));
  };
  text(90, 760, "BIÊN BẢN HỌP — thư ký: " + name);  // the name inside a sentence: not the block
  text(140, 300, "THƯ KÝ");
  text(120, 200, name);
  text(400, 300, "CHỦ TRÌ");
  painter.FinishPage();
  doc.EmbedSubsetFonts();
  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  doc.Write(&device);
  return Bytes(buffer.GetBuffer(), device.GetLength());
}

TEST_F(SealAppearance, TheSignatureIsDrawnBetweenTheTitleLineAndThePrintedName) {
  kd::storage::DocumentStore documents(*pool_);
  kd::storage::NewDocument d;
  d.campaign_id = campaign_;
  d.review_id = review_;
  d.review_ids = {review_};
  d.subject = "review:" + std::to_string(review_);
  d.kind = "meeting_minutes";
  d.title = "Biên bản họp";
  d.pdf = pdf_with_signer_block("Lê Thị Bình");
  d.sha256 = kd::codec::sha256_hex(d.pdf);
  d.page_count = 1;
  d.template_version = "test";
  d.snapshot = R"({"block":true})";
  d.snapshot_sha256 = kd::codec::sha256_hex(d.snapshot);
  d.created_at = pki().now - 60;
  ASSERT_TRUE(documents.store(d).created);
  signatures_->set_person_image(binh_, drawn_signature_png("Lê Thị Bình"));

  const auto out = sign(binh_, "111111", pki().now);
  ASSERT_TRUE(out.signature) << (out.refusal ? out.refusal->message_vi : "");
  const Bytes pdf = latest_pdf();
  const PageRect w = widget_of(pdf, "kd_meeting_minutes_secretary");
  EXPECT_GT(w.y, 200 + 10);             // above the name (its glyphs included)
  EXPECT_LT(w.y + w.height, 300);       // below the title line
  EXPECT_GT(w.height, 50);              // the space between them
  const double name_centre = 120 + 38;  // "Lê Thị Bình" is ~76 pt wide at 14 pt
  EXPECT_NEAR(w.x + w.width / 2, name_centre, 12);

  TempDir dir;
  write_file(dir.file("signed.pdf"), pdf);
  ASSERT_EQ(run("pdftoppm -r 72 -png -singlefile " + quote(dir.file("signed.pdf")) + " " +
                quote(dir.file("page")))
                .exit_code,
            0);
  const Raster page = read_png(dir.file("page.png"));
  EXPECT_GT(page.count(w, blue), 200);  // the signature image is there
  EXPECT_TRUE(verify_pdf(pdf, pki().anchors(), pki().now).ok());
}

}  // namespace
}  // namespace kd::signing::testing
