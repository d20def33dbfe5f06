// The hash chain of review_events: pure functions, no database.
//
// Each event's hash is the lowercase hex SHA-256 (OpenSSL EVP) of this byte string:
//
//   "kd-audit-v1\n"
//   then, for each field below in this order, <decimal byte length> ":" <bytes> "\n"
//     review_id    decimal
//     seq          decimal
//     actor_id     decimal
//     action       stable action name, or "create"
//     from_stage   stable stage name ("" for the create event)
//     to_stage     stable stage name
//     payload      the canonical JSON text exactly as stored (kd::codec::canonical)
//     occurred_at  seconds since the Unix epoch (UTC), decimal
//     prev_hash    hex hash of the previous event of the same review; 64 '0' for seq 1
//
// Length prefixes make the encoding unambiguous whatever the fields contain.
// Changing this encoding breaks every stored chain: add "kd-audit-v2" instead.
#pragma once

#include <string>
#include <vector>

#include "services/storage/store.hpp"

namespace kd::storage::audit {

inline const std::string kGenesisHash(64, '0');

// The canonical byte string of an event (its `hash` field is not read).
std::string canonical_encoding(const EventRecord&);

// sha256_hex(canonical_encoding(e)).
std::string event_hash(const EventRecord&);

// Checks the chains of the given events, which must be ordered by (review_id, seq).
// Reports, per review: a gap in seq (seq not previous + 1, or first seq not 1), a broken
// link (prev_hash differs from the previous event's hash) and a hash mismatch (the stored
// hash differs from the recomputed one). Reasons are in Vietnamese.
std::vector<AuditBreak> verify_chain(const std::vector<EventRecord>& ordered);

}  // namespace kd::storage::audit
