#include "services/scoring/evidence.hpp"

#include "services/codec/sha256.hpp"

namespace kd::application {

std::optional<std::string> evidence_media_type(const std::string& c) {
  if (c.rfind("%PDF-", 0) == 0) return "application/pdf";
  if (c.rfind("\x89PNG\r\n\x1a\n", 0) == 0) return "image/png";
  if (c.size() >= 3 && static_cast<unsigned char>(c[0]) == 0xFF &&
      static_cast<unsigned char>(c[1]) == 0xD8 && static_cast<unsigned char>(c[2]) == 0xFF)
    return "image/jpeg";
  return std::nullopt;
}

EvidenceUploadOutcome store_evidence(storage::ConnectionPool& pool, const EvidenceUpload& up) {
  EvidenceUploadOutcome out;
  if (up.content.empty()) {
    out.refusals.push_back(wf::Refusal{wf::RefusalKind::GuardFailed, "evidence_empty",
                                       "Tệp minh chứng rỗng.", "file"});
    return out;
  }
  const auto type = evidence_media_type(up.content);
  if (!type) {
    out.refusals.push_back(wf::Refusal{wf::RefusalKind::GuardFailed, "evidence_type_unsupported",
                                       "Chỉ nhận tệp minh chứng PDF, PNG hoặc JPEG.", "file"});
    return out;
  }
  storage::EvidenceFile f;
  f.sha256 = codec::sha256_hex(up.content);
  f.media_type = *type;
  f.content = up.content;
  f.uploaded_by = up.uploader;
  f.uploaded_at = up.now;
  auto conn = pool.acquire();
  pqxx::work w(*conn, "store_evidence");
  storage::periods::put_evidence(w, f);
  w.commit();
  out.accepted = true;
  out.sha256 = f.sha256;
  out.media_type = f.media_type;
  out.size = f.content.size();
  return out;
}

EvidenceRead read_evidence(storage::ConnectionPool& pool, const std::string& sha256) {
  EvidenceRead out;
  auto conn = pool.acquire();
  pqxx::read_transaction t(*conn);
  out.file = storage::periods::get_evidence(t, sha256);
  if (!out.file) return out;
  for (wf::Id id : storage::periods::periods_citing(t, sha256)) {
    if (auto p = storage::periods::load(t, id, false)) out.citing.push_back(std::move(*p));
  }
  return out;
}

}  // namespace kd::application
