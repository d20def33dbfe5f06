// The handlers, one function per route, grouped by route family in
// *_handlers.cpp. Each reads the exchange, calls the store / domain and
// answers; HTTP statuses for domain outcomes come from error_mapping.hpp.
#pragma once

#include "services/api/context.hpp"
#include "services/api/exchange.hpp"

namespace kd::api {

// health_handlers.cpp
void get_healthz(ApiContext&, Exchange&);
void get_readyz(ApiContext&, Exchange&);

// auth_handlers.cpp
void post_login(ApiContext&, Exchange&);
void post_logout(ApiContext&, Exchange&);

// password_handlers.cpp (the signed-in person's own password)
void post_password_change(ApiContext&, Exchange&);

// account_handlers.cpp (accounts, one-time passwords, role grants; administrators' subtrees)
void post_account(ApiContext&, Exchange&);
void get_accounts(ApiContext&, Exchange&);
void post_account_password_reset(ApiContext&, Exchange&);
void post_account_deactivate(ApiContext&, Exchange&);
void post_role_grant(ApiContext&, Exchange&);
void get_role_grants(ApiContext&, Exchange&);
void post_role_grant_revoke(ApiContext&, Exchange&);

// task_handlers.cpp
void get_my_tasks(ApiContext&, Exchange&);

// review_handlers.cpp
void get_review(ApiContext&, Exchange&);
void post_review_action(ApiContext&, Exchange&);
void get_review_events(ApiContext&, Exchange&);

// document_handlers.cpp (rendered documents: metadata, PDF, HTML preview)
void get_review_documents(ApiContext&, Exchange&);
void get_document(ApiContext&, Exchange&);
void get_document_pdf(ApiContext&, Exchange&);
void get_document_html(ApiContext&, Exchange&);

// signature_handlers.cpp (digital signatures with a server-held key; verification)
void post_document_signature(ApiContext&, Exchange&);
void get_document_verification(ApiContext&, Exchange&);
void post_document_signature_prepare(ApiContext&, Exchange&);
void post_document_signature_complete(ApiContext&, Exchange&);
void post_signing_key_unlock(ApiContext&, Exchange&);

// campaign_handlers.cpp (the batch previews: the batch use case planned and rolled back)
void post_campaign(ApiContext&, Exchange&);
void get_campaigns(ApiContext&, Exchange&);
void get_campaign(ApiContext&, Exchange&);
void post_campaign_open(ApiContext&, Exchange&);
void get_campaign_reviews(ApiContext&, Exchange&);
void post_campaign_decide(ApiContext&, Exchange&);
void post_campaign_publish(ApiContext&, Exchange&);
void post_campaign_decide_preview(ApiContext&, Exchange&);
void post_campaign_publish_preview(ApiContext&, Exchange&);

// preview_handlers.cpp (read-only dry runs for the web UI)
void get_review_form(ApiContext&, Exchange&);
void post_review_check(ApiContext&, Exchange&);

// draft_handlers.cpp (the reviewee's self-assessment draft on the server; its PDF preview)
void get_review_draft(ApiContext&, Exchange&);
void put_review_draft(ApiContext&, Exchange&);
void post_review_form_preview(ApiContext&, Exchange&);

// period_handlers.cpp (the periods of the 100-point scoring, the year)
void post_unit_periods_open(ApiContext&, Exchange&);
void get_periods(ApiContext&, Exchange&);
void get_period(ApiContext&, Exchange&);
void post_period_action(ApiContext&, Exchange&);
void post_period_check(ApiContext&, Exchange&);
void get_period_events(ApiContext&, Exchange&);
void post_period_presence(ApiContext&, Exchange&);
void post_period_tasks_csv(ApiContext&, Exchange&);
void get_person_year(ApiContext&, Exchange&);

// scoring_handlers.cpp (product catalogues, evidence files, task-assignment systems)
void get_unit_catalogue(ApiContext&, Exchange&);
void post_unit_catalogue_version(ApiContext&, Exchange&);
void post_evidence(ApiContext&, Exchange&);
void get_evidence(ApiContext&, Exchange&);
void post_unit_task_system(ApiContext&, Exchange&);
void post_integration_tasks(ApiContext&, Exchange&);

// org_import_handlers.cpp (the organisation and its people imported from files)
void get_import_template(ApiContext&, Exchange&);
void post_unit_import(ApiContext&, Exchange&);
void get_import(ApiContext&, Exchange&);
void post_import_commit(ApiContext&, Exchange&);
void get_person_assignments(ApiContext&, Exchange&);

// testing_handlers.cpp (only routed when testing.enabled)
void post_testing_clock(ApiContext&, Exchange&);

// tracking_handlers.cpp (deadlines, late reviews, exports, inbox, rating history)
void get_tracking_summary(ApiContext&, Exchange&);
void get_tracking_reviews(ApiContext&, Exchange&);
void get_tracking_reviews_export(ApiContext&, Exchange&);
void get_tracking_ratings_export(ApiContext&, Exchange&);
void get_person_ratings(ApiContext&, Exchange&);
void get_my_notifications(ApiContext&, Exchange&);
void post_notification_read(ApiContext&, Exchange&);
void get_campaign_timeline(ApiContext&, Exchange&);
void post_campaign_summary_report(ApiContext&, Exchange&);
void get_campaign_summary_report(ApiContext&, Exchange&);
void get_campaign_summary_report_pdf(ApiContext&, Exchange&);

// period_supervision_handlers.cpp (the periods of a subtree: stages, overdue, late people,
// bands, HTXS against the quota before the decision; exports)
void get_tracking_periods_summary(ApiContext&, Exchange&);
void get_tracking_periods_overdue(ApiContext&, Exchange&);
void get_tracking_periods_late(ApiContext&, Exchange&);
void get_tracking_periods_units_export(ApiContext&, Exchange&);
void get_tracking_periods_overdue_export(ApiContext&, Exchange&);
void get_tracking_periods_late_export(ApiContext&, Exchange&);
void get_tracking_periods_quota_export(ApiContext&, Exchange&);

}  // namespace kd::api
