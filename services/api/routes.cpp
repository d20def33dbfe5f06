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
      {"GET", "/api/v1/me/tasks", get_my_tasks, true},
      {"GET", "/api/v1/reviews/{id}", get_review, true},
      {"POST", "/api/v1/reviews/{id}/actions/{action}", post_review_action, true},
      {"GET", "/api/v1/reviews/{id}/events", get_review_events, true},
      {"POST", "/api/v1/campaigns", post_campaign, true},
      {"GET", "/api/v1/campaigns", get_campaigns, true},
      {"GET", "/api/v1/campaigns/{id}", get_campaign, true},
      {"POST", "/api/v1/campaigns/{id}/open", post_campaign_open, true},
      {"GET", "/api/v1/campaigns/{id}/reviews", get_campaign_reviews, true},
      {"POST", "/api/v1/campaigns/{id}/decide", post_campaign_decide, true},
      {"POST", "/api/v1/campaigns/{id}/publish", post_campaign_publish, true},
  };
  return routes;
}

}  // namespace kd::api
