// Steps shared by the use cases of Store, each run inside the caller's transaction.
#pragma once

#include <optional>
#include <string>

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

// Queues the document rendering of the review's new stage.
void queue_render(pqxx::transaction_base&, const wf::Review& after, const EventRecord& event,
                  wf::TimePoint now);

}  // namespace kd::storage::detail
