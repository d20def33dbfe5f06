// GET /healthz (process up and database reachable) and GET /readyz (serving).
#include "services/api/handlers.hpp"

namespace kd::api {
namespace {

bool database_reachable(ApiContext& ctx) {
  try {
    return ctx.store.ping();
  } catch (const std::exception&) {
    return false;
  }
}

void answer(ApiContext& ctx, Exchange& ex, bool require_ready) {
  if (require_ready && !ctx.ready.load()) {
    ex.send_problem(make_problem(503, "not_ready", "Máy chủ đang khởi động hoặc đang dừng."));
    return;
  }
  if (!database_reachable(ctx)) {
    ex.send_problem(make_problem(503, "database_unavailable", "Không kết nối được cơ sở dữ liệu."));
    return;
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("status", require_ready ? "ready" : "ok");
  o->set("database", "ok");
  ex.send_json(200, o);
}

}  // namespace

void get_healthz(ApiContext& ctx, Exchange& ex) { answer(ctx, ex, false); }

void get_readyz(ApiContext& ctx, Exchange& ex) { answer(ctx, ex, true); }

}  // namespace kd::api
