#include "services/scoring/task_imports.hpp"

#include <regex>

#include "services/storage/transaction_steps.hpp"
#include "workflow/regime_selection.hpp"
#include "workflow/text_policy.hpp"

namespace kd::application {
namespace {

wf::Refusal refusal(wf::RefusalKind kind, std::string code, std::string message,
                    std::string field = {}) {
  return wf::Refusal{kind, std::move(code), std::move(message), std::move(field)};
}

void prefixed(const wf::Refusals& in, const std::string& prefix, wf::Refusals& out) {
  for (auto r : in) {
    r.field = r.field.empty() ? prefix.substr(0, prefix.size() - 1) : prefix + r.field;
    out.push_back(std::move(r));
  }
}

AssignmentResult counts_of(const wf::ImportPlan& plan) {
  AssignmentResult r;
  r.created = plan.created;
  r.updated = plan.updated;
  r.unchanged = plan.unchanged;
  r.removed = plan.removed;
  return r;
}

}  // namespace

SystemRegistrationOutcome register_task_system(storage::ConnectionPool& pool,
                                               const SystemRegistration& cmd) {
  using Status = SystemRegistrationOutcome::Status;
  SystemRegistrationOutcome out;
  auto conn = pool.acquire();
  pqxx::work w(*conn, "register_task_system");
  const auto org = storage::detail::load_org(w);
  if (org.unit(cmd.agency_id) == nullptr) {
    out.status = Status::UnitNotFound;
    return out;
  }
  if (!wf::manages_periods(org, cmd.actor_id, cmd.agency_id)) {
    out.refusals.push_back(refusal(wf::RefusalKind::Forbidden, "role_required",
                                   "Chỉ người đứng đầu hoặc quản trị viên của cơ quan mới đăng ký "
                                   "được phần mềm giao nhiệm vụ."));
    return out;
  }
  static const std::regex code_re("^[a-z0-9][a-z0-9_-]{0,31}$");
  if (!std::regex_match(cmd.code, code_re)) {
    out.refusals.push_back(refusal(wf::RefusalKind::GuardFailed, "system_code_invalid",
                                   "Mã phần mềm gồm 1–32 chữ thường không dấu, chữ số, '-' hoặc "
                                   "'_', bắt đầu bằng chữ hoặc số.",
                                   "code"));
  }
  if (wf::is_blank(cmd.name)) {
    out.refusals.push_back(refusal(wf::RefusalKind::GuardFailed, "system_name_required",
                                   "Cần ghi tên phần mềm giao nhiệm vụ.", "name"));
  }
  if (!out.refusals.empty()) return out;
  out.system.code = cmd.code;
  out.system.name = cmd.name;
  out.system.agency_id = cmd.agency_id;
  const auto id =
      storage::periods::insert_task_system(w, out.system, cmd.token_sha256, cmd.actor_id, cmd.now);
  if (!id) {
    out.refusals.push_back(refusal(wf::RefusalKind::GuardFailed, "system_code_taken",
                                   "Mã phần mềm \"" + cmd.code + "\" đã được đăng ký.", "code"));
    return out;
  }
  out.system.id = *id;
  w.commit();
  out.status = Status::Accepted;
  return out;
}

std::optional<storage::TaskSystem> task_system_for(storage::ConnectionPool& pool,
                                                   const std::string& token_sha256) {
  auto conn = pool.acquire();
  pqxx::read_transaction t(*conn);
  return storage::periods::task_system_by_token(t, token_sha256);
}

TaskImportOutcome import_tasks(storage::ConnectionPool& pool, const config::RegimeCatalog& regimes,
                               const TaskImportCommand& cmd, Run run) {
  TaskImportOutcome out;
  auto conn = pool.acquire();
  pqxx::work w(*conn, "import_tasks");
  const auto org = storage::detail::load_org(w);
  const auto candidates = regimes.latest_all();
  std::vector<wf::Id> seen;
  for (std::size_t i = 0; i < cmd.assignments.size(); ++i) {
    const auto& a = cmd.assignments[i];
    const std::string prefix = "assignments[" + std::to_string(i) + "].";
    if (std::find(seen.begin(), seen.end(), a.person_id) != seen.end()) {
      out.refusals.push_back(refusal(
          wf::RefusalKind::GuardFailed, "import_invalid",
          "Người có mã " + std::to_string(a.person_id) + " xuất hiện hai lần trong lần gửi.",
          prefix + "person_id"));
      continue;
    }
    seen.push_back(a.person_id);
    const auto person = load_person(w, a.person_id);
    if (!person || !org.in_subtree(person->unit_id, cmd.system.agency_id)) {
      out.refusals.push_back(refusal(wf::RefusalKind::Forbidden, "person_outside_agency",
                                     "Người có mã " + std::to_string(a.person_id) +
                                         " không thuộc cơ quan của phần mềm giao nhiệm vụ \"" +
                                         cmd.system.name + "\".",
                                     prefix + "person_id"));
      continue;
    }
    const auto chosen = wf::select_regimes(*person, cmd.ref.year, candidates);
    std::optional<wf::Id> period_id;
    if (chosen.state != nullptr && chosen.state->scoring)
      period_id = storage::periods::find(w, person->id, chosen.state->id, cmd.ref);
    if (!period_id) {
      out.refusals.push_back(
          refusal(wf::RefusalKind::GuardFailed, "period_not_open",
                  "Kỳ " + wf::label_vi(cmd.ref) + " của " + person->full_name + " chưa được mở.",
                  prefix + "person_id"));
      continue;
    }
    const auto stored = storage::periods::load(w, *period_id, true);
    const auto plan = wf::plan_task_import(stored->record, cmd.system.code, a.tasks);
    if (!plan.refusals.empty()) {
      prefixed(plan.refusals, prefix, out.refusals);
      continue;
    }
    AssignmentResult r = counts_of(plan);
    r.person_id = person->id;
    r.period_id = *period_id;
    r.version = stored->record.version;
    if (plan.changes()) {
      PeriodActionCommand act;
      act.period_id = *period_id;
      act.system = cmd.system;
      act.request = plan.request;
      act.now = cmd.now;
      const auto done = run_period_action(w, regimes, act);
      if (done.status != PeriodActionOutcome::Status::Accepted) {
        prefixed(done.refusals, prefix, out.refusals);
        continue;
      }
      r.version = done.period.record.version;
    }
    out.results.push_back(r);
  }
  if (!out.refusals.empty()) {
    out.results.clear();
    return out;  // rolled back: nothing of the post is kept
  }
  out.accepted = true;
  if (run == Run::Commit) w.commit();
  return out;
}

CsvImportOutcome import_task_csv(storage::ConnectionPool& pool,
                                 const config::RegimeCatalog& regimes, const CsvImportCommand& cmd,
                                 Run run) {
  CsvImportOutcome out;
  auto conn = pool.acquire();
  pqxx::work w(*conn, "import_task_csv");
  const auto stored = storage::periods::load(w, cmd.period_id, true);
  if (!stored) {
    out.action.status = PeriodActionOutcome::Status::NotFound;
    return out;
  }
  const auto plan = wf::plan_task_import(stored->record, "csv", cmd.tasks);
  if (!plan.refusals.empty()) {
    out.action.period = *stored;
    out.action.current_version = stored->record.version;
    out.action.refusals = plan.refusals;
    return out;
  }
  out.counts = counts_of(plan);
  out.counts.person_id = stored->record.person_id;
  out.counts.period_id = stored->record.id;
  PeriodActionCommand act;
  act.period_id = cmd.period_id;
  act.expected_version = cmd.expected_version;
  act.actor_id = cmd.actor_id;
  act.request = plan.request;
  act.now = cmd.now;
  out.action = run_period_action(w, regimes, act);
  out.counts.version = out.action.period.record.version;
  if (run == Run::Commit && out.action.status == PeriodActionOutcome::Status::Accepted) w.commit();
  return out;
}

}  // namespace kd::application
