// Rating constraints of a person for the year (domain.md §4) and the vote rules.
#pragma once

#include <vector>

#include "workflow/organisation.hpp"
#include "workflow/refusal.hpp"
#include "workflow/regime.hpp"
#include "workflow/review.hpp"

namespace kd::wf {

struct RatingBounds {
  bool rated = true;           // false: < min months worked (maternity excepted): self-review only
  Rating best = Rating::HTXS;  // the best rating allowed
  Rating worst =
      Rating::KHT;  // the worst allowed: a scoring regime fixes the rating (best = worst)
  std::vector<std::string> reasons_vi;  // why the bounds are tighter than usual
};

RatingBounds rating_bounds(const Person&, const YearFacts&, const RatingRules&);

// Empty when `r` is allowed by the bounds, else one refusal "rating_not_allowed" with the reason
// (better than `best`, or worse than `worst`).
Refusals check_rating(Rating r, const RatingBounds&);

// Meeting checks: quorum, vote counts consistent, vote rule of the proposed rating.
Refusals check_meeting(const MeetingRecord&, const Regime&);
// The three parts of check_meeting, used as separate guards by the machine.
// Codes: "invalid_attendance", "no_quorum" | "invalid_votes" |
// "rating_required", "vote_rule_not_met".
Refusals check_quorum(const MeetingRecord&, const Regime&);
Refusals check_votes(const MeetingRecord&);
Refusals check_vote_rule(const MeetingRecord&, const Regime&);

// The smallest count out of `base` that meets the threshold (e.g. 2/3 of 9 -> 6).
int minimum_count(const Threshold&, int base);

// The form a person fills under a regime: the form of their group, or the Party
// form (dang_vien) in a Party regime. Throws std::out_of_range when the regime has neither.
const FormSpec& form_of(const Regime&, const Person&);

// Required sections of the person's form that are blank (leaders-only sections
// count only for leaders), in form order.
std::vector<SectionSpec> missing_sections(const FormContent&, const Person&, const Regime&);

// Required sections of the person's form are filled (not blank: text_policy.hpp).
// One refusal "missing_sections" naming every missing section by its title.
Refusals check_form(const FormContent&, const Person&, const Regime&);

}  // namespace kd::wf
