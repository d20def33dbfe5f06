// JSON encoding of domain values, shared by storage (jsonb columns, regime
// snapshots) and the API (bodies). Decoding validates types and values and
// throws CodecError naming the field, with a Vietnamese message.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include <Poco/Dynamic/Var.h>
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

// The body of POST /reviews/{id}/actions/{action}: only the fields of that action are
// read (others are ignored); null counts as absent.
//   submit             {"form": FormContent}            (optional: absent = keep the draft)
//   record_meeting     {"meeting": MeetingRecord}       (required; meeting.date required)
//   give_opinion       {"opinion": Opinion}             (required; "by" is set from the actor)
//   decide             {"rating": "HTT", "quota_override": false, "reason": "..."}
//                      (rating optional: absent = the head's proposal)
//   resolve_complaint  {"rating": "HTT", "reason": "..."}  (rating required)
//   return, complain   {"reason": "..."}                (required, non-blank)
//   publish, close     {}
// FormContent  {"sections": {key: text}, "self_rating": code|null, "strengths", "weaknesses"}
// MeetingRecord {"date": "YYYY-MM-DD", "place", "chair_id", "secretary_id", "summoned",
//   "present", "official_members", "absent": [{"name","reason"}], "comments":
//   [{"author","text"}], "proposed_rating": code|null, "votes": {"in_favour","against",
//   "abstain"}, "conclusion"}
// Opinion      {"by", "comments", "proposed_rating": code|null}
// YearFacts    {"months_worked", "leave_months", "maternity", "disciplined",
//   "degradation_finding", "corruption_in_unit"}
// Counts and ids are non-negative integers; ratings are HTXS, HTT, HT or KHT.
kd::wf::ActionRequest action_request_from_json(kd::wf::Action, const Poco::JSON::Object&);
// The payload recorded in review_events for an accepted action.
Poco::JSON::Object::Ptr action_payload(const kd::wf::ActionRequest&);

// Compact JSON with keys sorted (canonical: the same value always gives the same text).
// Keys are sorted by their UTF-8 bytes; strings are written as UTF-8 (no \u escapes for
// letters); only '"', '\\' and control characters are escaped. Integers are written as
// integers; doubles (unused by the domain) as %.17g.
std::string canonical(const Poco::JSON::Object::Ptr&);
std::string canonical_value(const Poco::Dynamic::Var&);  // same rules, any JSON value
// Refuses text that is not valid UTF-8 (CodecError("", ...)), malformed JSON and a
// top-level value that is not an object.
Poco::JSON::Object::Ptr parse_object(const std::string& text);  // throws CodecError("", ...)

// A campaign's per-stage due dates: {"self_assessment": "2026-11-30", ...}.
Poco::JSON::Object::Ptr to_json(const std::map<kd::wf::Stage, kd::wf::Date>&);
std::map<kd::wf::Stage, kd::wf::Date> stage_due_from_json(const Poco::JSON::Object&);

// The review's own data in one object (stage, version, form, meeting, opinion, rating, ...),
// handy for API answers and document payloads. Keys: id, campaign_id, person_id, unit_id,
// stage, workflow_version, version, form, meeting (null), opinion (null), final_rating (null),
// not_rated, published_at (ISO +07:00 or null), complaints, last_return_reason, facts.
Poco::JSON::Object::Ptr to_json(const kd::wf::Review&);

}  // namespace kd::codec
