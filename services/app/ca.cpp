// kiemdiem ca init | ca revoke USERNAME: the local test CA of the demo. `init` creates the
// root (<ca_dir>/ca.pem, its key encrypted under KIEMDIEM_CA_PASSPHRASE) and issues every
// demo person a signing certificate (Vietnamese name in UTF-8 as CN) with the key in a
// PKCS#12 container encrypted under the person's signing PIN (<ca_dir>/people/USER.p12).
// `revoke` adds the person's certificate to the CA's CRL (<ca_dir>/crl.pem).
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "services/app/commands.hpp"
#include "services/config/settings.hpp"
#include "services/signing/certificate_authority.hpp"
#include "services/signing/key_vault.hpp"
#include "services/signing/signing_settings.hpp"

namespace kd::app {
namespace {

namespace fs = std::filesystem;
using namespace kd::signing;

constexpr const char* kUsage =
    "Usage: kiemdiem [--config FILE] ca init [--key-type ecdsa-p256|rsa2048] [--pin PIN]\n"
    "       kiemdiem [--config FILE] ca revoke USERNAME\n\n"
    "The local TEST certificate authority of the demo (the production trust anchor is the\n"
    "Government CA). `init` creates the root in signing.ca_dir (default <data.dir>/ca) and\n"
    "issues each demo person a signing certificate and key; each key is stored in a PKCS#12\n"
    "container encrypted under the signing PIN (default 123456 for the demo; never logged).\n"
    "The CA key is encrypted under KIEMDIEM_CA_PASSPHRASE (default: a demo passphrase).\n"
    "`revoke` puts a person's certificate on the CA's CRL (signing.crls picks it up).\n"
    "Idempotent: an existing CA and existing people's keys are kept.\n";

long long now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string passphrase() {
  const char* p = std::getenv("KIEMDIEM_CA_PASSPHRASE");
  return p != nullptr && *p != '\0' ? p : "kiemdiem-demo-ca";
}

void write_private(const fs::path& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  ::chmod(path.c_str(), 0600);
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Identity load_ca(const fs::path& dir) {
  Identity ca;
  ca.cert = cert_from_pem(read_all(dir / "ca.pem"));
  ca.key = key_from_pem(read_all(dir / "ca.key.pem"), passphrase());
  if (!ca.cert || !ca.key)
    throw std::runtime_error("cannot open the CA in " + dir.string() +
                             " (wrong KIEMDIEM_CA_PASSPHRASE?)");
  return ca;
}

std::vector<long> revoked_serials(const fs::path& dir) {
  std::vector<long> out;
  std::ifstream in(dir / "revoked.txt");
  long s = 0;
  while (in >> s) out.push_back(s);
  return out;
}

void write_crl(const fs::path& dir, const Identity& ca) {
  const auto crl = make_crl(ca, revoked_serials(dir), now_seconds(), 30);
  write_private(dir / "crl.pem", pem_of_crl(crl.get()));
  ::chmod((dir / "crl.pem").c_str(), 0644);
}

int init(const fs::path& dir, KeyType type, const std::string& pin) {
  fs::create_directories(dir / "people");
  ::chmod(dir.c_str(), 0700);
  const long long now = now_seconds();
  const long long day = 86400;
  Identity ca;
  if (fs::exists(dir / "ca.pem")) {
    ca = load_ca(dir);
    std::cout << "CA thử nghiệm đã có: " << subject_common_name(ca.cert.get()) << "\n";
  } else {
    ca = create_root(
        {"Kiểm điểm — CA thử nghiệm (không dùng thật)", "Sở Nội vụ tỉnh Hòa Bình", "", ""},
        KeyType::EcdsaP256, now - day, now + 10 * 365 * day);
    write_private(dir / "ca.key.pem", encrypted_key_pem(ca.key.get(), passphrase()));
    write_private(dir / "ca.pem", pem_of(ca.cert.get()));
    ::chmod((dir / "ca.pem").c_str(), 0644);
    std::cout << "Đã tạo CA thử nghiệm: " << dir / "ca.pem"
              << "\n";
  }
  long serial = 100;
  for (const auto& e : fs::directory_iterator(dir / "people"))
    if (e.path().extension() == ".p12") ++serial;
  for (const auto& login : kd::demo::demo_logins()) {
    const fs::path p12 = dir / "people" / (login.username + ".p12");
    if (fs::exists(p12)) continue;
    const Identity id = issue_certificate(
        ca,
        {login.full_name, "Sở Nội vụ tỉnh Hòa Bình", login.roles_vi, "kiemdiem:" + login.username},
        type, ++serial, now - day, now + 365 * day);
    write_private(p12,
                  seal_pkcs12(id.cert.get(), id.key.get(), {ca.cert.get()}, pin, login.full_name));
    write_private(dir / "people" / (login.username + ".pem"), pem_of(id.cert.get()));
    std::cout << "  " << login.username
              << std::string(20 - std::min<std::size_t>(19, login.username.size()), ' ')
              << login.full_name << "  (số sê-ri " << serial << ", " << key_type_name(type)
              << ")\n";
  }
  write_crl(dir, ca);
  std::cout << "Khóa ký của mỗi người được lưu mã hóa (PKCS#12) theo mã PIN ký số.\n";
  return 0;
}

int revoke(const fs::path& dir, const std::string& username) {
  const Identity ca = load_ca(dir);
  const auto cert = cert_from_pem(read_all(dir / "people" / (username + ".pem")));
  if (!cert) {
    std::cerr << "kiemdiem: không có chứng thư số của " << username << "\n";
    return 1;
  }
  const long serial = ASN1_INTEGER_get(X509_get0_serialNumber(cert.get()));
  std::ofstream(dir / "revoked.txt", std::ios::app) << serial << "\n";
  write_crl(dir, ca);
  std::cout << "Đã thu hồi chứng thư số của " << subject_common_name(cert.get()) << " (số sê-ri "
            << serial << ").\n";
  return 0;
}

}  // namespace

int ca_command(const CommandLine& cl) {
  if (cl.args.empty() || cl.wants_help()) {
    std::cout << kUsage;
    return cl.args.empty() ? 2 : 0;
  }
  const auto settings = kd::config::load_settings(cl.config_file);
  const auto signing = load_signing_settings(cl.config_file, settings.data_dir);
  const fs::path dir = signing.ca_dir;
  if (cl.args[0] == "revoke" && cl.args.size() == 2) return revoke(dir, cl.args[1]);
  if (cl.args[0] != "init") {
    std::cerr << kUsage;
    return 2;
  }
  KeyType type = KeyType::EcdsaP256;
  std::string pin = "123456";
  for (std::size_t i = 1; i < cl.args.size(); ++i) {
    const std::string& a = cl.args[i];
    if (a == "--key-type" && i + 1 < cl.args.size()) {
      const auto t = parse_key_type(cl.args[++i]);
      if (!t) {
        std::cerr << kUsage;
        return 2;
      }
      type = *t;
    } else if (a == "--pin" && i + 1 < cl.args.size()) {
      pin = cl.args[++i];
    } else {
      std::cerr << "kiemdiem: unexpected argument '" << a << "'\n\n" << kUsage;
      return 2;
    }
  }
  return init(dir, type, pin);
}

}  // namespace kd::app
