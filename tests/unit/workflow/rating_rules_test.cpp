// Rating bounds from the facts of the year, and the meeting checks.
#include "workflow/rating_rules.hpp"

#include <gtest/gtest.h>

#include "tests/unit/workflow/fixture.hpp"

namespace kd::wf::test {
namespace {

RatingBounds bounds(YearFacts f, bool leader = false) {
  Person p = make_an();
  p.leader = leader;
  return rating_bounds(p, f, RatingRules{});
}

TEST(RatingBounds, AnOrdinaryYearAllowsEveryRating) {
  const auto b = bounds({});
  EXPECT_TRUE(b.rated);
  EXPECT_EQ(b.best, Rating::HTXS);
  EXPECT_TRUE(b.reasons_vi.empty());
  for (Rating r : all_ratings()) EXPECT_TRUE(check_rating(r, b).empty());
}

TEST(RatingBounds, UnderSixMonthsWorkedIsNotRated) {
  YearFacts f;
  f.months_worked = 5;
  const auto b = bounds(f);
  EXPECT_FALSE(b.rated);
  ASSERT_FALSE(check_rating(Rating::KHT, b).empty());
  EXPECT_EQ(check_rating(Rating::KHT, b)[0].code, "not_rated");
  f.months_worked = 6;
  EXPECT_TRUE(bounds(f).rated);
}

TEST(RatingBounds, MaternityIsExemptFromTheSixMonthRule) {
  YearFacts f;
  f.months_worked = 3;
  f.maternity = true;
  EXPECT_TRUE(bounds(f).rated);
  RatingRules strict;
  strict.maternity_exempt = false;
  EXPECT_FALSE(rating_bounds(make_an(), f, strict).rated);
}

TEST(RatingBounds, LeaveOfThreeToUnderSixMonthsCapsAtHT) {
  for (int months : {0, 2, 3, 5, 6}) {
    YearFacts f;
    f.leave_months = months;
    const bool capped = months >= 3 && months < 6;
    EXPECT_EQ(bounds(f).best, capped ? Rating::HT : Rating::HTXS) << months;
  }
  YearFacts f;
  f.leave_months = 4;
  EXPECT_EQ(check_rating(Rating::HTT, bounds(f)).at(0).code, "rating_not_allowed");
  EXPECT_TRUE(check_rating(Rating::HT, bounds(f)).empty());
}

TEST(RatingBounds, DisciplineDegradationAndLeaderCorruptionEachForceKHT) {
  YearFacts d;
  d.disciplined = true;
  YearFacts g;
  g.degradation_finding = true;
  YearFacts c;
  c.corruption_in_unit = true;
  EXPECT_EQ(bounds(d).best, Rating::KHT);
  EXPECT_EQ(bounds(g).best, Rating::KHT);
  EXPECT_EQ(bounds(c, true).best, Rating::KHT);
  EXPECT_EQ(bounds(c, false).best, Rating::HTXS);
}

TEST(RatingBounds, DisciplineWinsOverTheLeaveCapAndBothReasonsAreGiven) {
  YearFacts f;
  f.disciplined = true;
  f.leave_months = 4;
  const auto b = bounds(f);
  EXPECT_EQ(b.best, Rating::KHT);
  const auto refusal = check_rating(Rating::HT, b);
  ASSERT_EQ(refusal.size(), 1u);
  EXPECT_NE(refusal[0].message_vi.find("kỷ luật"), std::string::npos);
}

TEST(MinimumCount, RoundsUpForAtLeastAndStepsOverForMoreThan) {
  EXPECT_EQ(minimum_count({2, 3, false}, 9), 6);
  EXPECT_EQ(minimum_count({2, 3, false}, 10), 7);
  EXPECT_EQ(minimum_count({1, 2, true}, 10), 6);
  EXPECT_EQ(minimum_count({1, 2, true}, 9), 5);
  for (int base = 1; base <= 30; ++base) {
    for (Threshold t : {Threshold{2, 3, false}, Threshold{1, 2, true}}) {
      const int m = minimum_count(t, base);
      EXPECT_TRUE(meets(t, m, base));
      EXPECT_FALSE(meets(t, m - 1, base));
    }
  }
}

TEST(CheckMeeting, AGoodMeetingPassesEveryCheck) {
  EXPECT_TRUE(check_meeting(good_meeting(), make_regime()).empty());
}

TEST(CheckMeeting, ReportsEveryProblemTogether) {
  MeetingRecord m = good_meeting();
  m.present = 4;
  m.votes = {4, 1, 0};
  const auto rs = check_meeting(m, make_regime());
  EXPECT_TRUE(has_code(rs, "no_quorum"));
  EXPECT_TRUE(has_code(rs, "invalid_votes"));
}

TEST(CheckMeeting, MoreThanHalfQuorumIsWorded) {
  Regime r = make_regime();
  r.quorum = {1, 2, true};
  MeetingRecord m = good_meeting();
  m.summoned = 10;
  m.present = 5;
  m.votes = {5, 0, 0};
  const auto rs = check_quorum(m, r);
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].message_vi, "Có mặt 5/10 thành viên, chưa đủ trên 1/2 (cần ít nhất 6).");
}

TEST(CheckMeeting, OfficialMembersBaseFallsBackToSummoned) {
  Regime r = make_regime();
  r.vote_rules = {{Rating::HTT, {1, 2, true}, VoteBase::OfficialMembers}};
  MeetingRecord m = good_meeting();  // summoned 9, 7 in favour
  m.votes = {4, 0, 0};
  EXPECT_TRUE(has_code(check_vote_rule(m, r), "vote_rule_not_met"));  // 4/9
  m.votes = {5, 0, 0};
  EXPECT_TRUE(check_vote_rule(m, r).empty());  // 5/9 > 1/2
}

TEST(CheckForm, LeadersOnlySectionsCountOnlyForLeaders) {
  const Regime r = make_regime();
  Person staff = make_an();
  Person leader = make_dung();
  EXPECT_TRUE(missing_sections(full_form(false), staff, r).empty());
  const auto missing = missing_sections(full_form(false), leader, r);
  ASSERT_EQ(missing.size(), 3u);
  EXPECT_EQ(missing[0].key, "ket_qua_don_vi");
}

TEST(CheckForm, OptionalSectionsMayStayBlank) {
  Regime r = make_regime();
  r.forms[Group::CongChuc].sections[0].required = false;
  FormContent f = full_form();
  f.sections.erase("chinh_tri_tu_tuong");
  EXPECT_TRUE(check_form(f, make_an(), r).empty());
}

TEST(CheckForm, APartyRegimeUsesThePartyFormForEveryone) {
  Regime r = make_regime();
  r.party = true;
  r.forms.clear();
  r.forms[Group::DangVien] =
      FormSpec{"mau_2a", "BẢN KIỂM ĐIỂM CÁ NHÂN", {{"uu_diem", "Ưu điểm", true, false}}};
  const auto rs = check_form(FormContent{}, make_an(), r);  // An is a công chức
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_NE(rs[0].message_vi.find("Ưu điểm"), std::string::npos);
}

}  // namespace
}  // namespace kd::wf::test
