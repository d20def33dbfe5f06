// The repository of the periodic scoring (0011): periods and their events, the agencies'
// product catalogue versions, evidence files by SHA-256 and the task-assignment systems.
// Every function runs inside the caller's transaction and only reads or writes rows: the use
// cases (services/scoring) decide, through the domain, what is written.
//
// The events of a period form a hash chain like the reviews' (audit_chain.hpp), with the
// domain tag "kd-period-audit-v1" and the fields period_id, seq, actor_id, actor_system,
// action, from_stage, to_stage, payload, occurred_at (epoch seconds), prev_hash, each
// written as <decimal byte length> ":" <bytes> "\n".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "workflow/period.hpp"
#include "workflow/product_catalogue.hpp"
#include "workflow/year_rating.hpp"

namespace kd::storage {

struct StoredPeriod {
  wf::PeriodRecord record;  // id, person, unit, period, stage and version included
  std::string regime_id;
  int regime_version = 0;
  wf::PeriodPresence presence = wf::PeriodPresence::Worked;
  std::string agency;              // the agency that scored it, when not the person's current one
  std::optional<wf::Centi> total;  // the evaluator's total once scored
  std::optional<wf::Rating> band;
  wf::TimePoint created_at;
  wf::TimePoint updated_at;
};

struct PeriodEventRecord {
  wf::Id id = 0;
  wf::Id period_id = 0;
  int seq = 0;
  wf::Id actor_id = 0;       // a person, or 0 when a system acted
  std::string actor_system;  // the task-assignment system's code, or empty
  std::string action;        // a period action, "open" or "set_presence"
  std::string from_stage;
  std::string to_stage;
  std::string payload_json;  // canonical JSON
  wf::TimePoint occurred_at;
  std::string prev_hash;
  std::string hash;
};

struct PeriodFilter {
  std::optional<std::vector<wf::Id>> unit_ids;  // none = every unit
  std::optional<wf::Id> person_id;
  std::optional<int> year;
  std::optional<wf::PeriodKind> kind;
  std::optional<int> index;
  std::optional<wf::PeriodStage> stage;
};

struct EvidenceFile {
  std::string sha256;
  std::string media_type;
  std::string content;
  wf::Id uploaded_by = 0;
  wf::TimePoint uploaded_at;
};

struct TaskSystem {
  wf::Id id = 0;
  std::string code;  // "qlvb": keys its tasks "qlvb:<id>"
  std::string name;
  wf::Id agency_id = 0;
};

namespace periods {

// The period's new row: its id, or none when the person already has that period.
std::optional<wf::Id> insert(pqxx::transaction_base&, const StoredPeriod&);
std::optional<wf::Id> find(pqxx::transaction_base&, wf::Id person_id, const std::string& regime_id,
                           const wf::PeriodRef&);
// A person's periods of `year` under `regime_id`, as the year's aggregation reads them.
std::vector<StoredPeriod> of_year(pqxx::transaction_base&, wf::Id person_id,
                                  const std::string& regime_id, int year);
std::vector<wf::PeriodOutcome> year_outcomes(const std::vector<StoredPeriod>&);
// The person's facts of the year (the defaults when none were recorded).
wf::YearFacts year_facts(pqxx::transaction_base&, wf::Id person_id, int year);
std::optional<StoredPeriod> load(pqxx::transaction_base&, wf::Id id, bool for_update);
// Writes stage, version, record, total, band, presence and agency; `before_version` must still
// be current (the row is locked: otherwise a broken invariant, thrown).
void write(pqxx::transaction_base&, const StoredPeriod& after, int before_version);
std::vector<StoredPeriod> list(pqxx::transaction_base&, const PeriodFilter&, int limit, int offset);
long count(pqxx::transaction_base&, const PeriodFilter&);

// Appends to the period's chain (its row locked, or new).
PeriodEventRecord append_event(pqxx::transaction_base&, wf::Id period_id, wf::Id actor_id,
                               const std::string& actor_system, const std::string& action,
                               const std::string& from_stage, const std::string& to_stage,
                               const std::string& payload_json, wf::TimePoint now);
std::vector<PeriodEventRecord> events(pqxx::transaction_base&, wf::Id period_id);
std::string event_hash(const PeriodEventRecord&);

// The catalogue of `agency_id` (every version), and the agency whose catalogue applies to a
// unit: the nearest unit of `path_up` (the unit first, then its ancestors) that has one.
wf::ProductCatalogue catalogue(pqxx::transaction_base&, wf::Id agency_id);
std::optional<wf::Id> catalogue_agency(pqxx::transaction_base&, const std::vector<wf::Id>& path_up);
// Locks the agency's unit row so that two new versions never both pass the checks.
void lock_catalogue(pqxx::transaction_base&, wf::Id agency_id);
void insert_catalogue_version(pqxx::transaction_base&, wf::Id agency_id,
                              const wf::CatalogueVersion&, const std::string& content_json,
                              wf::Id created_by, wf::TimePoint now);

// Stores the file unless the same bytes are already stored.
void put_evidence(pqxx::transaction_base&, const EvidenceFile&);
std::optional<EvidenceFile> get_evidence(pqxx::transaction_base&, const std::string& sha256);
// Of `sha256s`, the ones not stored.
std::vector<std::string> missing_evidence(pqxx::transaction_base&,
                                          const std::vector<std::string>& sha256s);
void link_evidence(pqxx::transaction_base&, wf::Id period_id,
                   const std::vector<std::string>& sha256s);
std::vector<wf::Id> periods_citing(pqxx::transaction_base&, const std::string& sha256);

// None when the code is taken.
std::optional<wf::Id> insert_task_system(pqxx::transaction_base&, const TaskSystem&,
                                         const std::string& token_sha256, wf::Id created_by,
                                         wf::TimePoint now);
std::optional<TaskSystem> task_system_by_token(pqxx::transaction_base&,
                                               const std::string& token_sha256);

}  // namespace periods
}  // namespace kd::storage
