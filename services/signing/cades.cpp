#include "services/signing/cades.hpp"

#include <cstring>
#include <stdexcept>

#include <openssl/ess.h>

#include "services/signing/der.hpp"

namespace kd::signing {
namespace {

constexpr const char* kSignedDataOid = "1.2.840.113549.1.7.2";
constexpr const char* kDataOid = "1.2.840.113549.1.7.1";
constexpr const char* kSha256Oid = "2.16.840.1.101.3.4.2.1";
constexpr const char* kContentTypeOid = "1.2.840.113549.1.9.3";
constexpr const char* kMessageDigestOid = "1.2.840.113549.1.9.4";
constexpr const char* kSigningCertV2Oid = "1.2.840.113549.1.9.16.2.47";
constexpr const char* kRsaPssOid = "1.2.840.113549.1.1.10";
constexpr const char* kMgf1Oid = "1.2.840.113549.1.1.8";
constexpr const char* kEcdsaSha256Oid = "1.2.840.10045.4.3.2";

der::Bytes sha256_algorithm() { return der::sequence({der::oid(kSha256Oid)}); }

der::Bytes attribute(const char* type, const der::Bytes& value) {
  return der::sequence({der::oid(type), der::set_of({value})});
}

der::Bytes signature_algorithm_identifier(SignatureAlgorithm alg) {
  if (alg == SignatureAlgorithm::EcdsaP256Sha256) return der::sequence({der::oid(kEcdsaSha256Oid)});
  // RSASSA-PSS-params: SHA-256, MGF1 with SHA-256, salt 32, trailer 1 (default, omitted).
  const der::Bytes params = der::sequence({
      der::context_explicit(0, sha256_algorithm()),
      der::context_explicit(1, der::sequence({der::oid(kMgf1Oid), sha256_algorithm()})),
      der::context_explicit(2, der::integer(32)),
  });
  return der::sequence({der::oid(kRsaPssOid), params});
}

der::Bytes signing_certificate_v2(X509* cert) {
  ESS_SIGNING_CERT_V2* sc = OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), cert, nullptr, 1);
  if (sc == nullptr) throw CryptoError("signing-certificate-v2");
  const int n = i2d_ESS_SIGNING_CERT_V2(sc, nullptr);
  der::Bytes out(static_cast<std::size_t>(n > 0 ? n : 0), '\0');
  unsigned char* p = reinterpret_cast<unsigned char*>(out.data());
  i2d_ESS_SIGNING_CERT_V2(sc, &p);
  ESS_SIGNING_CERT_V2_free(sc);
  if (n <= 0) throw CryptoError("encoding signing-certificate-v2");
  return out;
}

der::Bytes issuer_and_serial(X509* cert) {
  const X509_NAME* issuer = X509_get_issuer_name(cert);
  unsigned char* name = nullptr;
  const int nn = i2d_X509_NAME(issuer, &name);
  unsigned char* serial = nullptr;
  const int ns = i2d_ASN1_INTEGER(X509_get0_serialNumber(cert), &serial);
  if (nn <= 0 || ns <= 0) {
    OPENSSL_free(name);
    OPENSSL_free(serial);
    throw CryptoError("issuer and serial number");
  }
  der::Bytes out = der::sequence({der::Bytes(reinterpret_cast<char*>(name), nn),
                                  der::Bytes(reinterpret_cast<char*>(serial), ns)});
  OPENSSL_free(name);
  OPENSSL_free(serial);
  return out;
}

}  // namespace

const char* algorithm_name(SignatureAlgorithm alg) {
  return alg == SignatureAlgorithm::RsaPssSha256 ? "RSASSA-PSS-SHA256" : "ECDSA-P256-SHA256";
}

SignatureAlgorithm algorithm_for(X509* cert) {
  EVP_PKEY* key = X509_get0_pubkey(cert);
  if (key == nullptr) throw std::invalid_argument("certificate without a usable public key");
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
      if (EVP_PKEY_get_bits(key) < 2048) throw std::invalid_argument("RSA key below 2048 bits");
      return SignatureAlgorithm::RsaPssSha256;
    case EVP_PKEY_EC: {
      char group[64] = {0};
      std::size_t len = 0;
      if (EVP_PKEY_get_group_name(key, group, sizeof group, &len) != 1 ||
          (std::strcmp(group, "prime256v1") != 0 && std::strcmp(group, "P-256") != 0))
        throw std::invalid_argument("ECDSA key not on P-256");
      return SignatureAlgorithm::EcdsaP256Sha256;
    }
    default:
      throw std::invalid_argument("key type not allowed for signing (RSA-PSS or ECDSA P-256)");
  }
}

Bytes signed_attributes(const Bytes& content_digest, X509* signer_cert) {
  if (content_digest.size() != 32) throw std::invalid_argument("content digest is not SHA-256");
  return der::set_of({
      attribute(kContentTypeOid, der::oid(kDataOid)),
      attribute(kMessageDigestOid, der::octet_string(content_digest)),
      attribute(kSigningCertV2Oid, signing_certificate_v2(signer_cert)),
  });
}

Bytes assemble_signed_data(X509* signer_cert, const std::vector<X509*>& chain,
                           const Bytes& signed_attributes_set, SignatureAlgorithm alg,
                           const Bytes& signature_value) {
  const der::Bytes signer_info = der::sequence({
      der::integer(1),
      issuer_and_serial(signer_cert),
      sha256_algorithm(),
      der::retag(signed_attributes_set, 0xA0),  // [0] IMPLICIT SET OF Attribute
      signature_algorithm_identifier(alg),
      der::octet_string(signature_value),
  });
  der::Bytes certificates = der_of(signer_cert);
  for (X509* c : chain) certificates += der_of(c);
  const der::Bytes signed_data = der::sequence({
      der::integer(1),
      der::set_of({sha256_algorithm()}),
      der::sequence({der::oid(kDataOid)}),  // detached: no eContent
      der::tlv(0xA0, certificates),         // [0] IMPLICIT CertificateSet
      der::set_of({signer_info}),
  });
  return der::sequence({der::oid(kSignedDataOid), der::context_explicit(0, signed_data)});
}

}  // namespace kd::signing
