// detail::load_signature_facts (transaction_steps.hpp): the signatures recorded by the
// signature store (services/signing/signature_store.cpp) on the documents of one review.
#include "services/storage/transaction_steps.hpp"

namespace kd::storage::detail {

wf::SignatureFacts load_signature_facts(pqxx::transaction_base& t, Id review_id) {
  // Every signed version is linked to the reviews its document is about (document_reviews).
  const auto r = t.exec_params1(R"SQL(
SELECT coalesce(bool_or(g.kind = 'meeting_minutes' AND g.role = 'secretary'), false),
       coalesce(bool_or(g.kind = 'meeting_minutes' AND g.role = 'chair'), false),
       coalesce(bool_or(g.kind = 'decision'), false)
FROM document_signatures g JOIN document_reviews l ON l.document_id = g.signed_document_id
WHERE l.review_id = $1)SQL",
                                review_id);
  wf::SignatureFacts f;
  f.minutes_signed_by_secretary = r[0].as<bool>();
  f.minutes_signed_by_chair = r[1].as<bool>();
  f.decision_signed = r[2].as<bool>();
  return f;
}

}  // namespace kd::storage::detail
