// Store::transition: one action on one review in ONE transaction —
// idempotency lookup, row lock, version check, the machine, then the new state,
// the chained event, the outbox row and the idempotency answer commit together.
// A check runs the same plan and rolls back before the first write.
#include <stdexcept>

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

using Status = TransitionOutcome::Status;

TransitionOutcome Store::transition(const TransitionCommand& cmd) {
  TransitionOutcome out;
  auto conn = pool_.acquire();
  pqxx::work w(*conn, "transition");

  // Actions that set a rating are checked against the campaign's HTXS quota: they lock the
  // campaign row first (as the batch decision does), so two decisions never both pass on a
  // stale count.
  const bool sets_rating = wf::sets_rating(cmd.request.action);
  if (sets_rating) {
    const auto campaign_of = w.exec_prepared(sql::name(sql::kSelectReviewCampaign), cmd.review_id);
    if (!campaign_of.empty()) detail::load_campaign(w, campaign_of[0][0].as<Id>(), true);
  }

  // The lock serialises every action on this review, retries with the same key included:
  // the second of two identical requests waits here, then finds the first one's answer.
  const auto locked = w.exec_prepared(sql::name(sql::kLockReview), cmd.review_id);
  if (locked.empty()) {
    out.status = Status::NotFound;
    return out;
  }
  out.current_version = locked[0][0].as<int>();

  const bool keyed = !cmd.check_only && !cmd.idempotency_key.empty();
  if (keyed) {
    if (const auto seen = detail::find_idempotent(w, cmd.account_id, cmd.idempotency_key)) {
      if (seen->fingerprint != cmd.fingerprint) {
        out.status = Status::KeyReused;
        return out;
      }
      out.status = Status::Replayed;
      out.replay = seen->response;
      return out;
    }
  }

  if (!cmd.check_only && cmd.expected_version != out.current_version) {
    out.status = Status::StaleVersion;
    return out;
  }

  const auto row = detail::load_review_row(w, cmd.review_id);
  if (!row) throw std::logic_error("locked review missing from review_rows");
  const auto campaign = detail::load_campaign(w, row->review.campaign_id, false);
  if (!campaign) throw std::logic_error("review without campaign");
  const auto org = detail::load_org(w);
  std::optional<wf::SignatureFacts> facts;
  if (signatures_required_) facts = detail::load_signature_facts(w, cmd.review_id);
  // A regime that scores periods: the year's result from the person's periods binds the rating.
  const auto year = detail::year_binding(w, *row, *campaign, cmd.request.action);
  if (year && !year->refusals.empty()) {
    out.status = Status::Refused;
    out.result.review = row->review;
    out.result.refusals = year->refusals;
    return out;
  }
  wf::TransitionContext ctx{row->review, row->person,  campaign->regime, campaign->campaign,
                            org,         cmd.actor_id, cmd.now,          facts ? &*facts : nullptr};
  if (year) ctx.score_bounds = &year->bounds;
  out.result = wf::apply_action(ctx, cmd.request);
  if (!out.result.accepted) {
    out.status = Status::Refused;
    return out;  // the transaction is rolled back: a refused request changes nothing
  }

  if (sets_rating) {
    const bool override_requested = cmd.request.quota_override && !wf::is_blank(cmd.request.reason);
    const wf::QuotaException exception{cmd.request.quota_decision, cmd.actor_id,
                                       cmd.request.reason};
    auto refusals = wf::quota_refusals_for_change(
        detail::quota_entries(detail::campaign_rows(w, row->review.campaign_id)),
        wf::quota_entry(row->review, row->person), wf::quota_entry(out.result.review, row->person),
        campaign->regime.quota, override_requested ? &exception : nullptr);
    if (!refusals.empty()) {
      out.status = Status::Refused;
      out.result.accepted = false;
      out.result.review = row->review;
      out.result.refusals = std::move(refusals);
      return out;
    }
  }

  if (cmd.check_only) {
    out.status = Status::Accepted;
    return out;  // rolled back: a check writes nothing
  }

  wf::Review& after = out.result.review;
  after.id = row->review.id;
  after.campaign_id = row->review.campaign_id;
  after.person_id = row->review.person_id;
  after.unit_id = row->review.unit_id;
  after.version = row->review.version + 1;
  detail::write_review(w, after, row->review.version, cmd.now);
  const auto event = detail::append_event(
      w, after.id, cmd.actor_id, std::string(wf::to_string(cmd.request.action)),
      std::string(wf::to_string(row->review.stage)), std::string(wf::to_string(after.stage)),
      codec::canonical(codec::action_payload(cmd.request)), cmd.now);
  // The documents of this stage render from the data as it is now: the snapshot goes with the
  // job, whenever the worker runs.
  if (wf::produces_documents(cmd.request.action)) {
    const auto snapshot = detail::capture_render_snapshot(
        w,
        {SnapshotMember{after, row->person, row->unit_name,
                        detail::year_sheet(w, row->person, after, *campaign)}},
        org, cmd.actor_id, wf::vietnam_date(cmd.now));
    detail::queue_render(w, after, event, cmd.now, encode_render_snapshot(snapshot));
  }

  if (keyed) {
    const StoredResponse answer =
        cmd.render ? cmd.render(after)
                   : StoredResponse{200, codec::canonical(codec::to_json(after))};
    if (!detail::store_idempotent(w, cmd.account_id, cmd.idempotency_key, cmd.fingerprint, answer,
                                  cmd.now)) {
      // The same key was used at the same moment on another review: refuse this one.
      out.status = Status::KeyReused;
      out.result = wf::TransitionResult{};
      return out;
    }
  }
  w.commit();
  out.status = Status::Accepted;
  out.current_version = after.version;
  return out;
}

}  // namespace kd::storage
