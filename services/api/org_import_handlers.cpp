// The organisation imported from the personnel office's files (administrators only, within
// the subtree of a unit they administer):
//   GET  /api/v1/imports/template           the XLSX template
//   POST /api/v1/units/{id}/imports         upload (XLSX or CSV body): the preview, stored
//   GET  /api/v1/imports/{id}               a stored import as its preview (or commit) showed it
//   POST /api/v1/imports/{id}/commit        carry it out, in one transaction
//   GET  /api/v1/people/{id}/assignments    a person's dated history of unit and position
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "services/api/error_mapping.hpp"
#include "services/api/handlers.hpp"
#include "services/api/json_fields.hpp"
#include "services/api/review_access.hpp"
#include "services/orgimport/org_import_use_case.hpp"
#include "services/orgimport/org_template.hpp"
#include "services/storage/org_import_store.hpp"

namespace kd::api {
namespace {

namespace wf = kd::wf;
namespace oi = kd::orgimport;

void require_admin_of(const CallerScope& scope, wf::Id unit) {
  if (!scope.org.has_role_at_or_above(scope.person.id, wf::Role::Admin, unit))
    throw HttpError(forbidden(
        "Chỉ quản trị viên của đơn vị (hoặc đơn vị cấp trên) được nhập tổ chức, nhân sự."));
}

Poco::JSON::Object::Ptr parsed(const std::string& json) {
  Poco::JSON::Parser parser;
  return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace

void get_import_template(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  if (scope.org.units_with_role(scope.person.id, wf::Role::Admin).empty())
    throw HttpError(forbidden("Chỉ quản trị viên được tải mẫu nhập tổ chức, nhân sự."));
  ex.set_header("Content-Disposition",
                std::string("attachment; filename=\"") + oi::kTemplateFileName + "\"");
  ex.send_raw(200, oi::org_template_xlsx(),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

void post_unit_import(ApiContext& ctx, Exchange& ex) {
  const wf::Id unit = parse_id(ex.param("id"), "id");
  const CallerScope scope = load_scope(ctx, ex);
  if (scope.org.unit(unit) == nullptr) throw HttpError(unit_not_found());
  require_admin_of(scope, unit);
  const auto now = ctx.clock();
  oi::PreviewCommand cmd;
  cmd.unit_id = unit;
  cmd.actor_id = scope.person.id;
  cmd.year =
      parse_query_int(ex.query("year"), "year", 2000, 2999).value_or(wf::vietnam_date(now).year);
  cmd.file_name = ex.query("file_name").value_or("");
  cmd.file = ex.binary_body();
  cmd.now = now;
  if (cmd.file.empty()) fail(400, "file_required", "Cần gửi tệp XLSX hoặc CSV trong thân yêu cầu.");
  const auto out = oi::preview_org_import(ctx.store.pool(), cmd);
  if (out.status != oi::ImportOutcome::Status::Done) {
    ex.send_problem(problem_from_import(out));
    return;
  }
  ex.set_header("Location", "/api/v1/imports/" + std::to_string(out.import_id));
  ex.send_json(201, out.json);
}

void get_import(ApiContext& ctx, Exchange& ex) {
  const wf::Id id = parse_id(ex.param("id"), "id");
  const CallerScope scope = load_scope(ctx, ex);
  const auto view = oi::find_org_import(ctx.store.pool(), id);
  if (!view) throw HttpError(import_not_found());
  require_admin_of(scope, view->header.unit_id);
  ex.send_json(200, parsed(view->json));
}

void post_import_commit(ApiContext& ctx, Exchange& ex) {
  const wf::Id id = parse_id(ex.param("id"), "id");
  const CallerScope scope = load_scope(ctx, ex);
  const auto view = oi::find_org_import(ctx.store.pool(), id);
  if (!view) throw HttpError(import_not_found());
  require_admin_of(scope, view->header.unit_id);
  oi::CommitCommand cmd;
  cmd.import_id = id;
  cmd.actor_id = scope.person.id;
  cmd.now = ctx.clock();
  const auto out = oi::commit_org_import(ctx.store.pool(), cmd);
  if (out.status != oi::ImportOutcome::Status::Done) {
    ex.send_problem(problem_from_import(out));
    return;
  }
  ex.send_json(200, out.json);
}

void get_person_assignments(ApiContext& ctx, Exchange& ex) {
  const wf::Id person_id = parse_id(ex.param("id"), "id");
  const CallerScope scope = load_scope(ctx, ex);
  const auto person = ctx.store.get_person(person_id);
  if (!person) fail(404, "person_not_found", "Không tìm thấy người này.");
  if (person_id != scope.person.id && !scope.access().can_view_unit(person->unit_id))
    throw HttpError(forbidden("Bạn không có quyền xem quá trình công tác của người này."));
  const auto rows = kd::orgimport::person_assignments(ctx.store.pool(), person_id);
  Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
  for (const auto& a : rows) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("unit_id", static_cast<Poco::Int64>(a.unit_id));
    o->set("unit_code", a.unit_code);
    o->set("unit_name", a.unit_name);
    o->set("position", a.position);
    o->set("title", a.title);
    o->set("valid_from", wf::to_iso(a.from));
    o->set("valid_until",
           a.until ? Poco::Dynamic::Var(wf::to_iso(*a.until)) : Poco::Dynamic::Var());
    o->set("import_id", a.import_id ? Poco::Dynamic::Var(static_cast<Poco::Int64>(a.import_id))
                                    : Poco::Dynamic::Var());
    items->add(o);
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("person_id", static_cast<Poco::Int64>(person_id));
  o->set("items", items);
  ex.send_json(200, o);
}

}  // namespace kd::api
