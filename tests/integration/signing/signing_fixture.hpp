// Shared by the signing tests: test PDFs made with PoDoFo, a test PKI, temporary
// directories, and running the independent verifiers (pdfsig with an NSS database,
// qpdf, openssl) as separate processes.
#pragma once

#include <string>

#include "services/signing/certificate_authority.hpp"
#include "services/signing/key_vault.hpp"
#include "services/signing/pdf_signature.hpp"
#include "services/signing/verification.hpp"

namespace kd::signing::testing {

// A PDF with `pages` A4 pages of Vietnamese text (Liberation Serif, subset embedded).
Bytes make_test_pdf(int pages);

// One CA and signers; keys are made once per process (RSA key generation is slow).
struct TestPki {
  Identity ca;
  Identity secretary;  // ECDSA P-256, "Ngô Thị Phương Thảo"
  Identity chair;      // RSA-2048 (RSASSA-PSS), "Lê Minh Tuấn"
  Identity expired;    // valid until yesterday
  Identity not_yet;    // valid from tomorrow
  Identity stranger;   // issued by another CA
  long long now = 0;
  TrustAnchors anchors() const;
  UnlockedKey unlocked(const Identity&) const;  // with the CA as chain
};
const TestPki& pki();

PdfSignatureRequest request_for(const std::string& role, const Identity&, long long when);

struct TempDir {
  TempDir();
  ~TempDir();
  std::string path;
  std::string file(const std::string& name) const { return path + "/" + name; }
};

void write_file(const std::string& path, const Bytes& data);
Bytes read_file(const std::string& path);

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};
CommandResult run(const std::string& command);
std::string quote(const std::string& arg);  // for the shell

// An NSS database in `dir` holding `ca` as a trusted root (certutil), as "sql:<dir>/nss".
std::string nss_database(const TempDir& dir, X509* ca);

}  // namespace kd::signing::testing

namespace kd::signing::testing {

// An incremental update that is not a signature: text appended to page 1's contents.
Bytes append_content_revision(const Bytes& pdf);

// PEM of a private key, unencrypted (the test plays an external token with the openssl CLI).
std::string private_key_pem(EVP_PKEY*);

}  // namespace kd::signing::testing
