#include "services/signing/key_vault.hpp"

#include <openssl/pkcs12.h>

namespace kd::signing {
namespace {
constexpr int kIterations = 20000;  // PBKDF2 rounds for the key bag and the MAC
}

Bytes seal_pkcs12(X509* cert, EVP_PKEY* key, const std::vector<X509*>& chain,
                  const std::string& pin, const std::string& friendly_name) {
  CertStackPtr ca(sk_X509_new_null());
  for (X509* c : chain) {
    X509_up_ref(c);
    sk_X509_push(ca.get(), c);
  }
  PKCS12* p12 =
      PKCS12_create_ex(pin.c_str(), friendly_name.c_str(), key, cert, ca.get(), NID_aes_256_cbc,
                       NID_aes_256_cbc, kIterations, kIterations, 0, nullptr, nullptr);
  if (p12 == nullptr) throw CryptoError("creating a PKCS#12 container");
  const int n = i2d_PKCS12(p12, nullptr);
  Bytes out(static_cast<std::size_t>(n > 0 ? n : 0), '\0');
  unsigned char* p = reinterpret_cast<unsigned char*>(out.data());
  i2d_PKCS12(p12, &p);
  PKCS12_free(p12);
  if (n <= 0) throw CryptoError("encoding a PKCS#12 container");
  return out;
}

std::optional<UnlockedKey> unlock_pkcs12(const Bytes& der, const std::string& pin) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  PKCS12* p12 = d2i_PKCS12(nullptr, &p, static_cast<long>(der.size()));
  if (p12 == nullptr) {
    take_openssl_errors();
    return std::nullopt;
  }
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  const int ok = PKCS12_parse(p12, pin.c_str(), &key, &cert, &ca);
  PKCS12_free(p12);
  take_openssl_errors();
  if (ok != 1 || key == nullptr || cert == nullptr) {
    EVP_PKEY_free(key);
    X509_free(cert);
    sk_X509_pop_free(ca, X509_free);
    return std::nullopt;
  }
  UnlockedKey out;
  out.cert.reset(cert);
  out.key.reset(key);
  while (ca != nullptr && sk_X509_num(ca) > 0) out.chain.emplace_back(sk_X509_shift(ca));
  sk_X509_free(ca);
  return out;
}

}  // namespace kd::signing
