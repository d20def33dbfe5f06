// The periodic scoring machine: every transition, every return, the audited
// unlock, and every refusal (wrong stage, wrong actor, each content guard).
#include <gtest/gtest.h>

#include <set>

#include "tests/unit/workflow/period_fixture.hpp"
#include "workflow/period_score.hpp"

namespace kd::wf {
namespace {

using namespace test;

const PeriodWorld W;

std::set<std::string> codes(const Refusals& rs) {
  std::set<std::string> out;
  for (const auto& r : rs) out.insert(r.code);
  return out;
}

// --- The way forward ------------------------------------------------------------------------

TEST(PeriodMachine, ThePersonRegistersTheTasksOfTheOpenPeriod) {
  const auto t =
      W.run(W.period_in(PeriodStage::Open), kAn, W.valid_request(PeriodAction::RegisterTasks));
  ASSERT_TRUE(t.accepted) << t.refusals.at(0).message_vi;
  EXPECT_EQ(t.from, PeriodStage::Open);
  EXPECT_EQ(t.to, PeriodStage::TasksRegistered);
  EXPECT_EQ(t.period.stage, PeriodStage::TasksRegistered);
  EXPECT_EQ(t.period.version, 5);
  ASSERT_EQ(t.period.tasks.size(), 2u);
  EXPECT_EQ(t.period.tasks[0].product_name, "Dự thảo văn bản hành chính");
  EXPECT_EQ(t.period.tasks[0].k, 10000);
  EXPECT_EQ(t.period.tasks[1].k, 25000);
  EXPECT_EQ(t.period.tasks[0].origin, "manual");
}

TEST(PeriodMachine, TheManagerMayAssignTheTasks) {
  const auto t =
      W.run(W.period_in(PeriodStage::Open), kDung, W.valid_request(PeriodAction::RegisterTasks));
  ASSERT_TRUE(t.accepted);
  EXPECT_EQ(t.period.tasks[0].origin, "manager");
}

TEST(PeriodMachine, AnImportKeepsItsOrigin) {
  auto req = W.valid_request(PeriodAction::RegisterTasks);
  req.origin = "import:qlvb";
  const auto t = W.run(W.period_in(PeriodStage::Open), kDung, req);
  ASSERT_TRUE(t.accepted);
  EXPECT_EQ(t.period.tasks[1].origin, "import:qlvb");
}

TEST(PeriodMachine, TheTaskListMayBeAmendedBeforeTheProductsAreReported) {
  auto p = W.period_in(PeriodStage::TasksRegistered);
  p.tasks[0].completed = 200;  // reported so far: kept for the same key
  auto req = W.valid_request(PeriodAction::RegisterTasks);
  req.tasks[0].assigned = 500;
  TaskDraft extra;
  extra.key = "t3";
  extra.title = "Báo cáo tháng";
  extra.product_code = "BC-03";
  extra.assigned = 100;
  req.tasks.push_back(extra);
  const auto t = W.run(p, kAn, req);
  ASSERT_TRUE(t.accepted);
  EXPECT_EQ(t.to, PeriodStage::TasksRegistered);
  ASSERT_EQ(t.period.tasks.size(), 3u);
  EXPECT_EQ(t.period.tasks[0].assigned, 500);
  EXPECT_EQ(t.period.tasks[0].completed, 200);
  EXPECT_EQ(t.period.tasks[2].k, 5000);
}

TEST(PeriodMachine, TheCatalogueVersionInForceOnTheFirstDayGivesK) {
  auto p = W.period_in(PeriodStage::Open);
  p.ref = PeriodRef{2026, PeriodKind::Month, 7};
  auto req = W.valid_request(PeriodAction::RegisterTasks);
  req.tasks[0].due = Date{2026, 7, 20};
  const auto t = W.run(p, kAn, req);
  ASSERT_TRUE(t.accepted) << t.refusals.at(0).message_vi;
  EXPECT_EQ(t.period.tasks[0].k, 12000);
}

TEST(PeriodMachine, ThePersonReportsProductsWithEvidence) {
  const auto t = W.run(W.period_in(PeriodStage::TasksRegistered), kAn,
                       W.valid_request(PeriodAction::SubmitProducts));
  ASSERT_TRUE(t.accepted);
  EXPECT_EQ(t.to, PeriodStage::ProductsSubmitted);
  EXPECT_EQ(t.period.tasks[1].completed, 100);
  EXPECT_EQ(t.period.tasks[1].evidence.at(0).name, "bao-cao-tham-dinh.pdf");
}

TEST(PeriodMachine, ThePersonScoresTheGeneralCriteria) {
  const auto t = W.run(W.period_in(PeriodStage::ProductsSubmitted), kAn,
                       W.valid_request(PeriodAction::SelfScore));
  ASSERT_TRUE(t.accepted);
  EXPECT_EQ(t.to, PeriodStage::SelfScored);
  EXPECT_EQ(t.period.self_scores.at("I.1").points, 500);
  EXPECT_EQ(t.period.strengths, "Hoàn thành đúng hạn các văn bản được giao.");
}

TEST(PeriodMachine, TheManagerScoresExcusesAndComments) {
  auto req = W.valid_request(PeriodAction::Score);
  req.deductions["t2"] = {deduction(DeductionKind::Delay, /*excused=*/true),
                          deduction(DeductionKind::Quality)};
  const auto t = W.run(W.period_in(PeriodStage::SelfScored), kDung, req);
  ASSERT_TRUE(t.accepted) << t.refusals.at(0).message_vi;
  EXPECT_EQ(t.to, PeriodStage::ManagerScored);
  EXPECT_EQ(t.period.scored_by, kDung);
  EXPECT_EQ(t.period.manager_scores.at("II.3").points, 200);
  ASSERT_EQ(t.period.tasks[1].deductions.size(), 2u);
  EXPECT_EQ(t.period.tasks[1].deductions[0].excused_by, kDung);
  EXPECT_EQ(t.period.tasks[1].deductions[1].excused_by, 0);
  EXPECT_FALSE(t.period.leader_factors.has_value());
}

TEST(PeriodMachine, TheHeadApprovesThenLocks) {
  const auto a = W.run(W.period_in(PeriodStage::ManagerScored), kGiang,
                       W.valid_request(PeriodAction::Approve));
  ASSERT_TRUE(a.accepted);
  EXPECT_EQ(a.to, PeriodStage::Approved);
  EXPECT_EQ(a.period.approved_by, kGiang);
  const auto l = W.run(a.period, kGiang, W.valid_request(PeriodAction::Lock));
  ASSERT_TRUE(l.accepted);
  EXPECT_EQ(l.to, PeriodStage::Locked);
  EXPECT_EQ(l.period.locked_by, kGiang);
  EXPECT_EQ(l.period.locked_at, W.now);
}

TEST(PeriodMachine, AWholeMonthFromOpeningToLockingGivesTheHandComputedTotal) {
  PeriodRecord p = W.period_in(PeriodStage::Open);
  auto step = [&](Id actor, PeriodRequest req) {
    const auto t = W.run(p, actor, req);
    ASSERT_TRUE(t.accepted) << to_string(req.action) << ": " << t.refusals.at(0).message_vi;
    p = t.period;
  };
  step(kAn, W.valid_request(PeriodAction::RegisterTasks));
  step(kAn, W.valid_request(PeriodAction::SubmitProducts));
  step(kAn, W.valid_request(PeriodAction::SelfScore));
  auto score = W.valid_request(PeriodAction::Score);
  score.deductions["t1"] = {deduction(DeductionKind::Quality)};
  step(kDung, score);
  step(kGiang, W.valid_request(PeriodAction::Approve));
  step(kGiang, W.valid_request(PeriodAction::Lock));
  EXPECT_EQ(p.stage, PeriodStage::Locked);
  EXPECT_EQ(p.version, 10);
  // Assigned 4×1 + 2×2,5 = 9; completed 4 + 2,5 = 6,5; quality (4 − 0,25) + 2,5 = 6,25.
  // a = 72,22 %, b = 69,44 %, c = 72,22 %: (72,22 + 69,44 + 72,22) / 3 × 70 % = 49,905… -> 49,91.
  // General: 30 − 0,5 = 29,5. Total 79,41: HTT.
  const auto s = period_score(p, W.an, W.rules, ScoreView::Manager);
  EXPECT_EQ(s.task.ratios.a, 7222);
  EXPECT_EQ(s.task.ratios.b, 6944);
  EXPECT_EQ(s.task.ratios.c, 7222);
  EXPECT_EQ(s.task.points, 4991);
  EXPECT_EQ(s.general, 2950);
  EXPECT_EQ(s.total, 7941);
  EXPECT_EQ(s.band, Rating::HTT);
  const auto self = period_score(p, W.an, W.rules, ScoreView::Self);
  EXPECT_EQ(self.general, 3000);
  EXPECT_EQ(self.total, 7991);
}

// --- Returns and the unlock -------------------------------------------------------------------

struct ReturnCase {
  PeriodStage from;
  PeriodStage to;
  Id actor;
};

TEST(PeriodMachine, EachReturnGoesBackOneStepWithItsReason) {
  for (const ReturnCase& c :
       {ReturnCase{PeriodStage::ProductsSubmitted, PeriodStage::TasksRegistered, kDung},
        ReturnCase{PeriodStage::SelfScored, PeriodStage::ProductsSubmitted, kDung},
        ReturnCase{PeriodStage::ManagerScored, PeriodStage::SelfScored, kGiang},
        ReturnCase{PeriodStage::Approved, PeriodStage::ManagerScored, kGiang}}) {
    const auto t = W.run(W.period_in(c.from), c.actor, W.valid_request(PeriodAction::Return));
    ASSERT_TRUE(t.accepted) << to_string(c.from);
    EXPECT_EQ(t.to, c.to) << to_string(c.from);
    EXPECT_EQ(t.period.last_return_reason, "Cần bổ sung minh chứng cho hồ sơ thẩm định.");
  }
}

TEST(PeriodMachine, AReturnNeedsAReason) {
  auto req = W.valid_request(PeriodAction::Return);
  req.reason = " \n";
  const auto t = W.run(W.period_in(PeriodStage::SelfScored), kDung, req);
  EXPECT_FALSE(t.accepted);
  EXPECT_EQ(codes(t.refusals), std::set<std::string>{"reason_required"});
}

TEST(PeriodMachine, TheManagerCannotReturnWhatTheHeadHolds) {
  const auto t =
      W.run(W.period_in(PeriodStage::ManagerScored), kDung, W.valid_request(PeriodAction::Return));
  EXPECT_FALSE(t.accepted);
  EXPECT_EQ(t.refusals.at(0).kind, RefusalKind::Forbidden);
  EXPECT_EQ(t.refusals.at(0).code, "role_required");
}

TEST(PeriodMachine, ThePersonCannotReturnTheirOwnPeriod) {
  const auto t =
      W.run(W.period_in(PeriodStage::SelfScored), kAn, W.valid_request(PeriodAction::Return));
  EXPECT_EQ(t.refusals.at(0).code, "own_period");
}

TEST(PeriodMachine, TheReturnReasonIsConsumedByTheNextForwardAction) {
  auto p = W.period_in(PeriodStage::ProductsSubmitted);
  p.last_return_reason = "Thiếu minh chứng";
  const auto t = W.run(p, kAn, W.valid_request(PeriodAction::SelfScore));
  ASSERT_TRUE(t.accepted);
  EXPECT_TRUE(t.period.last_return_reason.empty());
}

TEST(PeriodMachine, AnUnlockReopensForTheManagerAndIsRecorded) {
  const auto t =
      W.run(W.period_in(PeriodStage::Locked), kKhanh, W.valid_request(PeriodAction::Unlock));
  ASSERT_TRUE(t.accepted);
  EXPECT_EQ(t.to, PeriodStage::ManagerScored);
  ASSERT_EQ(t.period.unlocks.size(), 1u);
  EXPECT_EQ(t.period.unlocks[0].by, kKhanh);
  EXPECT_EQ(t.period.unlocks[0].at, W.now);
  EXPECT_EQ(t.period.unlocks[0].decision, "Văn bản số 112/SNV-TCCB ngày 10/03/2026");
  EXPECT_EQ(t.period.approved_by, 0);
  EXPECT_FALSE(t.period.locked_at.has_value());
  // The head who locked it may unlock it too.
  EXPECT_TRUE(W.run(W.period_in(PeriodStage::Locked), kGiang, W.valid_request(PeriodAction::Unlock))
                  .accepted);
}

TEST(PeriodMachine, AnUnlockNeedsAReasonAndADecision) {
  PeriodRequest req;
  req.action = PeriodAction::Unlock;
  const auto t = W.run(W.period_in(PeriodStage::Locked), kKhanh, req);
  EXPECT_EQ(codes(t.refusals), (std::set<std::string>{"reason_required", "decision_required"}));
}

TEST(PeriodMachine, TheManagerCannotUnlock) {
  const auto t =
      W.run(W.period_in(PeriodStage::Locked), kDung, W.valid_request(PeriodAction::Unlock));
  EXPECT_EQ(t.refusals.at(0).code, "role_required");
  EXPECT_EQ(t.period.stage, PeriodStage::Locked);
  EXPECT_EQ(t.period.version, 4);
}

// --- Actions from the wrong stage -------------------------------------------------------------

TEST(PeriodMachine, EveryActionWithoutARowIsRefusedAsNotAllowedInTheStage) {
  const std::set<std::pair<PeriodStage, PeriodAction>> rows = {
      {PeriodStage::Open, PeriodAction::RegisterTasks},
      {PeriodStage::TasksRegistered, PeriodAction::RegisterTasks},
      {PeriodStage::TasksRegistered, PeriodAction::SubmitProducts},
      {PeriodStage::ProductsSubmitted, PeriodAction::SelfScore},
      {PeriodStage::ProductsSubmitted, PeriodAction::Return},
      {PeriodStage::SelfScored, PeriodAction::Score},
      {PeriodStage::SelfScored, PeriodAction::Return},
      {PeriodStage::ManagerScored, PeriodAction::Approve},
      {PeriodStage::ManagerScored, PeriodAction::Return},
      {PeriodStage::Approved, PeriodAction::Lock},
      {PeriodStage::Approved, PeriodAction::Return},
      {PeriodStage::Locked, PeriodAction::Unlock},
  };
  int refused = 0;
  for (PeriodStage s : all_period_stages()) {
    for (PeriodAction a : all_period_actions()) {
      if (rows.count({s, a})) continue;
      const auto t = W.run(W.period_in(s), kGiang, W.valid_request(a));
      ASSERT_FALSE(t.accepted) << to_string(s) << " " << to_string(a);
      ASSERT_EQ(t.refusals.size(), 1u);
      EXPECT_EQ(t.refusals[0].kind, RefusalKind::NotAllowedInStage);
      EXPECT_EQ(t.refusals[0].code, "action_not_allowed_in_stage");
      EXPECT_EQ(t.period.version, 4);
      ++refused;
    }
  }
  EXPECT_EQ(refused, 7 * 8 - 12);
  const auto t =
      W.run(W.period_in(PeriodStage::Locked), kAn, W.valid_request(PeriodAction::SubmitProducts));
  EXPECT_EQ(t.refusals.at(0).message_vi,
            "Không thể thực hiện \"Báo cáo sản phẩm, minh chứng\" khi kỳ đánh giá đang ở bước "
            "\"Đã khóa kết quả\".");
}

// --- Who acts ---------------------------------------------------------------------------------

TEST(PeriodMachine, OnlyThePersonOrTheManagerRegistersTasks) {
  for (Id outsider : {kGiang, kOanh, kMinh}) {
    const auto t = W.run(W.period_in(PeriodStage::Open), outsider,
                         W.valid_request(PeriodAction::RegisterTasks));
    EXPECT_FALSE(t.accepted);
    EXPECT_EQ(t.refusals.at(0).kind, RefusalKind::Forbidden) << outsider;
  }
}

TEST(PeriodMachine, OnlyThePersonReportsProductsAndSelfScores) {
  auto t = W.run(W.period_in(PeriodStage::TasksRegistered), kDung,
                 W.valid_request(PeriodAction::SubmitProducts));
  EXPECT_EQ(t.refusals.at(0).code, "not_your_period");
  t = W.run(W.period_in(PeriodStage::ProductsSubmitted), kDung,
            W.valid_request(PeriodAction::SelfScore));
  EXPECT_EQ(t.refusals.at(0).code, "not_your_period");
}

TEST(PeriodMachine, NobodyScoresTheirOwnPeriod) {
  // Dũng manages An; his own period is scored by Giang.
  auto t = W.run(W.period_in(PeriodStage::SelfScored, kDung), kDung,
                 W.valid_request(PeriodAction::Score, kDung));
  EXPECT_EQ(t.refusals.at(0).code, "own_period");
  t = W.run(W.period_in(PeriodStage::SelfScored, kDung), kGiang,
            W.valid_request(PeriodAction::Score, kDung));
  EXPECT_TRUE(t.accepted) << t.refusals.at(0).message_vi;
}

TEST(PeriodMachine, OnlyTheManagerScores) {
  for (Id other : {kGiang, kOanh, kKhanh}) {
    const auto t =
        W.run(W.period_in(PeriodStage::SelfScored), other, W.valid_request(PeriodAction::Score));
    EXPECT_EQ(t.refusals.at(0).code, "role_required") << other;
  }
}

TEST(PeriodMachine, OnlyTheHeadApprovesAndLocks) {
  auto t =
      W.run(W.period_in(PeriodStage::ManagerScored), kDung, W.valid_request(PeriodAction::Approve));
  EXPECT_EQ(t.refusals.at(0).code, "role_required");
  t = W.run(W.period_in(PeriodStage::Approved), kKhanh, W.valid_request(PeriodAction::Lock));
  EXPECT_EQ(t.refusals.at(0).code, "role_required");
  t = W.run(W.period_in(PeriodStage::ManagerScored), kAn, W.valid_request(PeriodAction::Approve));
  EXPECT_EQ(t.refusals.at(0).code, "own_period");
}

TEST(PeriodMachine, ActorRefusalsComeBeforeContentRefusals) {
  PeriodRequest empty;
  empty.action = PeriodAction::Score;
  const auto t = W.run(W.period_in(PeriodStage::SelfScored), kOanh, empty);
  ASSERT_EQ(t.refusals.size(), 1u);
  EXPECT_EQ(t.refusals[0].code, "role_required");
}

TEST(PeriodMachine, AllowedActionsFollowTheStageAndTheActor) {
  using V = std::vector<PeriodAction>;
  EXPECT_EQ(W.allowed(W.period_in(PeriodStage::Open), kAn), V{PeriodAction::RegisterTasks});
  EXPECT_EQ(W.allowed(W.period_in(PeriodStage::TasksRegistered), kAn),
            (V{PeriodAction::RegisterTasks, PeriodAction::SubmitProducts}));
  EXPECT_EQ(W.allowed(W.period_in(PeriodStage::TasksRegistered), kDung),
            V{PeriodAction::RegisterTasks});
  EXPECT_EQ(W.allowed(W.period_in(PeriodStage::SelfScored), kDung),
            (V{PeriodAction::Score, PeriodAction::Return}));
  EXPECT_EQ(W.allowed(W.period_in(PeriodStage::SelfScored), kAn), V{});
  EXPECT_EQ(W.allowed(W.period_in(PeriodStage::ManagerScored), kGiang),
            (V{PeriodAction::Approve, PeriodAction::Return}));
  EXPECT_EQ(W.allowed(W.period_in(PeriodStage::Approved), kGiang),
            (V{PeriodAction::Lock, PeriodAction::Return}));
  EXPECT_EQ(W.allowed(W.period_in(PeriodStage::Locked), kKhanh), V{PeriodAction::Unlock});
  EXPECT_EQ(W.allowed(W.period_in(PeriodStage::Locked), kAn), V{});
}

// --- Content guards: register_tasks -----------------------------------------------------------

TEST(PeriodMachine, ThePersonMustRegisterAtLeastOneTask) {
  PeriodRequest req;
  req.action = PeriodAction::RegisterTasks;
  const auto t = W.run(W.period_in(PeriodStage::Open), kAn, req);
  EXPECT_EQ(codes(t.refusals), std::set<std::string>{"tasks_required"});
}

TEST(PeriodMachine, TheManagerMayRecordThatNoTaskWasAssignedWithAReason) {
  PeriodRequest req;
  req.action = PeriodAction::RegisterTasks;
  auto t = W.run(W.period_in(PeriodStage::Open), kDung, req);
  EXPECT_EQ(codes(t.refusals), std::set<std::string>{"no_tasks_reason_required"});
  req.no_tasks_reason = "Cử đi học tập trung cả tháng";
  t = W.run(W.period_in(PeriodStage::Open), kDung, req);
  ASSERT_TRUE(t.accepted);
  EXPECT_TRUE(t.period.tasks.empty());
  EXPECT_EQ(t.period.no_tasks_reason, "Cử đi học tập trung cả tháng");
  EXPECT_TRUE(period_score(t.period, W.an, W.rules, ScoreView::Manager).task.zero_assigned);
}

TEST(PeriodMachine, TasksMustBeWellFormed) {
  auto req = W.valid_request(PeriodAction::RegisterTasks);
  req.tasks[1].key = "t1";              // duplicate key
  req.tasks[0].title = "";              // no title
  req.tasks[0].assigned = 0;            // nothing assigned
  req.tasks[0].due = Date{2026, 3, 2};  // after the period
  const auto t = W.run(W.period_in(PeriodStage::Open), kAn, req);
  EXPECT_FALSE(t.accepted);
  EXPECT_EQ(codes(t.refusals), std::set<std::string>{"task_invalid"});
  EXPECT_EQ(t.refusals.size(), 4u);
}

TEST(PeriodMachine, ProductsMustBeInTheAgencysCatalogue) {
  auto req = W.valid_request(PeriodAction::RegisterTasks);
  req.tasks[1].product_code = "XX-99";
  const auto t = W.run(W.period_in(PeriodStage::Open), kAn, req);
  ASSERT_EQ(t.refusals.size(), 1u);
  EXPECT_EQ(t.refusals[0].code, "product_unknown");
  EXPECT_NE(t.refusals[0].message_vi.find("\"XX-99\""), std::string::npos);
}

TEST(PeriodMachine, APeriodBeforeTheFirstCatalogueHasNoProducts) {
  auto p = W.period_in(PeriodStage::Open);
  p.ref = PeriodRef{2025, PeriodKind::Month, 12};
  auto req = W.valid_request(PeriodAction::RegisterTasks);
  req.tasks[0].due.reset();
  EXPECT_EQ(codes(W.run(p, kAn, req).refusals), std::set<std::string>{"product_unknown"});
}

TEST(PeriodMachine, OnlyTheManagerRecordsDeductionsWithTasks) {
  auto req = W.valid_request(PeriodAction::RegisterTasks);
  req.tasks[0].deductions = std::vector<Deduction>{deduction(DeductionKind::Delay)};
  auto t = W.run(W.period_in(PeriodStage::TasksRegistered), kAn, req);
  EXPECT_EQ(codes(t.refusals), std::set<std::string>{"deductions_by_manager_only"});
  t = W.run(W.period_in(PeriodStage::TasksRegistered), kDung, req);
  ASSERT_TRUE(t.accepted);
  EXPECT_EQ(t.period.tasks[0].deductions.size(), 1u);
}

// --- Content guards: submit_products ------------------------------------------------------------

TEST(PeriodMachine, CompletedProductsNeedEvidence) {
  auto req = W.valid_request(PeriodAction::SubmitProducts);
  req.products["t2"].evidence.clear();
  const auto t = W.run(W.period_in(PeriodStage::TasksRegistered), kAn, req);
  ASSERT_EQ(t.refusals.size(), 1u);
  EXPECT_EQ(t.refusals[0].code, "evidence_required");
  EXPECT_NE(t.refusals[0].message_vi.find("Thẩm định hồ sơ bổ nhiệm lại"), std::string::npos);
}

TEST(PeriodMachine, ATaskWithNothingCompletedNeedsNoEvidence) {
  auto req = W.valid_request(PeriodAction::SubmitProducts);
  req.products["t2"] = ProductReport{0, {}};
  EXPECT_TRUE(W.run(W.period_in(PeriodStage::TasksRegistered), kAn, req).accepted);
}

TEST(PeriodMachine, EvidenceMustBeAStoredFileALinkOrADocumentNumber) {
  auto req = W.valid_request(PeriodAction::SubmitProducts);
  Evidence bad_file = file_evidence();
  bad_file.sha256 = "ABC";
  Evidence bad_link;
  bad_link.kind = "link";
  bad_link.url = "javascript:alert(1)";
  Evidence bad_doc;
  bad_doc.kind = "document";
  Evidence bad_kind;
  bad_kind.kind = "photo";
  req.products["t1"].evidence = {bad_file, bad_link, bad_doc, bad_kind};
  const auto t = W.run(W.period_in(PeriodStage::TasksRegistered), kAn, req);
  ASSERT_EQ(t.refusals.size(), 4u);
  for (const auto& r : t.refusals) EXPECT_EQ(r.code, "evidence_invalid");
  EXPECT_EQ(t.refusals[0].field, "products.t1.evidence[0].sha256");
  Evidence link;
  link.kind = "link";
  link.url = "https://qlvb.snv.gov.vn/vb/125";
  Evidence doc;
  doc.kind = "document";
  doc.document_number = "125/SNV-TCCB";
  req.products["t1"].evidence = {link, doc};
  EXPECT_TRUE(W.run(W.period_in(PeriodStage::TasksRegistered), kAn, req).accepted);
}

TEST(PeriodMachine, ReportsForUnknownTasksOrNegativeQuantitiesAreRefused) {
  auto req = W.valid_request(PeriodAction::SubmitProducts);
  req.products["t9"] = ProductReport{100, {file_evidence()}};
  req.products["t1"].completed = -100;
  const auto t = W.run(W.period_in(PeriodStage::TasksRegistered), kAn, req);
  EXPECT_EQ(codes(t.refusals), (std::set<std::string>{"task_unknown", "quantity_invalid"}));
}

// --- Content guards: self_score and score -------------------------------------------------------

TEST(PeriodMachine, ASelfScoreWithPointsWithheldNeedsReasons) {
  auto req = W.valid_request(PeriodAction::SelfScore);
  req.scores["III.2"].points = 200;
  req.scores.erase("I.1");
  const auto t = W.run(W.period_in(PeriodStage::ProductsSubmitted), kAn, req);
  EXPECT_EQ(codes(t.refusals), (std::set<std::string>{"criteria_incomplete", "reason_required"}));
}

TEST(PeriodMachine, TheManagerMustComment) {
  auto req = W.valid_request(PeriodAction::Score);
  req.comment = "";
  const auto t = W.run(W.period_in(PeriodStage::SelfScored), kDung, req);
  EXPECT_EQ(codes(t.refusals), std::set<std::string>{"comment_required"});
}

TEST(PeriodMachine, AnExcusedDeductionNeedsTheAcceptedCause) {
  auto req = W.valid_request(PeriodAction::Score);
  auto excused = deduction(DeductionKind::Quality, true);
  excused.excuse_reason = "";
  auto unnoted = deduction(DeductionKind::Delay);
  unnoted.note = "";
  req.deductions["t1"] = {excused, unnoted};
  req.deductions["t7"] = {deduction(DeductionKind::Delay)};
  const auto t = W.run(W.period_in(PeriodStage::SelfScored), kDung, req);
  EXPECT_EQ(codes(t.refusals), (std::set<std::string>{"excuse_reason_required",
                                                      "deduction_note_required", "task_unknown"}));
}

TEST(PeriodMachine, ALeaderIsScoredOnDDdEWithReasonsBelowTheBestValue) {
  const auto p = W.period_in(PeriodStage::SelfScored, kDung);
  auto req = W.valid_request(PeriodAction::Score, kDung);
  req.leader.reset();
  EXPECT_EQ(codes(W.run(p, kGiang, req).refusals),
            std::set<std::string>{"leader_factors_required"});
  req.leader = LeaderFactors{75, 50, 100, {}, {}, {}, {}};
  const auto t = W.run(p, kGiang, req);
  EXPECT_EQ(codes(t.refusals),
            (std::set<std::string>{"leader_factor_invalid", "leader_factor_reason_required"}));
  req.leader =
      LeaderFactors{100, 50, 100, {}, "Chậm triển khai kế hoạch cải cách hành chính", {}, {}};
  const auto ok = W.run(p, kGiang, req);
  ASSERT_TRUE(ok.accepted);
  ASSERT_TRUE(ok.period.leader_factors.has_value());
  EXPECT_EQ(ok.period.leader_factors->dd, 50);
  // Leaders' formula: a = 72,22, b = 72,22, c = 72,22, d 100, đ 50, e 100:
  // (216,66 + 250) / 6 × 70 % = 54,443… -> 54,44.
  const auto s = period_score(ok.period, W.dung, W.rules, ScoreView::Manager);
  EXPECT_TRUE(s.leader_formula);
  EXPECT_EQ(s.task.points, 5444);
}

TEST(PeriodMachine, EnteredTaskPointsAreCheckedUnderTheEnteredMethod) {
  PeriodWorld party = W;
  party.rules.tasks.method = TaskMethod::Entered;
  auto req = party.valid_request(PeriodAction::Score);
  auto t = party.run(party.period_in(PeriodStage::SelfScored), kDung, req);
  EXPECT_EQ(codes(t.refusals), std::set<std::string>{"task_points_required"});
  req.task_points = 7025;
  t = party.run(party.period_in(PeriodStage::SelfScored), kDung, req);
  EXPECT_EQ(codes(t.refusals), std::set<std::string>{"task_points_invalid"});
  req.task_points = 6450;
  t = party.run(party.period_in(PeriodStage::SelfScored), kDung, req);
  ASSERT_TRUE(t.accepted);
  const auto s = period_score(t.period, party.an, party.rules, ScoreView::Manager);
  EXPECT_EQ(s.task.points, 6450);
  EXPECT_EQ(s.total, 2950 + 6450);
}

TEST(PeriodMachine, ARefusedActionChangesNothing) {
  const auto before = W.period_in(PeriodStage::SelfScored);
  auto req = W.valid_request(PeriodAction::Score);
  req.comment = "";
  const auto t = W.run(before, kDung, req);
  EXPECT_FALSE(t.accepted);
  EXPECT_EQ(t.from, PeriodStage::SelfScored);
  EXPECT_EQ(t.to, PeriodStage::SelfScored);
  EXPECT_EQ(t.period.version, before.version);
  EXPECT_TRUE(t.period.manager_scores.empty());
}

// --- Stable names and MSM ids -------------------------------------------------------------------

TEST(PeriodMachine, EveryStageRoundTripsThroughItsMsmStateId) {
  std::set<int> ids;
  for (PeriodStage s : all_period_stages()) {
    ids.insert(period_msm_state_id(s));
    EXPECT_EQ(period_stage_from_msm_state_id(period_msm_state_id(s)), s) << to_string(s);
  }
  EXPECT_EQ(ids.size(), all_period_stages().size());
  for (int id = -1; id < 20; ++id) {
    if (!ids.count(id)) {
      EXPECT_FALSE(period_stage_from_msm_state_id(id).has_value()) << id;
    }
  }
}

TEST(PeriodMachine, StableNamesRoundTrip) {
  for (PeriodStage s : all_period_stages()) EXPECT_EQ(parse_period_stage(to_string(s)), s);
  for (PeriodAction a : all_period_actions()) EXPECT_EQ(parse_period_action(to_string(a)), a);
  for (PeriodKind k : all_period_kinds()) EXPECT_EQ(parse_period_kind(to_string(k)), k);
  EXPECT_EQ(to_string(PeriodStage::ManagerScored), "manager_scored");
  EXPECT_EQ(label_vi(PeriodStage::Locked), "Đã khóa kết quả");
  EXPECT_FALSE(parse_period_stage("closed"));
}

TEST(PeriodMachine, PeriodReferencesHaveLabelsKeysAndDays) {
  const PeriodRef feb{2026, PeriodKind::Month, 2};
  const PeriodRef q4{2026, PeriodKind::Quarter, 4};
  EXPECT_EQ(label_vi(feb), "Tháng 02/2026");
  EXPECT_EQ(label_vi(q4), "Quý IV/2026");
  EXPECT_EQ(to_key(feb), "2026-02");
  EXPECT_EQ(to_key(q4), "2026-Q4");
  EXPECT_EQ(parse_period_key("2026-Q4"), q4);
  EXPECT_EQ(parse_period_key("2026-02"), feb);
  EXPECT_FALSE(parse_period_key("2026-13"));
  EXPECT_FALSE(parse_period_key("2026-Q5"));
  EXPECT_EQ(feb.last_day(), (Date{2026, 2, 28}));
  EXPECT_EQ((PeriodRef{2028, PeriodKind::Month, 2}.last_day()), (Date{2028, 2, 29}));
  EXPECT_EQ(q4.first_day(), (Date{2026, 10, 1}));
  EXPECT_EQ(q4.last_day(), (Date{2026, 12, 31}));
}

}  // namespace
}  // namespace kd::wf
