// The pure parts: Vietnamese formatting and the model a template is filled with.
#include <gtest/gtest.h>

#include "services/documents/document_kind.hpp"
#include "services/documents/document_model.hpp"
#include "services/documents/vietnamese_text.hpp"
#include "tests/integration/storage/storage_world.hpp"

namespace kd::documents {
namespace {

namespace st = kd::storage::test;

DocumentInput sample_input(DocumentKind kind) {
  DocumentInput in;
  in.kind = kind;
  in.campaign.id = 1;
  in.campaign.year = 2026;
  in.regime = st::make_regime();
  in.unit_path = {{1, std::nullopt, "UBND-HB", "Ủy ban nhân dân tỉnh Hòa Bình", "co_quan"},
                  {2, 1, "SNV", "Sở Nội vụ", "co_quan"},
                  {3, 2, "SNV-TCCB", "Phòng Tổ chức cán bộ", "don_vi"}};
  in.place = "Hòa Bình";
  in.issued_at = st::vn_time({2026, 1, 5}, 10, 30);
  in.actor_id = 9;
  in.people[9] =
      wf::Person{9, "Nguyễn Văn Hùng", 2, wf::Group::CongChuc, true, true, "Giám đốc Sở", ""};
  ReviewSubject s;
  s.review.id = 7;
  s.review.form = st::full_form("Kiên định <lập trường> & \"quan điểm\"");
  s.review.opinion = wf::Opinion{9, "Nhận xét.", wf::Rating::HTT};
  s.review.final_rating = wf::Rating::HTT;
  s.person = wf::Person{5, "Đỗ Quang Huy", 3, wf::Group::CongChuc, false, false, "Chuyên viên", ""};
  s.unit_name = "Phòng Tổ chức cán bộ";
  in.reviews = {s};
  in.number = 5;
  return in;
}

// The store queues a render job only for actions that produce documents (workflow's
// produces_documents); the documents module says which. The two must agree on every action.
TEST(DocumentKinds, AnActionQueuesRenderingExactlyWhenItProducesDocuments) {
  for (const auto a : wf::all_actions()) {
    SCOPED_TRACE(std::string(wf::to_string(a)));
    EXPECT_EQ(wf::produces_documents(a), !kinds_for_action(wf::to_string(a)).empty());
  }
}

TEST(VietnameseText, DatesAndNumbersTakeLeadingZeros) {
  EXPECT_EQ(place_and_date("Hà Nội", {2026, 1, 5}), "Hà Nội, ngày 05 tháng 01 năm 2026");
  EXPECT_EQ(place_and_date("", {2026, 12, 15}), "ngày 15 tháng 12 năm 2026");
  EXPECT_EQ(state_number(5, "QĐ-UBND"), "Số: 05/QĐ-UBND");
  EXPECT_EQ(state_number(123, "QĐ-UBND"), "Số: 123/QĐ-UBND");
  EXPECT_EQ(party_number(12, "TB/ĐU"), "Số 12-TB/ĐU");
}

TEST(VietnameseText, CapitalsKeepDiacritics) {
  EXPECT_EQ(upper_vi("Sở Nội vụ"), "SỞ NỘI VỤ");
  EXPECT_EQ(upper_vi("Ủy ban nhân dân tỉnh Hòa Bình"), "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH");
}

TEST(DocumentModel, StateHeaderComesFromTheUnitPath) {
  const auto m = build_model(sample_input(DocumentKind::Decision));
  const auto h = m->getObject("header");
  EXPECT_EQ(h->getValue<std::string>("parent_body"), "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH");
  EXPECT_EQ(h->getValue<std::string>("issuing_body"), "SỞ NỘI VỤ");
  EXPECT_EQ(h->getValue<std::string>("number"), "Số: 05/QĐ-SNV");
  EXPECT_EQ(h->getValue<std::string>("place_date"), "Hòa Bình, ngày 05 tháng 01 năm 2026");
  EXPECT_EQ(m->getObject("signer")->getValue<std::string>("title"), "GIÁM ĐỐC SỞ");
}

TEST(DocumentModel, PartyDocumentsUseTheHd36Number) {
  auto in = sample_input(DocumentKind::ResultNotice);
  in.regime.party = true;
  const auto h = build_model(in)->getObject("header");
  EXPECT_EQ(h->getValue<std::string>("number"), "Số 05-TB/ĐU");
  EXPECT_TRUE(h->getValue<bool>("party"));
}

TEST(DocumentModel, SectionsThreeAndFourOnlyOnTheirForms) {
  const auto self = build_model(sample_input(DocumentKind::SelfAssessment));
  EXPECT_FALSE(self->has("section_iii"));
  EXPECT_FALSE(self->has("section_iv"));
  const auto opinion = build_model(sample_input(DocumentKind::OpinionForm));
  EXPECT_TRUE(opinion->has("section_iii"));
  EXPECT_FALSE(opinion->has("section_iv"));
  const auto final_form = build_model(sample_input(DocumentKind::FinalForm));
  EXPECT_TRUE(final_form->has("section_iv"));
  EXPECT_EQ(final_form->getObject("section_iv")->getValue<std::string>("rating"),
            "Hoàn thành tốt nhiệm vụ");
}

TEST(DocumentModel, LeadersOnlyItemsAreLeftOutForStaff) {
  const auto m = build_model(sample_input(DocumentKind::SelfAssessment));
  EXPECT_EQ(m->getArray("items")->size(), 3u);  // make_regime has 3 + 1 leaders-only
}

TEST(DocumentModel, UnnumberedKindsCarryNoNumber) {
  EXPECT_EQ(build_model(sample_input(DocumentKind::SelfAssessment))
                ->getObject("header")
                ->getValue<std::string>("number"),
            "");
}

}  // namespace
}  // namespace kd::documents
