// The ONE place where domain and store outcomes become HTTP statuses:
//   Forbidden 403 `forbidden` · NotAllowedInStage 409 `not_allowed_in_stage` ·
//   GuardFailed 422 `guard_failed` (or `quota_exceeded`) with every reason in
//   `errors` · StaleVersion 409 `stale_version` · NotFound 404 `review_not_found` ·
//   KeyReused 422 `idempotency_key_reused`.
#pragma once

#include "services/api/problem.hpp"
#include "services/orgimport/org_import_use_case.hpp"
#include "services/scoring/period_actions.hpp"
#include "services/storage/account_admin.hpp"
#include "services/storage/store.hpp"
#include "workflow/refusal.hpp"

namespace kd::api {

int status_for(kd::wf::RefusalKind);

// A problem listing every refusal; status and code from the dominant kind.
Problem problem_from_refusals(const kd::wf::Refusals&);

// For every status except Accepted and Replayed.
Problem problem_from_transition(const kd::storage::TransitionOutcome&);

// For a refused batch: batch-level refusals plus each review's (each once), with the quota
// lines; a key used for another request is `idempotency_key_reused`.
Problem problem_from_batch(const kd::storage::BatchOutcome&);

Problem idempotency_key_reused();
// A period action that was not accepted: NotFound 404 `period_not_found`, StaleVersion 409
// `stale_version` (with current_version), Refused by the refusals' dominant kind.
Problem problem_from_period(const kd::application::PeriodActionOutcome&);
Problem period_not_found();
Problem evidence_not_found();

// Accounts and roles: NotFound 404 `<missing>_not_found` (person, unit, account, role_grant),
// Conflict 409 with the refusal's code (`username_taken`, `account_exists`), Refused by the
// refusals' dominant kind (403 `forbidden`, 422 `guard_failed`, each reason in `errors`).
Problem problem_from_admin(const kd::storage::AdminOutcome&);
// A password the policy refuses: 422 `password_rejected`, every reason in `errors`.
Problem password_rejected(const kd::wf::Refusals&);
// Signed in with a one-time password: 403 `password_change_required` until it is changed.
Problem password_change_required();

Problem review_not_found();
Problem campaign_not_found();
Problem document_not_found();
Problem forbidden(const std::string& detail);
// Tracking: a notification that is not the caller's; a unit id that does not exist; the
// holiday calendar lacking a year a deadline needs (a configuration gap: 503, the text names
// the year).
Problem notification_not_found();
Problem unit_not_found();
Problem calendar_year_missing(const std::string& detail_vi);
// Signing (signature_handlers.cpp): a refused signature (code from the signature store:
// role_required, wrong_order, already_signed, wrong_pin, no_credential, not_signable, ...)
// and the trust anchors missing from the configuration (503).
Problem signing_refused(const std::string& code, const std::string& detail_vi);
Problem signing_unavailable(const std::string& detail);
// The organisation import (an outcome other than Done): 404 `unit_not_found` /
// `import_not_found`, 409 `import_already_committed`, 422 `import_has_problems` (each problem
// in `errors`, field "sheet!row:column"), 409 `organisation_changed` (the preview is stale:
// upload the file again).
Problem problem_from_import(const kd::orgimport::ImportOutcome&);
Problem import_not_found();

}  // namespace kd::api
