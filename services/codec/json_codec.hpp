// JSON encoding of domain values, shared by storage (jsonb columns, regime
// snapshots) and the API (bodies). Decoding validates types and values and
// throws CodecError naming the field, with a Vietnamese message.
#pragma once

#include <stdexcept>
#include <string>

#include <Poco/JSON/Object.h>

#include "workflow/review.hpp"
#include "workflow/review_machine.hpp"

namespace kd::codec {

struct CodecError : std::runtime_error {
  std::string field;
  CodecError(std::string field_, const std::string& message_vi)
      : std::runtime_error(message_vi), field(std::move(field_)) {}
};

Poco::JSON::Object::Ptr to_json(const kd::wf::FormContent&);
Poco::JSON::Object::Ptr to_json(const kd::wf::MeetingRecord&);
Poco::JSON::Object::Ptr to_json(const kd::wf::Opinion&);
Poco::JSON::Object::Ptr to_json(const kd::wf::YearFacts&);

kd::wf::FormContent form_from_json(const Poco::JSON::Object&);
kd::wf::MeetingRecord meeting_from_json(const Poco::JSON::Object&);
kd::wf::Opinion opinion_from_json(const Poco::JSON::Object&);
kd::wf::YearFacts year_facts_from_json(const Poco::JSON::Object&);

// The body of POST /reviews/{id}/actions/{action}: only the fields of that action.
kd::wf::ActionRequest action_request_from_json(kd::wf::Action, const Poco::JSON::Object&);
// The payload recorded in review_events for an accepted action.
Poco::JSON::Object::Ptr action_payload(const kd::wf::ActionRequest&);

// Compact JSON with keys sorted (canonical: the same value always gives the same text).
std::string canonical(const Poco::JSON::Object::Ptr&);
Poco::JSON::Object::Ptr parse_object(const std::string& text);  // throws CodecError("", ...)

}  // namespace kd::codec
