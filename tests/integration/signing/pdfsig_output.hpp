// pdfsig (poppler), the second opinion: its report on a file, split per signature.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "tests/integration/signing/signing_fixture.hpp"

namespace kd::signing::testing {

struct PdfsigSignature {
  std::string field;        // "Signature Field Name"
  std::string signer;       // "Signer Certificate Common Name"
  std::string validation;   // "Signature is Valid." ...
  std::string certificate;  // "Certificate is Trusted." ...
  bool total_document = false;
};

struct PdfsigOutput {
  int exit_code = -1;
  std::string text;
  std::vector<PdfsigSignature> signatures;
};

inline std::string pdfsig_value(const std::string& line, const std::string& label) {
  const auto at = line.find(label);
  if (at == std::string::npos) return "";
  std::string v = line.substr(at + label.size());
  while (!v.empty() && (v.back() == '\r' || v.back() == ' ')) v.pop_back();
  return v;
}

// pdfsig on `pdf` with an NSS database trusting `ca`.
inline PdfsigOutput pdfsig(const TempDir& dir, X509* ca, const Bytes& pdf) {
  const std::string nss = nss_database(dir, ca);
  write_file(dir.file("pdfsig.pdf"), pdf);
  const auto r = run("pdfsig -nssdir " + quote(nss) + " " + quote(dir.file("pdfsig.pdf")));
  PdfsigOutput out;
  out.exit_code = r.exit_code;
  out.text = r.output;
  std::istringstream in(r.output);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("Signature #", 0) == 0) {
      out.signatures.emplace_back();
      continue;
    }
    if (out.signatures.empty()) continue;
    auto& s = out.signatures.back();
    if (auto v = pdfsig_value(line, "- Signature Field Name: "); !v.empty()) s.field = v;
    if (auto v = pdfsig_value(line, "- Signer Certificate Common Name: "); !v.empty()) s.signer = v;
    if (auto v = pdfsig_value(line, "- Signature Validation: "); !v.empty()) s.validation = v;
    if (auto v = pdfsig_value(line, "- Certificate Validation: "); !v.empty()) s.certificate = v;
    if (line.find("- Total document signed") != std::string::npos) s.total_document = true;
  }
  return out;
}

}  // namespace kd::signing::testing
