#include "services/documents/document_kind.hpp"

namespace kd::documents {

const std::array<DocumentKind, 7>& all_document_kinds() {
  static const std::array<DocumentKind, 7> kinds = {
      DocumentKind::SelfAssessment, DocumentKind::Minutes,   DocumentKind::OpinionForm,
      DocumentKind::Decision,       DocumentKind::FinalForm, DocumentKind::ResultNotice,
      DocumentKind::PublicList};
  return kinds;
}

std::string_view to_string(DocumentKind k) {
  switch (k) {
    case DocumentKind::SelfAssessment:
      return "self_assessment_form";
    case DocumentKind::Minutes:
      return "meeting_minutes";
    case DocumentKind::OpinionForm:
      return "opinion_form";
    case DocumentKind::Decision:
      return "decision";
    case DocumentKind::FinalForm:
      return "final_form";
    case DocumentKind::ResultNotice:
      return "result_notice";
    case DocumentKind::PublicList:
      return "public_list";
  }
  return "?";
}

std::optional<DocumentKind> parse_document_kind(std::string_view s) {
  for (auto k : all_document_kinds())
    if (to_string(k) == s) return k;
  return std::nullopt;
}

bool is_batch(DocumentKind k) {
  return k == DocumentKind::Decision || k == DocumentKind::PublicList;
}

std::vector<DocumentKind> kinds_for_action(std::string_view action) {
  if (action == "submit") return {DocumentKind::SelfAssessment};
  if (action == "record_meeting") return {DocumentKind::Minutes};
  if (action == "give_opinion") return {DocumentKind::OpinionForm};
  if (action == "decide" || action == "resolve_complaint")
    return {DocumentKind::Decision, DocumentKind::FinalForm};
  if (action == "publish") return {DocumentKind::ResultNotice, DocumentKind::PublicList};
  return {};
}

}  // namespace kd::documents
