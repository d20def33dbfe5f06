// The Party rating on 100 points (QĐ 366-QĐ/TW, HD 43-HD/BTCTW): the points
// lead to a band (HTXS ≥ 90, HTT ≥ 70, HT ≥ 50), and each band also needs the
// conditions of Điều 11 that the regime lists as data (e.g. HTXS: 100 % of
// tasks done on time with quality and at least 30 % exceeding the plan; for a
// collective, no subordinate organisation or member disciplined). A band whose
// conditions fail gives the next band down whose conditions hold; the grounds
// that force KHT (kht_grounds) apply afterwards.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflow/refusal.hpp"
#include "workflow/scoring_rules.hpp"
#include "workflow/year_rating.hpp"

namespace kd::wf {

struct TaskCounts {
  int total = 0;     // tasks of the year (or of the unit led)
  int done = 0;      // completed, on time or not
  int on_time = 0;   // completed on time, with quality and efficiency
  int exceeded = 0;  // completed beyond the plan
};

struct PartyFacts {
  TaskCounts tasks;
  std::optional<TaskCounts> led_unit;  // leaders: the locality, sector or unit led directly
  int shortcomings_total = 0;          // shortcomings pointed out earlier
  int shortcomings_fixed = 0;
  bool subordinate_disciplined = false;  // collectives: a subordinate organisation or member
};

// Counts consistent: on_time ≤ done ≤ total, exceeded ≤ done, fixed ≤ total, none negative.
Refusals check_party_facts(const PartyFacts&);

struct PartyRating {
  Centi score = 0;
  Rating by_points = Rating::KHT;      // the band of the points alone
  Rating rating = Rating::KHT;         // after the conditions and the grounds
  std::vector<std::string> unmet_vi;   // why a better band was not reached
  std::vector<AppliedGround> grounds;  // forcing KHT
  std::vector<std::string> notes_vi;
  Refusals refusals;  // facts inconsistent: nothing else is meaningful
};

PartyRating rate_party(Centi score, const std::string& sheet_key, const PartyFacts&, int year,
                       bool leader, const std::vector<Violation>&, const ScoringRules&);

}  // namespace kd::wf
