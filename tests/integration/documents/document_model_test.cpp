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
  in.unit_path = {{1, std::nullopt, "UBND-PT", "Ủy ban nhân dân tỉnh Phú Thọ", "co_quan"},
                  {2, 1, "SNV", "Sở Nội vụ", "co_quan"},
                  {3, 2, "SNV-TCCB", "Phòng Tổ chức cán bộ", "don_vi"}};
  in.place = "Phú Thọ";
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
  EXPECT_EQ(upper_vi("Ủy ban nhân dân tỉnh Phú Thọ"), "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ");
  EXPECT_EQ(upper_vi("Ủy ban nhân dân tỉnh Hòa Bình"), "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH");
}

TEST(DocumentModel, StateHeaderComesFromTheUnitPath) {
  const auto m = build_model(sample_input(DocumentKind::Decision));
  const auto h = m->getObject("header");
  EXPECT_EQ(h->getValue<std::string>("parent_body"), "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ");
  EXPECT_EQ(h->getValue<std::string>("issuing_body"), "SỞ NỘI VỤ");
  EXPECT_EQ(h->getValue<std::string>("number"), "Số: 05/QĐ-SNV");
  EXPECT_EQ(h->getValue<std::string>("place_date"), "Phú Thọ, ngày 05 tháng 01 năm 2026");
  EXPECT_EQ(m->getObject("signer")->getValue<std::string>("title"), "GIÁM ĐỐC SỞ");
}

// The organisation's data about the agency comes before the tree and the settings.
TEST(DocumentModel, TheSuperiorBodyAndThePlaceComeFromTheAgency) {
  auto in = sample_input(DocumentKind::Decision);
  in.unit_path[1].superior_name = "UBND tỉnh Phú Thọ";
  in.unit_path[1].place_name = "Việt Trì";
  in.place = "Hà Nội";
  const auto h = build_model(in)->getObject("header");
  EXPECT_EQ(h->getValue<std::string>("parent_body"), "UBND TỈNH PHÚ THỌ");
  EXPECT_EQ(h->getValue<std::string>("place_date"), "Việt Trì, ngày 05 tháng 01 năm 2026");
  // A phòng's form: its Sở above it, the Sở's place.
  const auto form = build_model([&] {
                      auto f = in;
                      f.kind = DocumentKind::SelfAssessment;
                      return f;
                    }())
                        ->getObject("header");
  EXPECT_EQ(form->getValue<std::string>("parent_body"), "SỞ NỘI VỤ");
  EXPECT_EQ(form->getValue<std::string>("issuing_body"), "PHÒNG TỔ CHỨC CÁN BỘ");
  EXPECT_EQ(form->getValue<std::string>("place_date"), "Việt Trì, ngày 05 tháng 01 năm 2026");
}

TEST(DocumentModel, TheAuthoritySignsAsTheOrganisationSaysTheAgencyIsLed) {
  auto in = sample_input(DocumentKind::Decision);
  in.unit_path[1].head_title = "Giám đốc";
  in.unit_path[1].deputy_title = "Phó Giám đốc";
  in.actor_standing = wf::SignerStanding::Head;
  auto signer = build_model(in)->getObject("signer");
  EXPECT_EQ(signer->getValue<std::string>("prefix"), "");
  EXPECT_EQ(signer->getValue<std::string>("title"), "GIÁM ĐỐC");
  EXPECT_FALSE(signer->has("on_behalf"));
  in.actor_standing = wf::SignerStanding::Deputy;
  signer = build_model(in)->getObject("signer");
  EXPECT_EQ(signer->getValue<std::string>("prefix"), "KT. GIÁM ĐỐC");
  EXPECT_EQ(signer->getValue<std::string>("title"), "PHÓ GIÁM ĐỐC");
  in.unit_path[1].collective_body = "Ủy ban nhân dân";
  signer = build_model(in)->getObject("signer");
  EXPECT_EQ(signer->getValue<std::string>("prefix"), "TM. ỦY BAN NHÂN DÂN");
  EXPECT_EQ(signer->getValue<std::string>("on_behalf"), "KT. GIÁM ĐỐC");
  EXPECT_EQ(signer->getValue<std::string>("title"), "PHÓ GIÁM ĐỐC");
  // A Party regime decides as the đảng ủy, whatever the state agency's titles.
  in.regime.party = true;
  signer = build_model(in)->getObject("signer");
  EXPECT_EQ(signer->getValue<std::string>("prefix"), "T/M ĐẢNG ỦY");
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
