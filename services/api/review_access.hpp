// Loading what a review route needs and checking that the caller may see it.
#pragma once

#include <optional>

#include "services/api/context.hpp"
#include "services/api/exchange.hpp"
#include "services/storage/document_store.hpp"
#include "services/storage/store.hpp"
#include "workflow/access.hpp"

namespace kd::api {

// The caller's view of the organisation (one snapshot per request).
struct CallerScope {
  kd::wf::OrgTree org;
  kd::wf::Person person;
  kd::wf::Access access() const { return kd::wf::Access(org, person.id, person.unit_id); }
};
CallerScope load_scope(ApiContext&, const Exchange&);

struct LoadedReview {
  kd::storage::ReviewRow row;
  kd::storage::CampaignRecord campaign;
  std::optional<kd::wf::SignatureFacts> signatures;  // when the installation requires them
};

// The review of the {id} parameter: 400 for a malformed id, 404 when absent,
// 403 when the caller may not see it.
LoadedReview load_visible_review(ApiContext&, Exchange&, const CallerScope&);

// The document of the {id} parameter, if the caller may see one of the reviews it is about (a
// batch document: any review of the batch): 404 when absent, 403 otherwise.
kd::storage::DocumentRecord load_visible_document(ApiContext&, Exchange&, const CallerScope&);

// The actions the caller may take on `current`: those the workflow would accept from them,
// signatures included. `done`: the action that produced `current` in this request (its new
// minutes or decision are not signed yet).
std::vector<kd::wf::Action> actions_for(const LoadedReview&, const kd::wf::Review& current,
                                        const CallerScope&, kd::wf::TimePoint now,
                                        std::optional<kd::wf::Action> done = std::nullopt);

}  // namespace kd::api
