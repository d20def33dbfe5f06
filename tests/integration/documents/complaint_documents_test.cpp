// The documents after a complaint, through the real pipeline and pdftotext: the decision on
// the complaint is not a fresh rating decision but a decision on the complaint (its subject,
// the complaint and the earlier decision among its grounds, the rating kept or changed, what
// becomes of the earlier decision), and the notice published after it says the result is
// final instead of inviting a complaint the workflow would refuse.
#include <gtest/gtest.h>

#include "tests/integration/documents/documents_world.hpp"
#include "tests/integration/documents/pdf_tools.hpp"

namespace kd::documents::test {
namespace {

class ComplaintDocuments : public DocumentsTest {
 protected:
  // The five stages, the complaint and its resolution to `rating`, the publication again;
  // returns the review's documents of `kind`, oldest first, as text.
  std::vector<std::string> walk(wf::Rating rating, const std::string& kind) {
    build_world();
    const auto review = review_of(an_);
    walk_five_stages(review, kd::storage::test::full_form());
    wf::ActionRequest complain;
    complain.action = wf::Action::Complain;
    complain.reason = "Đề nghị xem xét lại: tôi đã hoàn thành vượt tiến độ các nhiệm vụ được giao.";
    EXPECT_EQ(act(review, an_, complain).status, TransitionOutcome::Status::Accepted);
    wf::ActionRequest resolve;
    resolve.action = wf::Action::ResolveComplaint;
    resolve.rating = rating;
    resolve.reason = "Minh chứng cho thấy đồng chí An hoàn thành nhiệm vụ ở mức đã đánh giá.";
    EXPECT_EQ(act(review, ha_, resolve).status, TransitionOutcome::Status::Accepted);
    wf::ActionRequest publish;
    publish.action = wf::Action::Publish;
    EXPECT_EQ(act(review, ha_, publish).status, TransitionOutcome::Status::Accepted);
    run_jobs();
    std::vector<std::string> texts;
    for (const auto& d : documents_->review_documents(review)) {
      if (d.kind != kind) continue;
      const auto path = write_file("complaint_" + kind + "_" + std::to_string(d.id) + ".pdf",
                                   *documents_->pdf(d.id));
      texts.push_back(flat(pdf_text(path)));
    }
    return texts;
  }
};

TEST_F(ComplaintDocuments, TheDecisionOnAComplaintThatKeepsTheRatingSaysSo) {
  const auto decisions = walk(wf::Rating::HTT, "decision");
  ASSERT_EQ(decisions.size(), 2u);
  const auto& first = decisions.front();
  const auto& second = decisions.back();
  EXPECT_NE(first.find("Về việc đánh giá, xếp loại chất lượng năm 2026"), std::string::npos);
  // One register per agency and year: decision 01, its notice 02, the decision on the complaint 03.
  for (const std::string s :
       {"Số: 03/QĐ-SNV",
        "Về việc giải quyết kiến nghị về kết quả đánh giá, xếp loại chất lượng năm 2026 của đồng "
        "chí Nguyễn Văn An",
        "Căn cứ Quyết định số 01/QĐ-SNV ngày 20 tháng 11 năm 2026 của Sở Nội vụ về việc đánh "
        "giá, xếp loại chất lượng năm 2026;",
        "Xét kiến nghị ngày 20 tháng 11 năm 2026 của đồng chí Nguyễn Văn An",
        "tôi đã hoàn thành vượt tiến độ các nhiệm vụ được giao",
        "Điều 1. Giữ nguyên kết quả đánh giá, xếp loại chất lượng năm 2026 của đồng chí Nguyễn "
        "Văn An: Hoàn thành tốt nhiệm vụ.",
        "Điều 2. Quyết định số 01/QĐ-SNV ngày 20 tháng 11 năm 2026 của Sở Nội vụ giữ nguyên hiệu "
        "lực.",
        "(Kèm theo Quyết định số 03/QĐ-SNV ngày 20 tháng 11 năm 2026 của Sở Nội vụ)"})
    EXPECT_NE(second.find(s), std::string::npos) << s << "\n" << second;
  EXPECT_EQ(second.find("Về việc đánh giá, xếp loại chất lượng năm 2026"), std::string::npos);
}

TEST_F(ComplaintDocuments, TheDecisionOnAComplaintThatChangesTheRatingAmendsTheEarlierOne) {
  const auto decisions = walk(wf::Rating::HT, "decision");
  ASSERT_EQ(decisions.size(), 2u);
  const auto& second = decisions.back();
  for (const std::string s :
       {"Điều 1. Thay đổi kết quả đánh giá, xếp loại chất lượng năm 2026 của đồng chí Nguyễn Văn "
        "An từ Hoàn thành tốt nhiệm vụ thành Hoàn thành nhiệm vụ.",
        "Điều 2. Quyết định số 01/QĐ-SNV ngày 20 tháng 11 năm 2026 của Sở Nội vụ được sửa đổi "
        "đối với đồng chí Nguyễn Văn An theo Điều 1"})
    EXPECT_NE(second.find(s), std::string::npos) << s << "\n" << second;
}

TEST_F(ComplaintDocuments, TheNoticeAfterTheComplaintSaysTheResultIsFinal) {
  const auto notices = walk(wf::Rating::HTT, "result_notice");
  ASSERT_EQ(notices.size(), 2u);
  EXPECT_NE(notices.front().find("Trong thời hạn 15 ngày kể từ ngày công khai kết quả (đến hết "
                                 "ngày 05/12/2026)"),
            std::string::npos)
      << notices.front();
  const auto& last = notices.back();
  EXPECT_NE(last.find("Kết quả này được thông báo sau khi giải quyết kiến nghị của đồng chí và là "
                      "kết quả cuối cùng."),
            std::string::npos)
      << last;
  EXPECT_EQ(last.find("có quyền kiến nghị"), std::string::npos) << last;
}

}  // namespace
}  // namespace kd::documents::test
