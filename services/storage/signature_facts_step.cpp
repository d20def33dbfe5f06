// detail::load_signature_facts (transaction_steps.hpp): the signatures recorded by the
// signature store (services/signing/signature_store.cpp) on the documents of one review.
#include "services/storage/transaction_steps.hpp"

namespace kd::storage::detail {
namespace {

// Only the latest version of the review's minutes (and of its decision) counts: a
// re-rendered minutes carries no signature, whatever earlier versions carried. The
// signatures a version carries are those that produced it and, through their source
// versions, every earlier one (document_signatures: source -> signed). A render job not yet
// done that will produce a newer minutes (record_meeting) or decision (decide,
// resolve_complaint; the review's own job or its batch's) means the signed one is already
// out of date: nothing counts until the new one exists and is signed.
constexpr const char* kSignatureFacts = R"SQL(
WITH RECURSIVE latest AS (
  SELECT DISTINCT ON (d.kind) d.id
  FROM documents d JOIN document_reviews l ON l.document_id = d.id
  WHERE l.review_id = $1 AND d.kind IN ('meeting_minutes', 'decision')
  ORDER BY d.kind, d.id DESC),
carried(kind, source, role) AS (
  SELECT g.kind, g.source_document_id, g.role
  FROM document_signatures g JOIN latest ON g.signed_document_id = latest.id
  UNION ALL
  SELECT g.kind, g.source_document_id, g.role
  FROM document_signatures g JOIN carried c ON g.signed_document_id = c.source),
pending AS (
  SELECT o.payload ->> 'action' AS action, o.payload ->> 'documents' AS documents
  FROM outbox o
  WHERE o.kind = 'render_document' AND o.done_at IS NULL
    AND (o.review_id = $1
         OR (o.review_id IS NULL AND o.payload -> 'review_ids' @> jsonb_build_array($1::bigint)))),
stale AS (
  SELECT coalesce(bool_or(action = 'record_meeting'), false) AS minutes,
         coalesce(bool_or(action IN ('decide', 'resolve_complaint')
                          AND documents IS DISTINCT FROM 'review'), false) AS decision
  FROM pending)
SELECT coalesce(bool_or(kind = 'meeting_minutes' AND role = 'secretary'), false)
         AND NOT (SELECT minutes FROM stale),
       coalesce(bool_or(kind = 'meeting_minutes' AND role = 'chair'), false)
         AND NOT (SELECT minutes FROM stale),
       coalesce(bool_or(kind = 'decision'), false) AND NOT (SELECT decision FROM stale)
FROM carried)SQL";

}  // namespace

wf::SignatureFacts load_signature_facts(pqxx::transaction_base& t, Id review_id) {
  const auto r = t.exec_params1(kSignatureFacts, review_id);
  wf::SignatureFacts f;
  f.minutes_signed_by_secretary = r[0].as<bool>();
  f.minutes_signed_by_chair = r[1].as<bool>();
  f.decision_signed = r[2].as<bool>();
  return f;
}

}  // namespace kd::storage::detail
