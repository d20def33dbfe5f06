// Bearer authentication: "Authorization: Bearer <token>" → the session of the
// token's SHA-256. Missing, malformed, unknown or expired → 401 problem.
#pragma once

#include "services/api/context.hpp"
#include "services/api/exchange.hpp"

namespace kd::api {

Caller authenticate(ApiContext&, const Exchange&);

}  // namespace kd::api
