#include "services/storage/audit_chain.hpp"

#include "services/codec/sha256.hpp"

namespace kd::storage::audit {
namespace {

void field(std::string& out, const std::string& bytes) {
  out += std::to_string(bytes.size());
  out.push_back(':');
  out += bytes;
  out.push_back('\n');
}

}  // namespace

std::string canonical_encoding(const EventRecord& e) {
  std::string out = "kd-audit-v1\n";
  field(out, std::to_string(e.review_id));
  field(out, std::to_string(e.seq));
  field(out, std::to_string(e.actor_id));
  field(out, e.action);
  field(out, e.from_stage);
  field(out, e.to_stage);
  field(out, e.payload_json);
  field(out, std::to_string(e.occurred_at.time_since_epoch().count()));
  field(out, e.prev_hash);
  return out;
}

std::string event_hash(const EventRecord& e) { return codec::sha256_hex(canonical_encoding(e)); }

std::vector<AuditBreak> verify_chain(const std::vector<EventRecord>& events) {
  std::vector<AuditBreak> breaks;
  const EventRecord* prev = nullptr;
  for (const auto& e : events) {
    if (prev != nullptr && prev->review_id != e.review_id) prev = nullptr;
    const int expected_seq = prev ? prev->seq + 1 : 1;
    const std::string& expected_prev = prev ? prev->hash : kGenesisHash;
    if (e.seq != expected_seq) {
      breaks.push_back({e.review_id, e.seq,
                        "Thiếu sự kiện trong chuỗi: số thứ tự " + std::to_string(e.seq) +
                            ", mong đợi " + std::to_string(expected_seq)});
    }
    if (e.prev_hash != expected_prev) {
      breaks.push_back({e.review_id, e.seq,
                        "Liên kết chuỗi bị đứt: mã băm trước (prev_hash) không khớp với sự "
                        "kiện liền trước"});
    }
    if (event_hash(e) != e.hash) {
      breaks.push_back(
          {e.review_id, e.seq, "Mã băm không khớp: nội dung sự kiện đã bị thay đổi sau khi ghi"});
    }
    prev = &e;
  }
  return breaks;
}

}  // namespace kd::storage::audit
