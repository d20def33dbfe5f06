#include "services/signing/local_ca.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "services/signing/key_vault.hpp"

namespace kd::signing {
namespace {

namespace fs = std::filesystem;
constexpr long long kDay = 86400;

void write_file(const fs::path& path, const std::string& data, mode_t mode) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
  ::chmod(path.c_str(), mode);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<long> revoked_serials(const fs::path& dir) {
  std::vector<long> out;
  std::ifstream in(dir / "revoked.txt");
  long s = 0;
  while (in >> s) out.push_back(s);
  return out;
}

// The next serial: one above every serial issued so far (people's certificates).
long next_serial(const fs::path& dir) {
  long serial = 100;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir / "people", ec)) {
    if (e.path().extension() != ".pem") continue;
    const auto cert = cert_from_pem(read_file(e.path()));
    if (cert) serial = std::max(serial, ASN1_INTEGER_get(X509_get0_serialNumber(cert.get())));
  }
  return serial + 1;
}

bool issued_by(X509* cert, X509* root) {
  EVP_PKEY* key = X509_get0_pubkey(root);
  const bool ok = key != nullptr && X509_verify(cert, key) == 1;
  take_openssl_errors();
  return ok;
}

}  // namespace

std::string local_ca_passphrase() {
  const char* p = std::getenv("KIEMDIEM_CA_PASSPHRASE");
  return p != nullptr && *p != '\0' ? p : "kiemdiem-demo-ca";
}

LocalCa open_local_ca(const fs::path& dir, long long now) {
  LocalCa out;
  out.dir = dir;
  fs::create_directories(dir / "people");
  ::chmod(dir.c_str(), 0700);
  if (fs::exists(dir / "ca.pem")) {
    out.ca.cert = cert_from_pem(read_file(dir / "ca.pem"));
    out.ca.key = key_from_pem(read_file(dir / "ca.key.pem"), local_ca_passphrase());
    if (!out.ca.cert || !out.ca.key)
      throw std::runtime_error("cannot open the CA in " + dir.string() +
                               " (wrong KIEMDIEM_CA_PASSPHRASE?)");
    return out;
  }
  out.ca =
      create_root({"Kiểm điểm — CA thử nghiệm (không dùng thật)", kLocalCaOrganisation, "", ""},
                  KeyType::EcdsaP256, now - 365 * kDay, now + 10 * 365 * kDay);
  write_file(dir / "ca.key.pem", encrypted_key_pem(out.ca.key.get(), local_ca_passphrase()), 0600);
  write_file(dir / "ca.pem", pem_of(out.ca.cert.get()), 0644);
  out.created = true;
  write_local_crl(out, now);
  return out;
}

PersonCredential person_credential(const LocalCa& ca, const std::string& username,
                                   const SubjectFields& subject, KeyType type,
                                   const std::string& pin, long long now) {
  const fs::path p12_path = ca.dir / "people" / (username + ".p12");
  const fs::path pem_path = ca.dir / "people" / (username + ".pem");
  PersonCredential out;
  if (fs::exists(p12_path) && fs::exists(pem_path)) {
    out.cert = cert_from_pem(read_file(pem_path));
    if (out.cert && issued_by(out.cert.get(), ca.ca.cert.get())) {
      out.p12 = read_file(p12_path);
      out.serial = ASN1_INTEGER_get(X509_get0_serialNumber(out.cert.get()));
      const auto revoked = revoked_serials(ca.dir);
      out.revoked = std::find(revoked.begin(), revoked.end(), out.serial) != revoked.end();
      return out;
    }
  }
  out.serial = next_serial(ca.dir);
  // Valid from 60 days back, so that a demo run on a moved test clock can sign.
  Identity id =
      issue_certificate(ca.ca, subject, type, out.serial, now - 60 * kDay, now + 365 * kDay);
  out.p12 = seal_pkcs12(id.cert.get(), id.key.get(), {ca.ca.cert.get()}, pin, subject.common_name);
  write_file(p12_path, out.p12, 0600);
  write_file(pem_path, pem_of(id.cert.get()), 0644);
  out.cert = std::move(id.cert);
  out.issued = true;
  return out;
}

void write_local_crl(const LocalCa& ca, long long now) {
  const auto crl = make_crl(ca.ca, revoked_serials(ca.dir), now, 30);
  write_file(ca.dir / "crl.pem", pem_of_crl(crl.get()), 0644);
}

void revoke_in_local_ca(const LocalCa& ca, X509* cert, long long now) {
  const long serial = ASN1_INTEGER_get(X509_get0_serialNumber(cert));
  std::ofstream(ca.dir / "revoked.txt", std::ios::app) << serial << "\n";
  write_local_crl(ca, now);
}

}  // namespace kd::signing
