// What the periods rest on:
//   GET  /api/v1/units/{id}/catalogue              the product catalogue applying to the unit
//   POST /api/v1/units/{id}/catalogue/versions     a new version (head or administrator)
//   POST /api/v1/evidence                          a PDF, PNG or JPEG file; its SHA-256
//   GET  /api/v1/evidence/{sha256}                 the file (uploader, or who sees a period
//                                                  citing it)
//   POST /api/v1/units/{id}/task-systems           register a task-assignment system; its
//                                                  token is shown once
//   POST /api/v1/integrations/tasks                a system posts tasks (its own bearer token)
#include <Poco/JSON/Array.h>

#include "application/text_normalisation.hpp"
#include "services/api/error_mapping.hpp"
#include "services/api/handlers.hpp"
#include "services/api/json_fields.hpp"
#include "services/api/review_access.hpp"
#include "services/api/tokens.hpp"
#include "services/codec/period_codec.hpp"
#include "services/codec/sha256.hpp"
#include "services/scoring/catalogues.hpp"
#include "services/scoring/evidence.hpp"
#include "services/scoring/task_imports.hpp"

namespace kd::api {

using kd::application::to_nfc;
namespace {

namespace app = kd::application;
namespace wf = kd::wf;

template <class F>
auto decoded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const kd::codec::CodecError& e) {
    Problem p = make_problem(400, "invalid_field", e.what());
    p.errors.push_back({"invalid_field", e.field, e.what(), 0});
    throw HttpError(std::move(p));
  }
}

Poco::JSON::Object::Ptr catalogue_json(wf::Id unit, const wf::ProductCatalogue& c) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("unit_id", unit);
  o->set("agency_id", c.versions.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(c.agency_id));
  Poco::JSON::Array::Ptr versions = new Poco::JSON::Array;
  for (const auto& v : c.versions) versions->add(kd::codec::to_json(v));
  o->set("versions", versions);
  return o;
}

void nfc(wf::ImportedTask& t) {
  t.title = to_nfc(t.title);
  if (t.deductions) {
    for (auto& d : *t.deductions) {
      d.note = to_nfc(d.note);
      d.excuse_reason = to_nfc(d.excuse_reason);
    }
  }
}

// The system of the request's bearer token: 401 otherwise.
storage::TaskSystem calling_system(ApiContext& ctx, const Exchange& ex) {
  const auto auth = ex.header("Authorization");
  const std::string prefix = "Bearer ";
  if (!auth || auth->rfind(prefix, 0) != 0 || auth->size() <= prefix.size()) {
    fail(401, "unauthenticated",
         "Cần tiêu đề Authorization: Bearer <mã truy cập của phần mềm giao nhiệm vụ>.");
  }
  const auto system =
      app::task_system_for(ctx.store.pool(), kd::codec::sha256_hex(auth->substr(prefix.size())));
  if (!system)
    fail(401, "invalid_token", "Mã truy cập của phần mềm không hợp lệ hoặc đã bị thu hồi.");
  return *system;
}

}  // namespace

void get_unit_catalogue(ApiContext& ctx, Exchange& ex) {
  const wf::Id unit = parse_id(ex.param("id"), "id");
  const CallerScope scope = load_scope(ctx, ex);
  if (scope.org.unit(unit) == nullptr) throw HttpError(unit_not_found());
  // Everyone of the agency reads its catalogue: the people scored with it and their evaluators.
  const bool inside = scope.org.in_subtree(scope.person.unit_id, unit) ||
                      scope.org.in_subtree(unit, scope.person.unit_id) ||
                      scope.access().can_view_unit(unit);
  if (!inside)
    throw HttpError(forbidden("Bạn không có quyền xem danh mục sản phẩm của đơn vị này."));
  ex.send_json(200, catalogue_json(unit, app::catalogue_of_unit(ctx.store.pool(), unit)));
}

void post_unit_catalogue_version(ApiContext& ctx, Exchange& ex) {
  const wf::Id unit = parse_id(ex.param("id"), "id");
  const auto body = ex.json_body(false);
  auto version = decoded([&] { return kd::codec::catalogue_version_from_json(*body); });
  version.decision = to_nfc(version.decision);
  for (auto& p : version.products) {
    p.name = to_nfc(p.name);
    p.output = to_nfc(p.output);
    p.group = to_nfc(p.group);
    p.unit = to_nfc(p.unit);
  }
  const CallerScope scope = load_scope(ctx, ex);
  const app::CatalogueCommand cmd{unit, version, scope.person.id, ctx.clock()};
  const auto out = app::add_catalogue_version(ctx.store.pool(), cmd, app::Run::Commit);
  if (out.status == app::CatalogueOutcome::Status::UnitNotFound) throw HttpError(unit_not_found());
  if (out.status != app::CatalogueOutcome::Status::Accepted) {
    ex.send_problem(problem_from_refusals(out.refusals));
    return;
  }
  ex.send_json(201, catalogue_json(unit, out.catalogue));
}

void post_evidence(ApiContext& ctx, Exchange& ex) {
  const std::string& content = ex.binary_body();
  const CallerScope scope = load_scope(ctx, ex);
  const auto out = app::store_evidence(ctx.store.pool(), {content, scope.person.id, ctx.clock()});
  if (!out.accepted) {
    ex.send_problem(problem_from_refusals(out.refusals));
    return;
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("sha256", out.sha256);
  o->set("media_type", out.media_type);
  o->set("size", static_cast<std::int64_t>(out.size));
  ex.set_header("Location", "/api/v1/evidence/" + out.sha256);
  ex.send_json(201, o);
}

void get_evidence(ApiContext& ctx, Exchange& ex) {
  const std::string sha = ex.param("sha256");
  const bool hex =
      sha.size() == 64 && sha.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!hex) fail(400, "invalid_parameter", "Mã tệp phải là SHA-256 dạng 64 chữ số hex thường.");
  const CallerScope scope = load_scope(ctx, ex);
  const auto read = app::read_evidence(ctx.store.pool(), sha);
  if (!read.file) throw HttpError(evidence_not_found());
  bool may = read.file->uploaded_by == scope.person.id;
  for (const auto& p : read.citing) {
    may = may || p.record.person_id == scope.person.id ||
          scope.access().can_view_unit(p.record.unit_id);
  }
  if (!may) throw HttpError(forbidden("Bạn không có quyền xem tệp minh chứng này."));
  ex.set_header("ETag", "\"" + sha + "\"");
  ex.set_header("Cache-Control", "private, max-age=31536000, immutable");
  ex.set_header("X-Content-Type-Options", "nosniff");
  ex.set_header("Content-Disposition", "inline; filename=\"minh-chung-" + sha.substr(0, 12) +
                                           (read.file->media_type == "application/pdf" ? ".pdf\""
                                            : read.file->media_type == "image/png"     ? ".png\""
                                                                                       : ".jpg\""));
  ex.send_raw(200, read.file->content, read.file->media_type);
}

void post_unit_task_system(ApiContext& ctx, Exchange& ex) {
  const wf::Id unit = parse_id(ex.param("id"), "id");
  const auto body = ex.json_body(false);
  const CallerScope scope = load_scope(ctx, ex);
  const std::string token = new_token();
  app::SystemRegistration cmd;
  cmd.agency_id = unit;
  cmd.code = optional_string(*body, "code").value_or("");
  cmd.name = to_nfc(optional_string(*body, "name").value_or(""));
  cmd.token_sha256 = kd::codec::sha256_hex(token);
  cmd.actor_id = scope.person.id;
  cmd.now = ctx.clock();
  const auto out = app::register_task_system(ctx.store.pool(), cmd);
  if (out.status == app::SystemRegistrationOutcome::Status::UnitNotFound)
    throw HttpError(unit_not_found());
  if (out.status != app::SystemRegistrationOutcome::Status::Accepted) {
    ex.send_problem(problem_from_refusals(out.refusals));
    return;
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", out.system.id);
  o->set("code", out.system.code);
  o->set("name", out.system.name);
  o->set("agency_id", out.system.agency_id);
  o->set("token", token);  // shown once: only its SHA-256 is kept
  ex.set_header("Cache-Control", "no-store");
  ex.send_json(201, o);
}

void post_integration_tasks(ApiContext& ctx, Exchange& ex) {
  const storage::TaskSystem system = calling_system(ctx, ex);
  const auto body = ex.json_body(false);
  app::TaskImportCommand cmd;
  cmd.system = system;
  cmd.now = ctx.clock();
  const auto key = optional_string(*body, "period");
  const auto ref = key ? wf::parse_period_key(*key) : std::nullopt;
  if (!ref || !wf::is_valid(*ref))
    field_error("period", "bắt buộc, dạng 2026-02 (tháng) hoặc 2026-Q1 (quý)");
  cmd.ref = *ref;
  const auto assignments = optional_array(*body, "assignments");
  if (!assignments) field_error("assignments", "bắt buộc, mảng {person_id, tasks}");
  if (assignments->size() > 1000) field_error("assignments", "tối đa 1000 người một lần gửi");
  for (unsigned i = 0; i < assignments->size(); ++i) {
    const std::string path = "assignments[" + std::to_string(i) + "]";
    const auto a = assignments->getObject(i);
    if (!a) field_error(path, "phải là đối tượng {person_id, tasks}");
    app::TaskAssignment assignment;
    assignment.person_id = required_int(*a, "person_id");
    const auto tasks = optional_array(*a, "tasks");
    if (!tasks) field_error(path + ".tasks", "bắt buộc, mảng nhiệm vụ");
    assignment.tasks =
        decoded([&] { return kd::codec::imported_tasks_from_json(*tasks, path + ".tasks"); });
    for (auto& t : assignment.tasks) nfc(t);
    cmd.assignments.push_back(std::move(assignment));
  }
  const auto out = app::import_tasks(ctx.store.pool(), ctx.regimes, cmd, app::Run::Commit);
  if (!out.accepted) {
    ex.send_problem(problem_from_refusals(out.refusals));
    return;
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("system", system.code);
  o->set("period", wf::to_key(cmd.ref));
  Poco::JSON::Array::Ptr results = new Poco::JSON::Array;
  for (const auto& r : out.results) {
    Poco::JSON::Object::Ptr ro = new Poco::JSON::Object;
    ro->set("person_id", r.person_id);
    ro->set("period_id", r.period_id);
    ro->set("created", r.created);
    ro->set("updated", r.updated);
    ro->set("unchanged", r.unchanged);
    ro->set("removed", r.removed);
    ro->set("version", r.version);
    results->add(ro);
  }
  o->set("results", results);
  ex.send_json(200, o);
}

}  // namespace kd::api
