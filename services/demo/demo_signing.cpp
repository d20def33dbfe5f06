#include "services/demo/demo_signing.hpp"

#include "services/demo/demo_data.hpp"
#include "services/signing/drawn_images.hpp"
#include "services/signing/local_ca.hpp"
#include "services/signing/signature_store.hpp"

namespace kd::demo {

namespace sg = kd::signing;

DemoSigningSummary provision_demo_signing(kd::storage::Store* store, const std::string& ca_dir,
                                          kd::wf::TimePoint now, sg::KeyType type,
                                          const std::string& pin) {
  const long long epoch = now.time_since_epoch().count();
  DemoSigningSummary out;
  out.ca_dir = ca_dir;
  const sg::LocalCa ca = sg::open_local_ca(ca_dir, epoch);
  out.ca_created = ca.created;
  out.ca_name = sg::subject_common_name(ca.ca.cert.get());
  std::optional<sg::SignatureStore> signatures;
  if (store != nullptr) signatures.emplace(store->pool(), sg::TrustAnchors{});

  for (const auto& login : demo_logins()) {
    const auto cred = sg::person_credential(
        ca, login.username,
        {login.full_name, sg::kLocalCaOrganisation, login.roles_vi, "kiemdiem:" + login.username},
        type, pin, epoch);
    if (cred.issued) ++out.certificates_issued;
    if (cred.revoked) ++out.revoked_kept;
    if (!signatures || cred.revoked) continue;  // a revocation sticks
    const auto account = store->find_account(login.username);
    if (!account) continue;
    out.demo_loaded = true;
    const auto fingerprint = sg::cert_fingerprint(cred.cert.get());
    if (signatures->active_certificate(account->person_id) != fingerprint) {
      signatures->enroll_sealed(account->person_id, cred.cert.get(), cred.p12);
      ++out.credentials_enrolled;
    }
    if (!signatures->image("person", account->person_id)) {
      signatures->set_person_image(account->person_id, sg::drawn_signature_png(login.full_name));
      ++out.images_registered;
    }
  }
  if (signatures && out.demo_loaded) {
    const auto org = store->load_org_tree();  // the loop below reads its units
    for (const auto& unit : org.units()) {
      if (unit.kind != "co_quan" || signatures->image("unit", unit.id)) continue;
      signatures->set_unit_seal(unit.id, sg::drawn_seal_png());
      ++out.images_registered;
    }
  }
  return out;
}

}  // namespace kd::demo
