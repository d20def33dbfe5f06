// Password hashing with libsodium's argon2id (memory-hard). The stored form is
// libsodium's self-describing string, so the cost can change without a migration.
#pragma once

#include <string>

namespace kd::api {

enum class PasswordCost {
  Interactive,  // production: crypto_pwhash_*_INTERACTIVE (64 MiB, 2 passes)
  Minimal,      // tests only: the smallest parameters libsodium accepts
};

// Throws std::runtime_error when libsodium cannot hash (out of memory).
std::string hash_password(const std::string& password,
                          PasswordCost cost = PasswordCost::Interactive);

// Constant-time check against a stored hash; false for a malformed hash.
bool verify_password(const std::string& password, const std::string& stored_hash);

}  // namespace kd::api
