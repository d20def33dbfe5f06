#include "workflow/refusal.hpp"

namespace kd::wf {
namespace {

int severity(RefusalKind k) {
  switch (k) {
    case RefusalKind::Forbidden:
      return 2;
    case RefusalKind::NotAllowedInStage:
      return 1;
    case RefusalKind::GuardFailed:
      return 0;
  }
  return 0;
}

}  // namespace

RefusalKind dominant_kind(const Refusals& refusals) {
  RefusalKind worst = RefusalKind::GuardFailed;
  for (const auto& r : refusals) {
    if (severity(r.kind) > severity(worst)) worst = r.kind;
  }
  return worst;
}

}  // namespace kd::wf
