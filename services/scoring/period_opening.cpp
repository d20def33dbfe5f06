#include "services/scoring/period_opening.hpp"

#include <algorithm>

#include <Poco/JSON/Object.h>

#include "services/codec/json_codec.hpp"
#include "services/storage/row_mapping.hpp"
#include "services/storage/sql.hpp"
#include "services/storage/transaction_steps.hpp"
#include "workflow/rating_rules.hpp"
#include "workflow/regime_selection.hpp"
#include "workflow/text_policy.hpp"

namespace kd::application {
namespace {

wf::Refusal refusal(wf::RefusalKind kind, std::string code, std::string message,
                    std::string field = {}) {
  return wf::Refusal{kind, std::move(code), std::move(message), std::move(field)};
}

std::vector<wf::Person> people_of(pqxx::transaction_base& t, const std::vector<wf::Id>& units) {
  std::vector<wf::Person> out;
  const auto ids = storage::detail::id_array(units);
  if (!ids) return out;
  for (const auto& r :
       t.exec_prepared(storage::sql::name(storage::sql::kSelectPeopleInUnits), *ids))
    out.push_back(storage::detail::read_person(r));
  return out;
}

}  // namespace

OpenPeriodsOutcome open_periods(storage::ConnectionPool& pool, const config::RegimeCatalog& regimes,
                                const OpenPeriodsCommand& cmd, Run run) {
  using Status = OpenPeriodsOutcome::Status;
  OpenPeriodsOutcome out;
  auto conn = pool.acquire();
  pqxx::work w(*conn, "open_periods");
  const auto org = storage::detail::load_org(w);
  if (org.unit(cmd.unit_id) == nullptr) {
    out.status = Status::UnitNotFound;
    return out;
  }
  if (!wf::manages_periods(org, cmd.actor_id, cmd.unit_id)) {
    out.refusals.push_back(refusal(wf::RefusalKind::Forbidden, "role_required",
                                   "Chỉ người đứng đầu hoặc quản trị viên của đơn vị (hoặc cấp "
                                   "trên) mới mở được kỳ theo dõi, đánh giá."));
    return out;
  }
  if (!wf::is_valid(cmd.ref)) {
    out.refusals.push_back(refusal(wf::RefusalKind::GuardFailed, "period_invalid",
                                   "Kỳ theo dõi, đánh giá không hợp lệ.", "period"));
    return out;
  }
  const auto candidates = regimes.latest_all();
  const std::string key = wf::to_key(cmd.ref);
  for (const auto& person : people_of(w, org.subtree(cmd.unit_id))) {
    const auto chosen = wf::select_regimes(person, cmd.ref.year, candidates);
    const wf::Regime* regime = chosen.state;
    if (regime == nullptr || !regime->scoring) {
      out.skipped.push_back({person.id, "Năm " + std::to_string(cmd.ref.year) +
                                            " không được đánh giá theo điểm từng kỳ."});
      continue;
    }
    const auto& kinds = regime->scoring->period_kinds;
    if (std::find(kinds.begin(), kinds.end(), cmd.ref.kind) == kinds.end()) {
      out.skipped.push_back({person.id, std::string(wf::label_vi(cmd.ref.kind)) +
                                            " không là kỳ đánh giá của " + regime->title + "."});
      continue;
    }
    storage::StoredPeriod p;
    p.record.person_id = person.id;
    p.record.unit_id = person.unit_id;
    p.record.ref = cmd.ref;
    p.regime_id = regime->id;
    p.regime_version = regime->version;
    p.created_at = cmd.now;
    p.updated_at = cmd.now;
    const auto id = storage::periods::insert(w, p);
    if (!id) {
      ++out.already_open;
      continue;
    }
    Poco::JSON::Object::Ptr payload = new Poco::JSON::Object;
    payload->set("period", key);
    payload->set("regime", regime->id + " v" + std::to_string(regime->version));
    storage::periods::append_event(w, *id, cmd.actor_id, "", "open", "", "open",
                                   codec::canonical(payload), cmd.now);
    out.opened.push_back(*id);
  }
  out.status = Status::Accepted;
  if (run == Run::Commit) w.commit();
  return out;
}

PeriodActionOutcome set_presence(storage::ConnectionPool& pool,
                                 const config::RegimeCatalog& regimes, const PresenceCommand& cmd,
                                 Run run) {
  using Status = PeriodActionOutcome::Status;
  PeriodActionOutcome out;
  auto conn = pool.acquire();
  pqxx::work w(*conn, "set_presence");
  auto world = load_period_world(w, regimes, cmd.period_id, true);
  if (!world) {
    out.status = Status::NotFound;
    return out;
  }
  out.period = world->stored;
  out.person = world->person;
  out.current_version = world->stored.record.version;
  if (cmd.expected_version && *cmd.expected_version != out.current_version) {
    out.status = Status::StaleVersion;
    return out;
  }
  const auto& managers = world->authority.managers;
  const bool may = cmd.actor_id != world->person.id &&
                   (wf::manages_periods(world->org, cmd.actor_id, world->stored.record.unit_id) ||
                    std::find(managers.begin(), managers.end(), cmd.actor_id) != managers.end());
  if (!may) {
    out.refusals.push_back(refusal(wf::RefusalKind::Forbidden, "role_required",
                                   "Chỉ cấp có thẩm quyền theo dõi, đánh giá hoặc người đứng đầu "
                                   "mới ghi nhận được thời gian công tác của kỳ."));
  }
  if (wf::is_blank(cmd.note)) {
    out.refusals.push_back(refusal(wf::RefusalKind::GuardFailed, "reason_required",
                                   "Cần ghi rõ lý do (ví dụ: nghỉ thai sản từ ngày …).", "note"));
  }
  if (!out.refusals.empty()) return out;

  storage::StoredPeriod after = world->stored;
  after.presence = cmd.presence;
  after.agency = cmd.agency;
  after.record.version += 1;
  after.updated_at = cmd.now;
  storage::periods::write(w, after, world->stored.record.version);
  Poco::JSON::Object::Ptr payload = new Poco::JSON::Object;
  payload->set("presence", std::string(wf::to_string(cmd.presence)));
  payload->set("agency", cmd.agency);
  payload->set("note", cmd.note);
  const std::string stage(wf::to_string(after.record.stage));
  storage::periods::append_event(w, after.record.id, cmd.actor_id, "", "set_presence", stage, stage,
                                 codec::canonical(payload), cmd.now);
  out.status = Status::Accepted;
  out.period = std::move(after);
  out.current_version = out.period.record.version;
  if (run == Run::Commit) w.commit();
  return out;
}

}  // namespace kd::application
