// kiemdiem verify FILE.pdf [--json]: every signature of a PDF, checked against the
// configured trust anchors, reported in Vietnamese (or as JSON with stable codes).
#include <Poco/JSON/Stringifier.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "services/app/commands.hpp"
#include "services/config/settings.hpp"
#include "services/signing/signing_settings.hpp"
#include "services/signing/verification.hpp"

namespace kd::app {

namespace {
constexpr const char* kUsage =
    "Usage: kiemdiem [--config FILE] verify FILE.pdf [--json]\n\n"
    "Verifies every digital signature of a PDF (PAdES ETSI.CAdES.detached or\n"
    "adbe.pkcs7.detached): integrity of the signed bytes, whether the signature covers the\n"
    "whole document or later revisions were added (and whether they only add signatures),\n"
    "the signer, the certificate chain to the trust anchors (signing.trust_anchors, default\n"
    "<data.dir>/ca/ca.pem) and its validity at the signing time. Prints a report in\n"
    "Vietnamese, or JSON with --json. Exit code 0 when every signature is valid, 1 otherwise\n"
    "(also for an unreadable file), 2 for bad usage.\n";
}

int verify_pdf_command(const CommandLine& cl) {
  std::string file;
  bool json = false;
  for (const auto& a : cl.args) {
    if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return 0;
    }
    if (a == "--json") {
      json = true;
    } else if (file.empty() && !a.empty() && a[0] != '-') {
      file = a;
    } else {
      std::cerr << "kiemdiem: unexpected argument '" << a << "'\n\n" << kUsage;
      return 2;
    }
  }
  if (file.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  const auto settings = kd::config::load_settings(cl.config_file);
  const auto signing = kd::signing::load_signing_settings(cl.config_file, settings.data_dir);
  const auto anchors = kd::signing::load_trust_anchors(signing);
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "kiemdiem: không đọc được tệp " << file << "\n";
    return 1;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  const auto report = kd::signing::verify_pdf(bytes.str(), anchors, now);
  if (json) {
    Poco::JSON::Stringifier::stringify(kd::signing::report_json(report), std::cout, 2);
    std::cout << "\n";
  } else {
    if (anchors.roots.empty())
      std::cout << "Chú ý: chưa cấu hình tổ chức tin cậy (signing.trust_anchors).\n";
    std::cout << kd::signing::report_text_vi(report);
  }
  return report.ok() ? 0 : 1;
}

}  // namespace kd::app
