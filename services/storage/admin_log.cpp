#include "services/storage/admin_log.hpp"

#include "services/codec/sha256.hpp"
#include "services/storage/row_mapping.hpp"
#include "services/storage/sql_accounts.hpp"

namespace kd::storage::admin_log {
namespace {

namespace q = sql_accounts;

const std::string kGenesis(64, '0');

void field(std::string& out, const std::string& bytes) {
  out += std::to_string(bytes.size());
  out.push_back(':');
  out += bytes;
  out.push_back('\n');
}

std::string optional_id(const std::optional<Id>& id) { return id ? std::to_string(*id) : ""; }

std::optional<std::string> id_text(const std::optional<Id>& id) {
  if (!id) return std::nullopt;
  return std::to_string(*id);
}

std::optional<Id> read_id(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<Id>();
}

AdminEvent read_event(const pqxx::row& r) {
  AdminEvent e;
  e.id = r[0].as<Id>();
  e.seq = r[1].as<long>();
  e.actor_id = read_id(r[2]);
  e.action = r[3].as<std::string>();
  e.subject = r[4].as<std::string>();
  e.person_id = read_id(r[5]);
  e.unit_id = read_id(r[6]);
  e.before = r[7].as<std::string>();
  e.after = r[8].as<std::string>();
  e.occurred_at = detail::from_epoch_seconds(r[9].as<std::int64_t>());
  e.prev_hash = r[10].as<std::string>();
  e.hash = r[11].as<std::string>();
  return e;
}

}  // namespace

std::string canonical_encoding(const AdminEvent& e) {
  std::string out = "kd-admin-audit-v1\n";
  field(out, std::to_string(e.seq));
  field(out, optional_id(e.actor_id));
  field(out, e.action);
  field(out, e.subject);
  field(out, optional_id(e.person_id));
  field(out, optional_id(e.unit_id));
  field(out, e.before);
  field(out, e.after);
  field(out, std::to_string(e.occurred_at.time_since_epoch().count()));
  field(out, e.prev_hash);
  return out;
}

std::string event_hash(const AdminEvent& e) { return codec::sha256_hex(canonical_encoding(e)); }

std::vector<AdminAuditBreak> verify_chain(const std::vector<AdminEvent>& events) {
  std::vector<AdminAuditBreak> breaks;
  const AdminEvent* prev = nullptr;
  for (const auto& e : events) {
    const long expected_seq = prev ? prev->seq + 1 : 1;
    const std::string& expected_prev = prev ? prev->hash : kGenesis;
    if (e.seq != expected_seq) {
      breaks.push_back({e.seq, "Thiếu sự kiện trong chuỗi: số thứ tự " + std::to_string(e.seq) +
                                   ", mong đợi " + std::to_string(expected_seq)});
    }
    if (e.prev_hash != expected_prev) {
      breaks.push_back({e.seq,
                        "Liên kết chuỗi bị đứt: mã băm trước (prev_hash) không khớp với sự kiện "
                        "liền trước"});
    }
    if (event_hash(e) != e.hash) {
      breaks.push_back({e.seq, "Mã băm không khớp: nội dung sự kiện đã bị thay đổi sau khi ghi"});
    }
    prev = &e;
  }
  return breaks;
}

AdminEvent append(pqxx::work& w, AdminEvent e) {
  w.exec_prepared(sql::name(q::kLockAdminLog));
  const auto last = w.exec_prepared(sql::name(q::kLastAdminEvent));
  e.seq = last.empty() ? 1 : last[0][0].as<long>() + 1;
  e.prev_hash = last.empty() ? kGenesis : last[0][1].as<std::string>();
  e.hash = event_hash(e);
  e.id = w.exec_prepared1(sql::name(q::kInsertAdminEvent), e.seq,
                          detail::nullable(id_text(e.actor_id)), e.action, e.subject,
                          detail::nullable(id_text(e.person_id)),
                          detail::nullable(id_text(e.unit_id)), e.before, e.after,
                          detail::epoch_seconds(e.occurred_at), e.prev_hash, e.hash)[0]
             .as<Id>();
  return e;
}

AdminAuditReport verify(ConnectionPool& pool) {
  auto conn = pool.acquire();
  pqxx::read_transaction t(*conn);
  std::vector<AdminEvent> events;
  for (const auto& r : t.exec_prepared(sql::name(q::kAllAdminEvents))) {
    events.push_back(read_event(r));
  }
  t.commit();
  AdminAuditReport report;
  report.events_checked = static_cast<long>(events.size());
  report.breaks = verify_chain(events);
  return report;
}

Page<AdminEvent> list(ConnectionPool& pool, const std::vector<Id>& units, int limit, int offset) {
  Page<AdminEvent> page;
  page.limit = limit;
  page.offset = offset;
  if (units.empty()) return page;
  auto conn = pool.acquire();
  pqxx::read_transaction t(*conn);
  const auto ids = detail::id_array(units);
  for (const auto& r :
       t.exec_prepared(sql::name(q::kListAdminEvents), detail::nullable(ids), limit, offset)) {
    page.items.push_back(read_event(r));
  }
  page.total =
      t.exec_prepared1(sql::name(q::kCountAdminEvents), detail::nullable(ids))[0].as<long>();
  t.commit();
  return page;
}

}  // namespace kd::storage::admin_log
