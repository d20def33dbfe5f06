#include "services/api/handlers.hpp"
#include "services/api/router.hpp"

namespace kd::api {

const std::vector<Route>& api_routes() {
  static const std::vector<Route> routes = {
      // method  path                                              handler          authenticated
      {"GET", "/healthz", get_healthz, false},
      {"GET", "/readyz", get_readyz, false},
      {"POST", "/api/v1/auth/login", post_login, false},
      {"POST", "/api/v1/auth/logout", post_logout, true},
      {"POST", "/api/v1/auth/password", post_password_change, true},
      {"GET", "/api/v1/me/tasks", get_my_tasks, true},
      {"GET", "/api/v1/reviews/{id}", get_review, true},
      {"POST", "/api/v1/reviews/{id}/actions/{action}", post_review_action, true},
      {"GET", "/api/v1/reviews/{id}/events", get_review_events, true},
      {"GET", "/api/v1/reviews/{id}/documents", get_review_documents, true},
      {"GET", "/api/v1/documents/{id}", get_document, true},
      {"GET", "/api/v1/documents/{id}/pdf", get_document_pdf, true},
      {"GET", "/api/v1/documents/{id}/html", get_document_html, true},
      {"POST", "/api/v1/documents/{id}/signatures", post_document_signature, true},
      {"GET", "/api/v1/documents/{id}/verification", get_document_verification, true},
      {"POST", "/api/v1/documents/{id}/signatures/prepare", post_document_signature_prepare, true},
      {"POST", "/api/v1/documents/{id}/signatures/complete", post_document_signature_complete,
       true},
      {"POST", "/api/v1/people/{id}/signing-key/unlock", post_signing_key_unlock, true},
      {"POST", "/api/v1/campaigns", post_campaign, true},
      {"GET", "/api/v1/campaigns", get_campaigns, true},
      {"GET", "/api/v1/campaigns/{id}", get_campaign, true},
      {"POST", "/api/v1/campaigns/{id}/open", post_campaign_open, true},
      {"GET", "/api/v1/campaigns/{id}/reviews", get_campaign_reviews, true},
      {"POST", "/api/v1/campaigns/{id}/decide", post_campaign_decide, true},
      {"POST", "/api/v1/campaigns/{id}/publish", post_campaign_publish, true},
      // dry runs for the web UI (preview_handlers.cpp; the batch previews in
      // campaign_handlers.cpp): nothing is written
      {"GET", "/api/v1/reviews/{id}/form", get_review_form, true},
      {"POST", "/api/v1/reviews/{id}/checks/{action}", post_review_check, true},
      {"POST", "/api/v1/campaigns/{id}/decide/preview", post_campaign_decide_preview, true},
      {"POST", "/api/v1/campaigns/{id}/publish/preview", post_campaign_publish_preview, true},
      // the reviewee's draft kept on the server, and its PDF preview (draft_handlers.cpp)
      {"GET", "/api/v1/reviews/{id}/draft", get_review_draft, true},
      {"PUT", "/api/v1/reviews/{id}/draft", put_review_draft, true},
      {"POST", "/api/v1/reviews/{id}/form/preview", post_review_form_preview, true},
      // supervisors' tracking, exports, the inbox (tracking_handlers.cpp)
      {"GET", "/api/v1/tracking/summary", get_tracking_summary, true},
      {"GET", "/api/v1/tracking/reviews", get_tracking_reviews, true},
      {"GET", "/api/v1/tracking/reviews/export", get_tracking_reviews_export, true},
      {"GET", "/api/v1/tracking/ratings/export", get_tracking_ratings_export, true},
      {"GET", "/api/v1/people/{id}/ratings", get_person_ratings, true},
      {"GET", "/api/v1/me/notifications", get_my_notifications, true},
      {"POST", "/api/v1/me/notifications/{id}/read", post_notification_read, true},
      {"GET", "/api/v1/campaigns/{id}/timeline", get_campaign_timeline, true},
      {"POST", "/api/v1/campaigns/{id}/summary-report", post_campaign_summary_report, true},
      {"GET", "/api/v1/campaigns/{id}/summary-report", get_campaign_summary_report, true},
      {"GET", "/api/v1/campaigns/{id}/summary-report/pdf", get_campaign_summary_report_pdf, true},
      // supervisors' view of the periods (period_supervision_handlers.cpp)
      {"GET", "/api/v1/tracking/periods/summary", get_tracking_periods_summary, true},
      {"GET", "/api/v1/tracking/periods/overdue", get_tracking_periods_overdue, true},
      {"GET", "/api/v1/tracking/periods/late", get_tracking_periods_late, true},
      {"GET", "/api/v1/tracking/periods/units/export", get_tracking_periods_units_export, true},
      {"GET", "/api/v1/tracking/periods/overdue/export", get_tracking_periods_overdue_export, true},
      {"GET", "/api/v1/tracking/periods/late/export", get_tracking_periods_late_export, true},
      {"GET", "/api/v1/tracking/periods/quota/export", get_tracking_periods_quota_export, true},
      // the periods of the 100-point scoring and the year (period_handlers.cpp)
      {"POST", "/api/v1/units/{id}/periods/open", post_unit_periods_open, true},
      {"GET", "/api/v1/periods", get_periods, true},
      {"GET", "/api/v1/periods/{id}", get_period, true},
      {"POST", "/api/v1/periods/{id}/actions/{action}", post_period_action, true},
      {"POST", "/api/v1/periods/{id}/checks/{action}", post_period_check, true},
      {"GET", "/api/v1/periods/{id}/events", get_period_events, true},
      {"POST", "/api/v1/periods/{id}/presence", post_period_presence, true},
      {"POST", "/api/v1/periods/{id}/tasks/csv", post_period_tasks_csv, true},
      {"GET", "/api/v1/people/{id}/years/{year}", get_person_year, true},
      // catalogues, evidence, task-assignment systems (scoring_handlers.cpp)
      {"GET", "/api/v1/units/{id}/catalogue", get_unit_catalogue, true},
      {"POST", "/api/v1/units/{id}/catalogue/versions", post_unit_catalogue_version, true},
      {"POST", "/api/v1/evidence", post_evidence, true},
      {"GET", "/api/v1/evidence/{sha256}", get_evidence, true},
      {"POST", "/api/v1/units/{id}/task-systems", post_unit_task_system, true},
      // the organisation and its people imported from files (org_import_handlers.cpp)
      {"GET", "/api/v1/imports/template", get_import_template, true},
      {"POST", "/api/v1/units/{id}/imports", post_unit_import, true},
      {"GET", "/api/v1/imports/{id}", get_import, true},
      {"POST", "/api/v1/imports/{id}/commit", post_import_commit, true},
      {"GET", "/api/v1/people/{id}/assignments", get_person_assignments, true},
      // accounts and roles, administered per subtree (account_handlers.cpp)
      {"POST", "/api/v1/accounts", post_account, true},
      {"GET", "/api/v1/accounts", get_accounts, true},
      {"POST", "/api/v1/accounts/{id}/password-reset", post_account_password_reset, true},
      {"POST", "/api/v1/accounts/{id}/deactivate", post_account_deactivate, true},
      {"POST", "/api/v1/role-grants", post_role_grant, true},
      {"GET", "/api/v1/role-grants", get_role_grants, true},
      {"POST", "/api/v1/role-grants/{id}/revoke", post_role_grant_revoke, true},
      // a task-assignment system with its own token (checked by the handler)
      {"POST", "/api/v1/integrations/tasks", post_integration_tasks, false},
  };
  return routes;
}

const std::vector<Route>& testing_routes() {
  static const std::vector<Route> routes = {
      // testing.enabled only (testing_handlers.cpp): browser tests move the clock
      {"POST", "/api/v1/testing/clock", post_testing_clock, false},
  };
  return routes;
}

}  // namespace kd::api
