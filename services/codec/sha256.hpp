// SHA-256 through OpenSSL's EVP interface, as lowercase hex: the one digest of the program
// (audit chain, stored files and snapshots, tokens, request fingerprints, ETags).
#pragma once

#include <string>
#include <string_view>

namespace kd::codec {

std::string sha256_hex(std::string_view data);

}  // namespace kd::codec
