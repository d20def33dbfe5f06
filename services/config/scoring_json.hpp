// The scoring part of a regime ("scoring") and who it applies to ("applies_to")
// as JSON: read with the field path in every error, written in a fixed key
// order so a campaign's pinned snapshot round-trips exactly.
#pragma once

#include <vector>

#include "services/config/json_reader.hpp"
#include "workflow/regime.hpp"

namespace kd::config::detail {

kd::wf::ScoringRules read_scoring(const Reader&, const Var&, const std::string& where);
Object::Ptr scoring_json(const kd::wf::ScoringRules&);

std::vector<kd::wf::Applicability> read_applies_to(const Reader&, const Var&,
                                                   const std::string& where);
Array::Ptr applies_to_json(const std::vector<kd::wf::Applicability>&);

}  // namespace kd::config::detail
