// Rating constraints of a person for the year (domain.md §4) and the vote rules.
#pragma once

#include <vector>

#include "workflow/organisation.hpp"
#include "workflow/refusal.hpp"
#include "workflow/regime.hpp"
#include "workflow/review.hpp"

namespace kd::wf {

struct RatingBounds {
  bool rated = true;        // false: < min months worked (maternity excepted): self-review only
  Rating best = Rating::HTXS;  // the best rating allowed
  std::vector<std::string> reasons_vi;  // why the bounds are tighter than usual
};

RatingBounds rating_bounds(const Person&, const YearFacts&, const RatingRules&);

// Empty when `r` is allowed by the bounds, else one refusal "rating_not_allowed" with the reason.
Refusals check_rating(Rating r, const RatingBounds&);

// Meeting checks: quorum, vote counts consistent, vote rule of the proposed rating.
Refusals check_meeting(const MeetingRecord&, const Regime&);

// Required sections of the person's form are filled (non-blank after trimming).
Refusals check_form(const FormContent&, const Person&, const Regime&);

}  // namespace kd::wf
