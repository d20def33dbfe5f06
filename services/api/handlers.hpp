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

// task_handlers.cpp
void get_my_tasks(ApiContext&, Exchange&);

// review_handlers.cpp
void get_review(ApiContext&, Exchange&);
void post_review_action(ApiContext&, Exchange&);
void get_review_events(ApiContext&, Exchange&);

// campaign_handlers.cpp
void post_campaign(ApiContext&, Exchange&);
void get_campaigns(ApiContext&, Exchange&);
void get_campaign(ApiContext&, Exchange&);
void post_campaign_open(ApiContext&, Exchange&);
void get_campaign_reviews(ApiContext&, Exchange&);
void post_campaign_decide(ApiContext&, Exchange&);
void post_campaign_publish(ApiContext&, Exchange&);

}  // namespace kd::api
