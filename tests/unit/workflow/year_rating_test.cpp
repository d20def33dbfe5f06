// The year under ND 335: mean of the periods worked, bands, the KHT grounds and
// ND 48's one-year rule, partial years and transfers, hand-computed.
#include <gtest/gtest.h>

#include "tests/unit/workflow/scoring_fixture.hpp"
#include "workflow/year_rating.hpp"

namespace kd::wf {
namespace {

const ScoringRules kRules = test::make_nd335_rules();

PeriodOutcome month(int m, Centi total, std::string agency = "Sở Nội vụ") {
  return PeriodOutcome{PeriodRef{2026, PeriodKind::Month, m}, std::move(agency),
                       PeriodPresence::Worked, true, total};
}
PeriodOutcome quarter(int q, Centi total, std::string agency = "Sở Nội vụ") {
  return PeriodOutcome{PeriodRef{2026, PeriodKind::Quarter, q}, std::move(agency),
                       PeriodPresence::Worked, true, total};
}
PeriodOutcome away(int m, PeriodPresence why) {
  return PeriodOutcome{PeriodRef{2026, PeriodKind::Month, m}, "Sở Nội vụ", why, false, {}};
}

YearInput twelve_months(std::vector<Centi> totals) {
  YearInput in;
  for (int m = 1; m <= 12; ++m) in.periods.push_back(month(m, totals[(m - 1) % totals.size()]));
  return in;
}

Violation discipline(std::string level, Date on, std::optional<int> counted = std::nullopt) {
  Violation v;
  v.ground = KhtGround::Discipline;
  v.reference = "Quyết định số 15/QĐ-SNV";
  v.discipline_level = std::move(level);
  v.decided_on = on;
  v.counted_in_year = counted;
  v.summary = "Vi phạm quy chế làm việc";
  return v;
}

TEST(YearRating, TwelveMonthsGiveTheirMean) {
  // (85 + 92,5 + 90,25) × 4 / 12 = 89,25
  const auto r = rate_year(twelve_months({8500, 9250, 9025}), kRules);
  ASSERT_TRUE(r.refusals.empty());
  EXPECT_TRUE(r.rated);
  EXPECT_EQ(r.score, 8925);
  EXPECT_EQ(r.periods_counted, 12);
  EXPECT_EQ(r.months_counted, 12);
  EXPECT_EQ(r.by_score, Rating::HTT);
  EXPECT_EQ(r.rating, Rating::HTT);
  EXPECT_TRUE(r.grounds.empty());
}

TEST(YearRating, TheMeanIsRoundedHalfUpToHundredths) {
  YearInput in;
  in.periods = {month(1, 9000), month(2, 8999), month(3, 8999)};  // 89,9933…
  EXPECT_EQ(rate_year(in, kRules).score, 8999);
  EXPECT_EQ(rate_year(in, kRules).by_score, Rating::HTT);
  in.periods = {month(1, 9000), month(2, 9000), month(3, 8999)};  // 89,9966… -> 90,00
  EXPECT_EQ(rate_year(in, kRules).score, 9000);
  EXPECT_EQ(rate_year(in, kRules).by_score, Rating::HTXS);
}

TEST(YearRating, BandsAreInclusiveAtTheirLowerBound) {
  const std::vector<std::pair<Centi, Rating>> cases = {
      {10000, Rating::HTXS}, {9000, Rating::HTXS}, {8999, Rating::HTT}, {7000, Rating::HTT},
      {6999, Rating::HT},    {5000, Rating::HT},   {4999, Rating::KHT}, {0, Rating::KHT}};
  for (const auto& [score, rating] : cases) {
    EXPECT_EQ(rate_year(twelve_months({score}), kRules).rating, rating) << score;
  }
}

TEST(YearRating, MaternityAndSickLeaveAreLeftOutOfTheMean) {
  YearInput in;
  for (int m = 1; m <= 4; ++m) in.periods.push_back(away(m, PeriodPresence::Maternity));
  in.periods.push_back(away(5, PeriodPresence::SickLeave));
  for (int m = 6; m <= 12; ++m) in.periods.push_back(month(m, m % 2 ? 9400 : 9100));
  // Months 6–12: 9100 × 4 (6, 8, 10, 12) + 9400 × 3 (7, 9, 11) = 64600 / 7 = 92,2857… -> 92,29
  const auto r = rate_year(in, kRules);
  ASSERT_TRUE(r.refusals.empty());
  EXPECT_EQ(r.periods_counted, 7);
  EXPECT_EQ(r.score, 9229);
  EXPECT_EQ(r.rating, Rating::HTXS);
  ASSERT_EQ(r.notes_vi.size(), 5u);
  EXPECT_EQ(r.notes_vi[0], "Tháng 01/2026: Nghỉ thai sản, không tính vào điểm bình quân.");
  EXPECT_EQ(r.notes_vi[4], "Tháng 05/2026: Nghỉ ốm, không tính vào điểm bình quân.");
}

TEST(YearRating, ATransferBringsTheOldAgencysPeriods) {
  YearInput in;
  for (int m = 1; m <= 5; ++m) in.periods.push_back(month(m, 8000, "Sở Tư pháp"));
  for (int m = 6; m <= 12; ++m) in.periods.push_back(month(m, 9200, "Sở Nội vụ"));
  // (80 × 5 + 92 × 7) / 12 = 87
  const auto r = rate_year(in, kRules);
  EXPECT_EQ(r.score, 8700);
  EXPECT_EQ(r.rating, Rating::HTT);
  ASSERT_EQ(r.notes_vi.size(), 1u);
  EXPECT_NE(r.notes_vi[0].find("Sở Tư pháp, Sở Nội vụ"), std::string::npos) << r.notes_vi[0];
}

TEST(YearRating, MonthsAndQuartersAfterATransferAreWeightedByMonths) {
  // Old agency monthly (January–June at 80), new agency quarterly (Q3 90, Q4 94):
  // (6 × 80 + 3 × 90 + 3 × 94) / 12 = 86.
  YearInput in;
  for (int m = 1; m <= 6; ++m) in.periods.push_back(month(m, 8000, "Sở Tư pháp"));
  in.periods.push_back(quarter(3, 9000));
  in.periods.push_back(quarter(4, 9400));
  const auto r = rate_year(in, kRules);
  ASSERT_TRUE(r.refusals.empty());
  EXPECT_EQ(r.score, 8600);
  EXPECT_EQ(r.periods_counted, 8);
  EXPECT_EQ(r.months_counted, 12);
}

TEST(YearRating, JoiningInOctoberRatesOnTheMonthsWorked) {
  YearInput in;
  for (int m = 1; m <= 9; ++m) in.periods.push_back(away(m, PeriodPresence::NotEmployed));
  in.periods.push_back(month(10, 7100));
  in.periods.push_back(month(11, 7300));
  in.periods.push_back(month(12, 7500));
  const auto r = rate_year(in, kRules);
  EXPECT_TRUE(r.rated);
  EXPECT_EQ(r.score, 7300);
  EXPECT_EQ(r.rating, Rating::HTT);
}

TEST(YearRating, NoPeriodWorkedMeansNotRated) {
  YearInput in;
  for (int m = 1; m <= 12; ++m) in.periods.push_back(away(m, PeriodPresence::Maternity));
  const auto r = rate_year(in, kRules);
  ASSERT_TRUE(r.refusals.empty());
  EXPECT_FALSE(r.rated);
  EXPECT_NE(r.notes_vi.back().find("không xếp loại"), std::string::npos);
  const auto b = bounds_from_year(r);
  EXPECT_FALSE(b.rated);
  EXPECT_EQ(check_rating(Rating::HT, b).at(0).code, "not_rated");
}

TEST(YearRating, TheMinimumNumberOfPeriodsIsASetting) {
  ScoringRules rules = kRules;
  rules.year.min_periods_worked = 3;
  YearInput in;
  in.periods = {month(11, 9000), month(12, 9000)};
  EXPECT_FALSE(rate_year(in, rules).rated);
  EXPECT_TRUE(rate_year(in, kRules).rated);
}

TEST(YearRating, AWorkedPeriodNotYetLockedStopsTheAggregation) {
  auto in = twelve_months({9000});
  in.periods[2].locked = false;
  in.periods[7].total.reset();
  const auto r = rate_year(in, kRules);
  ASSERT_EQ(r.refusals.size(), 1u);
  EXPECT_EQ(r.refusals[0].code, "period_not_locked");
  EXPECT_NE(r.refusals[0].message_vi.find("Tháng 03/2026, Tháng 08/2026"), std::string::npos)
      << r.refusals[0].message_vi;
}

TEST(YearRating, OverlappingPeriodsAreRefused) {
  YearInput in;
  in.periods = {quarter(1, 9000), month(2, 9000)};
  const auto r = rate_year(in, kRules);
  ASSERT_EQ(r.refusals.size(), 1u);
  EXPECT_EQ(r.refusals[0].code, "periods_overlap");
  EXPECT_EQ(r.refusals[0].field, "periods.2026-02");
}

TEST(YearRating, APeriodOfAnotherYearIsRefused) {
  YearInput in;
  in.periods = {month(1, 9000)};
  in.periods[0].ref.year = 2025;
  EXPECT_EQ(rate_year(in, kRules).refusals.at(0).code, "period_outside_year");
}

// --- The grounds that force KHT whatever the score ----------------------------------------

TEST(YearRating, DisciplineInTheYearForcesKhtAndShowsTheScoreBesideIt) {
  auto in = twelve_months({9500});
  in.violations = {discipline("khien_trach", Date{2026, 5, 20})};
  const auto r = rate_year(in, kRules);
  EXPECT_EQ(r.score, 9500);
  EXPECT_EQ(r.by_score, Rating::HTXS);
  EXPECT_EQ(r.rating, Rating::KHT);
  ASSERT_EQ(r.grounds.size(), 1u);
  EXPECT_EQ(r.grounds[0].ground, KhtGround::Discipline);
  EXPECT_EQ(r.grounds[0].reference, "Quyết định số 15/QĐ-SNV");
  EXPECT_NE(r.grounds[0].text_vi.find("ngày 20/05/2026"), std::string::npos)
      << r.grounds[0].text_vi;
}

TEST(YearRating, DisciplineOfAnotherYearDoesNotCount) {
  auto in = twelve_months({9500});
  in.violations = {discipline("canh_cao", Date{2025, 11, 3})};
  EXPECT_EQ(rate_year(in, kRules).rating, Rating::HTXS);
}

TEST(YearRating, AViolationAlreadyCountedInAnotherYearIsNotCountedAgain) {
  // Found and counted in the 2025 rating, disciplined in January 2026 (Nghị định 48/2023).
  auto in = twelve_months({9500});
  in.violations = {discipline("khien_trach", Date{2026, 1, 12}, 2025)};
  const auto r = rate_year(in, kRules);
  EXPECT_EQ(r.rating, Rating::HTXS);
  EXPECT_TRUE(r.grounds.empty());
  ASSERT_EQ(r.notes_vi.size(), 1u);
  EXPECT_NE(r.notes_vi[0].find("đã được tính khi xếp loại năm 2025"), std::string::npos);
}

TEST(YearRating, AViolationCountedInThisYearStillCounts) {
  auto in = twelve_months({9500});
  in.violations = {discipline("khien_trach", Date{2026, 1, 12}, 2026)};
  EXPECT_EQ(rate_year(in, kRules).rating, Rating::KHT);
}

TEST(YearRating, WithoutTheOneYearRuleAnEarlierCountDoesNotProtect) {
  ScoringRules rules = kRules;
  rules.kht.no_double_counting = false;
  auto in = twelve_months({9500});
  in.violations = {discipline("khien_trach", Date{2026, 1, 12}, 2025)};
  EXPECT_EQ(rate_year(in, rules).rating, Rating::KHT);
}

TEST(YearRating, ADisciplineBelowTheMinimumLevelIsNoGround) {
  ScoringRules rules = kRules;
  rules.kht.discipline_min_level = "canh_cao";
  auto in = twelve_months({9500});
  in.violations = {discipline("khien_trach", Date{2026, 3, 1})};
  const auto r = rate_year(in, rules);
  EXPECT_EQ(r.rating, Rating::HTXS);
  ASSERT_EQ(r.notes_vi.size(), 1u);
  EXPECT_NE(r.notes_vi[0].find("dưới mức"), std::string::npos);
  in.violations = {discipline("giang_chuc", Date{2026, 3, 1})};
  EXPECT_EQ(rate_year(in, rules).rating, Rating::KHT);
}

TEST(YearRating, AnUnknownDisciplineLevelIsRefusedRatherThanIgnored) {
  auto in = twelve_months({9500});
  in.violations = {discipline("khien-trach", Date{2026, 3, 1})};
  const auto r = rate_year(in, kRules);
  ASSERT_EQ(r.refusals.size(), 1u);
  EXPECT_EQ(r.refusals[0].code, "discipline_level_unknown");
}

TEST(YearRating, ADegradationFindingForcesKht) {
  auto in = twelve_months({8000});
  Violation v;
  v.ground = KhtGround::Degradation;
  v.reference = "Kết luận số 07-KL/UBKT";
  v.decided_on = Date{2026, 9, 9};
  in.violations = {v};
  const auto r = rate_year(in, kRules);
  EXPECT_EQ(r.by_score, Rating::HTT);
  EXPECT_EQ(r.rating, Rating::KHT);
  EXPECT_EQ(r.grounds.at(0).ground, KhtGround::Degradation);
}

TEST(YearRating, CorruptionInALedUnitForcesKhtForLeadersOnly) {
  auto in = twelve_months({9100});
  Violation v;
  v.ground = KhtGround::CorruptionInLedUnit;
  v.reference = "Kết luận thanh tra số 12/KL-TTr";
  v.decided_on = Date{2026, 10, 2};
  in.violations = {v};
  EXPECT_EQ(rate_year(in, kRules).rating, Rating::HTXS);  // not a leader
  in.leader = true;
  EXPECT_EQ(rate_year(in, kRules).rating, Rating::KHT);
}

TEST(YearRating, GroundsNotListedByTheRegimeAreIgnored) {
  ScoringRules rules = kRules;
  rules.kht.grounds = {KhtGround::Discipline};
  auto in = twelve_months({9100});
  Violation v;
  v.ground = KhtGround::Degradation;
  v.decided_on = Date{2026, 2, 2};
  in.violations = {v};
  EXPECT_EQ(rate_year(in, rules).rating, Rating::HTXS);
}

TEST(YearRating, ALowScoreIsKhtWithoutAnyGround) {
  const auto r = rate_year(twelve_months({4800}), kRules);
  EXPECT_EQ(r.rating, Rating::KHT);
  EXPECT_TRUE(r.grounds.empty());
}

// --- The seam to the annual review: the rating is fixed by the score and the grounds -----

TEST(YearRating, BoundsAllowExactlyTheRatingTheYearLeadsTo) {
  const auto b = bounds_from_year(rate_year(twelve_months({8500}), kRules));
  EXPECT_TRUE(b.rated);
  EXPECT_TRUE(check_rating(Rating::HTT, b).empty());
  const auto better = check_rating(Rating::HTXS, b);
  ASSERT_EQ(better.size(), 1u);
  EXPECT_EQ(better[0].code, "rating_not_allowed");
  EXPECT_NE(better[0].message_vi.find("Điểm bình quân các kỳ 85,00"), std::string::npos)
      << better[0].message_vi;
  const auto worse = check_rating(Rating::HT, b);
  ASSERT_EQ(worse.size(), 1u);
  EXPECT_NE(worse[0].message_vi.find("mức thấp nhất"), std::string::npos) << worse[0].message_vi;
}

TEST(YearRating, BoundsWithAGroundAllowOnlyKhtAndSayWhy) {
  auto in = twelve_months({9500});
  in.violations = {discipline("khien_trach", Date{2026, 5, 20})};
  const auto b = bounds_from_year(rate_year(in, kRules));
  EXPECT_TRUE(check_rating(Rating::KHT, b).empty());
  const auto refused = check_rating(Rating::HTXS, b);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_NE(refused[0].message_vi.find("Quyết định số 15/QĐ-SNV"), std::string::npos);
}

TEST(YearRating, PresenceNamesRoundTrip) {
  for (auto p : {PeriodPresence::Worked, PeriodPresence::Absent, PeriodPresence::SickLeave,
                 PeriodPresence::Maternity, PeriodPresence::NotEmployed}) {
    EXPECT_EQ(parse_period_presence(to_string(p)), p);
  }
  EXPECT_FALSE(parse_period_presence("holiday"));
}

}  // namespace
}  // namespace kd::wf
