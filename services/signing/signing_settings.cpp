#include "services/signing/signing_settings.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/StringTokenizer.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "services/signing/certificate_authority.hpp"

namespace kd::signing {
namespace {

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> out;
  Poco::StringTokenizer t(
      list, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (const auto& s : t) out.push_back(s);
  return out;
}

std::string read_text(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string(what) + ": cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

SigningSettings load_signing_settings(const std::string& config_file, const std::string& data_dir) {
  SigningSettings s;
  s.ca_dir = (std::filesystem::path(data_dir) / "ca").string();
  std::string anchors, crls;
  if (!config_file.empty()) {
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> conf(
        new Poco::Util::PropertyFileConfiguration(config_file));
    const std::string dir = conf->getString("signing.ca_dir", "");
    if (!dir.empty()) s.ca_dir = dir;
    anchors = conf->getString("signing.trust_anchors", "");
    crls = conf->getString("signing.crls", "");
  }
  if (const char* env = std::getenv("KIEMDIEM_SIGNING_TRUST_ANCHORS")) anchors = env;
  s.trust_anchor_files = split(anchors);
  s.crl_files = split(crls);
  const std::string default_root = s.ca_dir + "/ca.pem";
  if (s.trust_anchor_files.empty() && std::filesystem::exists(default_root))
    s.trust_anchor_files.push_back(default_root);
  const std::string default_crl = s.ca_dir + "/crl.pem";
  if (s.crl_files.empty() && std::filesystem::exists(default_crl))
    s.crl_files.push_back(default_crl);
  return s;
}

TrustAnchors load_trust_anchors(const SigningSettings& s) {
  TrustAnchors a;
  for (const auto& f : s.trust_anchor_files) {
    auto certs = certs_from_pem(read_text(f, "signing.trust_anchors"));
    if (certs.empty()) throw std::runtime_error("signing.trust_anchors: no certificate in " + f);
    for (auto& c : certs) a.roots.push_back(std::move(c));
  }
  for (const auto& f : s.crl_files) {
    auto crl = crl_from_pem(read_text(f, "signing.crls"));
    if (!crl) throw std::runtime_error("signing.crls: no CRL in " + f);
    a.crls.push_back(std::move(crl));
  }
  return a;
}

TrustAnchors share(const TrustAnchors& anchors) {
  TrustAnchors out;
  for (const auto& c : anchors.roots) {
    X509_up_ref(c.get());
    out.roots.emplace_back(c.get());
  }
  for (const auto& l : anchors.crls) {
    X509_CRL_up_ref(l.get());
    out.crls.emplace_back(l.get());
  }
  return out;
}

SigningTrust load_signing_trust(const std::string& config_file, const std::string& data_dir) {
  SigningTrust trust;
  try {
    auto anchors = load_trust_anchors(load_signing_settings(config_file, data_dir));
    if (anchors.roots.empty()) throw std::runtime_error("signing.trust_anchors is empty");
    trust.anchors = std::move(anchors);
  } catch (const std::runtime_error& e) {
    trust.unavailable = e.what();
  }
  return trust;
}

}  // namespace kd::signing
