#include "services/storage/login_failures.hpp"

#include "services/storage/sql_login.hpp"

namespace kd::storage {
namespace {

namespace q = sql_login;

// A text[] literal of the items, each quoted ("..." with " and \ escaped).
std::string text_array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i ? ",\"" : "\"";
    for (const char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace

std::int64_t LoginFailures::blocked_until(const std::vector<ThrottleKey>& keys) {
  std::vector<std::string> scopes, names;
  for (const auto& k : keys) {
    scopes.push_back(k.scope);
    names.push_back(k.key);
  }
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  return t.exec_params1(std::string(q::kBlockedUntil), text_array(scopes), text_array(names))[0]
      .as<std::int64_t>();
}

int LoginFailures::record_failure(const ThrottleKey& key, std::int64_t now,
                                  std::int64_t forget_after_seconds,
                                  const std::function<std::int64_t(int)>& block) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "record_login_failure");
  w.exec_params0(std::string(q::kForgetOld), now, forget_after_seconds);
  const int failures = w.exec_params1(std::string(q::kCountFailure), key.scope, key.key, now,
                                      forget_after_seconds)[0]
                           .as<int>();
  const std::int64_t seconds = block(failures);
  if (seconds > 0) w.exec_params0(std::string(q::kBlock), key.scope, key.key, now + seconds);
  w.commit();
  return failures;
}

void LoginFailures::clear(const ThrottleKey& key) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "clear_login_failures");
  w.exec_params0(std::string(q::kClear), key.scope, key.key);
  w.commit();
}

}  // namespace kd::storage
