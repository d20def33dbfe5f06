// Who signs which official document, and in which order (domain.md §3, §5): the minutes by
// the meeting's secretary, then its chair; the head's opinion form by the head; the decision
// and the result notice by the competent authority (the committee). Only the signatures the
// latest version of a document carries count, so `done` is what that version carries.
//
// Document kinds by their stable names (the documents module's): "meeting_minutes",
// "opinion_form", "decision", "result_notice"; other kinds are not signed.
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

// "Thư ký", "Chủ trì", "Người đứng đầu", "Cấp có thẩm quyền".
std::string_view signing_role_name_vi(Role);

struct SigningTurn {
  std::optional<Role> role;  // the role the signer signs in, or
  Refusal refusal;           // why not: already_signed, wrong_order, role_required, not_signable
};

// Whose turn it is: `signer` on a document of `kind` about a review of `unit` (or a batch of
// the campaign's unit), whose latest version carries the signatures of `done`. The minutes are
// signed by the secretary and the chair the meeting record names (the unit's grants when there
// is no record); the others by a holder of the role at the unit or above.
SigningTurn signing_turn(std::string_view kind, const OrgTree&, Id signer, Id unit,
                         const std::optional<MeetingRecord>& meeting,
                         const std::vector<Role>& done);

}  // namespace kd::wf
