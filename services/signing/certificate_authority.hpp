// A local test certificate authority (`kiemdiem ca init`): one self-signed root that
// issues signing certificates to people (Vietnamese names in UTF-8 in the subject),
// and a CRL of the certificates it revoked. The production trust anchor is the
// Government CA (Ban Cơ yếu Chính phủ); this CA exists for the demo and the tests.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <openssl/x509.h>

#include "services/signing/openssl_util.hpp"

namespace kd::signing {

enum class KeyType { Rsa2048, EcdsaP256 };

const char* key_type_name(KeyType);  // "rsa2048" | "ecdsa-p256"
std::optional<KeyType> parse_key_type(const std::string&);

PkeyPtr generate_key(KeyType);

struct Identity {
  X509Ptr cert;
  PkeyPtr key;
};

struct SubjectFields {
  std::string common_name;   // "Ngô Thị Phương Thảo"
  std::string organisation;  // "Sở Nội vụ tỉnh Hòa Bình"
  std::string unit;          // organizational unit, optional
  std::string user_id;       // UID, optional: "kiemdiem:person:4"
};

// A self-signed root (CA:TRUE, keyCertSign, cRLSign).
Identity create_root(const SubjectFields&, KeyType, long long not_before, long long not_after);

// An end-entity signing certificate (CA:FALSE, digitalSignature + nonRepudiation).
Identity issue_certificate(const Identity& ca, const SubjectFields&, KeyType, long serial,
                           long long not_before, long long not_after);

// A CRL signed by the CA listing `revoked_serials`, valid from `now` for `days`.
CrlPtr make_crl(const Identity& ca, const std::vector<long>& revoked_serials, long long now,
                int days);
std::string pem_of_crl(X509_CRL*);
CrlPtr crl_from_pem(std::string_view pem);

// PEM of a private key encrypted with AES-256 under `passphrase` (for the CA's own key).
std::string encrypted_key_pem(EVP_PKEY*, const std::string& passphrase);
PkeyPtr key_from_pem(std::string_view pem, const std::string& passphrase);  // null on failure

}  // namespace kd::signing
