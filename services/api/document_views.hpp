// JSON of the document side of a review (document_handlers.cpp).
#pragma once

#include <Poco/JSON/Object.h>

#include "services/api/context.hpp"

namespace kd::api {

// {state: none|queued|rendering|done|failed, pending_jobs, attempts, reason}: the review's
// render jobs, shown on GET /reviews/{id} and GET /reviews/{id}/documents.
Poco::JSON::Object::Ptr render_status_json(ApiContext&, kd::wf::Id review_id);

}  // namespace kd::api
