// The header and the signing authority of the decision come from the organisation's data
// (ND 30/2020 Phụ lục I): the superior body above the agency, the agency's place in the date
// line, and the authority lines by the agency's regime and the signer's role grants. Rendered
// through the real pipeline and read back with pdftotext.
#include <gtest/gtest.h>

#include "tests/integration/documents/documents_world.hpp"
#include "tests/integration/documents/pdf_tools.hpp"

namespace kd::documents::test {
namespace {

struct AgencyData {
  std::string name;
  std::string superior_name;
  std::string place_name;
  std::string head_title;
  std::string deputy_title;
  std::string collective_body;
};

class SigningAuthorityPdf : public DocumentsTest {
 protected:
  // The agency as the organisation describes it, the decider (Hoàng Thị Hà) holding `role` in
  // it; Nguyễn Văn An walked through the five stages: the decision's text, flattened.
  std::string decision_text(const AgencyData& a, std::optional<wf::Role> role) {
    build_world();
    {
      pqxx::connection c(url_);
      pqxx::work w(c);
      w.exec_params(
          "UPDATE units SET name = $2, superior_name = $3, place_name = $4, head_title = $5, "
          "deputy_title = $6, collective_body = $7 WHERE id = $1",
          agency_, a.name, a.superior_name, a.place_name, a.head_title, a.deputy_title,
          a.collective_body);
      w.commit();
    }
    if (role) store_->grant_role({ha_, agency_, *role});
    const auto review = review_of(an_);
    walk_five_stages(review, kd::storage::test::full_form("Hoàn thành tốt nhiệm vụ được giao."));
    run_jobs();
    std::string pdf;
    for (const auto& d : documents_->review_documents(review))
      if (d.kind == "decision") pdf = *documents_->pdf(d.id);
    EXPECT_FALSE(pdf.empty()) << "no decision rendered";
    if (pdf.empty()) return "";
    return flat(pdf_text(write_file("decision.pdf", pdf)));
  }

  static AgencyData department() {
    return {"Sở Nội vụ", "UBND tỉnh Phú Thọ", "Phú Thọ", "Giám đốc", "Phó Giám đốc", ""};
  }
  static AgencyData committee() {
    return {"Ủy ban nhân dân tỉnh Phú Thọ",
            "",
            "Phú Thọ",
            "Chủ tịch",
            "Phó Chủ tịch",
            "Ủy ban nhân dân"};
  }
};

std::size_t at(const std::string& text, const std::string& s) { return text.find(s); }

TEST_F(SigningAuthorityPdf, TheSuperiorBodyStandsAboveTheAgencyAndThePlaceIsTheAgencys) {
  const auto text = decision_text(department(), wf::Role::Head);
  ASSERT_NE(at(text, "UBND TỈNH PHÚ THỌ"), std::string::npos) << text;
  ASSERT_NE(at(text, "SỞ NỘI VỤ"), std::string::npos) << text;
  EXPECT_LT(at(text, "UBND TỈNH PHÚ THỌ"), at(text, "SỞ NỘI VỤ")) << text;
  // The agency's place, not documents.place (the test context's "Hòa Bình").
  EXPECT_NE(at(text, "Phú Thọ, ngày 20 tháng 11 năm 2026"), std::string::npos) << text;
  EXPECT_EQ(at(text, "Hòa Bình"), std::string::npos) << text;
}

TEST_F(SigningAuthorityPdf, TheHeadOfAnAgencyUnderOneHeadSignsUnderTheHeadsTitle) {
  const auto text = decision_text(department(), wf::Role::Head);
  EXPECT_NE(at(text, "GIÁM ĐỐC Hoàng Thị Hà"), std::string::npos) << text;
  EXPECT_EQ(at(text, "TM."), std::string::npos) << text;
  EXPECT_EQ(at(text, "KT."), std::string::npos) << text;
  EXPECT_EQ(at(text, "PHÓ GIÁM ĐỐC"), std::string::npos) << text;
}

TEST_F(SigningAuthorityPdf, ADeputySignsForTheHead) {
  const auto text = decision_text(department(), wf::Role::DeputyHead);
  ASSERT_NE(at(text, "KT. GIÁM ĐỐC"), std::string::npos) << text;
  ASSERT_NE(at(text, "PHÓ GIÁM ĐỐC"), std::string::npos) << text;
  EXPECT_LT(at(text, "KT. GIÁM ĐỐC"), at(text, "PHÓ GIÁM ĐỐC")) << text;
  EXPECT_LT(at(text, "PHÓ GIÁM ĐỐC"), at(text, "Hoàng Thị Hà")) << text;
  EXPECT_EQ(at(text, "TM."), std::string::npos) << text;
}

TEST_F(SigningAuthorityPdf, ACollectiveBodySignsOnBehalfOfTheCollective) {
  const auto text = decision_text(committee(), wf::Role::Head);
  ASSERT_NE(at(text, "TM. ỦY BAN NHÂN DÂN"), std::string::npos) << text;
  EXPECT_NE(at(text, "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Hoàng Thị Hà"), std::string::npos) << text;
  EXPECT_EQ(at(text, "KT."), std::string::npos) << text;
}

TEST_F(SigningAuthorityPdf, ADeputyOfACollectiveBodySignsForTheCollectiveAndItsHead) {
  const auto text = decision_text(committee(), wf::Role::DeputyHead);
  EXPECT_NE(at(text, "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Hoàng Thị Hà"),
            std::string::npos)
      << text;
}

TEST_F(SigningAuthorityPdf, WithoutTheOrganisationsDataTheSignerSignsUnderTheirPosition) {
  // Neither head nor deputy, no titles, no superior, no place: the parent's name (none at the
  // root), documents.place and the signer's own position, and still no "TM.".
  const auto text = decision_text({"Sở Nội vụ", "", "", "", "", ""}, std::nullopt);
  EXPECT_NE(at(text, "Hòa Bình, ngày 20 tháng 11 năm 2026"), std::string::npos) << text;
  EXPECT_NE(at(text, "TRƯỞNG PHÒNG Hoàng Thị Hà"), std::string::npos) << text;
  EXPECT_EQ(at(text, "TM."), std::string::npos) << text;
  EXPECT_EQ(at(text, "KT."), std::string::npos) << text;
}

}  // namespace
}  // namespace kd::documents::test
