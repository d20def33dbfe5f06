// A period of An (công chức of Phòng Tổ chức cán bộ, scored by Dũng, approved by
// Giang) or of Dũng (the head of the unit: a leader, scored and approved by Giang),
// at any stage with the data earlier stages added, and valid requests per action.
#pragma once

#include "tests/unit/workflow/fixture.hpp"
#include "tests/unit/workflow/scoring_fixture.hpp"
#include "workflow/period_checks.hpp"

namespace kd::wf::test {

inline std::vector<TaskDraft> two_drafts() {
  TaskDraft t1;
  t1.key = "t1";
  t1.title = "Dự thảo văn bản hướng dẫn đánh giá công chức";
  t1.product_code = "VB-01";
  t1.assigned = 400;
  t1.due = Date{2026, 2, 20};
  TaskDraft t2;
  t2.key = "t2";
  t2.title = "Thẩm định hồ sơ bổ nhiệm lại";
  t2.product_code = "HS-02";
  t2.assigned = 200;
  return {t1, t2};
}

inline LeaderFactors full_factors() { return LeaderFactors{100, 100, 100, {}, {}, {}, {}}; }

struct PeriodWorld {
  OrgTree org = make_org();
  Person an = make_an();
  Person dung = make_dung();
  ScoringRules rules = make_nd335_rules();
  ProductCatalogue catalogue = make_catalogue();
  TimePoint now = vn_time({2026, 3, 4});

  const Person& person(Id id) const { return id == kDung ? dung : an; }

  // February 2026 of `who`, as it stands on entering `stage`.
  PeriodRecord period_in(PeriodStage stage, Id who = kAn) const {
    PeriodRecord p;
    p.id = 900;
    p.person_id = who;
    p.unit_id = kPersonnelOffice;
    p.ref = PeriodRef{2026, PeriodKind::Month, 2};
    p.stage = stage;
    p.version = 4;
    const int order = static_cast<int>(stage);
    if (order >= static_cast<int>(PeriodStage::TasksRegistered)) {
      p.tasks = build_tasks(two_drafts(), p, catalogue, "manual");
    }
    if (order >= static_cast<int>(PeriodStage::ProductsSubmitted)) {
      p.tasks[0].completed = 400;
      p.tasks[0].evidence = {file_evidence("huong-dan.pdf")};
      p.tasks[1].completed = 100;
      p.tasks[1].evidence = {file_evidence("bao-cao-tham-dinh.pdf")};
    }
    if (order >= static_cast<int>(PeriodStage::SelfScored)) p.self_scores = full_scores();
    if (order >= static_cast<int>(PeriodStage::ManagerScored)) {
      p.manager_scores = full_scores({{"II.3", 200}});
      p.manager_comment = "Hoàn thành tốt nhiệm vụ; cần chủ động hơn.";
      p.scored_by = who == kDung ? kGiang : kDung;
      if (who == kDung) p.leader_factors = full_factors();
    }
    if (order >= static_cast<int>(PeriodStage::Approved)) p.approved_by = kGiang;
    if (order >= static_cast<int>(PeriodStage::Locked)) {
      p.locked_by = kGiang;
      p.locked_at = vn_time({2026, 3, 3});
    }
    return p;
  }

  PeriodRequest valid_request(PeriodAction a, Id who = kAn) const {
    PeriodRequest req;
    req.action = a;
    switch (a) {
      case PeriodAction::RegisterTasks:
        req.tasks = two_drafts();
        break;
      case PeriodAction::SubmitProducts:
        req.products["t1"] = ProductReport{400, {file_evidence("huong-dan.pdf")}};
        req.products["t2"] = ProductReport{100, {file_evidence("bao-cao-tham-dinh.pdf")}};
        break;
      case PeriodAction::SelfScore:
        req.scores = full_scores();
        req.strengths = "Hoàn thành đúng hạn các văn bản được giao.";
        req.shortcomings = "Một hồ sơ thẩm định còn chậm.";
        break;
      case PeriodAction::Score:
        req.scores = full_scores({{"II.3", 200}});
        req.comment = "Hoàn thành tốt nhiệm vụ; cần chủ động hơn.";
        if (who == kDung) req.leader = full_factors();
        break;
      case PeriodAction::Return:
        req.reason = "Cần bổ sung minh chứng cho hồ sơ thẩm định.";
        break;
      case PeriodAction::Unlock:
        req.reason = "Điều chỉnh sai sót số liệu hồ sơ thẩm định.";
        req.decision = "Văn bản số 112/SNV-TCCB ngày 10/03/2026";
        break;
      case PeriodAction::Approve:
      case PeriodAction::Lock:
        break;
    }
    return req;
  }

  PeriodTransition run(const PeriodRecord& p, Id actor, const PeriodRequest& req) const {
    const Person& who = person(p.person_id);
    const PeriodAuthority authority = resolve_period_authority(org, who);
    return apply_period_action(PeriodContext{p, who, rules, catalogue, authority, actor, now}, req);
  }

  std::vector<PeriodAction> allowed(const PeriodRecord& p, Id actor) const {
    const Person& who = person(p.person_id);
    const PeriodAuthority authority = resolve_period_authority(org, who);
    return allowed_period_actions(PeriodContext{p, who, rules, catalogue, authority, actor, now});
  }
};

}  // namespace kd::wf::test
