// Store: batch decision (with the HTXS quota) and batch publication of a
// campaign's reviews. All or nothing, in one transaction: any refusal, per
// review or of the quota, writes nothing and every refusal is returned.
// A preview runs the same plan and rolls back before the first write.
#include <map>
#include <set>

#include <Poco/JSON/Array.h>

#include "services/codec/json_codec.hpp"
#include "services/storage/campaign_quota.hpp"
#include "services/storage/render_snapshot.hpp"
#include "services/storage/row_mapping.hpp"
#include "services/storage/sql.hpp"
#include "services/storage/store.hpp"
#include "services/storage/transaction_steps.hpp"
#include "services/storage/year_binding.hpp"
#include "workflow/text_policy.hpp"

namespace kd::storage {
namespace {

wf::Refusal refusal(std::string code, std::string message, std::string field = {},
                    wf::RefusalKind kind = wf::RefusalKind::GuardFailed) {
  return {kind, std::move(code), std::move(message), std::move(field)};
}

wf::Refusal campaign_not_found(Id campaign_id) {
  return refusal("campaign_not_found",
                 "Không tìm thấy đợt đánh giá số " + std::to_string(campaign_id) + ".",
                 "campaign_id");
}

struct Planned {
  const ReviewRow* row;
  wf::ActionRequest request;
  wf::TransitionResult result;
};

// The campaign row, then its reviews in id order: the same order as every other use case
// that locks both (a decision on one review), so there is no deadlock.
struct LockedCampaign {
  CampaignRecord record;
  std::map<Id, ReviewRow> rows;
  wf::OrgTree org;
};

std::optional<LockedCampaign> lock_campaign(pqxx::work& w, Id campaign_id) {
  auto rec = detail::load_campaign(w, campaign_id, true);
  if (!rec) return std::nullopt;
  LockedCampaign lc{std::move(*rec), {}, detail::load_org(w)};
  w.exec_prepared(sql::name(sql::kLockCampaignReviews), campaign_id);
  lc.rows = detail::campaign_rows(w, campaign_id);
  return lc;
}

// Runs every planned item through the machine; refusals are collected per review.
// With `signatures`, each review's signature facts are read in the transaction; a regime
// that scores periods binds each rating to the person's year (year_binding.hpp).
void run_items(pqxx::transaction_base& w, const LockedCampaign& lc, Id actor_id, wf::TimePoint now,
               std::vector<Planned>& planned, BatchOutcome& out, bool signatures) {
  for (auto& p : planned) {
    std::optional<wf::SignatureFacts> facts;
    if (signatures) facts = detail::load_signature_facts(w, p.row->review.id);
    const auto year = detail::year_binding(w, *p.row, lc.record, p.request.action);
    if (year && !year->refusals.empty()) {
      p.result = wf::TransitionResult{};
      p.result.review = p.row->review;
      p.result.refusals = year->refusals;
      out.per_review.emplace_back(p.row->review.id, p.result.refusals);
      continue;
    }
    wf::TransitionContext ctx{
        p.row->review, p.row->person, lc.record.regime,         lc.record.campaign, lc.org,
        actor_id,      now,           facts ? &*facts : nullptr};
    if (year) ctx.score_bounds = &year->bounds;
    p.result = wf::apply_action(ctx, p.request);
    if (!p.result.accepted) out.per_review.emplace_back(p.row->review.id, p.result.refusals);
  }
}

// Resolves the ids of a batch against the campaign: unknown and duplicate ids are refused.
std::vector<const ReviewRow*> resolve(const LockedCampaign& lc, const std::vector<Id>& ids,
                                      BatchOutcome& out) {
  std::vector<const ReviewRow*> rows;
  std::set<Id> seen;
  for (Id id : ids) {
    wf::Refusals refused;
    if (!seen.insert(id).second) {
      refused.push_back(refusal(
          "duplicate_in_batch",
          "Hồ sơ số " + std::to_string(id) + " xuất hiện hai lần trong danh sách.", "items"));
    } else if (auto it = lc.rows.find(id); it == lc.rows.end()) {
      refused.push_back(refusal("review_not_in_campaign",
                                "Hồ sơ số " + std::to_string(id) + " không thuộc đợt đánh giá này.",
                                "items"));
    } else {
      rows.push_back(&it->second);
    }
    if (!refused.empty()) out.per_review.emplace_back(id, refused);
  }
  return rows;
}

// A key already used by this account: the first answer (same request) or a refusal (another
// request). Checked under the campaign lock, so a retry waits for the first attempt's commit.
bool seen_key(pqxx::work& w, const BatchKey* key, BatchOutcome& out) {
  if (key == nullptr || key->key.empty()) return false;
  const auto seen = detail::find_idempotent(w, key->account_id, key->key);
  if (!seen) return false;
  if (seen->fingerprint == key->fingerprint) {
    out.replayed = true;
    out.replay = seen->response;
  } else {
    out.key_reused = true;
  }
  return true;
}

// Stores the accepted batch's answer for its key; false (and the outcome refused) when the key
// was taken meanwhile by another request of the account: the caller then rolls back.
bool keep_answer(pqxx::work& w, const BatchKey* key, wf::TimePoint now, BatchOutcome& out) {
  if (key == nullptr || key->key.empty()) return true;
  const StoredResponse answer = key->render ? key->render(out) : StoredResponse{200, "{}"};
  if (detail::store_idempotent(w, key->account_id, key->key, key->fingerprint, answer, now)) {
    return true;
  }
  out.key_reused = true;
  out.review_ids.clear();
  return false;
}

// The end of a preview: the plan passed, nothing is written.
void would_accept(const std::vector<Planned>& planned, BatchOutcome& out) {
  for (const auto& p : planned) out.review_ids.push_back(p.row->review.id);
  out.accepted = true;
}

// Where the batch's one render job for its batch documents goes among the per-review jobs:
// the decision is rendered before the forms with section IV, the public list after the notices.
enum class BatchDocuments { First, Last };

void write_all(pqxx::work& w, const LockedCampaign& lc, const std::vector<Planned>& planned,
               Id actor_id, wf::TimePoint now, const Poco::JSON::Object::Ptr& extra,
               BatchDocuments order, BatchOutcome& out) {
  std::vector<std::pair<wf::Review, EventRecord>> written;
  std::vector<SnapshotMember> members;
  for (const auto& p : planned) {
    wf::Review after = p.result.review;
    const wf::Review& before = p.row->review;
    after.id = before.id;
    after.campaign_id = before.campaign_id;
    after.person_id = before.person_id;
    after.unit_id = before.unit_id;
    after.version = before.version + 1;
    detail::write_review(w, after, before.version, now);
    auto payload = codec::action_payload(p.request);
    payload->set("batch", true);
    if (extra) {
      for (const auto& name : extra->getNames()) payload->set(name, extra->get(name));
    }
    const auto event = detail::append_event(
        w, after.id, actor_id, std::string(wf::to_string(p.request.action)),
        std::string(wf::to_string(before.stage)), std::string(wf::to_string(after.stage)),
        codec::canonical(payload), now);
    members.push_back({after, p.row->person, p.row->unit_name,
                       detail::year_sheet(w, p.row->person, after, lc.record)});
    written.emplace_back(after, event);
    out.review_ids.push_back(after.id);
  }
  // One job for the batch documents (one decision / public list per batch), one per review
  // for its own; each renders from the data as this transaction leaves it.
  std::vector<EventRecord> events;
  for (const auto& [after, event] : written) events.push_back(event);
  const auto batch =
      detail::capture_render_snapshot(w, members, lc.org, actor_id, wf::vietnam_date(now));
  const auto batch_snapshot = encode_render_snapshot(batch);
  if (order == BatchDocuments::First)
    detail::queue_batch_render(w, lc.record.campaign.id, events, now, batch_snapshot);
  for (std::size_t i = 0; i < written.size(); ++i) {
    const auto snapshot =
        detail::member_snapshot(batch, i, lc.org, actor_id, wf::vietnam_date(now));
    detail::queue_render(w, written[i].first, written[i].second, now,
                         encode_render_snapshot(snapshot), detail::kRenderReview);
  }
  if (order == BatchDocuments::Last)
    detail::queue_batch_render(w, lc.record.campaign.id, events, now, batch_snapshot);
}

}  // namespace

wf::Refusals BatchOutcome::all_refusals() const {
  wf::Refusals all = refusals;
  for (const auto& [id, own] : per_review) all.insert(all.end(), own.begin(), own.end());
  return all;
}

BatchOutcome Store::decide_batch(Id campaign_id, Id actor_id, const std::vector<BatchItem>& items,
                                 bool quota_override, const std::string& override_reason,
                                 wf::TimePoint now, const BatchKey* key,
                                 const std::string& quota_decision, BatchRun run) {
  BatchOutcome out;
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "decide_batch");
  auto lc = lock_campaign(w, campaign_id);
  if (!lc) {
    out.refusals.push_back(campaign_not_found(campaign_id));
    return out;
  }
  if (run == BatchRun::Commit && seen_key(w, key, out)) return out;
  if (items.empty()) {
    out.refusals.push_back(
        refusal("empty_batch", "Danh sách quyết định xếp loại đang trống.", "items"));
  }
  // The exception's reason, once for the batch (the text policy's rules for a reason); the
  // items carry the exception only with a valid one, so it is not refused once per review.
  auto reason_refusals = wf::override_refusals(quota_override, override_reason, "override_reason");
  for (auto& r : wf::text_length_refusals(wf::TextKind::Reason, override_reason, "override_reason"))
    reason_refusals.push_back(std::move(r));
  const bool override_given = quota_override && reason_refusals.empty();
  out.refusals.insert(out.refusals.end(), reason_refusals.begin(), reason_refusals.end());

  std::vector<Id> ids;
  std::map<Id, std::optional<wf::Rating>> chosen;
  for (const auto& item : items) {
    ids.push_back(item.review_id);
    chosen.emplace(item.review_id, item.rating);
  }
  std::vector<Planned> planned;
  for (const ReviewRow* row : resolve(*lc, ids, out)) {
    wf::ActionRequest req;
    req.action = wf::Action::Decide;
    req.rating = chosen[row->review.id];  // none: the machine takes the head's proposal
    req.quota_override = override_given;
    if (override_given) req.reason = override_reason;
    planned.push_back({row, std::move(req), {}});
  }
  run_items(w, *lc, actor_id, now, planned, out, false);

  // The quota over the campaign's standing ratings plus this batch, per peer group.
  std::set<Id> in_batch;
  for (const auto& p : planned) in_batch.insert(p.row->review.id);
  std::vector<wf::RatedEntry> entries =
      wf::standing_ratings(detail::quota_entries(lc->rows), in_batch);
  for (const auto& p : planned) {
    if (p.result.accepted && p.result.review.final_rating && !p.result.review.not_rated) {
      entries.push_back({wf::peer_group_of(p.row->person), *p.result.review.final_rating});
    }
  }
  // With an override the report stays ok (overridden) when the regime allows it, and
  // carries a "quota_override_not_allowed" refusal when it does not.
  // The override is the exception for an outstanding organisation: its decision, the actor
  // approving it and the regime's cap (wf::check_quota with a QuotaException).
  out.quota = quota_override
                  ? wf::check_quota(entries, lc->record.regime.quota,
                                    wf::QuotaException{quota_decision, actor_id, override_reason})
                  : wf::check_quota(entries, lc->record.regime.quota);
  if (!out.quota->ok) {
    for (const auto& r : out.quota->refusals) out.refusals.push_back(r);
  }

  if (!out.refusals.empty() || !out.per_review.empty()) return out;  // rolled back: nothing written
  if (run == BatchRun::RollBack) {
    would_accept(planned, out);
    return out;
  }

  Poco::JSON::Object::Ptr extra;
  if (quota_override) {
    extra = new Poco::JSON::Object;
    extra->set("quota_override", true);
    extra->set("override_reason", override_reason);
    if (!quota_decision.empty()) extra->set("quota_decision", quota_decision);
    extra->set("quota_overridden", out.quota->overridden);  // false: the quota held anyway
    Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
    for (const auto& l : out.quota->lines) {
      Poco::JSON::Object::Ptr line = new Poco::JSON::Object;
      line->set("peer_group", l.peer_group);
      line->set("htxs", l.htxs);
      line->set("htt", l.htt);
      line->set("limit", l.limit);
      line->set("ok", l.ok);
      lines->add(line);
    }
    extra->set("quota_lines", lines);
  }
  write_all(w, *lc, planned, actor_id, now, extra, BatchDocuments::First, out);
  if (!keep_answer(w, key, now, out)) return out;
  w.commit();
  out.accepted = true;
  return out;
}

BatchOutcome Store::publish_batch(Id campaign_id, Id actor_id, const std::vector<Id>& review_ids,
                                  wf::TimePoint now, const BatchKey* key, BatchRun run) {
  BatchOutcome out;
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "publish_batch");
  auto lc = lock_campaign(w, campaign_id);
  if (!lc) {
    out.refusals.push_back(campaign_not_found(campaign_id));
    return out;
  }
  if (run == BatchRun::Commit && seen_key(w, key, out)) return out;
  std::vector<Id> ids = review_ids;
  if (ids.empty()) {
    for (const auto& [id, row] : lc->rows) {
      if (row.review.stage == wf::Stage::Decided) ids.push_back(id);
    }
    if (ids.empty()) {
      out.refusals.push_back(refusal("nothing_to_publish",
                                     "Không có hồ sơ nào đã quyết định xếp loại để công bố.",
                                     "items", wf::RefusalKind::NotAllowedInStage));
      return out;
    }
  }
  std::vector<Planned> planned;
  for (const ReviewRow* row : resolve(*lc, ids, out)) {
    wf::ActionRequest req;
    req.action = wf::Action::Publish;
    planned.push_back({row, std::move(req), {}});
  }
  run_items(w, *lc, actor_id, now, planned, out, signatures_required_);
  if (!out.refusals.empty() || !out.per_review.empty()) return out;
  if (run == BatchRun::RollBack) {
    would_accept(planned, out);
    return out;
  }

  write_all(w, *lc, planned, actor_id, now, {}, BatchDocuments::Last, out);
  if (!keep_answer(w, key, now, out)) return out;
  w.commit();
  out.accepted = true;
  return out;
}

}  // namespace kd::storage
