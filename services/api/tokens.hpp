// Bearer tokens and digests. A token is 32 random bytes, base64url without
// padding; only its SHA-256 (hex) is stored, so a leaked table grants nothing.
#pragma once

#include <string>

namespace kd::api {

// Initialises libsodium once; safe to call from any thread, any number of times.
void ensure_sodium();

std::string new_token();
std::string random_hex(std::size_t bytes);
// A one-time password of `length` characters drawn uniformly from letters and digits that
// cannot be misread (no 0/O, 1/l/I), for an administrator to hand over.
std::string new_one_time_password(std::size_t length);

}  // namespace kd::api
