// The Idempotency-Key header of the writing routes (review actions, batch decide and publish):
// a retry with the same key gets the first answer back; the same key for another request is
// refused (`idempotency_key_reused`).
#pragma once

#include <string>

#include "services/api/exchange.hpp"

namespace kd::api {

// The key, or "" when the header is absent; 400 `invalid_idempotency_key` when malformed.
std::string idempotency_key(const Exchange&);

// What identifies the request a key was first used for: method, path and body.
std::string request_fingerprint(Exchange&);

}  // namespace kd::api
