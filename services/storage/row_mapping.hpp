// Conversions between database rows/parameters and domain values (internal to storage).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "services/storage/store.hpp"

namespace kd::storage::detail {

std::int64_t epoch_seconds(wf::TimePoint);
wf::TimePoint from_epoch_seconds(std::int64_t);

// libpqxx 6.4 has no std::optional parameters: a null `const char*` is SQL NULL.
const char* nullable(const std::optional<std::string>&);

// "{1,2,3}" for a bigint[] parameter; nullopt (SQL NULL) for an empty list.
std::optional<std::string> id_array(const std::vector<wf::Id>&);

wf::Unit read_unit(const pqxx::row&);
// Columns: id, full_name, unit_id, group_code, party_member, leader, position, peer_group.
wf::Person read_person(const pqxx::row&);
// Columns of sql::kSelectCampaign (snapshot column not read here).
wf::Campaign read_campaign(const pqxx::row&);
// Columns of sql::kSelectReviewRow.
ReviewRow read_review_row(const pqxx::row&);
EventRecord read_event(const pqxx::row&);

std::string facts_json(const wf::YearFacts&);
wf::YearFacts parse_facts(const std::string& json);
wf::Regime parse_regime_snapshot(const std::string& json, wf::Id campaign_id);

}  // namespace kd::storage::detail
