// kiemdiem ca init | revoke | unlock | signature-image | seal: the local test CA of the demo and
// the images drawn in visible signatures. `init` creates the root (<ca_dir>/ca.pem, its key
// encrypted under KIEMDIEM_CA_PASSPHRASE), issues every demo person a signing certificate
// (Vietnamese name in UTF-8 as CN) with the key in a PKCS#12 container encrypted under the
// signing PIN (<ca_dir>/people/USER.p12) and, when the demo is loaded in the database,
// registers those as the people's server-held credentials (services/demo/demo_signing.hpp).
// `revoke` adds the person's certificate to the CA's CRL (<ca_dir>/crl.pem) and revokes the
// credential in the database. `unlock` unlocks a person's key locked after wrong PINs.
// `signature-image` and `seal` register PNG images.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>

#include "services/app/commands.hpp"
#include "services/config/settings.hpp"
#include "services/demo/demo_signing.hpp"
#include "services/signing/drawn_images.hpp"
#include "services/signing/local_ca.hpp"
#include "services/signing/signature_store.hpp"
#include "services/signing/signing_settings.hpp"
#include "services/storage/store.hpp"

namespace kd::app {
namespace {

namespace fs = std::filesystem;
using namespace kd::signing;

constexpr const char* kUsage =
    "Usage: kiemdiem [--config FILE] ca init [--key-type ecdsa-p256|rsa2048] [--pin PIN]\n"
    "       kiemdiem [--config FILE] ca revoke USERNAME\n"
    "       kiemdiem [--config FILE] ca unlock USERNAME\n"
    "       kiemdiem [--config FILE] ca signature-image USERNAME FILE.png\n"
    "       kiemdiem [--config FILE] ca seal UNIT_CODE FILE.png\n\n"
    "The local TEST certificate authority of the demo (the production trust anchor is the\n"
    "Government CA). `init` creates the root in signing.ca_dir (default <data.dir>/ca) and\n"
    "issues each demo person a signing certificate and key; each key is stored in a PKCS#12\n"
    "container encrypted under the signing PIN (default 123456 for the demo; never logged).\n"
    "When the demo is loaded, the keys become the people's server-held credentials and each\n"
    "person gets a drawn signature image, each agency a drawn red seal (`demo` and\n"
    "`serve --demo` do the same). The CA key is encrypted under KIEMDIEM_CA_PASSPHRASE\n"
    "(default: a demo passphrase). Idempotent: an existing CA and people's keys are kept.\n"
    "`revoke` puts a person's certificate on the CA's CRL (signing.crls picks it up) and\n"
    "revokes it in the database. `unlock` unlocks a person's server-held key, locked after\n"
    "signing.pin_max_failures wrong PINs (recorded as a security event).\n"
    "`signature-image` registers a person's signature (blue,\n"
    "transparent PNG) drawn in their visible signatures; `seal` a unit's seal (red PNG), drawn\n"
    "over the left third of the committee's signature on decisions of that unit and below.\n"
    "Commands that write to the database need it free (not held by a running `serve` on the\n"
    "embedded cluster).\n";

long long now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

kd::wf::TimePoint now_point() { return kd::wf::TimePoint(std::chrono::seconds(now_seconds())); }

int init(const kd::config::Settings& settings, const fs::path& dir, KeyType type,
         const std::string& pin) {
  std::unique_ptr<Database> db;
  try {
    db = std::make_unique<Database>(settings);
    db->migrate();
  } catch (const std::exception& e) {
    db.reset();
    std::cout << "Không mở được cơ sở dữ liệu (" << e.what()
              << "); chứng thư được đăng ký khi chạy `kiemdiem demo` hoặc `serve --demo`.\n";
  }
  std::unique_ptr<kd::storage::Store> store;
  if (db) store = std::make_unique<kd::storage::Store>(db->pool());
  const auto s =
      kd::demo::provision_demo_signing(store.get(), dir.string(), now_point(), type, pin);
  std::cout << (s.ca_created ? "Đã tạo CA thử nghiệm: " : "CA thử nghiệm đã có: ") << s.ca_name
            << " (" << (dir / "ca.pem").string() << ")\n";
  std::cout << "Chứng thư mới cấp: " << s.certificates_issued << " (" << key_type_name(type)
            << "); khóa ký của mỗi người được lưu mã hóa (PKCS#12) theo mã PIN ký số.\n";
  if (s.demo_loaded) {
    std::cout << "Đã đăng ký cho người dùng mẫu: " << s.credentials_enrolled << " chứng thư, "
              << s.images_registered << " hình chữ ký/con dấu.\n";
    if (s.revoked_kept > 0)
      std::cout << "Chứng thư đã thu hồi được giữ nguyên: " << s.revoked_kept
                << " (xóa tệp people/USER.* rồi chạy lại để cấp chứng thư mới).\n";
  } else if (store) {
    std::cout << "Chưa nạp dữ liệu mẫu: chứng thư được đăng ký khi chạy `kiemdiem demo` hoặc "
                 "`serve --demo`.\n";
  }
  return 0;
}

int with_store(const kd::config::Settings& settings,
               const std::function<int(kd::storage::Store&)>& body) {
  Database db(settings);
  db.migrate();
  kd::storage::Store store(db.pool());
  return body(store);
}

int revoke(const kd::config::Settings& settings, const fs::path& dir, const std::string& username) {
  const LocalCa ca = open_local_ca(dir, now_seconds());
  const auto cert = cert_from_pem(read_all(dir / "people" / (username + ".pem")));
  if (!cert) {
    std::cerr << "kiemdiem: không có chứng thư số của " << username << "\n";
    return 1;
  }
  revoke_in_local_ca(ca, cert.get(), now_seconds());
  std::cout << "Đã thu hồi chứng thư số của " << subject_common_name(cert.get()) << " (số sê-ri "
            << ASN1_INTEGER_get(X509_get0_serialNumber(cert.get())) << ").\n";
  try {
    return with_store(settings, [&](kd::storage::Store& store) {
      const auto account = store.find_account(username);
      if (account)
        SignatureStore(store.pool(), {}).revoke(account->person_id, "revoked", now_point());
      return 0;
    });
  } catch (const std::exception& e) {
    std::cout << "Không cập nhật được cơ sở dữ liệu (" << e.what()
              << "); danh sách thu hồi (CRL) đã được cập nhật.\n";
    return 0;
  }
}

int unlock(const kd::config::Settings& settings, const std::string& username) {
  return with_store(settings, [&](kd::storage::Store& store) {
    const auto account = store.find_account(username);
    if (!account) {
      std::cerr << "kiemdiem: không có tài khoản " << username << "\n";
      return 1;
    }
    const auto out =
        SignatureStore(store.pool(), {})
            .unlock_key(account->person_id, 0, "Mở khóa bằng lệnh kiemdiem ca unlock", now_point());
    if (!out.found) {
      std::cerr << "kiemdiem: " << username << " chưa có khóa ký số lưu trên máy chủ\n";
      return 1;
    }
    if (out.was_locked) {
      std::cout << "Đã mở khóa khóa ký số của " << username << " (" << out.pin_failures
                << " lần nhập sai mã PIN được xóa).\n";
    } else if (out.pin_failures > 0) {
      std::cout << "Khóa ký số của " << username << " không bị khóa; đã xóa " << out.pin_failures
                << " lần nhập sai mã PIN.\n";
    } else {
      std::cout << "Khóa ký số của " << username << " không bị khóa.\n";
    }
    return 0;
  });
}

int register_image(const kd::config::Settings& settings, const std::string& kind,
                   const std::string& owner, const fs::path& file) {
  const std::string png = read_all(file);
  if (png_size(png).first == 0) {
    std::cerr << "kiemdiem: " << file.string() << " không phải ảnh PNG\n";
    return 1;
  }
  return with_store(settings, [&](kd::storage::Store& store) {
    SignatureStore signatures(store.pool(), {});
    if (kind == "person") {
      const auto account = store.find_account(owner);
      if (!account) {
        std::cerr << "kiemdiem: không có tài khoản " << owner << "\n";
        return 1;
      }
      signatures.set_person_image(account->person_id, png);
      std::cout << "Đã đăng ký hình chữ ký của " << owner << ".\n";
      return 0;
    }
    const auto org = store.load_org_tree();
    for (const auto& unit : org.units()) {
      if (unit.code != owner) continue;
      signatures.set_unit_seal(unit.id, png);
      std::cout << "Đã đăng ký con dấu của " << unit.name << ".\n";
      return 0;
    }
    std::cerr << "kiemdiem: không có đơn vị mã " << owner << "\n";
    return 1;
  });
}

}  // namespace

int ca_command(const CommandLine& cl) {
  if (cl.args.empty() || cl.wants_help()) {
    std::cout << kUsage;
    return cl.args.empty() ? 2 : 0;
  }
  const auto settings = kd::config::load_settings(cl.config_file);
  setup_logging(settings.log_level);
  const auto signing = load_signing_settings(cl.config_file, settings.data_dir);
  const fs::path dir = signing.ca_dir;
  const auto& a = cl.args;
  if (a[0] == "revoke" && a.size() == 2) return revoke(settings, dir, a[1]);
  if (a[0] == "unlock" && a.size() == 2) return unlock(settings, a[1]);
  if (a[0] == "signature-image" && a.size() == 3)
    return register_image(settings, "person", a[1], a[2]);
  if (a[0] == "seal" && a.size() == 3) return register_image(settings, "unit", a[1], a[2]);
  if (a[0] != "init") {
    std::cerr << kUsage;
    return 2;
  }
  KeyType type = KeyType::EcdsaP256;
  std::string pin = kd::demo::kDemoSigningPin;
  for (std::size_t i = 1; i < a.size(); ++i) {
    if (a[i] == "--key-type" && i + 1 < a.size()) {
      const auto t = parse_key_type(a[++i]);
      if (!t) {
        std::cerr << kUsage;
        return 2;
      }
      type = *t;
    } else if (a[i] == "--pin" && i + 1 < a.size()) {
      pin = a[++i];
    } else {
      std::cerr << "kiemdiem: unexpected argument '" << a[i] << "'\n\n" << kUsage;
      return 2;
    }
  }
  return init(settings, dir, type, pin);
}

}  // namespace kd::app
