#include "services/orgimport/org_import_use_case.hpp"

#include <pqxx/pqxx>

#include "services/orgimport/org_file.hpp"
#include "services/storage/org_import_store.hpp"

namespace kd::orgimport {
namespace {

namespace wf = kd::wf;
namespace store = kd::storage::org_import;

// The one path of preview and commit: plan the file against the organisation the
// transaction sees, and write the plan when it has no problem.
wf::OrgImportPlan plan_and_write(pqxx::transaction_base& t, const wf::OrgFile& file,
                                 const wf::CurrentOrg& current, wf::Id root, int year,
                                 wf::Id import_id, wf::Id actor, wf::TimePoint now) {
  const wf::Date today = wf::vietnam_date(now);
  auto plan = wf::plan_org_import(file, current, root, today, actor);
  if (plan.ok()) store::apply(t, plan, year, import_id, today, now);
  return plan;
}

ImportHeader header_of(const store::StoredImport& i, const std::string& status) {
  ImportHeader h;
  h.id = i.id;
  h.unit_id = i.root_unit_id;
  h.year = i.year;
  h.file_name = i.file_name;
  h.fingerprint = i.fingerprint;
  h.status = status;
  h.committed_at = i.committed_at;
  return h;
}

bool has_unit(const wf::CurrentOrg& org, wf::Id id) {
  for (const auto& u : org.units)
    if (u.id == id) return true;
  return false;
}

}  // namespace

ImportOutcome preview_org_import(kd::storage::ConnectionPool& pool, const PreviewCommand& cmd) {
  using Status = ImportOutcome::Status;
  ImportOutcome out;
  auto conn = pool.acquire();
  pqxx::transaction<pqxx::repeatable_read> t(*conn, "preview_org_import");
  const auto current = store::load_current(t, cmd.year);
  if (!has_unit(current, cmd.unit_id)) {
    out.status = Status::UnitNotFound;
    return out;
  }
  const auto file = read_org_file(cmd.file, cmd.file_name.empty() ? "CSV" : cmd.file_name,
                                  wf::vietnam_date(cmd.now));
  store::StoredImport stored;
  stored.root_unit_id = cmd.unit_id;
  stored.year = cmd.year;
  stored.file_name = cmd.file_name;
  stored.file = cmd.file;
  stored.fingerprint = store::fingerprint(current);
  stored.preview = "{}";
  stored.id = store::insert_import(t, stored, cmd.actor_id, cmd.now);
  // The commit's own writes, undone: whatever the database would refuse shows now.
  store::mark_planned(t);
  try {
    out.plan =
        plan_and_write(t, file, current, cmd.unit_id, cmd.year, stored.id, cmd.actor_id, cmd.now);
  } catch (const pqxx::sql_error& e) {
    out.plan.problems.push_back(wf::ImportProblem{
        "not_writable", "", 0, "",
        "Cơ sở dữ liệu không nhận các thay đổi của tệp (" + std::string(e.sqlstate()) +
            "): kiểm tra mã trùng với đơn vị hoặc người ngoài phạm vi."});
  }
  store::undo_planned(t);
  out.json = plan_json(header_of(stored, "previewed"), out.plan);
  store::set_preview(t, stored.id, to_text(out.json), static_cast<int>(out.plan.problems.size()));
  t.commit();
  out.import_id = stored.id;
  return out;
}

ImportOutcome commit_org_import(kd::storage::ConnectionPool& pool, const CommitCommand& cmd) {
  using Status = ImportOutcome::Status;
  ImportOutcome out;
  out.import_id = cmd.import_id;
  auto conn = pool.acquire();
  pqxx::work t(*conn, "commit_org_import");
  auto stored = store::load_import(t, cmd.import_id, true);
  if (!stored) {
    out.status = Status::NotFound;
    return out;
  }
  if (stored->committed_at) {
    out.status = Status::AlreadyCommitted;
    return out;
  }
  if (stored->problems > 0) {
    // Refused; the problems as they stand, for the answer (nothing is written).
    const auto file =
        read_org_file(stored->file, stored->file_name.empty() ? "CSV" : stored->file_name,
                      wf::vietnam_date(cmd.now));
    out.plan = wf::plan_org_import(file, store::load_current(t, stored->year), stored->root_unit_id,
                                   wf::vietnam_date(cmd.now), cmd.actor_id);
    out.status = Status::HasProblems;
    return out;
  }
  store::lock_organisation(t);
  const auto current = store::load_current(t, stored->year);
  if (store::fingerprint(current) != stored->fingerprint) {
    out.status = Status::OrgChanged;
    return out;  // rolled back: nothing written
  }
  const auto file =
      read_org_file(stored->file, stored->file_name.empty() ? "CSV" : stored->file_name,
                    wf::vietnam_date(cmd.now));
  out.plan = plan_and_write(t, file, current, stored->root_unit_id, stored->year, stored->id,
                            cmd.actor_id, cmd.now);
  if (!out.plan.ok()) {
    // Same file, same organisation: only a date that passed since the preview can do this.
    out.status = Status::HasProblems;
    return out;
  }
  stored->committed_at = cmd.now;
  out.json = plan_json(header_of(*stored, "committed"), out.plan);
  store::mark_committed(t, stored->id, cmd.actor_id, cmd.now, to_text(out.json));
  t.commit();
  return out;
}

std::optional<ImportView> find_org_import(kd::storage::ConnectionPool& pool, wf::Id id) {
  auto conn = pool.acquire();
  pqxx::read_transaction t(*conn);
  const auto stored = store::load_import(t, id, false);
  if (!stored) return std::nullopt;
  ImportView v;
  v.header = header_of(*stored, stored->committed_at ? "committed" : "previewed");
  v.json = stored->preview;
  return v;
}

std::vector<kd::storage::org_import::Assignment> person_assignments(
    kd::storage::ConnectionPool& pool, wf::Id person_id) {
  auto conn = pool.acquire();
  pqxx::read_transaction t(*conn);
  return store::assignments(t, person_id);
}

}  // namespace kd::orgimport
