// The official documents a review produces (domain.md §3, §5) and their stable names.
//
// Invariant: to_string() names are stored in the database and used in the API; new kinds may
// be added, existing names are never renamed. parse_document_kind() is the exact inverse.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace kd::documents {

enum class DocumentKind {
  SelfAssessment,  // "self_assessment_form": the form, sections I–II (or the Party self-review)
  Minutes,         // "meeting_minutes": biên bản of the collective meeting
  OpinionForm,     // "opinion_form": the form with section III (head's opinion)
  Decision,        // "decision": decision on the ratings of a batch, list as an annex (batch)
  FinalForm,       // "final_form": the form with section IV (competent authority)
  ResultNotice,    // "result_notice": written notice of the result to the person
  PublicList,      // "public_list": the unit's public list of results (batch)
};

const std::array<DocumentKind, 7>& all_document_kinds();
std::string_view to_string(DocumentKind);
std::optional<DocumentKind> parse_document_kind(std::string_view);

// A batch document covers every review of one decision/publication batch.
bool is_batch(DocumentKind);

// The documents an accepted action produces, in the order they are rendered.
std::vector<DocumentKind> kinds_for_action(std::string_view action);

}  // namespace kd::documents
