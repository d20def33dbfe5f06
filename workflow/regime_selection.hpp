// Which regimes rate a person in a year: at most one state regime (by the
// person's group and the year: công chức from 2026 under Nghị định 335/2025,
// cán bộ and viên chức under Nghị định 90/2020 until their new texts are added
// as data) and, for a Party member, the Party regime (QĐ 366-QĐ/TW). The state
// rating comes first: it is finished before the Party rating, which builds on it.
#pragma once

#include <vector>

#include "workflow/organisation.hpp"
#include "workflow/refusal.hpp"
#include "workflow/regime.hpp"

namespace kd::wf {

struct RegimeSelection {
  const Regime* state = nullptr;  // none for a Party member outside the state service
  const Regime* party = nullptr;  // Party members only
  Refusals refusals;  // "no_regime" (nothing rates the person), "ambiguous_regime" (two do)

  // State first, then Party.
  std::vector<const Regime*> in_order() const;
};

// `candidates`: one version per regime id (the catalogue's latest ones).
RegimeSelection select_regimes(const Person&, int year,
                               const std::vector<const Regime*>& candidates);

}  // namespace kd::wf
