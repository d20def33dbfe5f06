// Text as the law stores it: every text that enters the database is in Unicode Normalization
// Form C (ICU), so Vietnamese typed with combining marks (a + U+0301) and with precomposed
// letters (á) is stored, compared, counted and printed as the same text. The use cases
// normalise what a request carries before any rule runs (workflow/text_policy.hpp); this is the
// one place that does it.
#pragma once

#include <string>

#include "workflow/review_machine.hpp"

namespace kd::application {

// `utf8` in NFC; the input must be valid UTF-8 (request bodies are checked before parsing).
std::string to_nfc(const std::string& utf8);

// Every text of the form / of the request (wf::for_each_text), in NFC.
void normalise(kd::wf::FormContent&);
void normalise(kd::wf::ActionRequest&);

}  // namespace kd::application
