// Documents render from the data captured with the event that produced them, not from the
// review as it is when a worker gets to the job; a batch's decision is rendered once for the
// whole batch and linked to every review in it.
#include <gtest/gtest.h>

#include <fstream>

#include "services/codec/json_codec.hpp"
#include "services/storage/render_snapshot.hpp"
#include "tests/integration/documents/documents_world.hpp"
#include "tests/integration/documents/pdf_tools.hpp"

namespace kd::documents::test {
namespace {

namespace st = kd::storage::test;

class RenderSnapshotTest : public DocumentsTest {
 protected:
  std::string pdf_text_of(const kd::storage::DocumentRecord& d, const std::string& name) {
    const auto bytes = documents_->pdf(d.id);
    EXPECT_TRUE(bytes);
    return flat(pdf_text(write_file(name, bytes ? *bytes : std::string())));
  }
};

TEST_F(RenderSnapshotTest, TheSelfAssessmentShowsWhatWasSubmittedNotALaterResubmission) {
  build_world();
  const auto review = review_of(an_);
  const std::string first = "Bản nộp lần đầu: hoàn thành 12/12 nhiệm vụ được giao.";
  const std::string second = "Bản nộp lại sau khi bị trả: bổ sung kết quả quý IV.";
  ASSERT_EQ(act(review, an_, submit(st::full_form(first))).status,
            TransitionOutcome::Status::Accepted);
  wf::ActionRequest back;
  back.action = wf::Action::Return;
  back.reason = "Bổ sung kết quả công việc quý IV.";
  ASSERT_EQ(act(review, binh_, back).status, TransitionOutcome::Status::Accepted);
  ASSERT_EQ(act(review, an_, submit(st::full_form(second))).status,
            TransitionOutcome::Status::Accepted);
  // Only now does a worker run: both submissions are rendered after the review changed.
  EXPECT_EQ(run_jobs(), 2);  // the two submissions: a return produces no document, no job
  std::vector<kd::storage::DocumentRecord> forms;
  for (const auto& d : documents_->review_documents(review))
    if (d.kind == "self_assessment_form") forms.push_back(d);
  ASSERT_EQ(forms.size(), 2u);
  EXPECT_EQ(forms[0].version, 1);
  EXPECT_EQ(forms[1].version, 2);
  const auto v1 = pdf_text_of(forms[0], "snapshot-first-submission.pdf");
  EXPECT_NE(v1.find(first), std::string::npos) << v1;
  EXPECT_EQ(v1.find(second), std::string::npos) << v1;
  const auto v2 = pdf_text_of(forms[1], "snapshot-second-submission.pdf");
  EXPECT_NE(v2.find(second), std::string::npos) << v2;
  EXPECT_EQ(v2.find(first), std::string::npos) << v2;

  // The record keeps the data it was rendered from: the job's snapshot, captured with the event.
  const auto source = documents_->source_snapshot(forms[0].id);
  ASSERT_TRUE(source);
  const auto decoded = kd::storage::decode_render_snapshot(*source);
  ASSERT_EQ(decoded.reviews.size(), 1u);
  EXPECT_EQ(decoded.reviews[0].review.form.sections.at("chinh_tri_tu_tuong"), first);
  EXPECT_EQ(decoded.reviews[0].review.stage, wf::Stage::CollectiveReview);
  EXPECT_EQ(count("SELECT count(*) FROM documents d JOIN outbox o ON o.id = d.render_job_id "
                  "WHERE d.source_snapshot = o.snapshot AND (o.payload->>'event_id')::bigint = "
                  "d.event_id"),
            2);
}

TEST_F(RenderSnapshotTest, TheMinutesShowTheMeetingAsRecordedAndTheHeadAsHeWasNamed) {
  build_world();
  const auto review = review_of(an_);
  ASSERT_EQ(act(review, an_, submit(st::full_form())).status, TransitionOutcome::Status::Accepted);
  ASSERT_EQ(act(review, binh_, meeting_request()).status, TransitionOutcome::Status::Accepted);
  // Later, before any worker runs: the head returns the file to the meeting, which records
  // another conclusion, and the secretary's name is corrected in the directory.
  wf::ActionRequest back;
  back.action = wf::Action::Return;
  back.reason = "Biên bản chưa ghi ý kiến của đồng chí Chí.";
  ASSERT_EQ(act(review, dung_, back).status, TransitionOutcome::Status::Accepted);
  auto again = meeting_request();
  again.meeting->conclusion = "Kết luận sau khi họp lại: giữ nguyên đề nghị.";
  ASSERT_EQ(act(review, binh_, again).status, TransitionOutcome::Status::Accepted);
  {
    pqxx::connection c(url_);
    pqxx::work w(c);
    w.exec0("UPDATE people SET full_name = 'Lê Thị Bình An' WHERE id = " + std::to_string(binh_));
    w.commit();
  }
  run_jobs();
  std::vector<kd::storage::DocumentRecord> minutes;
  for (const auto& d : documents_->review_documents(review))
    if (d.kind == "meeting_minutes") minutes.push_back(d);
  ASSERT_EQ(minutes.size(), 2u);
  const auto first = pdf_text_of(minutes[0], "snapshot-first-minutes.pdf");
  EXPECT_NE(first.find("Đề nghị xếp loại Hoàn thành tốt nhiệm vụ."), std::string::npos) << first;
  EXPECT_EQ(first.find("họp lại"), std::string::npos) << first;
  EXPECT_EQ(first.find("Lê Thị Bình An"), std::string::npos) << first;
  EXPECT_NE(first.find("Lê Thị Bình"), std::string::npos) << first;
  const auto second = pdf_text_of(minutes[1], "snapshot-second-minutes.pdf");
  EXPECT_NE(second.find("Kết luận sau khi họp lại: giữ nguyên đề nghị."), std::string::npos)
      << second;
}

TEST_F(RenderSnapshotTest, ABatchDecisionIsRenderedOnceAndListedOnEveryReview) {
  build_world(3);
  std::vector<wf::Id> reviews = {review_of(an_)};
  for (const auto p : extra_) reviews.push_back(review_of(p));
  advance_to_committee(reviews[0], an_, wf::Rating::HTT);
  for (std::size_t i = 1; i < reviews.size(); ++i)
    advance_to_committee(reviews[i], extra_[i - 1], wf::Rating::HTT);
  std::vector<kd::storage::BatchItem> items;
  for (const auto r : reviews) items.push_back({r, wf::Rating::HTT});
  ASSERT_TRUE(store_->decide_batch(campaign_, ha_, items, false, "", now_).accepted);

  // One job for the decision, one per review for its form with section IV.
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE payload->>'action' = 'decide' "
                  "AND payload->>'documents' = 'batch' AND review_id IS NULL"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE payload->>'action' = 'decide'"),
            static_cast<long>(reviews.size()) + 1);
  for (const auto r : reviews) EXPECT_EQ(documents_->render_status(r).state, "queued");
  run_jobs();

  EXPECT_EQ(count("SELECT count(*) FROM documents WHERE kind = 'decision'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM documents WHERE kind = 'final_form'"),
            static_cast<long>(reviews.size()));
  wf::Id decision = 0;
  for (const auto r : reviews) {
    SCOPED_TRACE(r);
    std::vector<std::string> kinds;
    for (const auto& d : documents_->review_documents(r)) {
      if (d.kind == "decision") {
        if (decision == 0) decision = d.id;
        EXPECT_EQ(d.id, decision);
        EXPECT_EQ(d.review_ids.size(), reviews.size());
        EXPECT_FALSE(d.review_id);
      }
      if (d.kind == "decision" || d.kind == "final_form") kinds.push_back(d.kind);
    }
    EXPECT_EQ(kinds, (std::vector<std::string>{"decision", "final_form"}));
    EXPECT_EQ(documents_->render_status(r).state, "done");
  }
  ASSERT_NE(decision, 0);
  const auto record = documents_->document(decision);
  ASSERT_TRUE(record);
  const auto text = pdf_text_of(*record, "snapshot-batch-decision.pdf");
  EXPECT_NE(text.find("Đánh giá, xếp loại chất lượng năm 2026 đối với 4 người"), std::string::npos)
      << text;
  for (const char* name : {"Nguyễn Văn An", "Đặng Văn Thứ 1", "Đặng Văn Thứ 2", "Đặng Văn Thứ 3"})
    EXPECT_NE(text.find(name), std::string::npos) << name << "\n" << text;

  // `kiemdiem render` from any member renders the same decision from the batch's snapshot.
  const auto config = artefact_dir() / ("snapshot-" + std::to_string(::getpid()) + ".properties");
  // The same documents.place as this process's context (the world's agency names no place).
  std::ofstream(config) << "templates.dir = " << KD_SOURCE_DIR << "/templates\n"
                        << "documents.place = " << context().place << "\n"
                        << "log.level = warning\n";
  const auto out = artefact_dir() / "snapshot-batch-decision-cli.pdf";
  const auto cli = run("KIEMDIEM_DATABASE_URL='" + url_ + "' " + KD_KIEMDIEM + " --config '" +
                       config.string() + "' render --review " + std::to_string(reviews[2]) +
                       " --kind decision --out '" + out.string() + "' --store");
  EXPECT_EQ(cli.code, 0) << cli.out;
  // (Its bytes may differ from this process's engine: then it is a new version.) It was
  // rendered from the same captured data, for the same reviews.
  std::vector<kd::storage::DocumentRecord> decisions;
  for (const auto& d : documents_->review_documents(reviews[0]))
    if (d.kind == "decision") decisions.push_back(d);
  ASSERT_FALSE(decisions.empty());
  EXPECT_EQ(decisions.back().snapshot_sha256, record->snapshot_sha256);
  EXPECT_EQ(decisions.back().review_ids, record->review_ids);
  EXPECT_EQ(documents_->source_snapshot(decisions.back().id),
            documents_->source_snapshot(decision));
}

TEST_F(RenderSnapshotTest, APublicationRendersOnePublicListAfterTheNotices) {
  build_world(2);
  std::vector<wf::Id> reviews = {review_of(extra_[0]), review_of(extra_[1])};
  std::vector<kd::storage::BatchItem> items;
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    advance_to_committee(reviews[i], extra_[i], wf::Rating::HTT);
    items.push_back({reviews[i], wf::Rating::HTT});
  }
  ASSERT_TRUE(store_->decide_batch(campaign_, ha_, items, false, "", now_).accepted);
  ASSERT_TRUE(store_->publish_batch(campaign_, ha_, reviews, now_).accepted);
  run_jobs();
  EXPECT_EQ(count("SELECT count(*) FROM documents WHERE kind = 'public_list'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM documents WHERE kind = 'result_notice'"), 2);
  for (const auto r : reviews) {
    std::vector<std::string> kinds;
    for (const auto& d : documents_->review_documents(r)) kinds.push_back(d.kind);
    EXPECT_EQ(kinds,
              (std::vector<std::string>{"self_assessment_form", "meeting_minutes", "opinion_form",
                                        "decision", "final_form", "result_notice", "public_list"}));
  }
}

TEST(RenderSnapshotCodec, DecodingGivesBackEveryFieldADocumentShows) {
  kd::storage::RenderSnapshot s;
  kd::storage::SnapshotMember m;
  m.review.id = 7;
  m.review.campaign_id = 3;
  m.review.person_id = 5;
  m.review.unit_id = 2;
  m.review.stage = wf::Stage::Published;
  m.review.version = 9;
  m.review.form = st::full_form("<b>Văn bản</b> & \"trích dẫn\" — Ỷ ỹ ữ");
  m.review.meeting = st::good_meeting(11, 12, wf::Rating::HTXS);
  m.review.opinion = wf::Opinion{10, "Nhận xét của thủ trưởng.", wf::Rating::HTT};
  m.review.final_rating = wf::Rating::HTT;
  m.review.published_at = st::vn_time({2026, 12, 10}, 9, 30);
  m.review.complaints = 1;
  m.review.last_return_reason = "Bổ sung.";
  m.person = wf::Person{5, "Đỗ Quang Huy", 2, wf::Group::DangVien, true, true, "Trưởng phòng", "x"};
  m.unit_name = "Phòng Tổ chức cán bộ";
  s.reviews = {m};
  s.unit_path = {{1, std::nullopt, "SNV", "Sở Nội vụ", "co_quan"},
                 {2, 1, "SNV-TCCB", "Phòng Tổ chức cán bộ", "don_vi"}};
  s.unit_path[0].superior_name = "UBND tỉnh Phú Thọ";
  s.unit_path[0].place_name = "Phú Thọ";
  s.unit_path[0].head_title = "Giám đốc";
  s.unit_path[0].deputy_title = "Phó Giám đốc";
  s.unit_path[0].collective_body = "Ban Giám đốc";
  s.people = {
      wf::Person{10, "Trần Văn Dũng", 2, wf::Group::CongChuc, false, true, "Trưởng phòng", ""}};
  s.actor_standing = wf::SignerStanding::Deputy;
  const auto text = kd::storage::encode_render_snapshot(s);
  const auto back = kd::storage::decode_render_snapshot(text);
  EXPECT_EQ(kd::storage::encode_render_snapshot(back), text);
  ASSERT_EQ(back.reviews.size(), 1u);
  const auto& r = back.reviews[0].review;
  EXPECT_EQ(r.form.sections, m.review.form.sections);
  ASSERT_TRUE(r.meeting);
  EXPECT_EQ(r.meeting->conclusion, m.review.meeting->conclusion);
  EXPECT_EQ(r.meeting->proposed_rating, wf::Rating::HTXS);
  ASSERT_TRUE(r.published_at);
  EXPECT_EQ(*r.published_at, *m.review.published_at);
  EXPECT_EQ(back.reviews[0].person.group, wf::Group::DangVien);
  EXPECT_EQ(back.unit_path[1].parent_id, std::optional<wf::Id>(1));
  EXPECT_FALSE(back.unit_path[0].parent_id);
  EXPECT_EQ(back.unit_path[0].superior_name, "UBND tỉnh Phú Thọ");
  EXPECT_EQ(back.unit_path[0].place_name, "Phú Thọ");
  EXPECT_EQ(back.unit_path[0].head_title, "Giám đốc");
  EXPECT_EQ(back.unit_path[0].deputy_title, "Phó Giám đốc");
  EXPECT_EQ(back.unit_path[0].collective_body, "Ban Giám đốc");
  EXPECT_EQ(back.actor_standing, wf::SignerStanding::Deputy);
  // A snapshot taken before units carried these fields reads them as not given.
  const auto old = kd::storage::decode_render_snapshot(
      R"({"format":1,"reviews":[],"people":[],"unit_path":[{"id":1,"code":"SNV","name":"Sở Nội vụ","kind":"co_quan"}]})");
  ASSERT_EQ(old.unit_path.size(), 1u);
  EXPECT_EQ(old.unit_path[0].superior_name, "");
  EXPECT_EQ(old.actor_standing, wf::SignerStanding::Other);
  EXPECT_THROW(kd::storage::decode_render_snapshot("{\"format\": 2}"), kd::codec::CodecError);
}

}  // namespace
}  // namespace kd::documents::test
