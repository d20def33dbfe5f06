#include "services/storage/transaction_steps.hpp"

#include <stdexcept>

#include <Poco/JSON/Array.h>

#include "services/codec/json_codec.hpp"
#include "services/storage/audit_chain.hpp"
#include "services/storage/row_mapping.hpp"
#include "services/storage/sql.hpp"
#include "services/storage/sql_documents.hpp"

namespace kd::storage::detail {
std::optional<CampaignRecord> load_campaign(pqxx::transaction_base& t, Id campaign_id,
                                            bool for_update) {
  const auto res = t.exec_prepared(
      sql::name(for_update ? sql::kLockCampaign : sql::kSelectCampaign), campaign_id);
  if (res.empty()) return std::nullopt;
  CampaignRecord rec;
  rec.campaign = read_campaign(res[0]);
  rec.regime = parse_regime_snapshot(res[0][9].as<std::string>(), campaign_id);
  return rec;
}

wf::OrgTree load_org(pqxx::transaction_base& t) {
  std::vector<wf::Unit> units;
  for (const auto& r : t.exec_prepared(sql::name(sql::kSelectUnits))) units.push_back(read_unit(r));
  std::vector<wf::RoleGrant> grants;
  for (const auto& r : t.exec_prepared(sql::name(sql::kSelectGrants))) {
    const auto role = r[2].as<std::string>();
    const auto parsed = wf::parse_role(role);
    if (!parsed) throw std::runtime_error("Vai trò không hợp lệ trong cơ sở dữ liệu: " + role);
    wf::RoleGrant g(r[0].as<Id>(), r[1].as<Id>(), *parsed);
    if (!r[3].is_null()) g.from = wf::parse_iso_date(r[3].as<std::string>());
    if (!r[4].is_null()) g.until = wf::parse_iso_date(r[4].as<std::string>());
    if (!r[5].is_null()) g.revoked_on = wf::parse_iso_date(r[5].as<std::string>());
    grants.push_back(g);
  }
  return wf::OrgTree(std::move(units), std::move(grants));
}

std::optional<ReviewRow> load_review_row(pqxx::transaction_base& t, Id review_id) {
  const auto res = t.exec_prepared(sql::name(sql::kSelectReviewRow), review_id);
  if (res.empty()) return std::nullopt;
  return read_review_row(res[0]);
}

EventRecord append_event(pqxx::transaction_base& t, Id review_id, Id actor_id,
                         const std::string& action, const std::string& from_stage,
                         const std::string& to_stage, const std::string& payload_json,
                         wf::TimePoint now) {
  EventRecord e;
  e.review_id = review_id;
  e.actor_id = actor_id;
  e.action = action;
  e.from_stage = from_stage;
  e.to_stage = to_stage;
  e.payload_json = payload_json;
  e.occurred_at = now;
  const auto last = t.exec_prepared(sql::name(sql::kSelectLastEvent), review_id);
  if (last.empty()) {
    e.seq = 1;
    e.prev_hash = audit::kGenesisHash;
  } else {
    e.seq = last[0][0].as<int>() + 1;
    e.prev_hash = last[0][1].as<std::string>();
  }
  e.hash = audit::event_hash(e);
  const auto row = t.exec_prepared1(sql::name(sql::kInsertEvent), e.review_id, e.seq, e.actor_id,
                                    e.action, e.from_stage, e.to_stage, e.payload_json,
                                    epoch_seconds(e.occurred_at), e.prev_hash, e.hash);
  e.id = row[0].as<Id>();
  return e;
}

std::optional<IdempotentAnswer> find_idempotent(pqxx::transaction_base& t, Id account_id,
                                                const std::string& key) {
  const auto seen = t.exec_prepared(sql::name(sql::kSelectIdempotency), account_id, key);
  if (seen.empty()) return std::nullopt;
  return IdempotentAnswer{seen[0][0].as<std::string>(),
                          StoredResponse{seen[0][1].as<int>(), seen[0][2].as<std::string>()}};
}

bool store_idempotent(pqxx::transaction_base& t, Id account_id, const std::string& key,
                      const std::string& fingerprint, const StoredResponse& answer,
                      wf::TimePoint now) {
  const auto ins = t.exec_prepared(sql::name(sql::kInsertIdempotency), account_id, key, fingerprint,
                                   answer.status, answer.body, epoch_seconds(now));
  return ins.affected_rows() == 1;
}

void write_review(pqxx::transaction_base& t, const wf::Review& v, int before_version,
                  wf::TimePoint now) {
  const std::string form = codec::canonical(codec::to_json(v.form));
  std::optional<std::string> meeting, opinion, rating, published;
  if (v.meeting) meeting = codec::canonical(codec::to_json(*v.meeting));
  if (v.opinion) opinion = codec::canonical(codec::to_json(*v.opinion));
  if (v.final_rating) rating = std::string(wf::to_string(*v.final_rating));
  if (v.published_at) published = std::to_string(epoch_seconds(*v.published_at));
  const auto res = t.exec_prepared(
      sql::name(sql::kUpdateReview), v.id, std::string(wf::to_string(v.stage)), v.workflow_version,
      form, nullable(meeting), nullable(opinion), nullable(rating), v.not_rated,
      nullable(published), v.complaints, v.last_return_reason, epoch_seconds(now), before_version);
  if (res.affected_rows() != 1) {
    throw std::logic_error("review " + std::to_string(v.id) + " changed while locked");
  }
}

void queue_render(pqxx::transaction_base& t, const wf::Review& v, const EventRecord& event,
                  wf::TimePoint now, const std::string& snapshot, const std::string& documents) {
  Poco::JSON::Object::Ptr payload = new Poco::JSON::Object;
  payload->set("review_id", static_cast<Poco::Int64>(v.id));
  payload->set("campaign_id", static_cast<Poco::Int64>(v.campaign_id));
  payload->set("event_id", static_cast<Poco::Int64>(event.id));
  payload->set("event_seq", event.seq);
  payload->set("action", event.action);
  payload->set("stage", event.to_stage);
  payload->set("documents", documents);
  t.exec_prepared0(sql::name(sql_documents::kQueueRenderJob), v.id, v.campaign_id,
                   codec::canonical(payload), snapshot, epoch_seconds(now));
}

void queue_batch_render(pqxx::transaction_base& t, Id campaign_id,
                        const std::vector<EventRecord>& events, wf::TimePoint now,
                        const std::string& snapshot) {
  if (events.empty()) return;
  Poco::JSON::Object::Ptr payload = new Poco::JSON::Object;
  // review_id / event_id: the first member's, whose event names the batch (subject, time).
  payload->set("review_id", static_cast<Poco::Int64>(events.front().review_id));
  payload->set("campaign_id", static_cast<Poco::Int64>(campaign_id));
  payload->set("event_id", static_cast<Poco::Int64>(events.front().id));
  payload->set("action", events.front().action);
  payload->set("stage", events.front().to_stage);
  payload->set("documents", std::string(kRenderBatch));
  Poco::JSON::Array::Ptr reviews = new Poco::JSON::Array, ids = new Poco::JSON::Array;
  for (const auto& e : events) {
    reviews->add(static_cast<Poco::Int64>(e.review_id));
    ids->add(static_cast<Poco::Int64>(e.id));
  }
  payload->set("review_ids", reviews);
  payload->set("event_ids", ids);
  t.exec_prepared0(sql::name(sql_documents::kQueueRenderJob), static_cast<const char*>(nullptr),
                   campaign_id, codec::canonical(payload), snapshot, epoch_seconds(now));
}

}  // namespace kd::storage::detail
