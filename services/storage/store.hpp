// The PostgreSQL store. Every public method is one use case in ONE transaction.
// Expected refusals come back as values (wf::Refusals); infrastructure failures throw.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "services/storage/connection_pool.hpp"
#include "workflow/organisation.hpp"
#include "workflow/quota.hpp"
#include "workflow/regime.hpp"
#include "workflow/review.hpp"
#include "workflow/review_machine.hpp"
#include "workflow/year_rating.hpp"

namespace kd::storage {

using wf::Id;

struct AccountRecord {
  Id id = 0;
  Id person_id = 0;
  std::string username;
  std::string password_hash;          // libsodium argon2id string; empty for a directory account
  std::string auth_source = "local";  // "local" | "ldap"
  bool must_change_password = false;  // a one-time password: changed before anything else
  bool active = true;                 // false once deactivated: no login, no session
};

struct SessionRecord {
  Id account_id = 0;
  Id person_id = 0;
  std::string username;
  wf::TimePoint expires_at;
  bool must_change_password = false;
};

struct CampaignRecord {
  wf::Campaign campaign;
  wf::Regime regime;  // the pinned snapshot, not the current file
};

template <class T>
struct Page {
  std::vector<T> items;
  long total = 0;
  int limit = 50;
  int offset = 0;
};

struct ReviewRow {
  wf::Review review;
  wf::Person person;
  std::string unit_name;
  // When it entered its stage: the latest event that changed the stage (or creation);
  // events that stay in the stage (signatures, drafts) do not move it.
  wf::TimePoint stage_since;
};

struct ReviewFilter {
  std::optional<Id> campaign_id;
  std::optional<wf::Stage> stage;
  std::vector<Id> unit_ids;  // restrict to these units (empty = no restriction)
  std::optional<Id> person_id;
  bool overdue_only = false;  // stage due date (campaign.stage_due) before `today`
  wf::Date today;
};

struct EventRecord {
  Id id = 0;
  Id review_id = 0;
  int seq = 0;  // 1, 2, ... per review
  Id actor_id = 0;
  std::string action;  // stable action name, or "create"
  std::string from_stage;
  std::string to_stage;
  std::string payload_json;  // canonical JSON text
  wf::TimePoint occurred_at;
  std::string prev_hash;  // hex; 64 zeros for seq 1
  std::string hash;       // hex SHA-256 over the canonical encoding (see audit_chain.hpp)
};

struct AuditBreak {
  Id review_id = 0;
  int seq = 0;
  std::string reason_vi;
};

struct AuditReport {
  long reviews_checked = 0;
  long events_checked = 0;
  std::vector<AuditBreak> breaks;
};

// A stored HTTP answer for Idempotency-Key replays.
struct StoredResponse {
  int status = 200;
  std::string body;
};

struct TransitionCommand {
  Id review_id = 0;
  int expected_version = 0;  // If-Match
  Id actor_id = 0;
  wf::ActionRequest request;
  wf::TimePoint now;
  // Optional idempotency: (account, key) -> first answer. `fingerprint` is a hash of
  // the method, path and body; the same key with another fingerprint is refused.
  Id account_id = 0;
  std::string idempotency_key;
  std::string fingerprint;
  // Called inside the transaction after an accepted transition to render the answer
  // that is stored for replays. May be empty when no key is given (with a key and no
  // render, {200, canonical codec::to_json(review)} is stored). It must not call the Store:
  // it runs while this transaction holds a pooled connection and the review's row lock.
  std::function<StoredResponse(const wf::Review&)> render;
  // A check of the action: the same steps (locks, context, the machine, the quota, the
  // signature facts) answered and then rolled back; no version check, no idempotency key,
  // nothing written. Accepted or Refused (or NotFound), exactly as the action would be now.
  bool check_only = false;
};

// Checks run in this order, inside the transaction, after locking the review row:
// NotFound; then the idempotency key (Replayed / KeyReused: a retry with the same key wins
// over its now-stale If-Match); then StaleVersion; then the machine and the quota (Refused /
// Accepted). Only Accepted writes anything, and not for a check; refused requests store no
// idempotency answer.

struct TransitionOutcome {
  enum class Status {
    Accepted,
    Refused,       // domain refusal: see result.refusals
    NotFound,      // no such review
    StaleVersion,  // expected_version != current version
    Replayed,      // idempotency key seen: `replay` holds the first answer
    KeyReused,     // idempotency key seen with a different request
  } status = Status::Refused;
  wf::TransitionResult result;
  StoredResponse replay;
  int current_version = 0;
};

// The most reviews one batch may name: a request naming more is not read.
inline constexpr std::size_t kMaxBatch = 5000;

// How a batch use case ends: committed, or rolled back once planned, for its preview (the same
// plan, the same refusals; nothing is written and no idempotency key is looked at).
enum class BatchRun { Commit, RollBack };

struct BatchItem {
  Id review_id = 0;
  std::optional<wf::Rating> rating;  // decide: the rating (default: the head's proposal)
};

struct BatchOutcome {
  bool accepted = false;  // BatchRun::RollBack: the batch would be accepted
  // The idempotency key was seen: `replay` holds the first answer (nothing else is set) ...
  bool replayed = false;
  // ... or it was seen with another request (refused, nothing written).
  bool key_reused = false;
  StoredResponse replay;
  std::vector<Id> review_ids;  // the reviews changed (all or nothing), or that would change
  wf::Refusals refusals;       // the refusals of the batch as a whole (quota, reason, empty)
  std::vector<std::pair<Id, wf::Refusals>> per_review;  // each review's own refusals, by review
  std::optional<wf::QuotaReport> quota;  // the quota lines computed for a decide batch

  // Every refusal once: the batch's, then each review's.
  wf::Refusals all_refusals() const;
};

// Optional idempotency of a batch action, as for one review: (account, key) -> first answer.
// `fingerprint` hashes the method, path and body; the same key with another fingerprint is
// refused. `render` builds the answer stored for replays, inside the transaction, once the
// batch is accepted (it must not call the Store).
struct BatchKey {
  Id account_id = 0;
  std::string key;
  std::string fingerprint;
  std::function<StoredResponse(const BatchOutcome&)> render;
};

class Store {
 public:
  explicit Store(ConnectionPool& pool) : pool_(pool) {}
  ConnectionPool& pool() { return pool_; }  // for adapters with their own repository

  bool ping();  // SELECT 1

  // --- organisation (demo loading, administration) ---
  Id create_unit(const wf::Unit&);
  Id create_person(const wf::Person&);
  void grant_role(const wf::RoleGrant&);  // with its term (from/until) when given
  void set_year_facts(Id person_id, int year, const wf::YearFacts&);
  wf::OrgTree load_org_tree();
  std::optional<wf::Person> get_person(Id id);
  std::vector<wf::Person> people_in_units(const std::vector<Id>& unit_ids);

  // --- accounts and sessions (token stored only as its SHA-256 hex) ---
  Id create_account(Id person_id, const std::string& username, const std::string& password_hash);
  std::optional<AccountRecord> find_account(const std::string& username);
  void create_session(const std::string& token_sha256, Id account_id, wf::TimePoint expires_at);
  std::optional<SessionRecord> find_session(const std::string& token_sha256, wf::TimePoint now);
  void delete_session(const std::string& token_sha256);

  // --- campaigns ---
  Id create_campaign(const wf::Campaign&, const wf::Regime& pinned);
  std::optional<CampaignRecord> get_campaign(Id id);
  std::vector<wf::Campaign> list_campaigns(const std::vector<Id>& unit_ids);  // empty = all
  // Opens a draft campaign: one review (stage self_assessment, event "create") per person of
  // the campaign's unit subtree. Refused (value) when not draft.
  struct OpenOutcome {
    bool accepted = false;
    int reviews_created = 0;
    wf::Refusals refusals;
  };
  OpenOutcome open_campaign(Id campaign_id, Id actor_id, wf::TimePoint now);

  // --- reviews ---
  std::optional<wf::Review> get_review(Id id);
  std::optional<ReviewRow> get_review_row(Id id);
  Page<ReviewRow> list_reviews(const ReviewFilter&, int limit, int offset);
  // A regime that scores periods: what the person's year binds for `action` on the review
  // (bounds, or the year's refusals), as the action reads it; none for the other regimes.
  std::optional<wf::YearBinding> year_binding(Id review_id, wf::Action action);
  // Load (FOR UPDATE) + version check + machine + stage/event/outbox writes, one transaction.
  TransitionOutcome transition(const TransitionCommand&);
  // Batch decide: every item through the machine, then the quota over the campaign's decided
  // ratings plus the batch, per peer group; all or nothing. An override needs a reason and is
  // recorded in every event's payload; it is the exception for an outstanding organisation,
  // approved by the actor under `quota_decision` (required when the regime says so) and within
  // the regime's exception cap. With a key, a retry of an accepted batch gets its first answer
  // back (checked after the campaign lock, before the machine). An empty batch and an id
  // named twice are refused. With BatchRun::RollBack it is the batch's preview.
  BatchOutcome decide_batch(Id campaign_id, Id actor_id, const std::vector<BatchItem>&,
                            bool quota_override, const std::string& override_reason,
                            wf::TimePoint now, const BatchKey* key = nullptr,
                            const std::string& quota_decision = {},
                            BatchRun run = BatchRun::Commit);
  // Batch publish: the listed reviews (empty = every `decided` review of the campaign).
  BatchOutcome publish_batch(Id campaign_id, Id actor_id, const std::vector<Id>& review_ids,
                             wf::TimePoint now, const BatchKey* key = nullptr,
                             BatchRun run = BatchRun::Commit);

  // --- audit ---
  std::vector<EventRecord> events(Id review_id);
  AuditReport verify_audit();

  // Whether transitions require the digital signatures of the review's documents (setting
  // signing.required; see workflow/signature_facts.hpp). Set once at start; default on.
  void require_signatures(bool on) { signatures_required_ = on; }
  bool signatures_required() const { return signatures_required_; }
  // The signatures the review's transitions read, when they are required (nullopt otherwise):
  // what allowed actions and tasks are computed with, so nothing is offered that is refused.
  std::optional<wf::SignatureFacts> signature_facts(Id review_id);

 private:
  ConnectionPool& pool_;
  bool signatures_required_ = true;
};

}  // namespace kd::storage
