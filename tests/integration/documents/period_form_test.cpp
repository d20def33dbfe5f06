// Nghị định 335/2025 Mẫu số 01, "PHIẾU THEO DÕI, ĐÁNH GIÁ CÔNG CHỨC": a month scored through
// the period machine, rendered by the real engine and read back with pdftotext and qpdf.
#include <gtest/gtest.h>

#include "services/documents/period_form.hpp"
#include "tests/integration/documents/documents_world.hpp"
#include "tests/integration/documents/pdf_tools.hpp"
#include "tests/unit/workflow/period_fixture.hpp"

namespace kd::documents::test {
namespace {

namespace wt = kd::wf::test;

class PeriodForm : public ::testing::Test {
 protected:
  void SetUp() override {
    templates_ = TemplateSet::load(std::string(KD_SOURCE_DIR) + "/templates");
  }

  // February 2026 of `who`, walked from opening to locking: a failed quality review on the
  // first task, an excused delay on the second, half a point withheld by the manager.
  wf::PeriodRecord locked_month(wf::Id who, std::optional<wf::LeaderFactors> leader = {}) {
    wf::PeriodRecord p = world_.period_in(wf::PeriodStage::Open, who);
    const wf::Id manager = who == wt::kDung ? wt::kGiang : wt::kDung;
    auto step = [&](wf::Id actor, wf::PeriodRequest req) {
      const auto t = world_.run(p, actor, req);
      if (!t.accepted) throw std::runtime_error(t.refusals.at(0).message_vi);
      p = t.period;
    };
    step(who, world_.valid_request(wf::PeriodAction::RegisterTasks, who));
    step(who, world_.valid_request(wf::PeriodAction::SubmitProducts, who));
    step(who, world_.valid_request(wf::PeriodAction::SelfScore, who));
    auto score = world_.valid_request(wf::PeriodAction::Score, who);
    score.deductions["t1"] = {wt::deduction(wf::DeductionKind::Quality)};
    score.deductions["t2"] = {wt::deduction(wf::DeductionKind::Delay, true)};
    if (leader) score.leader = leader;
    step(manager, score);
    step(wt::kGiang, world_.valid_request(wf::PeriodAction::Approve, who));
    step(wt::kGiang, world_.valid_request(wf::PeriodAction::Lock, who));
    return p;
  }

  PeriodFormInput input(const wf::PeriodRecord& p) {
    PeriodFormInput in;
    in.period = p;
    in.person = world_.person(p.person_id);
    const auto units = world_.org.units();
    in.unit_path = {units[0], units[1]};  // Sở Nội vụ > Phòng Tổ chức cán bộ
    in.rules = world_.rules;
    in.place = "Hòa Bình";
    in.issued_at = world_.now;
    wf::Person evaluator = world_.dung;
    if (p.person_id == wt::kDung) {
      evaluator.id = wt::kGiang;
      evaluator.full_name = "Hoàng Văn Giang";
    }
    in.evaluator = evaluator;
    return in;
  }

  std::string render_text(const PeriodFormInput& in, const std::string& file) {
    const auto doc = render_period_form(templates_, process_engine(), in);
    EXPECT_EQ(doc.pdf.substr(0, 5), "%PDF-");
    const auto path = write_file(file, doc.pdf);
    EXPECT_EQ(run("qpdf --check '" + path.string() + "'").code, 0);
    return flat(pdf_text(path));
  }

  wt::PeriodWorld world_;
  TemplateSet templates_;
};

TEST_F(PeriodForm, AScoredMonthPrintsEveryPartOfTheForm) {
  const auto text = render_text(input(locked_month(wt::kAn)), "mau01-thang-02.pdf");
  for (const std::string expected :
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "SỞ NỘI VỤ",
        "PHÒNG TỔ CHỨC CÁN BỘ", "PHIẾU THEO DÕI, ĐÁNH GIÁ CÔNG CHỨC",
        "(Kỳ theo dõi, đánh giá: Tháng 02/2026)", "Họ và tên: Nguyễn Văn An",
        "Chức vụ, chức danh: Chuyên viên", "Đơn vị công tác: Phòng Tổ chức cán bộ",
        "I. KẾT QUẢ THEO DÕI, ĐÁNH GIÁ THEO TIÊU CHÍ CHUNG", "Tiêu chí chấm điểm",
        "(1) (2) (3) (4) (5)", "Ý thức kỷ luật, kỷ cương trong thực thi công vụ",
        "Tổng cộng 30 30 29,5",
        "II.3 (Cấp có thẩm quyền, 2/2,5 điểm): Chưa hoàn thành đúng yêu cầu trong kỳ",
        "II. TỔNG HỢP KẾT QUẢ THEO DÕI, ĐÁNH GIÁ CÔNG CHỨC", "1. Điểm tiêu chí chung: 29,50",
        // 9 units assigned; 6,5 completed; quality 6,25; the delay excused: on time 6,5.
        "a là điểm tỷ lệ phần trăm (%) về số lượng kết quả thực hiện nhiệm vụ: 72,22%",
        "b là điểm tỷ lệ phần trăm (%) về chất lượng kết quả thực hiện nhiệm vụ: 69,44%",
        "c là điểm tỷ lệ phần trăm (%) về tiến độ kết quả thực hiện nhiệm vụ: 72,22%",
        "= (a + b + c) / 3 × 70%: 49,91",
        "3. Tổng điểm theo dõi, đánh giá công chức (3 = 1 + 2): 79,41",
        "4. Ưu điểm: Hoàn thành đúng hạn các văn bản được giao.",
        "5. Hạn chế, khuyết điểm: Một hồ sơ thẩm định còn chậm.",
        "6. Ý kiến nhận xét của cấp có thẩm quyền theo dõi, đánh giá: Hoàn thành tốt nhiệm vụ; "
        "cần chủ động hơn.",
        "Hòa Bình, ngày 04 tháng 03 năm 2026", "CÔNG CHỨC TỰ ĐÁNH GIÁ",
        "CẤP CÓ THẨM QUYỀN THEO DÕI, ĐÁNH GIÁ", "Trần Văn Dũng",
        "BẢNG KÊ NHIỆM VỤ, SẢN PHẨM TRONG KỲ Tháng 02/2026", "VB-01 – Dự thảo văn bản hành chính",
        "HS-02 –", "Dự thảo văn bản hướng dẫn đánh giá công chức"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n--- in ---\n" << text;
  }
  EXPECT_EQ(text.find(" d là điểm"), std::string::npos);  // not a leader
}

TEST_F(PeriodForm, ALeadersFormAddsDDdEWithTheirReasons) {
  const auto p = locked_month(
      wt::kDung, wf::LeaderFactors{100, 50, 100, {}, "Chậm triển khai kế hoạch quý", {}, {}});
  const auto text = render_text(input(p), "mau01-lanh-dao.pdf");
  for (const std::string expected :
       {"d là điểm tỷ lệ phần trăm (%) về kết quả hoạt động của lĩnh vực được giao lãnh đạo, "
        "quản lý, phụ trách: 100,00%",
        "đ là điểm tỷ lệ phần trăm (%) về khả năng tổ chức triển khai thực hiện nhiệm vụ: "
        "50,00% (Chậm triển khai kế hoạch quý)",
        "e là điểm tỷ lệ phần trăm (%) về năng lực tập hợp, đoàn kết công chức thuộc phạm vi "
        "quản lý: 100,00%",
        // (72,22 + 69,44 + 72,22 + 100 + 50 + 100) / 6 × 70 % = 54,119… -> 54,12
        "= (a + b + c + d + đ + e) / 6 × 70%: 54,12", "Hoàng Văn Giang"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n--- in ---\n" << text;
  }
}

TEST_F(PeriodForm, PeoplesTextIsPrintedNeverInterpreted) {
  auto p = locked_month(wt::kAn);
  p.strengths = "<iframe src=\"http://127.0.0.1:8080/\"></iframe> & <b>đậm</b>";
  const auto in = input(p);
  const std::string html = templates_.render(kPeriodFormTemplate, build_period_form_model(in));
  EXPECT_EQ(html.find("<iframe"), std::string::npos);
  EXPECT_NE(html.find("&lt;iframe"), std::string::npos);
  const auto text = render_text(in, "mau01-escaping.pdf");
  EXPECT_NE(text.find("<iframe src=\"http://127.0.0.1:8080/\"></iframe> & <b>đậm</b>"),
            std::string::npos)
      << text;
}

TEST_F(PeriodForm, RenderingIsDeterministic) {
  const auto in = input(locked_month(wt::kAn));
  const auto a = render_period_form(templates_, process_engine(), in);
  const auto b = render_period_form(templates_, process_engine(), in);
  EXPECT_EQ(a.snapshot_sha256, b.snapshot_sha256);
  EXPECT_EQ(a.sha256, b.sha256);
  EXPECT_EQ(a.title, "Phiếu theo dõi, đánh giá công chức – Tháng 02/2026 – Nguyễn Văn An");
}

TEST_F(PeriodForm, BeforeTheManagerScoresTheFormShowsThePersonsOwnTotals) {
  const auto p = world_.period_in(wf::PeriodStage::SelfScored);
  const auto model = build_period_form_model(input(p));
  EXPECT_FALSE(model->getValue<bool>("scored_by_manager"));
  EXPECT_EQ(model->getValue<std::string>("general"), "30,00");
  EXPECT_EQ(model->getValue<std::string>("criteria_manager"), "");
  // Without deductions: a = b = c = 72,22 %: 50,55; total 80,55.
  EXPECT_EQ(model->getValue<std::string>("total"), "80,55");
}

TEST_F(PeriodForm, APeriodWithoutAssignedWorkSaysSo) {
  auto p = world_.period_in(wf::PeriodStage::Open);
  p.no_tasks_reason = "Cử đi học tập trung cả tháng";
  p.self_scores = wt::full_scores();
  const auto text = render_text(input(p), "mau01-khong-nhiem-vu.pdf");
  EXPECT_NE(text.find("Không có nhiệm vụ được giao trong kỳ: Cử đi học tập trung cả tháng."),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("BẢNG KÊ NHIỆM VỤ"), std::string::npos);
}

}  // namespace
}  // namespace kd::documents::test
