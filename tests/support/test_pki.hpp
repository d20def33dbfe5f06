// A test PKI for the signing tests: one CA and signers of every kind a test needs. Keys are made
// once per process (RSA key generation is slow).
#pragma once

#include "services/signing/certificate_authority.hpp"
#include "services/signing/key_vault.hpp"
#include "services/signing/verification.hpp"

namespace kd::testing {

struct TestPki {
  kd::signing::Identity ca;
  kd::signing::Identity secretary;  // ECDSA P-256, "Ngô Thị Phương Thảo"
  kd::signing::Identity chair;      // RSA-2048 (RSASSA-PSS), "Lê Minh Tuấn"
  kd::signing::Identity expired;    // valid until yesterday
  kd::signing::Identity not_yet;    // valid from tomorrow
  kd::signing::Identity stranger;   // issued by another CA
  long long now = 0;
  kd::signing::TrustAnchors anchors() const;
  kd::signing::UnlockedKey unlocked(const kd::signing::Identity&) const;  // with the CA as chain
};
const TestPki& pki();

// A CA valid for a year around `now` and a person's ECDSA certificate from it (tests whose
// clock is not the real one: the API tests run at 2026-11-20).
kd::signing::Identity test_ca(long long now);
kd::signing::Identity test_person(const kd::signing::Identity& ca, const std::string& name,
                                  long serial, long long now);

}  // namespace kd::testing
