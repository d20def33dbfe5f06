// The local test CA kept on disk (`kiemdiem ca init`, the demo): <dir>/ca.pem (the root),
// <dir>/ca.key.pem (its key, AES-256 under a passphrase), <dir>/crl.pem and
// <dir>/revoked.txt (serials it revoked), and per person <dir>/people/USER.p12 (the key
// and certificate sealed under the signing PIN) and USER.pem (the certificate).
// Opening is idempotent: an existing root is kept; a person's files are reissued only
// when they are missing or were issued by another root.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "services/signing/certificate_authority.hpp"

namespace kd::signing {

// The organisation named in the test CA's certificates.
inline constexpr const char* kLocalCaOrganisation = "Sở Nội vụ tỉnh Phú Thọ";

// KIEMDIEM_CA_PASSPHRASE, else the demo passphrase.
std::string local_ca_passphrase();

struct LocalCa {
  std::filesystem::path dir;
  Identity ca;
  bool created = false;  // made by this call
};

// Opens the CA in `dir`, creating the root (ECDSA P-256, 10 years) when there is none.
// Throws std::runtime_error when the existing key cannot be opened with the passphrase.
LocalCa open_local_ca(const std::filesystem::path& dir, long long now);

struct PersonCredential {
  X509Ptr cert;
  Bytes p12;             // sealed under the PIN it was issued with
  bool issued = false;   // new files written by this call
  bool revoked = false;  // on this CA's revocation list (kept: delete the files to reissue)
  long serial = 0;
};

// The person's certificate and sealed key from <dir>/people/USER.*, issued (valid one year,
// `type`, sealed under `pin`) when missing or not issued by this CA's root.
PersonCredential person_credential(const LocalCa&, const std::string& username,
                                   const SubjectFields&, KeyType type, const std::string& pin,
                                   long long now);

// Adds the certificate's serial to revoked.txt and rewrites the CRL (valid 30 days).
void revoke_in_local_ca(const LocalCa&, X509* cert, long long now);
// Rewrites crl.pem from revoked.txt.
void write_local_crl(const LocalCa&, long long now);

}  // namespace kd::signing
