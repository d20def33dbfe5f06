// Steps shared by the use cases of Store, each run inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "services/storage/store.hpp"
#include "workflow/signature_facts.hpp"

namespace kd::storage::detail {

std::optional<CampaignRecord> load_campaign(pqxx::transaction_base&, Id campaign_id,
                                            bool for_update);
wf::OrgTree load_org(pqxx::transaction_base&);
std::optional<ReviewRow> load_review_row(pqxx::transaction_base&, Id review_id);

// Appends an event to the review's hash chain (the review row must be locked, or new).
EventRecord append_event(pqxx::transaction_base&, Id review_id, Id actor_id,
                         const std::string& action, const std::string& from_stage,
                         const std::string& to_stage, const std::string& payload_json,
                         wf::TimePoint now);

// Writes the review's new state; `before_version` must still be current (throws otherwise:
// the row is locked, so a mismatch is a broken invariant).
void write_review(pqxx::transaction_base&, const wf::Review& after, int before_version,
                  wf::TimePoint now);

// The signatures recorded on the review's documents (document_signatures), as the facts
// the guards of give_opinion and publish need.
wf::SignatureFacts load_signature_facts(pqxx::transaction_base&, Id review_id);

// The answer stored for (account, key), with the fingerprint of the request that stored it.
struct IdempotentAnswer {
  std::string fingerprint;
  StoredResponse response;
};
std::optional<IdempotentAnswer> find_idempotent(pqxx::transaction_base&, Id account_id,
                                                const std::string& key);
// Stores the first answer for (account, key); false when the key was taken meanwhile (the
// caller refuses and rolls back).
bool store_idempotent(pqxx::transaction_base&, Id account_id, const std::string& key,
                      const std::string& fingerprint, const StoredResponse&, wf::TimePoint now);

// Which documents of an action a render job renders: every one ("all": a single-review
// action), the per-review ones of a batch action ("review": the form with section IV, the
// notice) or the batch ones ("batch": the decision with its annex, the public list), once per
// batch.
inline constexpr const char* kRenderAll = "all";
inline constexpr const char* kRenderReview = "review";
inline constexpr const char* kRenderBatch = "batch";

// Queues the document rendering of the review's new stage with `snapshot` (render_snapshot.hpp),
// the data it renders from, captured in this transaction.
void queue_render(pqxx::transaction_base&, const wf::Review& after, const EventRecord& event,
                  wf::TimePoint now, const std::string& snapshot,
                  const std::string& documents = kRenderAll);

// Queues ONE render job for the batch documents of a batch action over `events` (one per
// review, in batch order). The job has no review of its own (outbox.review_id NULL); its
// payload lists every review and event ("review_ids", "event_ids").
void queue_batch_render(pqxx::transaction_base&, Id campaign_id,
                        const std::vector<EventRecord>& events, wf::TimePoint now,
                        const std::string& snapshot);

}  // namespace kd::storage::detail
