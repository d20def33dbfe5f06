#include "services/tracking/tracking_store.hpp"

#include <stdexcept>

#include "services/tracking/tracking_sql.hpp"

namespace kd::tracking {
namespace {

namespace wf = kd::wf;

wf::TimePoint at(std::int64_t secs) { return wf::TimePoint(std::chrono::seconds(secs)); }

std::optional<std::string> id_array(const std::vector<Id>& ids) {
  if (ids.empty()) return std::nullopt;
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += std::to_string(ids[i]);
  }
  return out + "}";
}

const char* nullable(const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; }

template <class T>
T known(std::optional<T> v, const std::string& what, const std::string& text) {
  if (!v)
    throw std::runtime_error("Dữ liệu không hợp lệ trong cơ sở dữ liệu: " + what + " '" + text +
                             "'");
  return *v;
}

}  // namespace

kd::storage::ConnectionPool::Lease TrackingStore::acquire() {
  auto lease = pool_.acquire();
  sql::prepare_tracking_statements(*lease);
  return lease;
}

std::vector<Id> TrackingStore::open_campaigns(pqxx::transaction_base& t) {
  std::vector<Id> out;
  for (const auto& r : t.exec_prepared(sql::name(sql::kOpenCampaignIds)))
    out.push_back(r[0].as<Id>());
  return out;
}

std::vector<TrackedRow> TrackingStore::tracked_reviews(pqxx::transaction_base& t, Id campaign_id,
                                                       const std::vector<Id>& unit_ids) {
  const auto units = id_array(unit_ids);
  std::vector<TrackedRow> out;
  const auto rows = t.exec_prepared(sql::name(sql::kTrackedReviews), campaign_id, nullable(units));
  out.reserve(rows.size());
  for (const auto& r : rows) {
    TrackedRow row;
    wf::Review& rv = row.review;
    rv.id = r[0].as<Id>();
    rv.campaign_id = r[1].as<Id>();
    rv.person_id = r[2].as<Id>();
    rv.unit_id = r[3].as<Id>();
    const auto stage = r[4].as<std::string>();
    rv.stage = known(wf::parse_stage(stage), "stage", stage);
    if (!r[5].is_null()) {
      const auto rating = r[5].as<std::string>();
      rv.final_rating = known(wf::parse_rating(rating), "rating", rating);
    }
    rv.not_rated = r[6].as<bool>();
    if (!r[7].is_null()) rv.published_at = at(r[7].as<std::int64_t>());
    wf::Person& p = row.person;
    p.id = rv.person_id;
    p.full_name = r[8].as<std::string>();
    p.unit_id = rv.unit_id;
    const auto group = r[9].as<std::string>();
    p.group = known(wf::parse_group(group), "group", group);
    p.party_member = r[10].as<bool>();
    p.leader = r[11].as<bool>();
    p.position = r[12].as<std::string>();
    p.peer_group = r[13].as<std::string>();
    row.unit_name = r[14].as<std::string>();
    row.activity.stage_entry_seq = r[15].as<int>();
    row.activity.stage_entered_at = at(r[16].as<std::int64_t>());
    row.activity.last_event_at = at(r[17].as<std::int64_t>());
    row.notices_sent = r[18].as<int>();
    out.push_back(std::move(row));
  }
  return out;
}

std::map<Id, Contact> TrackingStore::contacts(pqxx::transaction_base& t,
                                              const std::vector<Id>& people) {
  std::map<Id, Contact> out;
  const auto ids = id_array(people);
  if (!ids) return out;
  for (const auto& r : t.exec_prepared(sql::name(sql::kPeopleContacts), *ids)) {
    Contact c{r[0].as<Id>(), r[1].as<std::string>(), r[2].as<std::string>()};
    out.emplace(c.id, std::move(c));
  }
  return out;
}

std::vector<TrackedRow> TrackingStore::tracked_reviews(Id campaign_id,
                                                       const std::vector<Id>& unit_ids) {
  auto conn = acquire();
  pqxx::read_transaction t(*conn);
  auto rows = tracked_reviews(t, campaign_id, unit_ids);
  t.commit();
  return rows;
}

std::vector<Id> TrackingStore::open_campaigns() {
  auto conn = acquire();
  pqxx::read_transaction t(*conn);
  auto ids = open_campaigns(t);
  t.commit();
  return ids;
}

std::map<Id, Contact> TrackingStore::contacts(const std::vector<Id>& people) {
  auto conn = acquire();
  pqxx::read_transaction t(*conn);
  auto out = contacts(t, people);
  t.commit();
  return out;
}

void TrackingStore::set_email(Id person_id, const std::string& email) {
  auto conn = acquire();
  pqxx::work w(*conn, "set_email");
  w.exec_prepared0(sql::name(sql::kSetEmail), person_id, email);
  w.commit();
}

Inbox TrackingStore::inbox(Id person_id, bool unread_only, int limit, int offset) {
  auto conn = acquire();
  pqxx::read_transaction t(*conn);
  Inbox box;
  for (const auto& r :
       t.exec_prepared(sql::name(sql::kInbox), person_id, unread_only, limit, offset)) {
    NotificationRecord n;
    n.id = r[0].as<Id>();
    n.kind = r[1].as<std::string>();
    n.review_id = r[2].as<Id>();
    n.campaign_id = r[3].as<Id>();
    n.stage = r[4].as<std::string>();
    if (!r[5].is_null()) n.due = wf::parse_iso_date(r[5].as<std::string>());
    n.subject = r[6].as<std::string>();
    n.body = r[7].as<std::string>();
    n.created_at = at(r[8].as<std::int64_t>());
    if (!r[9].is_null()) n.read_at = at(r[9].as<std::int64_t>());
    box.items.push_back(std::move(n));
  }
  const auto counts = t.exec_prepared1(sql::name(sql::kInboxCount), person_id, unread_only);
  box.total = counts[0].as<long>();
  box.unread = counts[1].as<long>();
  t.commit();
  return box;
}

std::optional<wf::TimePoint> TrackingStore::mark_read(Id person_id, Id notification_id,
                                                      wf::TimePoint now) {
  auto conn = acquire();
  pqxx::work w(*conn, "mark_read");
  const auto rows = w.exec_prepared(sql::name(sql::kMarkRead), notification_id, person_id,
                                    static_cast<std::int64_t>(now.time_since_epoch().count()));
  w.commit();
  if (rows.empty()) return std::nullopt;
  return at(rows[0][0].as<std::int64_t>());
}

std::vector<HistoryEntry> TrackingStore::rating_history(Id person_id) {
  auto conn = acquire();
  pqxx::read_transaction t(*conn);
  std::vector<HistoryEntry> out;
  for (const auto& r : t.exec_prepared(sql::name(sql::kRatingHistory), person_id)) {
    HistoryEntry h;
    h.campaign_id = r[0].as<Id>();
    h.year = r[1].as<int>();
    h.campaign_name = r[2].as<std::string>();
    h.regime_id = r[3].as<std::string>();
    h.review_id = r[4].as<Id>();
    const auto stage = r[5].as<std::string>();
    h.stage = known(wf::parse_stage(stage), "stage", stage);
    if (!r[6].is_null()) {
      const auto rating = r[6].as<std::string>();
      h.rating = known(wf::parse_rating(rating), "rating", rating);
    }
    h.not_rated = r[7].as<bool>();
    if (!r[8].is_null()) h.published_at = at(r[8].as<std::int64_t>());
    h.unit_id = r[9].as<Id>();
    out.push_back(std::move(h));
  }
  t.commit();
  return out;
}

std::string TrackingStore::report_subject(Id campaign_id, Id unit_id) {
  return "campaign:" + std::to_string(campaign_id) + ":summary:" + std::to_string(unit_id);
}

Id TrackingStore::enqueue_summary_report(Id campaign_id, Id unit_id, Id signer_id,
                                         wf::TimePoint as_of) {
  const std::string payload =
      "{\"report\":\"campaign_summary\",\"campaign_id\":" + std::to_string(campaign_id) +
      ",\"unit_id\":" + std::to_string(unit_id) + ",\"signer_id\":" + std::to_string(signer_id) +
      ",\"as_of\":" + std::to_string(as_of.time_since_epoch().count()) + "}";
  auto conn = acquire();
  pqxx::work w(*conn, "enqueue_report");
  const Id id = w.exec_prepared1(sql::name(sql::kEnqueueReport), campaign_id, payload)[0].as<Id>();
  w.commit();
  return id;
}

std::optional<ReportJobState> TrackingStore::latest_report_job(Id campaign_id, Id unit_id) {
  auto conn = acquire();
  pqxx::read_transaction t(*conn);
  const auto rows = t.exec_prepared(sql::name(sql::kLatestReportJob), campaign_id,
                                    std::string("campaign_summary"), std::to_string(unit_id));
  t.commit();
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  ReportJobState s;
  s.job_id = r[0].as<Id>();
  s.attempts = r[1].as<int>();
  s.last_error = r[2].as<std::string>();
  s.state = r[5].as<bool>()   ? "failed"
            : r[4].as<bool>() ? "done"
            : r[3].as<bool>() ? "rendering"
                              : "queued";
  s.requested_at = at(r[6].as<std::int64_t>());
  s.as_of = at(r[7].as<std::int64_t>());
  return s;
}

std::optional<ReportDocument> TrackingStore::latest_report_document(Id campaign_id, Id unit_id) {
  auto conn = acquire();
  pqxx::read_transaction t(*conn);
  const auto rows =
      t.exec_prepared(sql::name(sql::kLatestReportDocument), report_subject(campaign_id, unit_id),
                      std::string("campaign_summary"));
  t.commit();
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return ReportDocument{
      r[0].as<Id>(),   r[1].as<int>(), r[2].as<std::string>(),     r[3].as<std::string>(),
      r[4].as<long>(), r[5].as<int>(), at(r[6].as<std::int64_t>())};
}

std::optional<std::string> TrackingStore::document_pdf(const std::string& sha256) {
  auto conn = acquire();
  pqxx::read_transaction t(*conn);
  const auto rows = t.exec_prepared(sql::name(sql::kDocumentContent), sha256);
  t.commit();
  if (rows.empty()) return std::nullopt;
  const pqxx::binarystring bytes(rows[0][0]);
  return bytes.str();
}

}  // namespace kd::tracking
