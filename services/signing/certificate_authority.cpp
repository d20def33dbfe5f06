#include "services/signing/certificate_authority.hpp"

#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace kd::signing {
namespace {

void add_entry(X509_NAME* name, const char* field, const std::string& value) {
  if (value.empty()) return;
  if (X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                 0) != 1)
    throw CryptoError(std::string("subject field ") + field);
}

X509_NAME* make_name(const SubjectFields& s) {
  X509_NAME* name = X509_NAME_new();
  add_entry(name, "C", "VN");
  add_entry(name, "O", s.organisation);
  add_entry(name, "OU", s.unit);
  add_entry(name, "CN", s.common_name);
  add_entry(name, "UID", s.user_id);
  return name;
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr || X509_add_ext(cert, ext, -1) != 1) {
    X509_EXTENSION_free(ext);
    throw CryptoError(std::string("certificate extension ") + value);
  }
  X509_EXTENSION_free(ext);
}

X509Ptr new_cert(long serial, long long not_before, long long not_after, EVP_PKEY* subject_key,
                 const SubjectFields& subject) {
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(not_before));
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(not_after));
  X509_set_pubkey(cert.get(), subject_key);
  X509_NAME* name = make_name(subject);
  X509_set_subject_name(cert.get(), name);
  X509_NAME_free(name);
  return cert;
}

void sign_cert(X509* cert, EVP_PKEY* ca_key) {
  if (X509_sign(cert, ca_key, EVP_sha256()) <= 0) throw CryptoError("signing a certificate");
}

}  // namespace

const char* key_type_name(KeyType t) { return t == KeyType::Rsa2048 ? "rsa2048" : "ecdsa-p256"; }

std::optional<KeyType> parse_key_type(const std::string& s) {
  if (s == "rsa2048") return KeyType::Rsa2048;
  if (s == "ecdsa-p256") return KeyType::EcdsaP256;
  return std::nullopt;
}

PkeyPtr generate_key(KeyType t) {
  EVP_PKEY* key = t == KeyType::Rsa2048 ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256");
  if (key == nullptr) throw CryptoError("generating a key");
  return PkeyPtr(key);
}

Identity create_root(const SubjectFields& subject, KeyType type, long long not_before,
                     long long not_after) {
  Identity ca;
  ca.key = generate_key(type);
  ca.cert = new_cert(1, not_before, not_after, ca.key.get(), subject);
  X509_set_issuer_name(ca.cert.get(), X509_get_subject_name(ca.cert.get()));
  add_ext(ca.cert.get(), ca.cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_ext(ca.cert.get(), ca.cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_ext(ca.cert.get(), ca.cert.get(), NID_subject_key_identifier, "hash");
  sign_cert(ca.cert.get(), ca.key.get());
  return ca;
}

Identity issue_certificate(const Identity& ca, const SubjectFields& subject, KeyType type,
                           long serial, long long not_before, long long not_after) {
  Identity id;
  id.key = generate_key(type);
  id.cert = new_cert(serial, not_before, not_after, id.key.get(), subject);
  X509_set_issuer_name(id.cert.get(), X509_get_subject_name(ca.cert.get()));
  add_ext(id.cert.get(), ca.cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_ext(id.cert.get(), ca.cert.get(), NID_key_usage, "critical,digitalSignature,nonRepudiation");
  add_ext(id.cert.get(), ca.cert.get(), NID_subject_key_identifier, "hash");
  add_ext(id.cert.get(), ca.cert.get(), NID_authority_key_identifier, "keyid:always");
  sign_cert(id.cert.get(), ca.key.get());
  return id;
}

CrlPtr make_crl(const Identity& ca, const std::vector<long>& revoked, long long now, int days) {
  CrlPtr crl(X509_CRL_new());
  X509_CRL_set_version(crl.get(), 1);
  X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ca.cert.get()));
  ASN1_TIME* t = ASN1_TIME_set(nullptr, static_cast<time_t>(now));
  ASN1_TIME* next = ASN1_TIME_set(nullptr, static_cast<time_t>(now + days * 86400LL));
  X509_CRL_set1_lastUpdate(crl.get(), t);
  X509_CRL_set1_nextUpdate(crl.get(), next);
  for (long serial : revoked) {
    X509_REVOKED* r = X509_REVOKED_new();
    ASN1_INTEGER* s = ASN1_INTEGER_new();
    ASN1_INTEGER_set(s, serial);
    X509_REVOKED_set_serialNumber(r, s);
    X509_REVOKED_set_revocationDate(r, t);
    X509_CRL_add0_revoked(crl.get(), r);
    ASN1_INTEGER_free(s);
  }
  ASN1_TIME_free(t);
  ASN1_TIME_free(next);
  X509_CRL_sort(crl.get());
  if (X509_CRL_sign(crl.get(), ca.key.get(), EVP_sha256()) <= 0) throw CryptoError("signing a CRL");
  return crl;
}

std::string pem_of_crl(X509_CRL* crl) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509_CRL(bio.get(), crl);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

CrlPtr crl_from_pem(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  CrlPtr crl(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
  if (!crl) take_openssl_errors();
  return crl;
}

std::string encrypted_key_pem(EVP_PKEY* key, const std::string& passphrase) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_PKCS8PrivateKey(bio.get(), key, EVP_aes_256_cbc(), passphrase.data(),
                                    static_cast<int>(passphrase.size()), nullptr, nullptr) != 1)
    throw CryptoError("encrypting a private key");
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

PkeyPtr key_from_pem(std::string_view pem, const std::string& passphrase) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  PkeyPtr key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, const_cast<char*>(passphrase.c_str())));
  if (!key) take_openssl_errors();
  return key;
}

}  // namespace kd::signing
