// Bodies of POST /reviews/{id}/actions/{action} and the payload their events record. Only the
// shape is checked here; what the texts must say (a reason that is not blank, lengths) is the
// text policy's (workflow/text_policy.hpp), checked by the machine for the action and its check.
#include <Poco/JSON/Parser.h>

#include "services/codec/json_codec.hpp"
#include "services/codec/json_read.hpp"

namespace kd::codec {

namespace wf = kd::wf;
using detail::opt_bool;
using detail::opt_object;
using detail::opt_rating;
using detail::opt_string;

wf::ActionRequest action_request_from_json(wf::Action action, const Poco::JSON::Object& body) {
  wf::ActionRequest r;
  r.action = action;
  switch (action) {
    case wf::Action::Submit:
      if (auto f = opt_object(body, "form", "")) r.form = form_from_json(*f);
      break;
    case wf::Action::RecordMeeting: {
      auto m = opt_object(body, "meeting", "");
      if (!m) detail::fail_missing("meeting");
      r.meeting = meeting_from_json(*m);
      break;
    }
    case wf::Action::GiveOpinion: {
      auto o = opt_object(body, "opinion", "");
      if (!o) detail::fail_missing("opinion");
      r.opinion = opinion_from_json(*o);
      break;
    }
    case wf::Action::Decide:
      r.rating = opt_rating(body, "rating", "");
      r.quota_override = opt_bool(body, "quota_override", "").value_or(false);
      r.reason = opt_string(body, "reason", "").value_or("");
      r.quota_decision = opt_string(body, "quota_decision", "").value_or("");
      break;
    case wf::Action::ResolveComplaint:
      r.rating = opt_rating(body, "rating", "");
      if (!r.rating) detail::fail_missing("rating");
      r.reason = opt_string(body, "reason", "").value_or("");
      break;
    case wf::Action::Return:
    case wf::Action::Complain: {
      auto reason = opt_string(body, "reason", "");
      if (!reason) detail::fail_missing("reason");  // absent; a blank one is the machine's
      r.reason = *reason;
      break;
    }
    case wf::Action::Publish:
    case wf::Action::Close:
      break;
  }
  return r;
}

Poco::JSON::Object::Ptr action_payload(const wf::ActionRequest& r) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("action", std::string(wf::to_string(r.action)));
  if (r.form) o->set("form", to_json(*r.form));
  if (r.meeting) o->set("meeting", to_json(*r.meeting));
  if (r.opinion) o->set("opinion", to_json(*r.opinion));
  if (r.rating) o->set("rating", std::string(wf::to_string(*r.rating)));
  if (!r.reason.empty()) o->set("reason", r.reason);
  if (r.quota_override) o->set("quota_override", true);
  if (!r.quota_decision.empty()) o->set("quota_decision", r.quota_decision);
  return o;
}

}  // namespace kd::codec
