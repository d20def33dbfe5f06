// Overdue, stalled and who must act, for every stage, with the clock moved by the
// test; the reminders and escalations they call for, with their unique keys.
#include "workflow/stalled.hpp"

#include <gtest/gtest.h>

#include "tests/unit/workflow/fixture.hpp"
#include "workflow/actors.hpp"

namespace kd::wf {
namespace {

using namespace kd::wf::test;

constexpr Id kSupervisor = 30;  // supervisor of the agency

HolidayCalendar calendar_2026() {
  HolidayYear y{2026, true, "test", {}, {}};
  for (const char* d :
       {"2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
        "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02"}) {
    y.off.push_back({*parse_iso_date(d), "Nghỉ lễ"});
  }
  return HolidayCalendar({y});
}

OrgTree org_with_supervisor() {
  const OrgTree base = make_org();
  auto grants = base.grants();
  grants.push_back({kSupervisor, kAgency, Role::Supervisor});
  return OrgTree(base.units(), grants);
}

Regime regime() {
  Regime r = make_regime();
  r.deadlines.stage_working_days = {{Stage::SelfAssessment, 5}, {Stage::CollectiveReview, 5},
                                    {Stage::HeadOpinion, 3},    {Stage::CommitteeDecision, 5},
                                    {Stage::Decided, 3},        {Stage::Complaint, 10}};
  return r;
}

struct Expected {
  Stage stage;
  std::optional<Role> role;
  std::vector<Id> people;
};

TEST(WhoMustAct, EveryStageNamesItsRoleAndPeopleAndTheMachineAgrees) {
  const OrgTree org = org_with_supervisor();
  const RoleIndex index(org);
  const Person an = make_an();
  const Regime r = regime();
  const Campaign c = make_campaign();
  const std::vector<Expected> cases = {
      {Stage::SelfAssessment, Role::Reviewee, {kAn}},
      {Stage::CollectiveReview, Role::Secretary, {kBinh}},
      {Stage::HeadOpinion, Role::Head, {kDung}},
      {Stage::CommitteeDecision, Role::Committee, {kHa}},
      {Stage::Decided, Role::Committee, {kHa}},
      {Stage::Complaint, Role::Committee, {kHa}},
      {Stage::Published, std::nullopt, {}},
      {Stage::Closed, std::nullopt, {}},
  };
  for (const auto& e : cases) {
    const Review review = review_in(e.stage);
    const MustAct must = who_must_act(review, an, index);
    EXPECT_EQ(must.role, e.role) << to_string(e.stage);
    EXPECT_EQ(must.people, e.people) << to_string(e.stage);
    if (!e.role) continue;
    EXPECT_EQ(*must.role, *actor_role_for(e.stage));
    for (Id p : must.people) {
      const TransitionContext ctx{review, an, r, c, org, p, vn_time({2026, 11, 20})};
      EXPECT_TRUE(check_actor(ctx, *forward_action(e.stage)).empty())
          << to_string(e.stage) << ": person " << p << " may not act";
    }
  }
}

TEST(WhoMustAct, ALeadersOpinionComesFromTheHeadAbove) {
  const OrgTree org = make_org();
  const RoleIndex index(org);
  const Review review = review_in(Stage::HeadOpinion, kDung);
  const MustAct must = who_must_act(review, make_dung(), index);
  EXPECT_EQ(must.people, (std::vector<Id>{kGiang}));
  EXPECT_EQ(must.unit_id, kAgency);
  const TransitionContext ctx{
      review, make_dung(), regime(), make_campaign(), org, kGiang, vn_time({2026, 11, 20})};
  EXPECT_TRUE(check_actor(ctx, Action::GiveOpinion).empty());
}

TEST(WhoMustAct, TheChairRecordsWhenTheUnitHasNoSecretary) {
  const OrgTree base = make_org();
  std::vector<RoleGrant> grants;
  for (const auto& g : base.grants()) {
    if (!(g.person_id == kBinh && g.role == Role::Secretary)) grants.push_back(g);
  }
  const OrgTree org(base.units(), grants);
  const RoleIndex index(org);
  const MustAct must = who_must_act(review_in(Stage::CollectiveReview), make_an(), index);
  EXPECT_EQ(must.role, Role::Secretary);
  EXPECT_EQ(must.people, (std::vector<Id>{kChi}));
}

TEST(WhoMustAct, NobodyHoldingTheRoleStillNamesTheRole) {
  const OrgTree org({{kAgency, std::nullopt, "SNV", "Sở", "co_quan"},
                     {kPersonnelOffice, kAgency, "P", "Phòng", "don_vi"}},
                    {});
  const RoleIndex index(org);
  const MustAct must = who_must_act(review_in(Stage::CommitteeDecision), make_an(), index);
  EXPECT_EQ(must.role, Role::Committee);
  EXPECT_TRUE(must.people.empty());
}

TEST(EscalationChain, TheHeadIsNotTheOneWhoMustActAndTheSupervisorIsAbove) {
  const OrgTree org = org_with_supervisor();
  const RoleIndex index(org);
  const Review self = review_in(Stage::SelfAssessment);
  auto chain = escalation_chain(self, who_must_act(self, make_an(), index), index);
  EXPECT_EQ(chain.heads, (std::vector<Id>{kDung}));
  EXPECT_EQ(chain.supervisors, (std::vector<Id>{kSupervisor}));
  // Stuck at the head's own stage: the head above hears of it.
  const Review opinion = review_in(Stage::HeadOpinion);
  chain = escalation_chain(opinion, who_must_act(opinion, make_an(), index), index);
  EXPECT_EQ(chain.heads, (std::vector<Id>{kGiang}));
}

ReviewActivity entered(Date d, int seq = 2) { return ReviewActivity{vn_time(d), seq, vn_time(d)}; }

TEST(Tracking, OverdueAndStalledFollowTheClockForEveryStage) {
  const auto cal = calendar_2026();
  const Regime r = regime();
  const Campaign c = make_campaign();  // self 20/11, collective 27/11, head 02/12, committee 08/12
  const Timeline t = plan_timeline(c, r, cal);
  const TrackingRules rules;  // stalled after 5 working days
  for (Stage s : all_stages()) {
    const Review review = review_in(s);
    const ReviewActivity a = entered({2026, 11, 16});  // a Monday
    const bool acting = actor_role_for(s).has_value();
    // Day of entry: nothing is wrong yet.
    auto st = track(review, a, t, r, cal, rules, vn_time({2026, 11, 16}, 15));
    EXPECT_FALSE(st.overdue) << to_string(s);
    EXPECT_FALSE(st.stalled) << to_string(s);
    EXPECT_EQ(st.idle_working_days, 0);
    // Four working days later: not yet stalled; five: stalled (if someone must act).
    st = track(review, a, t, r, cal, rules, vn_time({2026, 11, 20}));
    EXPECT_FALSE(st.stalled) << to_string(s);
    st = track(review, a, t, r, cal, rules, vn_time({2026, 11, 23}));
    EXPECT_EQ(st.stalled, acting) << to_string(s);
    EXPECT_EQ(st.stage_since, vn_time({2026, 11, 16}));
    // Past the stage's due date: overdue.
    if (!acting) {
      EXPECT_FALSE(st.due.has_value()) << to_string(s);
      continue;
    }
    ASSERT_TRUE(st.due.has_value()) << to_string(s);
    const Date day_after = add_days(*st.due, 1);
    st = track(review, a, t, r, cal, rules, vn_time(*st.due, 23, 59));
    EXPECT_FALSE(st.overdue) << to_string(s) << " on its due date";
    st = track(review, a, t, r, cal, rules, vn_time(day_after, 0, 0));
    EXPECT_TRUE(st.overdue) << to_string(s) << " the day after";
  }
}

TEST(Tracking, TheDueDateIsInVietnamTime) {
  const auto cal = calendar_2026();
  const Regime r = regime();
  const Timeline t = plan_timeline(make_campaign(), r, cal);
  const Review review = review_in(Stage::SelfAssessment);  // due 20/11/2026
  const ReviewActivity a = entered({2026, 11, 16});
  // 20/11 23:30 in Hanoi is 16:30 UTC the same day; 21/11 00:30 in Hanoi is 20/11 17:30 UTC.
  EXPECT_FALSE(track(review, a, t, r, cal, {}, vn_time({2026, 11, 20}, 23, 30)).overdue);
  EXPECT_TRUE(track(review, a, t, r, cal, {}, vn_time({2026, 11, 21}, 0, 30)).overdue);
}

TEST(Tracking, AnEventResetsTheIdleCountButNotTheStageAge) {
  const auto cal = calendar_2026();
  const Regime r = regime();
  const Timeline t = plan_timeline(make_campaign(), r, cal);
  ReviewActivity a = entered({2026, 11, 2});
  a.last_event_at = vn_time({2026, 11, 19});
  const auto st =
      track(review_in(Stage::CollectiveReview), a, t, r, cal, {}, vn_time({2026, 11, 23}));
  EXPECT_EQ(st.idle_working_days, 2);
  EXPECT_FALSE(st.stalled);
  EXPECT_EQ(st.stage_since, vn_time({2026, 11, 2}));
}

TEST(Notices, RemindBeforeTheDueDateThenEscalateToTheHeadThenTheSupervisor) {
  const auto cal = calendar_2026();
  const OrgTree org = org_with_supervisor();
  const RoleIndex index(org);
  const Regime r = regime();
  const Timeline t = plan_timeline(make_campaign(), r, cal);
  const TrackingRules rules{5, 2, 3};
  const Review review = review_in(Stage::SelfAssessment);  // due Friday 20/11/2026
  const ReviewActivity a = entered({2026, 11, 9}, 1);
  const MustAct must = who_must_act(review, make_an(), index);
  const EscalationChain chain = escalation_chain(review, must, index);
  auto on = [&](Date d) {
    const auto now = vn_time(d);
    return notices_due(review, a, track(review, a, t, r, cal, rules, now), must, chain, cal, rules,
                       now);
  };
  EXPECT_TRUE(on({2026, 11, 17}).empty());  // 3 working days before
  auto n = on({2026, 11, 18});              // 2 working days before
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].kind, NoticeKind::Reminder);
  EXPECT_EQ(n[0].recipient, kAn);
  EXPECT_EQ(n[0].key, "reminder/r500/self_assessment/e1/p10");
  EXPECT_EQ(on({2026, 11, 20}).size(), 1u);  // the due date itself: same key again
  EXPECT_EQ(on({2026, 11, 20})[0].key, n[0].key);
  n = on({2026, 11, 23});  // overdue by one working day: the head
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].kind, NoticeKind::OverdueHead);
  EXPECT_EQ(n[0].recipient, kDung);
  EXPECT_EQ(n[0].overdue_working_days, 1);
  n = on({2026, 11, 25});  // overdue by three: the head and the supervisor
  ASSERT_EQ(n.size(), 2u);
  EXPECT_EQ(n[1].kind, NoticeKind::OverdueSupervisor);
  EXPECT_EQ(n[1].recipient, kSupervisor);
  EXPECT_EQ(n[1].key, "overdue_supervisor/r500/self_assessment/e1/p30");
}

TEST(Notices, ReenteringAStageGivesNewKeysAndWaitingStagesGiveNone) {
  const auto cal = calendar_2026();
  const OrgTree org = org_with_supervisor();
  const RoleIndex index(org);
  const Regime r = regime();
  const Timeline t = plan_timeline(make_campaign(), r, cal);
  const Review review = review_in(Stage::SelfAssessment);
  const auto now = vn_time({2026, 11, 19});
  const MustAct must = who_must_act(review, make_an(), index);
  const auto chain = escalation_chain(review, must, index);
  const ReviewActivity first = entered({2026, 11, 9}, 1), again = entered({2026, 11, 12}, 3);
  const auto a = notices_due(review, first, track(review, first, t, r, cal, {}, now), must, chain,
                             cal, {}, now);
  const auto b = notices_due(review, again, track(review, again, t, r, cal, {}, now), must, chain,
                             cal, {}, now);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_NE(a[0].key, b[0].key);

  const Review published = review_in(Stage::Published);
  const MustAct nobody = who_must_act(published, make_an(), index);
  EXPECT_TRUE(notices_due(published, first, track(published, first, t, r, cal, {}, now), nobody,
                          escalation_chain(published, nobody, index), cal, {}, now)
                  .empty());
}

TEST(Notices, KindNamesAreStable) {
  for (auto k : {NoticeKind::Reminder, NoticeKind::OverdueHead, NoticeKind::OverdueSupervisor}) {
    EXPECT_EQ(parse_notice_kind(to_string(k)), k);
  }
  EXPECT_FALSE(parse_notice_kind("nothing").has_value());
}

}  // namespace
}  // namespace kd::wf
