// What the machine needs to know about digital signatures, passed in as data (the domain
// reads no documents and verifies nothing): whether the meeting's minutes carry the
// secretary's and the chair's signatures, and whether the decision on the review's rating
// is signed. The facts only ever grow (signatures are append-only), so reading them just
// before the transition's transaction cannot let a refused action through wrongly.
//
// Where they bind (the minutes only exist once the meeting is recorded, so the meeting's
// outcome cannot be carried on — the head's opinion — until they are signed):
//   give_opinion  needs the minutes signed by the secretary and the chair
//                 (when the regime has a collective meeting);
//   publish       needs the decision signed.
// A TransitionContext without facts (nullptr) does not require signatures.
#pragma once

#include "workflow/refusal.hpp"
#include "workflow/vocabulary.hpp"

namespace kd::wf {

struct SignatureFacts {
  bool minutes_signed_by_secretary = false;
  bool minutes_signed_by_chair = false;
  bool decision_signed = false;
};

// Empty when the minutes carry both signatures; otherwise one guard refusal naming
// who has not signed yet.
Refusals minutes_signature_refusals(const SignatureFacts&);
Refusals decision_signature_refusals(const SignatureFacts&);

// The facts once `done` is accepted: recording the meeting makes new minutes, deciding or
// resolving a complaint a new decision, and a new document carries no signature yet.
SignatureFacts facts_after(SignatureFacts, Action done);

}  // namespace kd::wf
