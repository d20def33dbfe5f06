#include "services/signing/key_signing.hpp"

#include <openssl/rsa.h>

namespace kd::signing {
namespace {

void set_pss(EVP_PKEY_CTX* pctx) {
  if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) <= 0 ||
      EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 32) <= 0 ||
      EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) <= 0)
    throw CryptoError("RSASSA-PSS parameters");
}

}  // namespace

Bytes sign_data(EVP_PKEY* key, SignatureAlgorithm alg, std::string_view data) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key) != 1)
    throw CryptoError("starting a signature");
  if (alg == SignatureAlgorithm::RsaPssSha256) set_pss(pctx);
  std::size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(data.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &len, in, data.size()) != 1)
    throw CryptoError("sizing a signature");
  Bytes out(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, in,
                     data.size()) != 1)
    throw CryptoError("signing");
  out.resize(len);
  return out;
}

bool verify_data(X509* cert, SignatureAlgorithm alg, std::string_view data,
                 const Bytes& signature) {
  EVP_PKEY* key = X509_get0_pubkey(cert);
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (key == nullptr || !ctx ||
      EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key) != 1) {
    take_openssl_errors();
    return false;
  }
  if (alg == SignatureAlgorithm::RsaPssSha256) set_pss(pctx);
  const int rc = EVP_DigestVerify(
      ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
      reinterpret_cast<const unsigned char*>(data.data()), data.size());
  take_openssl_errors();
  return rc == 1;
}

}  // namespace kd::signing
