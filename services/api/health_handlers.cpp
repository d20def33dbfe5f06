// GET /healthz (process up and database reachable) and GET /readyz (serving), with the
// program's version and the database's schema version (what an operator checks after an
// upgrade).
#include <optional>

#include "services/api/handlers.hpp"
#include "services/config/version.hpp"
#include "services/storage/migrations.hpp"

namespace kd::api {
namespace {

// The schema version, read from the database (nullopt: unreachable).
std::optional<int> schema_version(ApiContext& ctx) {
  try {
    return kd::storage::database_schema_version(ctx.store.pool());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void answer(ApiContext& ctx, Exchange& ex, bool require_ready) {
  if (require_ready && !ctx.ready.load()) {
    ex.send_problem(make_problem(503, "not_ready", "Máy chủ đang khởi động hoặc đang dừng."));
    return;
  }
  const auto schema = schema_version(ctx);
  if (!schema) {
    ex.send_problem(make_problem(503, "database_unavailable", "Không kết nối được cơ sở dữ liệu."));
    return;
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("status", require_ready ? "ready" : "ok");
  o->set("database", "ok");
  o->set("version", kd::config::program_version());
  o->set("schema_version", *schema);
  o->set("program_schema_version", kd::storage::latest_schema_version());
  ex.send_json(200, o);
}

}  // namespace

void get_healthz(ApiContext& ctx, Exchange& ex) { answer(ctx, ex, false); }

void get_readyz(ApiContext& ctx, Exchange& ex) { answer(ctx, ex, true); }

}  // namespace kd::api
