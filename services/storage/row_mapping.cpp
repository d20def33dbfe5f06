#include "services/storage/row_mapping.hpp"

#include <stdexcept>

#include "services/codec/json_codec.hpp"
#include "services/config/regime_catalog.hpp"

namespace kd::storage::detail {
namespace {

template <class T>
T parse_or_throw(std::optional<T> v, const std::string& what, const std::string& text) {
  if (!v)
    throw std::runtime_error("Dữ liệu không hợp lệ trong cơ sở dữ liệu: " + what + " '" + text +
                             "'");
  return *v;
}

std::optional<wf::Rating> opt_rating(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  const auto s = f.as<std::string>();
  return parse_or_throw(wf::parse_rating(s), "rating", s);
}

}  // namespace

std::int64_t epoch_seconds(wf::TimePoint t) { return t.time_since_epoch().count(); }

wf::TimePoint from_epoch_seconds(std::int64_t s) { return wf::TimePoint(std::chrono::seconds(s)); }

const char* nullable(const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; }

std::optional<std::string> id_array(const std::vector<wf::Id>& ids) {
  if (ids.empty()) return std::nullopt;
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += std::to_string(ids[i]);
  }
  out.push_back('}');
  return out;
}

wf::Unit read_unit(const pqxx::row& r) {
  wf::Unit u;
  u.id = r[0].as<wf::Id>();
  if (!r[1].is_null()) u.parent_id = r[1].as<wf::Id>();
  u.code = r[2].as<std::string>();
  u.name = r[3].as<std::string>();
  u.kind = r[4].as<std::string>();
  u.superior_name = r[5].as<std::string>();
  u.place_name = r[6].as<std::string>();
  u.head_title = r[7].as<std::string>();
  u.deputy_title = r[8].as<std::string>();
  u.collective_body = r[9].as<std::string>();
  return u;
}

wf::Person read_person(const pqxx::row& r) {
  wf::Person p;
  p.id = r[0].as<wf::Id>();
  p.full_name = r[1].as<std::string>();
  p.unit_id = r[2].as<wf::Id>();
  const auto g = r[3].as<std::string>();
  p.group = parse_or_throw(wf::parse_group(g), "group", g);
  p.party_member = r[4].as<bool>();
  p.leader = r[5].as<bool>();
  p.position = r[6].as<std::string>();
  p.peer_group = r[7].as<std::string>();
  return p;
}

wf::Campaign read_campaign(const pqxx::row& r) {
  wf::Campaign c;
  c.id = r[0].as<wf::Id>();
  c.unit_id = r[1].as<wf::Id>();
  c.year = r[2].as<int>();
  c.name = r[3].as<std::string>();
  c.regime_id = r[4].as<std::string>();
  c.regime_version = r[5].as<int>();
  c.special_agency = r[6].as<bool>();
  c.stage_due = codec::stage_due_from_json(*codec::parse_object(r[7].as<std::string>()));
  const auto status = r[8].as<std::string>();
  const auto parsed = wf::parse_campaign_status(status);
  if (!parsed) throw std::runtime_error("Trạng thái đợt đánh giá không hợp lệ: " + status);
  c.status = *parsed;
  return c;
}

ReviewRow read_review_row(const pqxx::row& r) {
  ReviewRow row;
  wf::Review& v = row.review;
  v.id = r[0].as<wf::Id>();
  v.campaign_id = r[1].as<wf::Id>();
  v.person_id = r[2].as<wf::Id>();
  v.unit_id = r[3].as<wf::Id>();
  const auto stage = r[4].as<std::string>();
  v.stage = parse_or_throw(wf::parse_stage(stage), "stage", stage);
  v.workflow_version = r[5].as<int>();
  v.version = r[6].as<int>();
  v.form = codec::form_from_json(*codec::parse_object(r[7].as<std::string>()));
  if (!r[8].is_null())
    v.meeting = codec::meeting_from_json(*codec::parse_object(r[8].as<std::string>()));
  if (!r[9].is_null())
    v.opinion = codec::opinion_from_json(*codec::parse_object(r[9].as<std::string>()));
  v.final_rating = opt_rating(r[10]);
  v.not_rated = r[11].as<bool>();
  if (!r[12].is_null()) v.published_at = from_epoch_seconds(r[12].as<std::int64_t>());
  v.complaints = r[13].as<int>();
  v.last_return_reason = r[14].as<std::string>();
  if (!r[15].is_null()) v.facts = parse_facts(r[15].as<std::string>());
  wf::Person& p = row.person;
  p.id = v.person_id;
  p.full_name = r[16].as<std::string>();
  p.unit_id = r[17].as<wf::Id>();
  const auto g = r[18].as<std::string>();
  p.group = parse_or_throw(wf::parse_group(g), "group", g);
  p.party_member = r[19].as<bool>();
  p.leader = r[20].as<bool>();
  p.position = r[21].as<std::string>();
  p.peer_group = r[22].as<std::string>();
  row.unit_name = r[23].as<std::string>();
  row.stage_since = from_epoch_seconds(r[24].as<std::int64_t>());
  return row;
}

EventRecord read_event(const pqxx::row& r) {
  EventRecord e;
  e.id = r[0].as<wf::Id>();
  e.review_id = r[1].as<wf::Id>();
  e.seq = r[2].as<int>();
  e.actor_id = r[3].as<wf::Id>();
  e.action = r[4].as<std::string>();
  e.from_stage = r[5].as<std::string>();
  e.to_stage = r[6].as<std::string>();
  e.payload_json = r[7].as<std::string>();
  e.occurred_at = from_epoch_seconds(r[8].as<std::int64_t>());
  e.prev_hash = r[9].as<std::string>();
  e.hash = r[10].as<std::string>();
  return e;
}

std::string facts_json(const wf::YearFacts& f) { return codec::canonical(codec::to_json(f)); }

wf::YearFacts parse_facts(const std::string& json) {
  return codec::year_facts_from_json(*codec::parse_object(json));
}

wf::Regime parse_regime_snapshot(const std::string& json, wf::Id campaign_id) {
  return config::RegimeCatalog::parse(json,
                                      "campaigns.regime_snapshot #" + std::to_string(campaign_id));
}

}  // namespace kd::storage::detail
