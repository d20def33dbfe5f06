// JSON documents of the API (responses). Shapes are documented in docs/openapi.yaml.
#pragma once

#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "services/storage/store.hpp"
#include "workflow/quota.hpp"
#include "workflow/review.hpp"
#include "workflow/tasks.hpp"

namespace kd::api {

Poco::JSON::Object::Ptr person_json(const kd::wf::Person&);

// Everything GET /reviews/{id} shows.
struct ReviewView {
  const kd::wf::Review& review;
  const kd::wf::Person& person;
  const std::string& unit_name;
  const kd::wf::Campaign& campaign;
  const kd::wf::Regime& regime;  // the campaign's pinned regime
  const std::vector<kd::wf::Action>& allowed_actions;
};
Poco::JSON::Object::Ptr review_json(const ReviewView&);

// A line of GET /campaigns/{id}/reviews.
Poco::JSON::Object::Ptr review_summary_json(const kd::storage::ReviewRow&, const kd::wf::Campaign&,
                                            const kd::wf::Date& today);

// `pinned` may be null (lists): then only the regime id and version are shown.
Poco::JSON::Object::Ptr campaign_json(const kd::wf::Campaign&, const kd::wf::Regime* pinned);

Poco::JSON::Object::Ptr event_json(const kd::storage::EventRecord&);
Poco::JSON::Object::Ptr task_json(const kd::wf::Task&);
Poco::JSON::Array::Ptr quota_json(const kd::wf::QuotaReport&);

// null or the stable code ("HTT").
Poco::Dynamic::Var rating_var(const std::optional<kd::wf::Rating>&);

}  // namespace kd::api
