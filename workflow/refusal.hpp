// Expected refusals are values, never exceptions. Each carries a stable code
// (for APIs and tests) and a message a Vietnamese user can read.
#pragma once

#include <string>
#include <vector>

namespace kd::wf {

enum class RefusalKind {
  NotAllowedInStage,  // the action does not exist from the current stage (HTTP 409)
  Forbidden,          // wrong role, wrong unit, not your review (HTTP 403)
  GuardFailed,        // the action exists but its conditions are not met (HTTP 422)
};

struct Refusal {
  RefusalKind kind = RefusalKind::GuardFailed;
  std::string code;  // stable, snake_case: "missing_sections", "no_quorum", "quota_exceeded", ...
  std::string message_vi;  // full sentence in Vietnamese, with the numbers when there are numbers
  std::string field;  // optional: the field or section concerned ("sections.chinh_tri_tu_tuong")
};

using Refusals = std::vector<Refusal>;

// The most severe kind among refusals (Forbidden > NotAllowedInStage > GuardFailed).
RefusalKind dominant_kind(const Refusals&);

}  // namespace kd::wf
