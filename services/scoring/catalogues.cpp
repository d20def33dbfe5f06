#include "services/scoring/catalogues.hpp"

#include <algorithm>

#include "services/codec/json_codec.hpp"
#include "services/codec/period_codec.hpp"
#include "services/storage/transaction_steps.hpp"

namespace kd::application {

CatalogueOutcome add_catalogue_version(storage::ConnectionPool& pool, const CatalogueCommand& cmd,
                                       Run run) {
  using Status = CatalogueOutcome::Status;
  CatalogueOutcome out;
  auto conn = pool.acquire();
  pqxx::work w(*conn, "catalogue_version");
  const auto org = storage::detail::load_org(w);
  if (org.unit(cmd.agency_id) == nullptr) {
    out.status = Status::UnitNotFound;
    return out;
  }
  if (!wf::manages_periods(org, cmd.actor_id, cmd.agency_id)) {
    out.refusals.push_back(wf::Refusal{
        wf::RefusalKind::Forbidden,
        "role_required",
        "Chỉ người đứng đầu hoặc quản trị viên của cơ quan mới ban hành được danh mục sản phẩm.",
        {}});
    return out;
  }
  storage::periods::lock_catalogue(w, cmd.agency_id);
  out.catalogue = storage::periods::catalogue(w, cmd.agency_id);
  wf::CatalogueVersion version = cmd.version;
  if (version.version == 0) {  // not given: the next number
    version.version = 1;
    for (const auto& v : out.catalogue.versions)
      version.version = std::max(version.version, v.version + 1);
  }
  out.refusals = wf::check_catalogue_version(out.catalogue, version);
  if (!out.refusals.empty()) return out;
  storage::periods::insert_catalogue_version(
      w, cmd.agency_id, version, codec::canonical(codec::to_json(version)), cmd.actor_id, cmd.now);
  out.catalogue.versions.push_back(version);
  out.status = Status::Accepted;
  if (run == Run::Commit) w.commit();
  return out;
}

wf::ProductCatalogue catalogue_of_unit(storage::ConnectionPool& pool, wf::Id unit) {
  auto conn = pool.acquire();
  pqxx::read_transaction t(*conn);
  return catalogue_for_unit(t, storage::detail::load_org(t), unit);
}

}  // namespace kd::application
