// POST /api/v1/testing/clock — only routed when testing.enabled is true (see testing_clock.hpp).
//   {"now": "2026-12-10T09:00:00+07:00"}  the clock reads this time from now on
//   {"advance_seconds": 864000}           the clock moves forward (or back, when negative)
// Answers {"now": ISO time in Asia/Ho_Chi_Minh, "offset_seconds": from the system clock}.
#include <Poco/JSON/Object.h>

#include "services/api/context.hpp"
#include "services/api/handlers.hpp"
#include "services/api/testing_clock.hpp"

namespace kd::api {

void post_testing_clock(ApiContext& ctx, Exchange& ex) {
  if (ctx.testing_clock == nullptr) fail(404, "not_found", "Không tìm thấy địa chỉ này.");
  const auto body = ex.json_body(false);
  const bool has_now = body->has("now") && !body->isNull("now");
  const bool has_advance = body->has("advance_seconds") && !body->isNull("advance_seconds");
  if (has_now == has_advance)
    fail(400, "invalid_field", "Cần đúng một trong hai trường \"now\" hoặc \"advance_seconds\".");
  if (has_now) {
    const auto v = body->get("now");
    const auto t = v.isString() ? parse_iso_time(v.extract<std::string>()) : std::nullopt;
    if (!t)
      fail(400, "invalid_field",
           "Trường \"now\" phải là thời điểm ISO 8601 có múi giờ, ví dụ "
           "2026-12-10T09:00:00+07:00.");
    ctx.testing_clock->set(*t);
  } else {
    const auto v = body->get("advance_seconds");
    if (!v.isInteger())
      fail(400, "invalid_field", "Trường \"advance_seconds\" phải là số nguyên (giây).");
    ctx.testing_clock->advance(std::chrono::seconds(v.convert<long long>()));
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("now", kd::wf::to_iso_vietnam(ctx.clock()));
  o->set("offset_seconds", static_cast<long long>(ctx.testing_clock->offset().count()));
  ex.send_json(200, o);
}

}  // namespace kd::api
