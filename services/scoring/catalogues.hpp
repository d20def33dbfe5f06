// An agency's product catalogue ("danh mục sản phẩm/công việc" with the conversion factors
// K): versions issued by a head or administrator of the agency's unit or above, checked
// against the versions before (wf::check_catalogue_version), never changed once stored.
#pragma once

#include "services/scoring/period_actions.hpp"

namespace kd::application {

struct CatalogueCommand {
  wf::Id agency_id = 0;
  wf::CatalogueVersion version;
  wf::Id actor_id = 0;
  wf::TimePoint now;
};

struct CatalogueOutcome {
  enum class Status { Accepted, Refused, UnitNotFound } status = Status::Refused;
  wf::Refusals refusals;
  wf::ProductCatalogue catalogue;  // after the new version when accepted
};

CatalogueOutcome add_catalogue_version(storage::ConnectionPool&, const CatalogueCommand&, Run);

// The catalogue that applies to people of `unit` (the nearest agency at or above it with one).
wf::ProductCatalogue catalogue_of_unit(storage::ConnectionPool&, wf::Id unit);

}  // namespace kd::application
