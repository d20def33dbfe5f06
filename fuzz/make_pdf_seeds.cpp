// Writes the seed corpus of the PDF fuzz targets: small signed files made with a test CA
// (whose certificate and revocation list go to fuzz/pki/, the verifier target's trust
// anchor), incremental updates, object streams, validation data and the attack files of
// the signing tests. Usage: make_pdf_seeds SOURCE_DIR (writes fuzz/pki and
// fuzz/corpus/pdf_reader, fuzz/corpus/pdf_verifier under it).
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "services/signing/certificate_authority.hpp"
#include "services/signing/signing_flow.hpp"
#include "tests/support/pdf_attacks.hpp"
#include "tests/support/pdf_update.hpp"

namespace {

namespace sg = kd::signing;
namespace fs = std::filesystem;
using kd::testing::Bytes;

long long utc(int y, int mo, int d, int h) {
  struct tm tm {};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  return static_cast<long long>(timegm(&tm));
}

void write(const fs::path& path, const std::string& data) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << data;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_pdf_seeds SOURCE_DIR\n";
    return 2;
  }
  const fs::path root = fs::path(argv[1]) / "fuzz";
  const long long when = utc(2026, 1, 5, 3);
  const sg::Identity ca =
      sg::create_root({"Kiểm điểm — CA thử nghiệm (fuzz)", "Sở Nội vụ", "", ""},
                      sg::KeyType::EcdsaP256, utc(2025, 1, 1, 0), utc(2036, 1, 1, 0));
  const auto issue = [&](const std::string& name, long serial) {
    return sg::issue_certificate(ca, {name, "Sở Nội vụ", "Phòng Tổ chức cán bộ", ""},
                                 sg::KeyType::EcdsaP256, serial, utc(2025, 6, 1, 0),
                                 utc(2027, 6, 1, 0));
  };
  const sg::Identity secretary = issue("Ngô Thị Phương Thảo", 11);
  const sg::Identity chair = issue("Lê Minh Tuấn", 12);
  const sg::Identity revoked = issue("Đỗ Quang Huy", 13);
  write(root / "pki/ca.pem", sg::pem_of(ca.cert.get()));
  write(root / "pki/crl.pem", sg::pem_of_crl(sg::make_crl(ca, {13}, when, 3650).get()));

  const auto signer = [&](const sg::Identity& id, const std::string& field) {
    kd::testing::PdfUpdate::Signer s;
    s.cert = id.cert.get();
    s.key = id.key.get();
    s.chain = {ca.cert.get()};
    s.field_name = field;
    s.when = when;
    s.reserved_bytes = 1400;
    return s;
  };
  const auto sign = [&](const Bytes& pdf, const sg::Identity& id, const std::string& field) {
    kd::testing::PdfUpdate u(pdf);
    u.sign(signer(id, field));
    return u.write();
  };

  std::vector<std::pair<std::string, Bytes>> seeds;
  const Bytes plain = kd::testing::minimal_pdf();
  const Bytes one = sign(plain, secretary, "kd_secretary");
  const Bytes two = sign(one, chair, "kd_chair");
  seeds.push_back({"unsigned.pdf", plain});
  seeds.push_back({"one_signature.pdf", one});
  seeds.push_back({"two_signatures.pdf", two});
  seeds.push_back({"revoked_signer.pdf", sign(plain, revoked, "kd_secretary")});
  seeds.push_back({"xref_stream.pdf", [&] {
                     kd::testing::PdfUpdate u(one);
                     u.sign(signer(chair, "kd_chair"));
                     return u.write(true);
                   }()});
  seeds.push_back({"validation_data.pdf",
                   kd::testing::add_validation_data(two, {chair.cert.get(), ca.cert.get()})});
  {
    // Our pipeline's own signature (PoDoFo, drawn appearance), with a small reservation.
    sg::PdfSignatureRequest r;
    r.field_name = "kd_secretary";
    r.placement = sg::default_placement("secretary");
    r.appearance.signer_name = "Ngô Thị Phương Thảo";
    r.appearance.signing_time_iso = sg::iso_time_vietnam(when);
    r.signing_time = when;
    r.reserved_bytes = 1400;
    sg::UnlockedKey key;
    X509_up_ref(secretary.cert.get());
    key.cert.reset(secretary.cert.get());
    EVP_PKEY_up_ref(secretary.key.get());
    key.key.reset(secretary.key.get());
    X509_up_ref(ca.cert.get());
    key.chain.emplace_back(ca.cert.get());
    seeds.push_back({"pipeline_signature.pdf", sg::sign_with_key(plain, r, key).pdf});
  }
  kd::testing::AttackSigner attacker{
      chair.cert.get(), chair.key.get(), {ca.cert.get()}, when, 1400};
  for (const auto& a : kd::testing::pdf_attacks()) {
    if (a.name == "font_swap") continue;  // embeds a whole font: a large file
    try {
      const Bytes victim = sign(a.prepare(plain), secretary, "kd_secretary");
      seeds.push_back({"attack_" + a.name + ".pdf", a.attack(victim, attacker)});
    } catch (const std::exception& e) {
      std::cerr << "skipped " << a.name << ": " << e.what() << "\n";
    }
  }
  for (const char* target : {"pdf_reader", "pdf_verifier"})
    for (const auto& [name, data] : seeds) write(root / "corpus" / target / name, data);
  std::cout << seeds.size() << " seeds written\n";
  return 0;
}
