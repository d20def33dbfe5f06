// The year's rating under a scoring regime (Nghị định 335/2025 Điều 19–20):
//   - the score is the mean of the periods actually worked, weighted by the
//     months each covers (a plain mean when all periods are of one kind);
//     periods of absence, sick or maternity leave, or before joining, are left
//     out; a transfer brings the old agency's period results;
//   - no period worked (fewer than year.min_periods_worked) ⇒ not rated;
//   - the band of the score (HTXS ≥ 90, HTT ≥ 70, HT ≥ 50, else KHT);
//   - then the grounds that force KHT whatever the score (discipline at the
//     minimum level or above decided in the year, a degradation finding, for
//     leaders corruption or waste in a unit they lead), each violation counted
//     in one year only (Nghị định 48/2023): shown beside the score, never
//     replacing it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflow/period.hpp"
#include "workflow/rating_rules.hpp"
#include "workflow/refusal.hpp"
#include "workflow/scoring_rules.hpp"

namespace kd::wf {

enum class PeriodPresence {
  Worked,       // "worked"
  Absent,       // "absence"      absent for the whole period with good reason
  SickLeave,    // "sick_leave"
  Maternity,    // "maternity"
  NotEmployed,  // "not_employed" before joining or after leaving the service
};
std::string_view to_string(PeriodPresence);
std::optional<PeriodPresence> parse_period_presence(std::string_view);
std::string_view label_vi(PeriodPresence);

struct PeriodOutcome {
  PeriodRef ref;
  std::string agency;  // the agency that scored it (the old one after a transfer)
  PeriodPresence presence = PeriodPresence::Worked;
  bool locked = false;
  std::optional<Centi> total;  // the locked period's total
};

// A violation or finding that may force KHT.
struct Violation {
  KhtGround ground = KhtGround::Discipline;
  std::string reference;         // decision or conclusion: "Quyết định số 15/QĐ-SNV"
  std::string discipline_level;  // Discipline: the level's code ("khien_trach", ...)
  Date decided_on;
  std::optional<int> counted_in_year;  // the year whose rating already counted it
  std::string summary;
};

struct AppliedGround {
  KhtGround ground = KhtGround::Discipline;
  std::string reference;
  std::string text_vi;
};

// Which grounds force KHT in `year`, and notes on the violations left aside.
struct GroundsResult {
  std::vector<AppliedGround> applied;
  std::vector<std::string> notes_vi;
  Refusals refusals;  // discipline_level_unknown: a level the regime does not list
};
GroundsResult kht_grounds(int year, bool leader, const std::vector<Violation>&, const KhtRules&);

struct YearInput {
  int year = 2026;
  bool leader = false;
  std::vector<PeriodOutcome> periods;
  std::vector<Violation> violations;
};

struct YearResult {
  bool rated = false;
  Centi score = 0;  // mean of the periods worked, hundredths, half up
  int periods_counted = 0;
  int months_counted = 0;
  Rating by_score = Rating::KHT;       // the band of the score
  Rating rating = Rating::KHT;         // after the grounds
  std::vector<AppliedGround> grounds;  // forcing KHT: shown beside the score
  std::vector<std::string> notes_vi;   // periods left out, transfers, violations not counted
  // Not ready to aggregate (a worked period not locked, overlapping or foreign
  // periods): nothing else in the result is meaningful.
  Refusals refusals;
};

YearResult rate_year(const YearInput&, const ScoringRules&);

// The annual review's bounds from the year's result: not rated, or exactly the
// rating the score and the grounds lead to (best = worst = rating).
RatingBounds bounds_from_year(const YearResult&);

// The violations a person's year facts record (the reviews' YearFacts): discipline at the
// regime's mildest counting level, a degradation finding, for leaders corruption or waste in
// a unit they lead, each decided in `year` and not yet counted in another year.
std::vector<Violation> violations_from_facts(int year, const YearFacts&, const KhtRules&);

// What an action of the annual review of a scoring regime takes from the year's result.
// An action that sets or proposes the rating (give_opinion, decide, resolve_complaint) needs
// the year ready: otherwise it is refused with the year's own refusals (period_not_locked,
// ...). Any other action, and these once the year is ready, get the bounds
// (bounds_from_year); a year not ready leaves the other actions unbounded.
struct YearBinding {
  RatingBounds bounds;
  Refusals refusals;
};
YearBinding bind_year(const YearResult&, Action);

}  // namespace kd::wf
