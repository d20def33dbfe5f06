#include "services/api/tokens.hpp"

#include <stdexcept>
#include <vector>

#include <sodium.h>

namespace kd::api {

void ensure_sodium() {
  static const int rc = sodium_init();
  if (rc < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string new_token() {
  ensure_sodium();
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::vector<char> out(sodium_base64_encoded_len(sizeof raw, variant));
  sodium_bin2base64(out.data(), out.size(), raw, sizeof raw, variant);
  return std::string(out.data());
}

std::string random_hex(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::vector<char> out(bytes * 2 + 1);
  sodium_bin2hex(out.data(), out.size(), raw.data(), raw.size());
  return std::string(out.data());
}

std::string new_one_time_password(std::size_t length) {
  ensure_sodium();
  static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  constexpr std::uint32_t kSize = sizeof kAlphabet - 1;
  std::string out;
  for (std::size_t i = 0; i < length; ++i) out.push_back(kAlphabet[randombytes_uniform(kSize)]);
  return out;
}

}  // namespace kd::api
