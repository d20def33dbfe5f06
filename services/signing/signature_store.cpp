#include "services/signing/signature_store.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <stdexcept>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <openssl/rand.h>

#include "services/codec/json_codec.hpp"
#include "services/codec/sha256.hpp"
#include "services/signing/cades.hpp"
#include "services/signing/certificate_authority.hpp"
#include "services/signing/key_vault.hpp"
#include "services/signing/pdf_signature.hpp"
#include "services/signing/signing_flow.hpp"
#include "services/signing/sql_signing.hpp"
#include "services/storage/transaction_steps.hpp"
#include "workflow/signing_roles.hpp"

namespace kd::signing {
namespace {

namespace q = sql_signing;

std::int64_t epoch_of(wf::TimePoint t) { return t.time_since_epoch().count(); }

long long asn1_epoch(const ASN1_TIME* t) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) throw std::runtime_error("unreadable certificate time");
  return static_cast<long long>(timegm(&tm));
}

SignOutcome refuse(std::string code, std::string message) {
  SignOutcome out;
  out.refusal = SignRefusal{std::move(code), std::move(message)};
  return out;
}

SignOutcome locked_refusal(int max_failures) {
  return refuse("key_locked", "Khóa ký số của bạn đã bị khóa vì nhập sai mã PIN " +
                                  std::to_string(max_failures) +
                                  " lần liên tiếp. Đề nghị quản trị viên mở khóa trước khi ký.");
}

SignatureRecord read_signature(const pqxx::row& r) {
  SignatureRecord s;
  s.id = r[0].as<wf::Id>();
  s.source_document_id = r[1].as<wf::Id>();
  s.signed_document_id = r[2].as<wf::Id>();
  s.kind = r[3].as<std::string>();
  s.role = r[4].as<std::string>();
  s.signer_id = r[5].as<wf::Id>();
  s.cert_sha256 = r[6].as<std::string>();
  s.method = r[7].as<std::string>();
  s.field_name = r[8].as<std::string>();
  s.sha256_before = r[9].as<std::string>();
  s.sha256_after = r[10].as<std::string>();
  s.signed_at = r[11].as<std::int64_t>();
  return s;
}

std::string reason_of(const std::string& kind, const std::string& role) {
  if (kind == "meeting_minutes")
    return role == "secretary" ? "Thư ký cuộc họp ký biên bản" : "Chủ trì cuộc họp ký biên bản";
  if (kind == "self_assessment_form") return "Người tự đánh giá ký phiếu tự đánh giá";
  if (kind == "opinion_form") return "Người đứng đầu ký phiếu nhận xét, đánh giá";
  if (kind == "final_form") return "Cấp có thẩm quyền ký kết quả đánh giá, xếp loại";
  if (kind == "public_list") return "Ký danh sách công khai kết quả xếp loại";
  if (kind == "decision") return "Ký quyết định xếp loại chất lượng";
  return "Ký thông báo kết quả xếp loại";
}

std::string key_type_of(X509* cert) {
  EVP_PKEY* key = X509_get0_pubkey(cert);
  return key != nullptr && EVP_PKEY_get_base_id(key) == EVP_PKEY_EC ? "ecdsa-p256" : "rsa2048";
}

// Refuses a certificate that is revoked (on the anchors' CRLs), expired or not yet valid at
// `now`, before anything is signed. An untrusted chain is left to the acceptance check,
// which sees the chain the signature carries.
std::optional<SignRefusal> certificate_refusal(X509* cert, const TrustAnchors& anchors,
                                               long long now) {
  switch (certificate_status(cert, {}, anchors, now)) {
    case ChainStatus::Revoked:
      return SignRefusal{"certificate_revoked",
                         "Chứng thư số của người ký đã bị thu hồi; không thể ký bằng chứng thư "
                         "này."};
    case ChainStatus::Expired:
      return SignRefusal{
          "certificate_expired",
          "Chứng thư số của người ký đã hết hạn từ ngày " +
              wf::to_dmy(wf::vietnam_date(wf::from_epoch(asn1_epoch(X509_get0_notAfter(cert))))) +
              "; không thể ký bằng chứng thư này."};
    case ChainStatus::NotYetValid:
      return SignRefusal{
          "certificate_not_yet_valid",
          "Chứng thư số của người ký chưa có hiệu lực (từ ngày " +
              wf::to_dmy(wf::vietnam_date(wf::from_epoch(asn1_epoch(X509_get0_notBefore(cert))))) +
              ")."};
    default:
      return std::nullopt;
  }
}

std::vector<std::string> hex_all(const std::vector<Bytes>& ders) {
  std::vector<std::string> out;
  for (const auto& d : ders) out.push_back(to_hex(d));
  return out;
}

// A text[] literal of hex strings (only [0-9a-f], nothing to escape).
std::string text_array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
  return out + "}";
}

bool is_png(const Bytes& b) { return b.size() > 8 && b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0; }

}  // namespace

std::vector<std::string> required_roles(const std::string& kind) {
  std::vector<std::string> out;
  for (const auto role : wf::signing_roles(kind)) out.emplace_back(wf::to_string(role));
  return out;
}

std::string role_name_vi(const std::string& role) {
  const auto parsed = wf::parse_role(role);
  return parsed ? std::string(wf::signing_role_name_vi(*parsed)) : role;
}

wf::Id SignatureStore::enroll_sealed(wf::Id person_id, X509* cert, const Bytes& p12) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "enroll_signing_credential");
  w.exec_params0(std::string(q::kRevokeCredentials), person_id);
  const auto row = w.exec_params1(std::string(q::kInsertCredential), person_id, pem_of(cert),
                                  cert_fingerprint(cert), serial_hex(cert), key_type_of(cert),
                                  asn1_epoch(X509_get0_notBefore(cert)),
                                  asn1_epoch(X509_get0_notAfter(cert)), pqxx::binarystring(p12));
  w.commit();
  return row[0].as<wf::Id>();
}

std::optional<std::string> SignatureStore::active_certificate(wf::Id person_id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto r = t.exec_params(std::string(q::kActiveFingerprint), person_id);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::string>();
}

bool SignatureStore::revoke(wf::Id person_id, const std::string& reason, wf::TimePoint at) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "revoke_signing_credential");
  const auto r = w.exec_params(std::string(q::kRevokeCredential), person_id,
                               static_cast<long long>(epoch_of(at)), reason);
  w.commit();
  return !r.empty();
}

void SignatureStore::set_person_image(wf::Id person_id, const Bytes& png) {
  if (!is_png(png)) throw std::invalid_argument("not a PNG image");
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "set_signature_image");
  w.exec_params0(std::string(q::kUpsertImage), "person", person_id, pqxx::binarystring(png));
  w.commit();
}

void SignatureStore::set_unit_seal(wf::Id unit_id, const Bytes& png) {
  if (!is_png(png)) throw std::invalid_argument("not a PNG image");
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "set_seal_image");
  w.exec_params0(std::string(q::kUpsertImage), "unit", unit_id, pqxx::binarystring(png));
  w.commit();
}

std::optional<Bytes> SignatureStore::image(const std::string& owner_kind, wf::Id owner_id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  const auto r = t.exec_params(std::string(q::kImage), owner_kind, owner_id);
  if (r.empty()) return std::nullopt;
  return pqxx::binarystring(r[0][0]).str();
}

wf::Id SignatureStore::enroll(wf::Id person_id, X509* cert, EVP_PKEY* key,
                              const std::vector<X509*>& chain, const std::string& pin) {
  const Bytes p12 = seal_pkcs12(cert, key, chain, pin, subject_common_name(cert));
  const std::string key_type = key_type_of(cert);
  const auto not_before = asn1_epoch(X509_get0_notBefore(cert));
  const auto not_after = asn1_epoch(X509_get0_notAfter(cert));
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "enroll_signing_credential");
  w.exec_params0(std::string(q::kRevokeCredentials), person_id);
  const auto row = w.exec_params1(std::string(q::kInsertCredential), person_id, pem_of(cert),
                                  cert_fingerprint(cert), serial_hex(cert), key_type, not_before,
                                  not_after, pqxx::binarystring(p12));
  w.commit();
  return row[0].as<wf::Id>();
}

namespace {

// What is about to be signed, once the signer's role and the order are checked.
struct Target {
  std::string subject;
  std::string kind;
  std::string role;
  wf::Id source_id = 0;  // the latest version
  std::vector<wf::Id> reviews;
  wf::Id unit = 0;  // whose seal the decision carries
  Bytes pdf;
  // Who signs after this signature (the chair after the secretary on the minutes), with what
  // the notification to them says.
  wf::Id next_signer = 0;
  wf::Id campaign_id = 0;
  wf::Id review_id = 0;
  std::string stage;
  std::string reviewee;
};

struct Checked {
  std::optional<Target> target;
  std::optional<SignRefusal> refusal;
};

Checked refused_check(std::string code, std::string message) {
  Checked c;
  c.refusal = SignRefusal{std::move(code), std::move(message)};
  return c;
}

// Locks the document's subject and its reviews, then checks who may sign the latest version.
Checked check_signer(pqxx::work& w, wf::Id document_id, wf::Id signer) {
  const auto named = w.exec_params(std::string(q::kDocumentSubject), document_id);
  if (named.empty()) return refused_check("not_found", "Không tìm thấy văn bản.");
  Target t;
  t.subject = named[0][0].as<std::string>();
  t.kind = named[0][1].as<std::string>();
  w.exec_params(std::string(q::kLockSubject), t.subject, t.kind);

  const auto latest = w.exec_params1(std::string(q::kLatestVersion), t.subject, t.kind);
  t.source_id = latest[0].as<wf::Id>();
  const auto campaign_id = latest[1].as<wf::Id>();
  for (const auto& r : w.exec_params(std::string(q::kDocumentReviews), t.source_id))
    t.reviews.push_back(r[0].as<wf::Id>());
  // Lock the reviews' rows (in id order) before appending to their hash chains.
  for (const auto id : t.reviews) w.exec_params(std::string(q::kLockReview), id);

  wf::Id unit = 0;
  wf::Id reviewee = 0;
  std::optional<wf::MeetingRecord> meeting;
  t.campaign_id = campaign_id;
  if (!latest[2].is_null()) {
    const auto row = storage::detail::load_review_row(w, latest[2].as<wf::Id>());
    if (row) {
      unit = row->review.unit_id;
      meeting = row->review.meeting;
      reviewee = row->review.person_id;
      t.review_id = row->review.id;
      t.stage = std::string(wf::to_string(row->review.stage));
      t.reviewee = row->person.full_name;
    }
  }
  if (unit == 0) {
    const auto campaign = storage::detail::load_campaign(w, campaign_id, false);
    if (!campaign) return refused_check("not_found", "Không tìm thấy đợt đánh giá của văn bản.");
    unit = campaign->campaign.unit_id;
  }

  // Only the signatures the latest version carries count: a re-rendered version starts over.
  std::vector<wf::CarriedSignature> done;
  for (const auto& r : w.exec_params(std::string(q::kCarriedRoles), t.source_id)) {
    if (const auto role = wf::parse_role(r[0].as<std::string>()))
      done.push_back({*role, r[1].as<wf::Id>()});
  }
  t.unit = unit;
  const auto org = storage::detail::load_org(w);
  const auto turn = wf::signing_turn(t.kind, org, signer, unit, meeting, reviewee, done);
  if (!turn.role) return refused_check(turn.refusal.code, turn.refusal.message_vi);
  t.role = std::string(wf::to_string(*turn.role));
  if (t.kind == "meeting_minutes" && t.role == "secretary" && meeting && t.review_id != 0)
    t.next_signer = meeting->chair_id;
  t.pdf = pqxx::binarystring(latest[3]).str();
  Checked c;
  c.target = std::move(t);
  return c;
}

std::optional<Bytes> image(pqxx::work& w, std::string_view sql, wf::Id owner) {
  const auto r = w.exec_params(std::string(sql), owner);
  if (r.empty()) return std::nullopt;
  return pqxx::binarystring(r[0][0]).str();
}

// The appearance per ND 30: the signer's registered image, else the text stamp; the
// committee's signature on a decision also carries the agency's seal.
PdfSignatureRequest request_for(pqxx::work& w, const Target& t, wf::Id signer, X509* cert,
                                long long now) {
  PdfSignatureRequest r;
  r.field_name = "kd_" + t.kind + "_" + t.role;
  r.placement = default_placement(t.role);
  r.appearance.signer_name = subject_common_name(cert);
  r.appearance.signing_time_iso = kd::wf::to_iso_vietnam(kd::wf::from_epoch(now));
  r.appearance.signature_png = image(w, q::kPersonImage, signer);
  // Drawn in the signer's block when the document prints the signer's name there.
  const auto name = w.exec_params(std::string(q::kPersonName), signer);
  if (!name.empty()) r.signer_block_name = name[0][0].as<std::string>();
  if (t.kind == "decision" && t.role == "committee" && t.unit != 0)
    r.appearance.seal_png = image(w, q::kUnitSeal, t.unit);
  r.reason = reason_of(t.kind, t.role);
  r.signing_time = now;
  return r;
}

// The new version, its signature row and one audit event per review, in `w`.
SignatureRecord record_signature(pqxx::work& w, const Target& t, wf::Id signer,
                                 const SignedPdf& signed_pdf, const std::string& method,
                                 const std::string& field_name, const Bytes& cert_der,
                                 const std::vector<Bytes>& chain, wf::TimePoint at,
                                 wf::Id* event_id) {
  const auto now = static_cast<long long>(epoch_of(at));
  Poco::JSON::Object::Ptr payload = new Poco::JSON::Object;
  payload->set("document_id", t.source_id);
  payload->set("kind", t.kind);
  payload->set("role", t.role);
  payload->set("signer_id", signer);
  payload->set("cert_sha256", signed_pdf.cert_fingerprint);
  payload->set("sha256_before", signed_pdf.sha256_before);
  payload->set("sha256_after", signed_pdf.sha256_after);
  payload->set("method", method);
  Poco::JSON::Array::Ptr chain_sha = new Poco::JSON::Array;
  for (const auto& der : chain) chain_sha->add(codec::sha256_hex(der));
  payload->set("chain_sha256", chain_sha);
  const auto payload_text = codec::canonical(payload);
  for (const auto id : t.reviews) {
    const auto row = storage::detail::load_review_row(w, id);
    if (!row) continue;
    const std::string stage(wf::to_string(row->review.stage));
    const auto event = storage::detail::append_event(w, id, signer, "sign_document", stage, stage,
                                                     payload_text, at);
    if (*event_id == 0) *event_id = event.id;
  }

  const auto sha_after = codec::sha256_hex(signed_pdf.pdf);
  w.exec_params0(std::string(q::kInsertContent), sha_after, pqxx::binarystring(signed_pdf.pdf));
  const std::optional<std::string> event =
      *event_id ? std::optional<std::string>(std::to_string(*event_id)) : std::nullopt;
  const auto new_id = w.exec_params1(std::string(q::kInsertSignedVersion), t.source_id, sha_after,
                                     static_cast<long>(signed_pdf.pdf.size()),
                                     event ? event->c_str() : nullptr, now)[0]
                          .as<wf::Id>();
  for (const auto id : t.reviews) w.exec_params0(std::string(q::kLinkReview), new_id, id);
  if (t.next_signer != 0 && t.next_signer != signer) {
    const auto who = w.exec_params(std::string(q::kPersonName), signer);
    const std::string signer_name = who.empty() ? "Thư ký cuộc họp" : who[0][0].as<std::string>();
    const std::string subject = "Biên bản họp chờ bạn ký số — " + t.reviewee;
    const std::string body =
        signer_name + " (thư ký cuộc họp) đã ký số biên bản họp kiểm điểm của " + t.reviewee +
        " lúc " + wf::vietnam_time_of_day(at) + " ngày " + wf::to_dmy(wf::vietnam_date(at)) +
        ". Biên bản đang chờ chữ ký số của bạn với vai trò chủ trì cuộc họp: "
        "mở hồ sơ, phần Văn bản, để xem và ký.";
    w.exec_params0(std::string(q::kNotifyNextSigner),
                   "sign/" + t.subject + "/d" + std::to_string(new_id) + "/chair", t.next_signer,
                   t.review_id, t.campaign_id, t.stage, subject, body, now);
  }
  const auto sig = w.exec_params1(std::string(q::kInsertSignature), t.source_id, new_id, t.subject,
                                  t.kind, t.role, signer, signed_pdf.cert_fingerprint, method,
                                  field_name, signed_pdf.sha256_before, signed_pdf.sha256_after,
                                  now, pqxx::binarystring(cert_der), text_array(hex_all(chain)));
  return read_signature(sig);
}

// A refusal when the person's latest credential was revoked (not merely superseded).
std::optional<SignRefusal> revoked_credential(pqxx::work& w, wf::Id person) {
  const auto r = w.exec_params(std::string(q::kLatestCredential), person);
  if (r.empty() || !r[0][0].as<bool>() || r[0][1].as<std::string>() == "superseded")
    return std::nullopt;
  return SignRefusal{"certificate_revoked",
                     "Chứng thư số của người ký đã bị thu hồi; không thể ký bằng chứng thư này."};
}

std::vector<std::string> split_hex_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto comma = text.find(',', at);
    out.push_back(text.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return out;
}

std::string random_id() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed");
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (const auto b : bytes) {
    out.push_back(hex[b >> 4]);
    out.push_back(hex[b & 15]);
  }
  return out;
}

}  // namespace

SignOutcome SignatureStore::sign_with_pin(const SignRequest& req) {
  const auto now = static_cast<long long>(epoch_of(req.now));
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "sign_document");
  auto checked = check_signer(w, req.document_id, req.signer_id);
  if (checked.refusal) return refuse(checked.refusal->code, checked.refusal->message_vi);
  const Target& t = *checked.target;

  const auto credential = w.exec_params(std::string(q::kActiveCredential), req.signer_id);
  if (credential.empty())
    if (const auto r = revoked_credential(w, req.signer_id)) return refuse(r->code, r->message_vi);
  if (credential.empty() || credential[0][0].is_null())
    return refuse("no_credential",
                  "Người ký chưa có chứng thư số với khóa lưu trên máy chủ; hãy dùng ký số "
                  "bằng thiết bị riêng hoặc đăng ký chứng thư.");
  const auto cert = cert_from_pem(credential[0][2].as<std::string>());
  if (!cert) throw std::runtime_error("stored certificate unreadable");
  if (const auto r = certificate_refusal(cert.get(), anchors_, now))
    return refuse(r->code, r->message_vi);
  const auto credential_id = credential[0][3].as<wf::Id>();
  const int failures = credential[0][4].as<int>();
  if (credential[0][5].as<bool>()) return locked_refusal(pin_max_failures_);
  const Bytes p12 = pqxx::binarystring(credential[0][0]).str();
  auto unlocked = unlock_pkcs12(p12, req.pin);
  if (!unlocked) {
    // Counted even though the signature is refused: the count is what stops guessing.
    const int now_failures = failures + 1;
    const bool lock = now_failures >= pin_max_failures_;
    const std::string locked_at = std::to_string(now);
    w.exec_params0(std::string(q::kSetPinFailures), credential_id, now_failures,
                   lock ? locked_at.c_str() : nullptr);
    if (lock)
      w.exec_params1(std::string(q::kInsertSecurityEvent), "signing_key_locked", req.signer_id,
                     static_cast<const char*>(nullptr), credential_id,
                     std::to_string(now_failures) + " lần nhập sai mã PIN liên tiếp", now);
    w.commit();
    if (lock) return locked_refusal(pin_max_failures_);
    SignOutcome out = refuse("wrong_pin", "Mã PIN ký số không đúng. Còn " +
                                              std::to_string(pin_max_failures_ - now_failures) +
                                              " lần thử trước khi khóa ký số bị khóa.");
    out.refusal->pin_attempts_left = pin_max_failures_ - now_failures;
    return out;
  }
  if (failures > 0)
    w.exec_params0(std::string(q::kSetPinFailures), credential_id, 0,
                   static_cast<const char*>(nullptr));

  const auto sreq = request_for(w, t, req.signer_id, unlocked->cert.get(), now);
  const Bytes cert_der = der_of(unlocked->cert.get());
  std::vector<Bytes> chain;
  for (const auto& c : unlocked->chain) chain.push_back(der_of(c.get()));
  SignedPdf signed_pdf;
  try {
    signed_pdf = sign_with_key(t.pdf, sreq, *unlocked);
  } catch (const PdfInputError& e) {
    return refuse("unreadable_pdf", std::string("Không thể ký tệp PDF này: ") + e.what());
  }
  unlocked.reset();  // the key is freed right after the signature
  if (const auto rejected =
          check_new_signature(signed_pdf.pdf, signed_pdf.cert_fingerprint, anchors_, now))
    return refuse(rejected->code, rejected->message_vi);

  SignOutcome out;
  out.signature = record_signature(w, t, req.signer_id, signed_pdf, "server_key", sreq.field_name,
                                   cert_der, chain, req.now, &out.event_id);
  w.commit();
  return out;
}

UnlockOutcome SignatureStore::unlock_key(wf::Id person_id, wf::Id actor_id,
                                         const std::string& detail, wf::TimePoint at) {
  UnlockOutcome out;
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "unlock_signing_key");
  const auto r = w.exec_params(std::string(q::kCredentialLock), person_id);
  if (r.empty()) return out;
  out.found = true;
  const auto credential_id = r[0][0].as<wf::Id>();
  out.pin_failures = r[0][1].as<int>();
  out.was_locked = r[0][2].as<bool>();
  if (!out.was_locked && out.pin_failures == 0) return out;  // nothing to clear, nothing written
  w.exec_params0(std::string(q::kSetPinFailures), credential_id, 0,
                 static_cast<const char*>(nullptr));
  const std::string actor = std::to_string(actor_id);
  out.event_id = w.exec_params1(std::string(q::kInsertSecurityEvent), "signing_key_unlocked",
                                person_id, actor_id != 0 ? actor.c_str() : nullptr, credential_id,
                                detail, static_cast<long long>(epoch_of(at)))[0]
                     .as<wf::Id>();
  w.commit();
  return out;
}

KeyState SignatureStore::key_state(wf::Id person_id) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "signing_key_state");
  const auto r = w.exec_params(std::string(q::kCredentialLock), person_id);
  KeyState k;
  if (r.empty()) return k;
  k.found = true;
  k.pin_failures = r[0][1].as<int>();
  k.locked = r[0][2].as<bool>();
  return k;
}

PrepareOutcome SignatureStore::prepare_external(wf::Id document_id, wf::Id signer_id,
                                                wf::TimePoint at) {
  const auto now = static_cast<long long>(epoch_of(at));
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "prepare_external_signature");
  PrepareOutcome out;
  auto checked = check_signer(w, document_id, signer_id);
  if (checked.refusal) {
    out.refusal = checked.refusal;
    return out;
  }
  const Target& t = *checked.target;
  const auto credential = w.exec_params(std::string(q::kActiveCertificate), signer_id);
  if (credential.empty()) {
    out.refusal = revoked_credential(w, signer_id);
    if (!out.refusal)
      out.refusal = SignRefusal{"no_credential", "Người ký chưa đăng ký chứng thư số."};
    return out;
  }
  const auto cert = cert_from_pem(credential[0][0].as<std::string>());
  if (!cert) throw std::runtime_error("stored certificate unreadable");
  if ((out.refusal = certificate_refusal(cert.get(), anchors_, now))) return out;
  // The issuers up to the trust anchor go into the CMS with the signer's certificate.
  std::vector<X509Ptr> issuers;
  certificate_status(cert.get(), {}, anchors_, now, &issuers);
  std::vector<X509*> chain;
  for (const auto& c : issuers) chain.push_back(c.get());
  const auto sreq = request_for(w, t, signer_id, cert.get(), now);
  ExternalSession session;
  try {
    session = signing::prepare_external(t.pdf, sreq, cert.get(), chain);
  } catch (const PdfInputError& e) {
    out.refusal =
        SignRefusal{"unreadable_pdf", std::string("Không thể ký tệp PDF này: ") + e.what()};
    return out;
  }
  const auto& br = session.prepared.byte_range;
  const std::string range = "{" + std::to_string(br[0]) + "," + std::to_string(br[1]) + "," +
                            std::to_string(br[2]) + "," + std::to_string(br[3]) + "}";
  ExternalPrepared p;
  p.session_id = random_id();
  p.document_id = t.source_id;
  p.role = t.role;
  p.signed_attributes = session.signed_attributes;
  p.content_digest = session.prepared.content_digest;
  p.algorithm = algorithm_name(session.algorithm);
  p.expires_at = now + kExternalSessionSeconds;
  w.exec_params0(std::string(q::kInsertSession), p.session_id, t.source_id, t.role, signer_id,
                 pqxx::binarystring(session.prepared.pdf), range,
                 pqxx::binarystring(session.signed_attributes),
                 pqxx::binarystring(session.signer_cert_der), p.algorithm, sreq.field_name, now,
                 p.expires_at, text_array(hex_all(session.chain_der)));
  w.commit();
  out.prepared = std::move(p);
  return out;
}

SignOutcome SignatureStore::complete_external(const CompleteRequest& req) {
  const auto now = static_cast<long long>(epoch_of(req.now));
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "complete_external_signature");
  const auto rows = w.exec_params(std::string(q::kLockSession), req.session_id);
  if (rows.empty() || rows[0][2].as<wf::Id>() != req.signer_id)
    return refuse("session_not_found", "Không tìm thấy phiên ký số.");
  const auto& s = rows[0];
  if (!s[10].is_null()) return refuse("session_completed", "Phiên ký số này đã hoàn tất.");
  if (s[9].as<long long>() <= now)
    return refuse("session_expired", "Phiên ký số đã hết hạn; hãy chuẩn bị lại.");
  const auto document_id = s[0].as<wf::Id>();
  auto checked = check_signer(w, document_id, req.signer_id);
  if (checked.refusal) return refuse(checked.refusal->code, checked.refusal->message_vi);
  const Target& t = *checked.target;
  if (t.source_id != document_id || t.role != s[1].as<std::string>())
    return refuse("session_stale",
                  "Văn bản đã có phiên bản mới kể từ khi chuẩn bị ký; hãy chuẩn bị lại.");

  ExternalSession session;
  session.prepared.pdf = pqxx::binarystring(s[3]).str();
  const auto range = s[4].as<std::string>();  // "0,123,456,789"
  std::size_t at = 0;
  for (auto& v : session.prepared.byte_range) {
    const auto comma = range.find(',', at);
    v = std::stoll(range.substr(at, comma - at));
    at = comma == std::string::npos ? range.size() : comma + 1;
  }
  session.prepared.content_digest =
      sha256(covered_bytes(session.prepared.pdf, session.prepared.byte_range));
  session.signed_attributes = pqxx::binarystring(s[5]).str();
  session.signer_cert_der = pqxx::binarystring(s[6]).str();
  const auto cert = cert_from_der(session.signer_cert_der);
  if (!cert) throw std::runtime_error("stored certificate unreadable");
  session.algorithm = algorithm_for(cert.get());
  session.sha256_before = codec::sha256_hex(t.pdf);
  const auto field_name = s[7].as<std::string>();
  if (const auto r = certificate_refusal(cert.get(), anchors_, now))
    return refuse(r->code, r->message_vi);
  // The chain found at prepare time, then what the client sends (kept once each).
  const auto keep = [&session](const Bytes& der) {
    if (der == session.signer_cert_der) return;
    for (const auto& c : session.chain_der)
      if (c == der) return;
    session.chain_der.push_back(der);
  };
  for (const auto& hex : split_hex_list(s[11].as<std::string>())) {
    Bytes der;
    if (from_hex(hex, &der)) keep(der);
  }
  for (const auto& der : req.chain_der) {
    if (!cert_from_der(der))
      return refuse("invalid_chain", "Chuỗi chứng thư gửi kèm có chứng thư không đọc được.");
    keep(der);
  }
  if (!req.cms_der.empty())
    for (const auto& c : cms_certificates(req.cms_der)) keep(der_of(c.get()));

  const auto done = req.cms_der.empty()
                        ? complete_with_signature(session, req.signature_value, anchors_, now)
                        : complete_with_cms(session, req.cms_der, anchors_, now);
  if (done.rejection) return refuse(done.rejection->code, done.rejection->message_vi);
  if (!done.signed_pdf) return refuse("signature_rejected", "Chữ ký số không được chấp nhận.");

  SignOutcome out;
  out.signature =
      record_signature(w, t, req.signer_id, *done.signed_pdf, "external", field_name,
                       session.signer_cert_der, session.chain_der, req.now, &out.event_id);
  w.exec_params0(std::string(q::kCompleteSession), req.session_id, now);
  w.commit();
  return out;
}

std::vector<SignatureRecord> SignatureStore::carried_signatures(wf::Id document_id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  std::vector<SignatureRecord> out;
  for (const auto& r : t.exec_params(std::string(q::kCarriedSignatures), document_id)) {
    out.push_back(read_signature(r));
    out.back().signer_name = r[12].as<std::string>();
    out.back().chain_length = r[13].as<int>();
  }
  return out;
}

std::vector<SignatureRecord> SignatureStore::signatures(wf::Id document_id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  std::vector<SignatureRecord> out;
  for (const auto& r : t.exec_params(std::string(q::kSignaturesOfDocument), document_id))
    out.push_back(read_signature(r));
  return out;
}

}  // namespace kd::signing
