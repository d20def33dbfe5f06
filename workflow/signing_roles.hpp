// Who signs which official document, and in which order (domain.md §3, §5): the
// self-assessment form by the person reviewed; the minutes by the meeting's secretary, then its
// chair; the head's opinion form by the head; the decision, the result notice, the form's
// section IV and the public list by the competent authority (the committee). Only the signatures
// the latest version of a document carries count, so `done` is what that version carries.
//
// Document kinds by their stable names (the documents module's): "meeting_minutes",
// "self_assessment_form", "opinion_form", "final_form", "decision", "result_notice",
// "public_list"; other kinds are not signed.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "workflow/organisation.hpp"
#include "workflow/refusal.hpp"
#include "workflow/review.hpp"

namespace kd::wf {

// The roles a document kind needs, in signing order (empty: not signed).
const std::vector<Role>& signing_roles(std::string_view kind);

// "Thư ký", "Chủ trì", "Người đứng đầu", "Cấp có thẩm quyền", "Người tự nhận xét".
std::string_view signing_role_name_vi(Role);

// A signature the latest version already carries: its role and who gave it.
struct CarriedSignature {
  Role role = Role::Secretary;
  Id signer = 0;
};

struct SigningTurn {
  std::optional<Role> role;  // the role the signer signs in, or
  Refusal refusal;           // why not: already_signed, wrong_order, role_required, same_signer,
                             // not_signable
};

// Whose turn it is: `signer` on a document of `kind` about a review of `unit` (or a batch of
// the campaign's unit), whose latest version carries the signatures of `done`. The minutes'
// secretary slot takes only the secretary the meeting record names, the chair slot only its
// chair, and one person never fills both slots: the two signatures attest that two people
// approved the record. Minutes whose review holds no meeting record name no one, so no one
// signs them (holding the role in the unit is not enough). The self-assessment form is signed
// by `reviewee` alone. The other documents are signed by a holder of the role at the unit or
// above.
SigningTurn signing_turn(std::string_view kind, const OrgTree&, Id signer, Id unit,
                         const std::optional<MeetingRecord>& meeting, Id reviewee,
                         const std::vector<CarriedSignature>& done);

}  // namespace kd::wf
