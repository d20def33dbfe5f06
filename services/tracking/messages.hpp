// The Vietnamese text of reminders and escalations, for the inbox and the e-mail
// (subject and plain-text body, UTF-8, dates as dd/mm/yyyy in Asia/Ho_Chi_Minh).
#pragma once

#include <map>
#include <string>

#include "services/tracking/tracker.hpp"

namespace kd::tracking {

struct MessageText {
  std::string subject;
  std::string body;
};

// `names`: full names of the people mentioned (who must act), by id.
MessageText compose(const kd::wf::Notice&, const TrackedReview&, const kd::wf::Campaign&,
                    const std::map<kd::wf::Id, std::string>& names);

}  // namespace kd::tracking
