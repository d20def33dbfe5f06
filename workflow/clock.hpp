// The clock port: the domain never reads a clock, callers pass `now`; the adapters that need
// the time (the API, tracking, the renderer) are given one of these. The system clock and the
// testing clock (testing.enabled) are its implementations; tests pass their own.
#pragma once

#include <functional>

#include "workflow/calendar.hpp"

namespace kd::wf {

using Clock = std::function<TimePoint()>;

}  // namespace kd::wf
