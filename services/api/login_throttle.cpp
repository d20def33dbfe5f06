#include "services/api/login_throttle.hpp"

#include <algorithm>

#include "services/api/tokens.hpp"
#include "services/codec/sha256.hpp"
#include "services/storage/login_failures.hpp"

namespace kd::api {
namespace {

kd::storage::ThrottleKey account_key(const std::string& username) {
  return {"account", kd::codec::sha256_hex(username)};
}

kd::storage::ThrottleKey address_key(const std::string& address) { return {"address", address}; }

}  // namespace

std::int64_t login_block_seconds(int failures, int limit, int delay, int max_delay) {
  if (failures < limit) return 0;
  std::int64_t seconds = delay;
  for (int i = limit; i < failures && seconds < max_delay; ++i) seconds *= 2;
  return std::min<std::int64_t>(seconds, max_delay);
}

std::string wait_text_vi(std::int64_t seconds) {
  if (seconds < 120) return std::to_string(std::max<std::int64_t>(seconds, 1)) + " giây";
  const std::int64_t minutes = (seconds + 59) / 60;
  if (minutes < 60) return std::to_string(minutes) + " phút";
  const std::int64_t hours = minutes / 60;
  const std::int64_t rest = minutes % 60;
  return std::to_string(hours) + " giờ" + (rest ? " " + std::to_string(rest) + " phút" : "");
}

std::int64_t LoginThrottle::wait_seconds(const std::string& username, const std::string& address,
                                         std::int64_t now) {
  kd::storage::LoginFailures failures(pool_);
  const auto until = failures.blocked_until({account_key(username), address_key(address)});
  return until > now ? until - now : 0;
}

void LoginThrottle::failed(const std::string& username, const std::string& address,
                           std::int64_t now) {
  const auto& s = settings_;
  kd::storage::LoginFailures failures(pool_);
  failures.record_failure(account_key(username), now, s.login_max_delay_seconds, [&](int n) {
    return login_block_seconds(n, s.login_account_failures, s.login_delay_seconds,
                               s.login_max_delay_seconds);
  });
  failures.record_failure(address_key(address), now, s.login_max_delay_seconds, [&](int n) {
    return login_block_seconds(n, s.login_address_failures, s.login_delay_seconds,
                               s.login_max_delay_seconds);
  });
}

void LoginThrottle::succeeded(const std::string& username) {
  kd::storage::LoginFailures(pool_).clear(account_key(username));
}

}  // namespace kd::api
