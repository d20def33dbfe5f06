#include "services/api/idempotency.hpp"

#include <algorithm>

#include "services/api/tokens.hpp"
#include "services/codec/sha256.hpp"

namespace kd::api {

std::string idempotency_key(const Exchange& ex) {
  const auto key = ex.header("Idempotency-Key");
  if (!key) return {};
  const bool ok =
      !key->empty() && key->size() <= 200 &&
      std::all_of(key->begin(), key->end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; });
  if (!ok) {
    fail(400, "invalid_idempotency_key",
         "Tiêu đề Idempotency-Key phải gồm 1–200 ký tự ASCII in được, không có khoảng trắng.");
  }
  return *key;
}

std::string request_fingerprint(Exchange& ex) {
  return kd::codec::sha256_hex(ex.method() + "\n" + ex.path() + "\n" + ex.body());
}

}  // namespace kd::api
