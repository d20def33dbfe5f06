// Slows down password guessing. Failed logins are counted per account name and per client
// address (services/storage/login_failures.hpp). Once a name has failed
// auth.login_account_failures times in a run (or an address auth.login_address_failures
// times), every further login with it is refused with 429 and Retry-After, without looking at
// the password, for auth.login_delay_seconds, doubled at each further failure up to
// auth.login_max_delay_seconds; a run is forgotten after auth.login_max_delay_seconds without
// a failure, and a successful login forgets its name's run. The name is counted by its
// SHA-256 whether or not an account has it, and a refusal never looks the account up, so
// neither the answers nor their timing tell whether an account exists.
#pragma once

#include <cstdint>
#include <string>

#include "services/config/settings.hpp"
#include "services/storage/connection_pool.hpp"

namespace kd::api {

// Seconds to block after the `failures`-th failure of a run whose limit is `limit`: 0 below
// the limit, then `delay`, doubled at each further failure, at most `max_delay`.
std::int64_t login_block_seconds(int failures, int limit, int delay, int max_delay);

// "45 giây", "3 phút", "1 giờ 5 phút": how long to wait, for people.
std::string wait_text_vi(std::int64_t seconds);

class LoginThrottle {
 public:
  LoginThrottle(kd::storage::ConnectionPool& pool, const kd::config::Settings& settings)
      : pool_(pool), settings_(settings) {}

  // Seconds before `username` from `address` may try again (0: now).
  std::int64_t wait_seconds(const std::string& username, const std::string& address,
                            std::int64_t now);
  void failed(const std::string& username, const std::string& address, std::int64_t now);
  void succeeded(const std::string& username);

 private:
  kd::storage::ConnectionPool& pool_;
  const kd::config::Settings& settings_;
};

}  // namespace kd::api
