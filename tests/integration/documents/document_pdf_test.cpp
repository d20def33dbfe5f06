// Every kind of document, rendered through the real pipeline (render jobs, libwkhtmltox,
// PoDoFo) and checked with the real tools: qpdf --check, pdfinfo, pdffonts, pdftotext, and a
// golden comparison of page 1 (pdftoppm). PDFs and PNGs are kept in build/test-artefacts.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "tests/integration/documents/documents_world.hpp"
#include "tests/integration/documents/pdf_tools.hpp"

namespace kd::documents::test {
namespace {

// About three pages of real prose for the long sections.
std::string long_text() {
  const std::string paragraph =
      "Luôn kiên định lập trường, quan điểm, chấp hành nghiêm chủ trương, đường lối của Đảng, "
      "chính sách, pháp luật của Nhà nước; thường xuyên học tập, nghiên cứu, nâng cao trình độ "
      "chuyên môn, nghiệp vụ; tham mưu kịp thời, đúng quy định các văn bản về công tác tổ chức "
      "cán bộ, đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức của ngành.";
  std::string text;
  for (int i = 0; i < 9; ++i) text += paragraph + "\n";
  return text;
}

class DocumentPdf : public DocumentsTest {
 protected:
  // Walks Nguyễn Văn An through the five stages and renders every job: kind -> PDF bytes.
  std::map<std::string, std::string> render_all() {
    build_world();
    const auto review = review_of(an_);
    auto form = kd::storage::test::full_form(long_text());
    walk_five_stages(review, form);
    run_jobs();
    std::map<std::string, std::string> out;
    {
      pqxx::connection c(url_);
      pqxx::read_transaction t(c);
      for (const auto& r : t.exec("SELECT id, attempts, coalesce(last_error, ''), "
                                  "done_at IS NOT NULL FROM outbox ORDER BY id"))
        if (!r[3].as<bool>()) ADD_FAILURE() << "job " << r[0].c_str() << ": " << r[2].c_str();
    }
    for (const auto& d : documents_->review_documents(review)) out[d.kind] = *documents_->pdf(d.id);
    return out;
  }
};

const std::map<std::string, std::vector<std::string>>& expected_strings() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"self_assessment_form",
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "SỞ NỘI VỤ",
        "PHÒNG TỔ CHỨC CÁN BỘ", "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC",
        "Họ và tên: Nguyễn Văn An", "I. KẾT QUẢ TỰ ĐÁNH GIÁ",
        "II. TỰ NHẬN XÉT, XẾP LOẠI CHẤT LƯỢNG", "Hoàn thành tốt nhiệm vụ", "NGƯỜI TỰ NHẬN XÉT",
        "Hòa Bình, ngày 20 tháng 11 năm 2026"}},
      {"meeting_minutes",
       {"BIÊN BẢN", "Số: 01/BB-TCCB", "Phòng họp tầng 2", "Phạm Thị Hoa", "Lê Thị Chi",
        "Làm việc chăm chỉ, đúng hạn.", "THƯ KÝ", "CHỦ TRÌ", "Lê Thị Bình", "Phạm Văn Chí",
        "nhất trí thông qua", "Nơi nhận:"}},
      {"opinion_form",
       {"III. Ý KIẾN NHẬN XÉT, ĐÁNH GIÁ CỦA NGƯỜI QUẢN LÝ, SỬ DỤNG", "NGƯỜI NHẬN XÉT, ĐÁNH GIÁ",
        "Trần Văn Dũng"}},
      {"decision",
       {"QUYẾT ĐỊNH", "Số: 01/QĐ-SNV", "PHỤ LỤC", "Nguyễn Văn An", "Hoàn thành tốt nhiệm vụ",
        "Nơi nhận:", "Hoàng Thị Hà",
        "(Kèm theo Quyết định số 01/QĐ-SNV ngày 20 tháng 11 năm 2026 của Sở Nội vụ)"}},
      {"final_form",
       {"IV. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CỦA CẤP CÓ THẨM QUYỀN",
        "NGƯỜI CÓ THẨM QUYỀN ĐÁNH GIÁ", "Hoàng Thị Hà"}},
      {"result_notice",
       {"THÔNG BÁO", "Số: 02/TB-SNV", "Kính gửi: Đồng chí Nguyễn Văn An",
        "Xếp loại chất lượng: Hoàn thành tốt nhiệm vụ.",
        "Trong thời hạn 15 ngày kể từ ngày công khai kết quả (đến hết ngày 05/12/2026), nếu không "
        "đồng ý với kết quả, đồng chí có quyền kiến nghị với cấp có thẩm quyền."}},
      {"public_list", {"DANH SÁCH CÔNG KHAI", "Nguyễn Văn An", "Hoàn thành tốt nhiệm vụ"}},
  };
  return m;
}

TEST_F(DocumentPdf, EveryKindIsAWellFormedA4PdfWithEmbeddedFontsAndTheRightText) {
  const auto pdfs = render_all();
  ASSERT_EQ(pdfs.size(), expected_strings().size());
  for (const auto& [kind, strings] : expected_strings()) {
    SCOPED_TRACE(kind);
    ASSERT_TRUE(pdfs.count(kind));
    const auto path = write_file(kind + ".pdf", pdfs.at(kind));
    const auto check = run("qpdf --check '" + path.string() + "'");
    EXPECT_EQ(check.code, 0) << check.out;
    const auto info = run("pdfinfo '" + path.string() + "'").out;
    EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
    const auto fonts = run("pdffonts '" + path.string() + "'").out;
    EXPECT_NE(fonts.find("LiberationSerif"), std::string::npos) << fonts;
    std::istringstream lines(fonts);
    std::string line;
    int font_lines = 0;
    while (std::getline(lines, line)) {
      if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0) continue;
      ++font_lines;
      EXPECT_NE(line.find(" yes "), std::string::npos) << "font not embedded: " << line;
      EXPECT_EQ(line.find("Noto"), std::string::npos) << "fallback font used: " << line;
    }
    EXPECT_GT(font_lines, 0);
    const auto text = flat(pdf_text(path));
    for (const auto& s : strings) EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
    // A Sở is led by its director: nobody signs "TM." (on behalf of a collective) for it.
    EXPECT_EQ(text.find("TM."), std::string::npos) << text;
  }
}

TEST_F(DocumentPdf, PageNumbersAreCentredAtTheTopFromPageTwo) {
  const auto pdfs = render_all();
  const auto path = write_file("self_assessment_form.pdf", pdfs.at("self_assessment_form"));
  const auto info = run("pdfinfo '" + path.string() + "'").out;
  const auto pages_at = info.find("Pages:");
  ASSERT_NE(pages_at, std::string::npos);
  const int pages = std::stoi(info.substr(pages_at + 6));
  ASSERT_GE(pages, 2) << "the long form should take at least two pages";
  EXPECT_NE(first_line(pdf_text(path, 1, true)), "1");
  for (int p = 2; p <= pages; ++p) {
    const auto page_text = pdf_text(path, p, true);
    EXPECT_EQ(first_line(page_text), std::to_string(p)) << page_text.substr(0, 300);
    // Centred in the top margin: the word's box, from pdftotext -bbox (A4 is 595 x 842 pt).
    const auto boxes = run("pdftotext -bbox -f " + std::to_string(p) + " -l " + std::to_string(p) +
                           " '" + path.string() + "' -")
                           .out;
    const auto word = boxes.find(">" + std::to_string(p) + "</word>");
    ASSERT_NE(word, std::string::npos);
    const auto tag = boxes.rfind("<word", word);
    auto attr = [&](const std::string& name) {
      const auto at = boxes.find(name + "=\"", tag) + name.size() + 2;
      return std::stod(boxes.substr(at, boxes.find('"', at) - at));
    };
    EXPECT_NEAR((attr("xMin") + attr("xMax")) / 2, 595.0 / 2, 15.0);
    EXPECT_LT(attr("yMax"), 20 / 25.4 * 72) << "inside the 20 mm top margin";
  }
}

// Page 1 of each kind at 20 dpi (grey), compared with tests/integration/documents/golden/.
// KIEMDIEM_UPDATE_GOLDEN=1 rewrites the goldens. Fails when more than 1.5 % of the pixels
// differ by more than a quarter of the grey range: a material layout shift, not anti-aliasing.
TEST_F(DocumentPdf, PageOneMatchesTheGoldenImage) {
  const auto pdfs = render_all();
  const auto golden_dir =
      std::filesystem::path(KD_SOURCE_DIR) / "tests/integration/documents/golden";
  const bool update = std::getenv("KIEMDIEM_UPDATE_GOLDEN") != nullptr;
  for (const auto& [kind, bytes] : pdfs) {
    SCOPED_TRACE(kind);
    const auto pdf = write_file(kind + ".pdf", bytes);
    const auto prefix = artefact_dir() / (kind + "-page1");
    run("pdftoppm -png -r 60 -f 1 -l 1 -singlefile '" + pdf.string() + "' '" + prefix.string() +
        "'");
    const auto small = artefact_dir() / (kind + "-page1-20dpi");
    run("pdftoppm -gray -r 20 -f 1 -l 1 -singlefile '" + pdf.string() + "' '" + small.string() +
        "'");
    const std::string actual = read_file(small.string() + ".pgm");
    ASSERT_FALSE(actual.empty());
    const auto golden_path = golden_dir / (kind + ".pgm");
    if (update) {
      std::ofstream(golden_path, std::ios::binary) << actual;
      continue;
    }
    const std::string golden = read_file(golden_path);
    ASSERT_FALSE(golden.empty()) << "no golden " << golden_path;
    ASSERT_EQ(golden.size(), actual.size()) << "page size changed";
    // Both are "P5\n<w> <h>\n255\n" + pixels: compare the pixel bytes.
    const std::size_t start = golden.find("255\n") + 4;
    std::size_t differing = 0;
    for (std::size_t i = start; i < golden.size(); ++i) {
      const int d = static_cast<unsigned char>(golden[i]) - static_cast<unsigned char>(actual[i]);
      if (d > 64 || d < -64) ++differing;
    }
    const double share =
        static_cast<double>(differing) / static_cast<double>(golden.size() - start);
    EXPECT_LT(share, 0.015) << differing << " pixels differ; see " << prefix.string() << ".png";
  }
}

}  // namespace
}  // namespace kd::documents::test
