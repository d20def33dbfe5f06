// The campaign summary report goes through the document pipeline (templates, PDF engine,
// page stamping, DocumentStore) and says in the PDF what the supervisor API says.
#include "services/tracking/report/summary_report.hpp"

#include <gtest/gtest.h>

#include "services/documents/render_job.hpp"
#include "services/storage/document_store.hpp"
#include "services/tracking/service.hpp"
#include "tests/integration/documents/pdf_tools.hpp"
#include "tests/integration/tracking/tracking_world.hpp"

namespace kd::tracking::testing {
namespace {

class SummaryReport : public TrackingWorld {};

// The wkhtmltopdf CLI: the same settings as the workers' in-process library, and Qt's
// allocations stay in the child process (LeakSanitizer sees only ours).
kd::documents::PdfEngine& engine() {
  static const auto e = kd::documents::make_cli_engine(kd::documents::PageSettings{});
  return *e;
}

TEST_F(SummaryReport, TheOfficialPdfCarriesTheSupervisorFiguresAndIsStoredOnce) {
  submit(an_, vn_time({2026, 11, 19}, 10));
  const auto now = vn_time({2026, 11, 23}, 8, 30);
  const wf::OrgTree org = store_->load_org_tree();
  const wf::TrackingRules rules;
  auto campaigns = evaluate_scope(*store_, *tracking_, org, org.subtree(unit_a_), campaign_,
                                  calendar_, rules, now);
  ASSERT_EQ(campaigns.size(), 1u);
  SummaryReportInput in;
  in.campaign = campaigns[0].record.campaign;
  for (wf::Id u : org.path_to(unit_a_)) in.unit_path.push_back(*org.unit(u));
  in.summary = summarize(campaigns, calendar_, now);
  in.place = "Hòa Bình";
  in.as_of = now;
  in.signer = *store_->get_person(chi_);
  EXPECT_EQ(in.summary.total, 4);
  EXPECT_EQ(in.summary.overdue, 3);  // Bình, Chí, Khánh still at their self-assessment

  const auto templates =
      kd::documents::TemplateSet::load(std::string(KD_SOURCE_DIR) + "/templates");
  const auto doc = render_summary_report(templates, engine(), in);
  EXPECT_EQ(doc.kind, "campaign_summary");
  EXPECT_EQ(doc.pdf.substr(0, 5), "%PDF-");
  EXPECT_GE(doc.page_count, 1);
  const auto path = kd::documents::test::write_file("campaign_summary.pdf", doc.pdf);
  const std::string text = kd::documents::test::pdf_text(path);
  for (const char* expected :
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PHÒNG TỔ CHỨC CÁN BỘ", "SỞ NỘI VỤ", "BÁO CÁO",
        "Tổng hợp kết quả đánh giá, xếp loại chất lượng năm 2026",
        "Hòa Bình, ngày 23 tháng 11 năm 2026", "Họp tập thể góp ý", "tổng số hồ sơ: 4",
        "quá hạn: 3", "TRƯỞNG PHÒNG", "Lê Minh Chí", "Nơi nhận:"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }

  kd::storage::DocumentStore documents(*pool_);
  const auto first = documents.store(doc);
  EXPECT_TRUE(first.created);
  EXPECT_FALSE(documents.store(doc).created);  // same data, same bytes: no new version
  const auto stored = documents.document(first.document_id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->kind, "campaign_summary");
  EXPECT_FALSE(stored->review_id.has_value());
  EXPECT_EQ(*documents.pdf(first.document_id), doc.pdf);
}

TEST_F(SummaryReport, ARequestedReportIsRenderedByARenderJobOfThePipeline) {
  const auto as_of = vn_time({2026, 11, 23}, 8, 30);
  const wf::Id job_id = tracking_->enqueue_summary_report(campaign_, unit_a_, chi_, as_of);
  auto state = tracking_->latest_report_job(campaign_, unit_a_);
  ASSERT_TRUE(state.has_value());
  EXPECT_EQ(state->job_id, job_id);
  EXPECT_EQ(state->state, "queued");
  EXPECT_FALSE(tracking_->latest_report_document(campaign_, unit_a_).has_value());

  // What a render worker process does with the job (render_worker.cpp registers the report).
  register_summary_report(std::string(KD_SOURCE_DIR) + "/config/holidays", wf::TrackingRules{});
  kd::storage::DocumentStore documents(*pool_);
  const auto templates =
      kd::documents::TemplateSet::load(std::string(KD_SOURCE_DIR) + "/templates");
  kd::documents::DocumentRenderer renderer(templates, engine());
  kd::documents::RenderContext ctx{*store_, documents, renderer, "Hòa Bình"};
  const auto job = documents.claim_job("test-worker", 60);
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(job->id, job_id);
  EXPECT_EQ(tracking_->latest_report_job(campaign_, unit_a_)->state, "rendering");
  const auto docs = kd::documents::render_job_documents(ctx, *job);
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_TRUE(documents.finish_job(*job, "test-worker", docs));

  EXPECT_EQ(tracking_->latest_report_job(campaign_, unit_a_)->state, "done");
  const auto doc = tracking_->latest_report_document(campaign_, unit_a_);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->title, "Báo cáo tổng hợp kết quả đánh giá, xếp loại chất lượng năm 2026");
  const auto pdf = tracking_->document_pdf(doc->sha256);
  ASSERT_TRUE(pdf.has_value());
  const auto path = kd::documents::test::write_file("campaign_summary_job.pdf", *pdf);
  const std::string text = kd::documents::test::pdf_text(path);
  EXPECT_NE(text.find("Hòa Bình, ngày 23 tháng 11 năm 2026"), std::string::npos) << text;
  EXPECT_NE(text.find("tổng số hồ sơ: 4"), std::string::npos) << text;
}

}  // namespace
}  // namespace kd::tracking::testing
