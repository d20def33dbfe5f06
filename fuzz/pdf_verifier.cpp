// The whole verifier (kiemdiem verify, GET /documents/{id}/verification) on arbitrary bytes,
// with the test CA of the seed corpus as trust anchor and its revocation list, so that
// mutations of the seeds reach the CMS, chain and revocation checks. verify_pdf answers
// every input with a report (never throws); the report renders as JSON and Vietnamese text.
#include <Poco/JSON/Stringifier.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "services/signing/certificate_authority.hpp"
#include "services/signing/verification.hpp"

namespace {

namespace sg = kd::signing;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const sg::TrustAnchors& anchors() {
  static const sg::TrustAnchors a = [] {
    sg::TrustAnchors t;
    const std::string dir = std::string(KD_SOURCE_DIR) + "/fuzz/pki/";
    t.roots = sg::certs_from_pem(read_text(dir + "ca.pem"));
    if (auto crl = sg::crl_from_pem(read_text(dir + "crl.pem"))) t.crls.push_back(std::move(crl));
    return t;
  }();
  return a;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string pdf(reinterpret_cast<const char*>(data), size);
  // The seeds are signed in 2026; check as of then.
  const auto report = sg::verify_pdf(pdf, anchors(), 1767225600);
  std::ostringstream json;
  Poco::JSON::Stringifier::stringify(sg::report_json(report), json);
  const std::string text = sg::report_text_vi(report);
  if (report.ok() && report.signatures.empty()) __builtin_trap();
  return 0;
}
