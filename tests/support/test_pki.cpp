#include "tests/support/test_pki.hpp"

#include <ctime>

namespace kd::testing {
namespace {

using namespace kd::signing;

constexpr long long kDay = 86400;

SubjectFields person(const std::string& name) {
  return {name, "Sở Nội vụ tỉnh Hòa Bình", "Phòng Tổ chức cán bộ", ""};
}

TestPki make_pki() {
  TestPki p;
  p.now = static_cast<long long>(std::time(nullptr));
  p.ca = create_root({"Kiểm điểm — CA thử nghiệm", "Sở Nội vụ tỉnh Hòa Bình", "", ""},
                     KeyType::EcdsaP256, p.now - 10 * kDay, p.now + 3650 * kDay);
  p.secretary = issue_certificate(p.ca, person("Ngô Thị Phương Thảo"), KeyType::EcdsaP256, 11,
                                  p.now - kDay, p.now + 365 * kDay);
  p.chair = issue_certificate(p.ca, person("Lê Minh Tuấn"), KeyType::Rsa2048, 12, p.now - kDay,
                              p.now + 365 * kDay);
  p.expired = issue_certificate(p.ca, person("Đỗ Quang Huy"), KeyType::EcdsaP256, 13,
                                p.now - 9 * kDay, p.now - kDay);
  p.not_yet = issue_certificate(p.ca, person("Võ Thị Kim Oanh"), KeyType::EcdsaP256, 14,
                                p.now + kDay, p.now + 365 * kDay);
  const Identity other_ca = create_root({"CA khác", "Không tin cậy", "", ""}, KeyType::EcdsaP256,
                                        p.now - kDay, p.now + 365 * kDay);
  p.stranger = issue_certificate(other_ca, person("Người lạ"), KeyType::EcdsaP256, 15, p.now - kDay,
                                 p.now + 365 * kDay);
  return p;
}

}  // namespace

const TestPki& pki() {
  static const TestPki p = make_pki();
  return p;
}

TrustAnchors TestPki::anchors() const {
  TrustAnchors a;
  X509_up_ref(ca.cert.get());
  a.roots.emplace_back(ca.cert.get());
  return a;
}

UnlockedKey TestPki::unlocked(const Identity& id) const {
  UnlockedKey k;
  X509_up_ref(id.cert.get());
  k.cert.reset(id.cert.get());
  EVP_PKEY_up_ref(id.key.get());
  k.key.reset(id.key.get());
  X509_up_ref(ca.cert.get());
  k.chain.emplace_back(ca.cert.get());
  return k;
}

Identity test_ca(long long now) {
  return create_root({"Kiểm điểm Test CA", "Sở Nội vụ", "", ""}, KeyType::EcdsaP256,
                     now - 365 * kDay, now + 365 * kDay);
}

Identity test_person(const Identity& ca, const std::string& name, long serial, long long now) {
  return issue_certificate(ca, {name, "Sở Nội vụ", "", ""}, KeyType::EcdsaP256, serial,
                           now - 365 * kDay, now + 365 * kDay);
}

}  // namespace kd::testing
