// Failed logins, counted per account name and per client address (login_failures). A key is
// an opaque string: the caller passes the SHA-256 of the name, so an account that does not
// exist is counted exactly like one that does. The delay policy is the caller's
// (services/api/login_throttle.hpp); times are epoch seconds of the injected clock.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "services/storage/connection_pool.hpp"

namespace kd::storage {

struct ThrottleKey {
  std::string scope;  // "account" | "address"
  std::string key;
};

class LoginFailures {
 public:
  explicit LoginFailures(ConnectionPool& pool) : pool_(pool) {}

  // The latest time until which any of `keys` is blocked (0 when none is).
  std::int64_t blocked_until(const std::vector<ThrottleKey>& keys);

  // Counts one failure for `key` at `now` and returns the failures in the current run; a run
  // is forgotten when its last failure is older than `forget_after_seconds`. `block(n)` gives
  // the seconds to block after the n-th failure (0: not blocked). One transaction; rows whose
  // run is forgotten are deleted on the way.
  int record_failure(const ThrottleKey& key, std::int64_t now, std::int64_t forget_after_seconds,
                     const std::function<std::int64_t(int failures)>& block);

  // A successful login forgets the failures of `key`.
  void clear(const ThrottleKey& key);

 private:
  ConnectionPool& pool_;
};

}  // namespace kd::storage
