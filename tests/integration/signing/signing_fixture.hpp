// Shared by the signing tests: test PDFs made with PoDoFo, signature requests, an NSS database
// for pdfsig (the PKI, temporary directories and commands are tests/support's).
#pragma once

#include <string>

#include "services/signing/certificate_authority.hpp"
#include "services/signing/key_vault.hpp"
#include "services/signing/pdf_signature.hpp"
#include "services/signing/verification.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_pki.hpp"

namespace kd::signing::testing {

// A PDF with `pages` A4 pages of Vietnamese text (Liberation Serif, subset embedded).
Bytes make_test_pdf(int pages);

// The test PKI, temporary directories and commands: tests/support.
using kd::testing::CommandResult;
using kd::testing::pki;
using kd::testing::quote;
using kd::testing::read_file;
using kd::testing::run;
using kd::testing::TempDir;
using kd::testing::TestPki;
using kd::testing::write_file;

PdfSignatureRequest request_for(const std::string& role, const Identity&, long long when);

// An NSS database in `dir` holding `ca` as a trusted root (certutil), as "sql:<dir>/nss".
std::string nss_database(const TempDir& dir, X509* ca);

}  // namespace kd::signing::testing

namespace kd::signing::testing {

// An incremental update that is not a signature: text appended to page 1's contents.
Bytes append_content_revision(const Bytes& pdf);

// PEM of a private key, unencrypted (the test plays an external token with the openssl CLI).
std::string private_key_pem(EVP_PKEY*);

}  // namespace kd::signing::testing
