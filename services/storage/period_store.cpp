#include "services/storage/period_store.hpp"

#include <algorithm>
#include <stdexcept>

#include "services/codec/json_codec.hpp"
#include "services/codec/period_codec.hpp"
#include "services/codec/sha256.hpp"
#include "services/storage/row_mapping.hpp"
#include "services/storage/sql_periods.hpp"

namespace kd::storage::periods {
namespace {

namespace q = sql_periods;
using detail::epoch_seconds;
using detail::from_epoch_seconds;

const std::string kGenesis(64, '0');

StoredPeriod read_period(const pqxx::row& r) {
  StoredPeriod p;
  p.record = codec::period_record_from_json(*codec::parse_object(r[12].as<std::string>()));
  p.record.id = r[0].as<wf::Id>();
  p.record.person_id = r[1].as<wf::Id>();
  p.record.unit_id = r[2].as<wf::Id>();
  const auto kind = wf::parse_period_kind(r[4].as<std::string>());
  if (!kind) throw std::logic_error("scoring_periods.kind unknown");
  p.record.ref = wf::PeriodRef{r[3].as<int>(), *kind, r[5].as<int>()};
  p.regime_id = r[6].as<std::string>();
  p.regime_version = r[7].as<int>();
  const auto stage = wf::parse_period_stage(r[8].as<std::string>());
  if (!stage) throw std::logic_error("scoring_periods.stage unknown");
  p.record.stage = *stage;
  p.record.version = r[9].as<int>();
  const auto presence = wf::parse_period_presence(r[10].as<std::string>());
  if (!presence) throw std::logic_error("scoring_periods.presence unknown");
  p.presence = *presence;
  p.agency = r[11].as<std::string>();
  if (!r[13].is_null()) p.total = r[13].as<wf::Centi>();
  if (!r[14].is_null()) p.band = wf::parse_rating(r[14].as<std::string>());
  p.created_at = from_epoch_seconds(r[15].as<std::int64_t>());
  p.updated_at = from_epoch_seconds(r[16].as<std::int64_t>());
  return p;
}

std::string record_json(const wf::PeriodRecord& r) { return codec::canonical(codec::to_json(r)); }

void field(std::string& out, const std::string& bytes) {
  out += std::to_string(bytes.size());
  out.push_back(':');
  out += bytes;
  out.push_back('\n');
}

bool is_hex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::optional<std::string> text_array(const std::vector<std::string>& hex) {
  if (hex.empty()) return std::nullopt;
  std::string out = "{";
  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += hex[i];
  }
  out.push_back('}');
  return out;
}

std::vector<std::string> valid_hex(const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (const auto& s : in)
    if (is_hex64(s)) out.push_back(s);
  return out;
}

const char* opt_text(const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; }

}  // namespace

std::optional<wf::Id> insert(pqxx::transaction_base& t, const StoredPeriod& p) {
  const auto& r = p.record;
  const auto rows = t.exec_prepared(
      sql::name(q::kInsertPeriod), r.person_id, r.unit_id, r.ref.year,
      std::string(wf::to_string(r.ref.kind)), r.ref.index, p.regime_id, p.regime_version,
      std::string(wf::to_string(r.stage)), r.version, std::string(wf::to_string(p.presence)),
      p.agency, record_json(r), epoch_seconds(p.created_at));
  if (rows.empty()) return std::nullopt;
  const wf::Id id = rows[0][0].as<wf::Id>();
  wf::PeriodRecord with_id = r;
  with_id.id = id;
  t.exec_prepared0(sql::name(q::kSetPeriodRecord), id, record_json(with_id));
  return id;
}

std::optional<wf::Id> find(pqxx::transaction_base& t, wf::Id person_id,
                           const std::string& regime_id, const wf::PeriodRef& ref) {
  const auto rows = t.exec_prepared(sql::name(q::kFindPeriod), person_id, regime_id, ref.year,
                                    std::string(wf::to_string(ref.kind)), ref.index);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<wf::Id>();
}

std::vector<StoredPeriod> of_year(pqxx::transaction_base& t, wf::Id person_id,
                                  const std::string& regime_id, int year) {
  std::vector<StoredPeriod> out;
  for (const auto& row : t.exec_prepared(sql::name(q::kYearPeriods), person_id, regime_id, year))
    out.push_back(read_period(row));
  return out;
}

std::vector<wf::PeriodOutcome> year_outcomes(const std::vector<StoredPeriod>& periods) {
  std::vector<wf::PeriodOutcome> out;
  for (const auto& p : periods) {
    wf::PeriodOutcome o;
    o.ref = p.record.ref;
    o.agency = p.agency;
    o.presence = p.presence;
    o.locked = p.record.stage == wf::PeriodStage::Locked;
    o.total = p.total;
    out.push_back(o);
  }
  return out;
}

wf::YearFacts year_facts(pqxx::transaction_base& t, wf::Id person_id, int year) {
  const auto rows = t.exec_prepared(sql::name(q::kYearFacts), person_id, year);
  if (rows.empty()) return wf::YearFacts{};
  return detail::parse_facts(rows[0][0].as<std::string>());
}

std::optional<StoredPeriod> load(pqxx::transaction_base& t, wf::Id id, bool for_update) {
  const auto rows = t.exec_prepared(sql::name(for_update ? q::kLockPeriod : q::kSelectPeriod), id);
  if (rows.empty()) return std::nullopt;
  return read_period(rows[0]);
}

void write(pqxx::transaction_base& t, const StoredPeriod& after, int before_version) {
  const auto& r = after.record;
  const std::optional<std::string> band =
      after.band ? std::optional<std::string>(std::string(wf::to_string(*after.band)))
                 : std::nullopt;
  const std::optional<std::string> total =
      after.total ? std::optional<std::string>(std::to_string(*after.total)) : std::nullopt;
  const auto res = t.exec_prepared(
      sql::name(q::kUpdatePeriod), r.id, std::string(wf::to_string(r.stage)), r.version,
      record_json(r), opt_text(total), opt_text(band), std::string(wf::to_string(after.presence)),
      after.agency, epoch_seconds(after.updated_at), before_version);
  if (res.affected_rows() != 1) throw std::logic_error("period changed under its row lock");
}

namespace {

struct FilterParams {
  std::optional<std::string> units, person, year, kind, index, stage;
};

FilterParams params_of(const PeriodFilter& f) {
  FilterParams p;
  if (f.unit_ids) p.units = detail::id_array(*f.unit_ids);
  if (f.person_id) p.person = std::to_string(*f.person_id);
  if (f.year) p.year = std::to_string(*f.year);
  if (f.kind) p.kind = std::string(wf::to_string(*f.kind));
  if (f.index) p.index = std::to_string(*f.index);
  if (f.stage) p.stage = std::string(wf::to_string(*f.stage));
  return p;
}

}  // namespace

std::vector<StoredPeriod> list(pqxx::transaction_base& t, const PeriodFilter& f, int limit,
                               int offset) {
  std::vector<StoredPeriod> out;
  if (f.unit_ids && f.unit_ids->empty()) return out;
  const auto p = params_of(f);
  for (const auto& row : t.exec_prepared(sql::name(q::kListPeriods), opt_text(p.units),
                                         opt_text(p.person), opt_text(p.year), opt_text(p.kind),
                                         opt_text(p.index), opt_text(p.stage), limit, offset)) {
    out.push_back(read_period(row));
  }
  return out;
}

long count(pqxx::transaction_base& t, const PeriodFilter& f) {
  if (f.unit_ids && f.unit_ids->empty()) return 0;
  const auto p = params_of(f);
  return t
      .exec_prepared1(sql::name(q::kCountPeriods), opt_text(p.units), opt_text(p.person),
                      opt_text(p.year), opt_text(p.kind), opt_text(p.index), opt_text(p.stage))[0]
      .as<long>();
}

std::string event_hash(const PeriodEventRecord& e) {
  std::string out = "kd-period-audit-v1\n";
  field(out, std::to_string(e.period_id));
  field(out, std::to_string(e.seq));
  field(out, std::to_string(e.actor_id));
  field(out, e.actor_system);
  field(out, e.action);
  field(out, e.from_stage);
  field(out, e.to_stage);
  field(out, e.payload_json);
  field(out, std::to_string(e.occurred_at.time_since_epoch().count()));
  field(out, e.prev_hash);
  return codec::sha256_hex(out);
}

PeriodEventRecord append_event(pqxx::transaction_base& t, wf::Id period_id, wf::Id actor_id,
                               const std::string& actor_system, const std::string& action,
                               const std::string& from_stage, const std::string& to_stage,
                               const std::string& payload_json, wf::TimePoint now) {
  PeriodEventRecord e;
  e.period_id = period_id;
  e.actor_id = actor_id;
  e.actor_system = actor_system;
  e.action = action;
  e.from_stage = from_stage;
  e.to_stage = to_stage;
  e.payload_json = payload_json;
  e.occurred_at = now;
  const auto tip = t.exec_prepared(sql::name(q::kEventTip), period_id);
  e.seq = tip.empty() ? 1 : tip[0][0].as<int>() + 1;
  e.prev_hash = tip.empty() ? kGenesis : tip[0][1].as<std::string>();
  e.hash = event_hash(e);
  const std::optional<std::string> actor =
      actor_id > 0 ? std::optional<std::string>(std::to_string(actor_id)) : std::nullopt;
  e.id = t.exec_prepared1(sql::name(q::kInsertEvent), period_id, e.seq, opt_text(actor),
                          actor_system, action, from_stage, to_stage, payload_json,
                          epoch_seconds(now), e.prev_hash, e.hash)[0]
             .as<wf::Id>();
  return e;
}

std::vector<PeriodEventRecord> events(pqxx::transaction_base& t, wf::Id period_id) {
  std::vector<PeriodEventRecord> out;
  for (const auto& r : t.exec_prepared(sql::name(q::kSelectEvents), period_id)) {
    PeriodEventRecord e;
    e.id = r[0].as<wf::Id>();
    e.period_id = r[1].as<wf::Id>();
    e.seq = r[2].as<int>();
    e.actor_id = r[3].as<wf::Id>();
    e.actor_system = r[4].as<std::string>();
    e.action = r[5].as<std::string>();
    e.from_stage = r[6].as<std::string>();
    e.to_stage = r[7].as<std::string>();
    e.payload_json = r[8].as<std::string>();
    e.occurred_at = from_epoch_seconds(r[9].as<std::int64_t>());
    e.prev_hash = r[10].as<std::string>();
    e.hash = r[11].as<std::string>();
    out.push_back(std::move(e));
  }
  return out;
}

wf::ProductCatalogue catalogue(pqxx::transaction_base& t, wf::Id agency_id) {
  wf::ProductCatalogue c;
  c.agency_id = agency_id;
  for (const auto& r : t.exec_prepared(sql::name(q::kSelectCatalogue), agency_id)) {
    c.versions.push_back(
        codec::catalogue_version_from_json(*codec::parse_object(r[0].as<std::string>())));
  }
  return c;
}

std::optional<wf::Id> catalogue_agency(pqxx::transaction_base& t,
                                       const std::vector<wf::Id>& path_up) {
  const auto ids = detail::id_array(path_up);
  if (!ids) return std::nullopt;
  std::vector<wf::Id> with;
  for (const auto& r : t.exec_prepared(sql::name(q::kCatalogueAgencies), *ids))
    with.push_back(r[0].as<wf::Id>());
  for (wf::Id unit : path_up)
    if (std::find(with.begin(), with.end(), unit) != with.end()) return unit;
  return std::nullopt;
}

void lock_catalogue(pqxx::transaction_base& t, wf::Id agency_id) {
  t.exec_prepared(sql::name(q::kLockUnit), agency_id);
}

void insert_catalogue_version(pqxx::transaction_base& t, wf::Id agency_id,
                              const wf::CatalogueVersion& v, const std::string& content_json,
                              wf::Id created_by, wf::TimePoint now) {
  t.exec_prepared0(sql::name(q::kInsertCatalogueVersion), agency_id, v.version,
                   wf::to_iso(v.valid_from), content_json, created_by, epoch_seconds(now));
}

void put_evidence(pqxx::transaction_base& t, const EvidenceFile& f) {
  t.exec_prepared0(sql::name(q::kInsertEvidence), f.sha256, f.media_type,
                   static_cast<long>(f.content.size()), pqxx::binarystring(f.content),
                   f.uploaded_by, epoch_seconds(f.uploaded_at));
}

std::optional<EvidenceFile> get_evidence(pqxx::transaction_base& t, const std::string& sha256) {
  const auto rows = t.exec_prepared(sql::name(q::kSelectEvidence), sha256);
  if (rows.empty()) return std::nullopt;
  EvidenceFile f;
  f.sha256 = rows[0][0].as<std::string>();
  f.media_type = rows[0][1].as<std::string>();
  f.content = pqxx::binarystring(rows[0][2]).str();
  f.uploaded_by = rows[0][3].as<wf::Id>();
  f.uploaded_at = from_epoch_seconds(rows[0][4].as<std::int64_t>());
  return f;
}

std::vector<std::string> missing_evidence(pqxx::transaction_base& t,
                                          const std::vector<std::string>& sha256s) {
  const auto hex = valid_hex(sha256s);
  std::vector<std::string> known;
  if (const auto arr = text_array(hex)) {
    for (const auto& r : t.exec_prepared(sql::name(q::kKnownEvidence), *arr))
      known.push_back(r[0].as<std::string>());
  }
  std::vector<std::string> out;
  for (const auto& s : sha256s)
    if (std::find(known.begin(), known.end(), s) == known.end()) out.push_back(s);
  return out;
}

void link_evidence(pqxx::transaction_base& t, wf::Id period_id,
                   const std::vector<std::string>& sha256s) {
  if (const auto arr = text_array(valid_hex(sha256s)))
    t.exec_prepared0(sql::name(q::kLinkEvidence), period_id, *arr);
}

std::vector<wf::Id> periods_citing(pqxx::transaction_base& t, const std::string& sha256) {
  std::vector<wf::Id> out;
  for (const auto& r : t.exec_prepared(sql::name(q::kEvidencePeriods), sha256))
    out.push_back(r[0].as<wf::Id>());
  return out;
}

std::optional<wf::Id> insert_task_system(pqxx::transaction_base& t, const TaskSystem& s,
                                         const std::string& token_sha256, wf::Id created_by,
                                         wf::TimePoint now) {
  const auto rows = t.exec_prepared(sql::name(q::kInsertSystem), s.code, s.name, s.agency_id,
                                    token_sha256, created_by, epoch_seconds(now));
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<wf::Id>();
}

std::optional<TaskSystem> task_system_by_token(pqxx::transaction_base& t,
                                               const std::string& token_sha256) {
  const auto rows = t.exec_prepared(sql::name(q::kSystemByToken), token_sha256);
  if (rows.empty()) return std::nullopt;
  TaskSystem s;
  s.id = rows[0][0].as<wf::Id>();
  s.code = rows[0][1].as<std::string>();
  s.name = rows[0][2].as<std::string>();
  s.agency_id = rows[0][3].as<wf::Id>();
  return s;
}

}  // namespace kd::storage::periods
