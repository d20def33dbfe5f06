// Tasks posted by the agency's task-assignment system: idempotent by the system's ids.
#include <gtest/gtest.h>

#include "tests/unit/workflow/period_fixture.hpp"
#include "workflow/task_import.hpp"

namespace kd::wf {
namespace {

using namespace test;

constexpr Id kSystem = 700;  // the task-assignment system's account

ImportedTask posted(std::string id, std::string title, std::string product, Qty assigned) {
  ImportedTask t;
  t.external_id = std::move(id);
  t.title = std::move(title);
  t.product_code = std::move(product);
  t.assigned = assigned;
  return t;
}

std::vector<ImportedTask> batch() {
  auto a = posted("GV-101", "Dự thảo kế hoạch đánh giá quý I", "VB-01", 200);
  a.due = Date{2026, 2, 25};
  auto b = posted("GV-102", "Thẩm định 3 hồ sơ nâng ngạch", "HS-02", 300);
  b.completed = 100;
  return {a, b};
}

struct ImportWorld : PeriodWorld {
  PeriodTransition apply(const PeriodRecord& p, const PeriodRequest& req,
                         Id actor = kSystem) const {
    PeriodAuthority authority = resolve_period_authority(org, an);
    authority.importers = {kSystem};
    return apply_period_action(PeriodContext{p, an, rules, catalogue, authority, actor, now}, req);
  }
};

const ImportWorld W;

TEST(TaskImport, APostCreatesTheTasksUnderTheSystemsKeys) {
  const auto p = W.period_in(PeriodStage::Open);
  const auto plan = plan_task_import(p, "qlvb", batch());
  ASSERT_TRUE(plan.refusals.empty());
  EXPECT_EQ(plan.created, 2);
  EXPECT_TRUE(plan.changes());
  const auto t = W.apply(p, plan.request);
  ASSERT_TRUE(t.accepted) << t.refusals.at(0).message_vi;
  ASSERT_EQ(t.period.tasks.size(), 2u);
  EXPECT_EQ(t.period.tasks[0].key, "qlvb:GV-101");
  EXPECT_EQ(t.period.tasks[0].origin, "import:qlvb");
  EXPECT_EQ(t.period.tasks[1].k, 25000);
  EXPECT_EQ(t.period.tasks[1].completed, 100);
}

TEST(TaskImport, PostingTheSameBatchAgainChangesNothing) {
  const auto first =
      W.apply(W.period_in(PeriodStage::Open),
              plan_task_import(W.period_in(PeriodStage::Open), "qlvb", batch()).request);
  ASSERT_TRUE(first.accepted);
  const auto again = plan_task_import(first.period, "qlvb", batch());
  EXPECT_FALSE(again.changes());
  EXPECT_EQ(again.unchanged, 2);
  const auto t = W.apply(first.period, again.request);
  ASSERT_TRUE(t.accepted);
  ASSERT_EQ(t.period.tasks.size(), first.period.tasks.size());
  for (std::size_t i = 0; i < t.period.tasks.size(); ++i) {
    EXPECT_EQ(t.period.tasks[i].key, first.period.tasks[i].key);
    EXPECT_EQ(t.period.tasks[i].assigned, first.period.tasks[i].assigned);
    EXPECT_EQ(t.period.tasks[i].completed, first.period.tasks[i].completed);
  }
}

TEST(TaskImport, ALaterPostUpdatesRemovesAndLeavesOtherTasksAlone) {
  // The period holds two tasks registered by hand (t1, t2) and the system's two.
  auto p = W.period_in(PeriodStage::TasksRegistered);
  const auto first = W.apply(p, plan_task_import(p, "qlvb", batch()).request);
  ASSERT_TRUE(first.accepted);
  p = first.period;
  ASSERT_EQ(p.tasks.size(), 4u);
  auto next = batch();
  next[0].assigned = 300;    // more to do
  next[1].cancelled = true;  // withdrawn
  auto c = posted("GV-103", "Báo cáo tháng", "BC-03", 100);
  next.push_back(c);
  const auto plan = plan_task_import(p, "qlvb", next);
  EXPECT_EQ(plan.updated, 1);
  EXPECT_EQ(plan.removed, 1);
  EXPECT_EQ(plan.created, 1);
  const auto t = W.apply(p, plan.request);
  ASSERT_TRUE(t.accepted);
  std::vector<std::string> keys;
  for (const auto& task : t.period.tasks) keys.push_back(task.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"t1", "t2", "qlvb:GV-101", "qlvb:GV-103"}));
  EXPECT_EQ(t.period.tasks[2].assigned, 300);
}

TEST(TaskImport, AnotherSystemsTaskWithTheSameIdIsAnotherTask) {
  const auto first =
      W.apply(W.period_in(PeriodStage::Open),
              plan_task_import(W.period_in(PeriodStage::Open), "qlvb", batch()).request);
  const auto plan = plan_task_import(first.period, "dieuhanh", batch());
  EXPECT_EQ(plan.created, 2);
  EXPECT_EQ(plan.request.tasks.size(), 4u);
}

TEST(TaskImport, DeductionsComeWithTheSystemsTasks) {
  auto b = batch();
  b[1].deductions = std::vector<Deduction>{deduction(DeductionKind::Delay)};
  const auto t = W.apply(W.period_in(PeriodStage::Open),
                         plan_task_import(W.period_in(PeriodStage::Open), "qlvb", b).request);
  ASSERT_TRUE(t.accepted);
  EXPECT_EQ(t.period.tasks[1].deductions.size(), 1u);
}

TEST(TaskImport, ABatchWithBlankOrRepeatedIdsIsRefused) {
  auto b = batch();
  b[1].external_id = "GV-101";
  b.push_back(posted(" ", "x", "VB-01", 100));
  const auto plan = plan_task_import(W.period_in(PeriodStage::Open), "qlvb", b);
  ASSERT_EQ(plan.refusals.size(), 2u);
  EXPECT_EQ(plan.refusals[0].code, "import_invalid");
  EXPECT_EQ(plan.refusals[0].field, "tasks[1].external_id");
  EXPECT_EQ(plan_task_import(W.period_in(PeriodStage::Open), "", batch()).refusals.at(0).field,
            "system");
}

TEST(TaskImport, AfterTheProductsAreReportedTheMachineRefusesTheImport) {
  const auto p = W.period_in(PeriodStage::ProductsSubmitted);
  const auto t = W.apply(p, plan_task_import(p, "qlvb", batch()).request);
  EXPECT_FALSE(t.accepted);
  EXPECT_EQ(t.refusals.at(0).code, "action_not_allowed_in_stage");
}

TEST(TaskImport, AnUnknownSystemAccountMayNotRegisterTasks) {
  const auto p = W.period_in(PeriodStage::Open);
  const auto t = W.apply(p, plan_task_import(p, "qlvb", batch()).request, 701);
  EXPECT_EQ(t.refusals.at(0).kind, RefusalKind::Forbidden);
}

TEST(TaskImport, UnknownProductsAreRefusedByTheMachine) {
  auto b = batch();
  b[0].product_code = "ZZ-1";
  const auto p = W.period_in(PeriodStage::Open);
  EXPECT_EQ(W.apply(p, plan_task_import(p, "qlvb", b).request).refusals.at(0).code,
            "product_unknown");
}

}  // namespace
}  // namespace kd::wf
