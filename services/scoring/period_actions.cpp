#include "services/scoring/period_actions.hpp"

#include "services/codec/json_codec.hpp"
#include "services/codec/period_codec.hpp"

namespace kd::application {
namespace {

using Status = PeriodActionOutcome::Status;

void collect(const std::vector<wf::Evidence>& list, const std::string& field,
             std::vector<std::pair<std::string, std::string>>& out) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].kind == "file")
      out.emplace_back(list[i].sha256, field + "[" + std::to_string(i) + "]");
  }
}

// The stored files an action cites, with the field that cites each.
std::vector<std::pair<std::string, std::string>> cited_files(const wf::PeriodRequest& r) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, report] : r.products)
    collect(report.evidence, "products." + key + ".evidence", out);
  for (const auto& [code, score] : r.scores)
    collect(score.evidence, "scores." + code + ".evidence", out);
  return out;
}

// Every file a record cites, to link the period to them.
std::vector<std::string> files_of(const wf::PeriodRecord& p) {
  std::vector<std::pair<std::string, std::string>> cited;
  for (const auto& t : p.tasks) collect(t.evidence, "", cited);
  for (const auto& [code, s] : p.self_scores) collect(s.evidence, "", cited);
  for (const auto& [code, s] : p.manager_scores) collect(s.evidence, "", cited);
  std::vector<std::string> out;
  for (const auto& c : cited) out.push_back(c.first);
  return out;
}

wf::Refusals unstored_evidence(pqxx::transaction_base& t, const wf::PeriodRequest& r) {
  const auto cited = cited_files(r);
  std::vector<std::string> shas;
  for (const auto& c : cited) shas.push_back(c.first);
  const auto missing = storage::periods::missing_evidence(t, shas);
  wf::Refusals out;
  for (const auto& [sha, field] : cited) {
    if (std::find(missing.begin(), missing.end(), sha) == missing.end()) continue;
    out.push_back(wf::Refusal{wf::RefusalKind::GuardFailed, "evidence_not_stored",
                              "Tệp minh chứng " + sha.substr(0, 12) +
                                  "… chưa được tải lên: hãy tải tệp lên trước khi nộp.",
                              field});
  }
  return out;
}

}  // namespace

PeriodActionOutcome run_period_action(pqxx::transaction_base& t,
                                      const config::RegimeCatalog& regimes,
                                      const PeriodActionCommand& cmd) {
  PeriodActionOutcome out;
  const storage::TaskSystem* system = cmd.system ? &*cmd.system : nullptr;
  auto world = load_period_world(t, regimes, cmd.period_id, true, system);
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
  const wf::Id actor = system ? system_actor(*system) : cmd.actor_id;
  auto request = cmd.request;
  if (system && request.action == wf::PeriodAction::RegisterTasks && request.origin.empty())
    request.origin = "import:" + system->code;
  const auto result = wf::apply_period_action(world->context(actor, cmd.now), request);
  if (!result.accepted) {
    out.refusals = result.refusals;
    return out;
  }
  auto refusals = unstored_evidence(t, request);
  if (!refusals.empty()) {
    out.refusals = std::move(refusals);
    return out;
  }

  storage::StoredPeriod after = world->stored;
  after.record = result.period;
  after.updated_at = cmd.now;
  refresh_score(after, world->person, world->rules());
  storage::periods::write(t, after, world->stored.record.version);
  storage::periods::append_event(
      t, after.record.id, system ? 0 : cmd.actor_id, system ? system->code : std::string(),
      std::string(wf::to_string(request.action)), std::string(wf::to_string(result.from)),
      std::string(wf::to_string(result.to)), codec::canonical(codec::period_payload(request)),
      cmd.now);
  storage::periods::link_evidence(t, after.record.id, files_of(after.record));
  out.status = Status::Accepted;
  out.period = std::move(after);
  out.current_version = out.period.record.version;
  return out;
}

PeriodActionOutcome run_period_action(storage::ConnectionPool& pool,
                                      const config::RegimeCatalog& regimes,
                                      const PeriodActionCommand& cmd, Run run) {
  auto conn = pool.acquire();
  pqxx::work w(*conn, "period_action");
  auto out = run_period_action(w, regimes, cmd);
  if (run == Run::Commit && out.status == Status::Accepted) w.commit();
  return out;  // otherwise rolled back: a check or a refused action changes nothing
}

std::optional<PeriodView> view_period(storage::ConnectionPool& pool,
                                      const config::RegimeCatalog& regimes, wf::Id period_id,
                                      wf::Id viewer, wf::TimePoint now) {
  auto conn = pool.acquire();
  pqxx::read_transaction t(*conn);
  auto world = load_period_world(t, regimes, period_id, false);
  if (!world) return std::nullopt;
  PeriodView v{std::move(*world), {}};
  v.allowed = wf::allowed_period_actions(v.world.context(viewer, now));
  return v;
}

}  // namespace kd::application
