// Party documents (QĐ 366 regime): the HD 36 header and number, rendered without a database.
#include <gtest/gtest.h>

#include "tests/integration/documents/documents_world.hpp"
#include "tests/integration/documents/pdf_tools.hpp"

namespace kd::documents::test {
namespace {

namespace st = kd::storage::test;

DocumentInput party_input(DocumentKind kind) {
  DocumentInput in;
  in.kind = kind;
  in.campaign.id = 1;
  in.campaign.year = 2026;
  in.regime = st::make_regime();
  in.regime.party = true;
  in.regime.title = "Quy định 366-QĐ/TW ngày 30/08/2025 của Bộ Chính trị";
  in.regime.forms[wf::Group::DangVien] = st::make_form("mau_2a", "BẢN KIỂM ĐIỂM CÁ NHÂN");
  in.unit_path = {{2, std::nullopt, "SNV", "Sở Nội vụ", "co_quan"},
                  {3, 2, "SNV-TCCB", "Phòng Tổ chức cán bộ", "don_vi"}};
  in.place = "Hòa Bình";
  in.issued_at = st::vn_time({2026, 12, 5}, 15, 0);
  in.actor_id = 9;
  in.people[9] = wf::Person{9, "Nguyễn Văn Hùng", 2, wf::Group::DangVien, true, true, "Bí thư", ""};
  ReviewSubject s;
  s.review.id = 7;
  s.review.form = st::full_form("Giữ vững lập trường, bản lĩnh chính trị.");
  s.review.final_rating = wf::Rating::HTT;
  s.person = wf::Person{5, "Đỗ Quang Huy", 3, wf::Group::DangVien, true, false, "Đảng viên", ""};
  // The chi bộ's meeting (chaired by its bí thư) and the head's opinion, for the later forms.
  s.review.meeting = st::good_meeting(11, 12, wf::Rating::HTT);
  s.review.meeting->conclusion = "Chi bộ nhất trí đề nghị xếp loại Hoàn thành tốt nhiệm vụ.";
  s.review.opinion = wf::Opinion{10,
                                 "Đồng chí Huy hoàn thành tốt nhiệm vụ được giao; có ý thức "
                                 "tổ chức kỷ luật cao.",
                                 wf::Rating::HTT};
  in.people[10] =
      wf::Person{10, "Trần Văn Dũng", 3, wf::Group::DangVien, true, true, "Trưởng phòng", ""};
  in.people[11] =
      wf::Person{11, "Lê Thị Mai", 3, wf::Group::DangVien, true, false, "Bí thư chi bộ", ""};
  in.people[12] =
      wf::Person{12, "Phạm Văn Nam", 3, wf::Group::DangVien, true, false, "Chuyên viên", ""};
  s.unit_name = "Phòng Tổ chức cán bộ";
  in.reviews = {s};
  in.number = 12;
  return in;
}

class PartyDocuments : public ::testing::Test {
 protected:
  std::string render_text(DocumentKind kind, const std::string& name) {
    const auto templates = TemplateSet::load(std::string(KD_SOURCE_DIR) + "/templates");
    DocumentRenderer renderer(templates, process_engine());
    const auto doc = renderer.render(party_input(kind));
    const auto path = write_file(name, doc.pdf);
    EXPECT_EQ(run("qpdf --check '" + path.string() + "'").code, 0);
    return flat(pdf_text(path));
  }
};

TEST_F(PartyDocuments, TheSelfReviewCarriesTheHd36Header) {
  const auto text = render_text(DocumentKind::SelfAssessment, "party_self_review.pdf");
  for (const char* s : {"ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ SỞ NỘI VỤ",
                        "CHI BỘ PHÒNG TỔ CHỨC CÁN BỘ", "*", "BẢN KIỂM ĐIỂM CÁ NHÂN", "Đỗ Quang Huy",
                        "NGƯỜI TỰ KIỂM ĐIỂM", "Hòa Bình, ngày 05 tháng 12 năm 2026"})
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
  EXPECT_EQ(text.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos);
}

// The later stages add, in this order, the head's rating under the seal, the chi bộ's proposal
// ("T/M CHI ỦY") and the đảng ủy's decision (domain.md §5). Every literal here is NFC.
TEST_F(PartyDocuments, TheSelfReviewAtSubmissionHasNoLaterParts) {
  const auto text = render_text(DocumentKind::SelfAssessment, "party_self_review_submitted.pdf");
  for (const char* s : {"THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "T/M CHI ỦY", "ĐỀ XUẤT CỦA CHI BỘ",
                        "QUYẾT ĐỊNH CỦA ĐẢNG ỦY", "T/M ĐẢNG ỦY", "Trần Văn Dũng"})
    EXPECT_EQ(text.find(s), std::string::npos) << s << "\n" << text;
}

TEST_F(PartyDocuments, TheHeadsOpinionAddsTheRatingUnderTheSealAndTheChiBoProposal) {
  const auto text = render_text(DocumentKind::OpinionForm, "party_self_review_opinion.pdf");
  const std::vector<std::string> in_order = {
      "III. NHẬN XÉT, ĐÁNH GIÁ CỦA THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
      "Đồng chí Huy hoàn thành tốt nhiệm vụ được giao; có ý thức tổ chức kỷ luật cao.",
      "Xếp loại chất lượng cán bộ, công chức, viên chức: Hoàn thành tốt nhiệm vụ",
      "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
      "(Ký, ghi rõ họ tên, đóng dấu)",
      "Trần Văn Dũng",
      "IV. ĐỀ XUẤT CỦA CHI BỘ",
      "Chi bộ nhất trí đề nghị xếp loại Hoàn thành tốt nhiệm vụ.",
      "Chi bộ đề xuất xếp loại chất lượng đảng viên: Hoàn thành tốt nhiệm vụ",
      "T/M CHI ỦY",
      "BÍ THƯ",
      "Lê Thị Mai"};
  std::size_t at = 0;
  for (const auto& s : in_order) {
    const auto found = text.find(s, at);
    ASSERT_NE(found, std::string::npos) << "missing or out of order: " << s << "\n" << text;
    at = found + s.size();
  }
  EXPECT_EQ(text.find("QUYẾT ĐỊNH CỦA ĐẢNG ỦY"), std::string::npos) << text;
}

TEST_F(PartyDocuments, TheFinalFormCarriesTheDangUyDecision) {
  const auto text = render_text(DocumentKind::FinalForm, "party_self_review_final.pdf");
  const std::vector<std::string> in_order = {
      "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
      "T/M CHI ỦY",
      "V. QUYẾT ĐỊNH CỦA ĐẢNG ỦY",
      "Đảng ủy quyết định xếp loại chất lượng đảng viên: Hoàn thành tốt nhiệm vụ",
      "T/M ĐẢNG ỦY",
      "BÍ THƯ",
      "Nguyễn Văn Hùng"};
  std::size_t at = 0;
  for (const auto& s : in_order) {
    const auto found = text.find(s, at);
    ASSERT_NE(found, std::string::npos) << "missing or out of order: " << s << "\n" << text;
    at = found + s.size();
  }
}

TEST_F(PartyDocuments, TheNoticeIsNumberedWithoutAColon) {
  const auto text = render_text(DocumentKind::ResultNotice, "party_notice.pdf");
  EXPECT_NE(text.find("Số 12-TB/ĐU"), std::string::npos) << text;
  EXPECT_NE(text.find("T/M ĐẢNG ỦY"), std::string::npos) << text;
}

}  // namespace
}  // namespace kd::documents::test
