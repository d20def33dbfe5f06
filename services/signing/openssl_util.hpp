// Small RAII wrappers and helpers around OpenSSL 3 for the signing adapter.
// Binary data travels as std::string (bytes, not text).
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace kd::signing {

using Bytes = std::string;

struct OpenSslDeleter {
  void operator()(X509* p) const { X509_free(p); }
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(X509_STORE* p) const { X509_STORE_free(p); }
  void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); }
  void operator()(X509_CRL* p) const { X509_CRL_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
  void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
};
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter>;
using StorePtr = std::unique_ptr<X509_STORE, OpenSslDeleter>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, OpenSslDeleter>;
using CrlPtr = std::unique_ptr<X509_CRL, OpenSslDeleter>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter>;
using CertStackPtr = std::unique_ptr<STACK_OF(X509), OpenSslDeleter>;

// A failure inside OpenSSL (infrastructure, not an expected refusal).
struct CryptoError : std::runtime_error {
  explicit CryptoError(const std::string& what);  // appends and clears OpenSSL's error queue
};

// The OpenSSL error queue as text, then cleared.
std::string take_openssl_errors();

Bytes sha256(std::string_view data);
std::string to_hex(std::string_view bytes);        // lowercase
std::string to_upper_hex(std::string_view bytes);  // for the PDF /Contents string
// Hex to bytes; std::nullopt-like failure signalled by returning false.
bool from_hex(std::string_view hex, Bytes* out);
std::string base64_encode(std::string_view bytes);
bool base64_decode(std::string_view text, Bytes* out);

Bytes der_of(X509*);
X509Ptr cert_from_der(std::string_view der);                // null when malformed
X509Ptr cert_from_pem(std::string_view pem);                // null when malformed
std::vector<X509Ptr> certs_from_pem(std::string_view pem);  // every certificate in the text
std::string pem_of(X509*);
// SHA-256 of the DER certificate, lowercase hex.
std::string cert_fingerprint(X509*);
// The subject common name (UTF-8), or the one-line subject when there is none.
std::string subject_common_name(X509*);
std::string subject_text(X509*);  // RFC 2253, UTF-8
std::string issuer_text(X509*);
std::string serial_hex(X509*);
// ASN1_TIME to epoch seconds (UTC).
long long epoch_of(const ASN1_TIME*);

}  // namespace kd::signing
