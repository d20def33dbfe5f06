// On documents rendered by the real pipeline (libwkhtmltox, the official templates), the
// visible signature lands in the signer's block: between the title line ("THƯ KÝ",
// "CHỦ TRÌ") and the printed name, centred over the name, read back from the page's text
// (Qt's fonts map glyphs to Unicode through bfrange arrays). The decision carries the seal.
#include <gtest/gtest.h>
#include <podofo/podofo.h>

#include <cmath>

#include "services/signing/drawn_images.hpp"
#include "services/signing/signature_store.hpp"
#include "services/signing/text_locator.hpp"
#include "tests/integration/documents/documents_world.hpp"
#include "tests/integration/signing/signing_fixture.hpp"

namespace kd::signing::testing {
namespace {

class RenderedPlacement : public kd::documents::test::DocumentsTest {
 protected:
  // The latest version of the review's document of `kind`.
  std::pair<wf::Id, Bytes> latest(const std::string& kind) {
    pqxx::connection c(url_);
    pqxx::read_transaction t(c);
    const auto r = t.exec_params1(
        "SELECT d.id, c.pdf FROM documents d JOIN document_contents c ON c.sha256 = d.sha256 "
        "JOIN document_reviews l ON l.document_id = d.id WHERE l.review_id = $1 AND d.kind = $2 "
        "ORDER BY d.id DESC LIMIT 1",
        review_of(an_), kind);
    return {r[0].as<wf::Id>(), pqxx::binarystring(r[1]).str()};
  }
};

struct Placed {
  PageRect widget;
  std::vector<TextLine> lines;
};

Placed placed(const Bytes& pdf, const std::string& field) {
  PoDoFo::PdfMemDocument doc;
  doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
  for (int p = doc.GetPageCount() - 1; p >= 0; --p) {
    PoDoFo::PdfPage* page = doc.GetPage(p);
    for (int i = 0; i < page->GetNumAnnots(); ++i) {
      PoDoFo::PdfAnnotation* a = page->GetAnnotation(i);
      const auto* t = a->GetObject()->GetDictionary().GetKey("T");
      if (t == nullptr || t->GetString().GetStringUtf8() != field) continue;
      const PoDoFo::PdfRect r = a->GetRect();
      return {{r.GetLeft(), r.GetBottom(), r.GetWidth(), r.GetHeight()}, text_lines(*page)};
    }
  }
  ADD_FAILURE() << "no widget " << field;
  return {};
}

const TextLine* line(const std::vector<TextLine>& lines, const std::string& text_no_spaces) {
  for (const auto& l : lines) {
    std::string t;
    for (char c : l.text)
      if (c != ' ' && c != '\t') t += c;
    if (t == text_no_spaces) return &l;
  }
  return nullptr;
}

// The widget lies above `name`'s line, below `title`'s, and is centred over the name.
void expect_in_block(const Placed& p, const std::string& title, const std::string& name) {
  const TextLine* t = line(p.lines, title);
  const TextLine* n = line(p.lines, name);
  ASSERT_NE(t, nullptr) << title;
  ASSERT_NE(n, nullptr) << name;
  EXPECT_GT(p.widget.y, n->baseline) << name;
  EXPECT_LT(p.widget.y + p.widget.height, t->baseline) << title;
  EXPECT_GT(p.widget.height, 40);
  EXPECT_LT(std::fabs(p.widget.x + p.widget.width / 2 - (n->x_min + n->x_max) / 2), 15) << name;
}

TEST_F(RenderedPlacement, MinutesSignaturesSitBetweenTitleAndName) {
  build_world();
  const auto review = review_of(an_);
  ASSERT_EQ(act(review, an_, submit(kd::storage::test::full_form())).status,
            kd::storage::TransitionOutcome::Status::Accepted);
  ASSERT_EQ(act(review, binh_, meeting_request()).status,
            kd::storage::TransitionOutcome::Status::Accepted);
  ASSERT_GT(run_jobs(), 0);
  const auto [minutes, pdf] = latest("meeting_minutes");
  ASSERT_FALSE(pdf.empty());

  const auto& p = pki();
  SignatureStore signatures(*pool_, p.anchors());
  signatures.enroll(binh_, p.secretary.cert.get(), p.secretary.key.get(), {p.ca.cert.get()},
                    "111111");
  signatures.enroll(chi_, p.chair.cert.get(), p.chair.key.get(), {p.ca.cert.get()}, "222222");
  signatures.set_person_image(chi_, drawn_signature_png("Phạm Văn Chí"));
  SignRequest r;
  r.document_id = minutes;
  r.signer_id = binh_;
  r.pin = "111111";
  r.now = wf::TimePoint(std::chrono::seconds(p.now - 60));
  const auto first = signatures.sign_with_pin(r);
  ASSERT_TRUE(first.signature) << (first.refusal ? first.refusal->message_vi : "");
  r.signer_id = chi_;
  r.pin = "222222";
  r.now = wf::TimePoint(std::chrono::seconds(p.now));
  const auto second = signatures.sign_with_pin(r);
  ASSERT_TRUE(second.signature) << (second.refusal ? second.refusal->message_vi : "");

  const Bytes signed_pdf = latest("meeting_minutes").second;
  expect_in_block(placed(signed_pdf, "kd_meeting_minutes_secretary"), "THƯKÝ", "LêThịBình");
  expect_in_block(placed(signed_pdf, "kd_meeting_minutes_chair"), "CHỦTRÌ", "PhạmVănChí");
  EXPECT_TRUE(verify_pdf(signed_pdf, p.anchors(), p.now).ok());
}

}  // namespace
}  // namespace kd::signing::testing
