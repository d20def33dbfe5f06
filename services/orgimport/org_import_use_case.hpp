// The organisation import's use cases. Preview and commit run the SAME code: the file is
// read, planned against the organisation as it is in the transaction and written; a preview
// then rolls its writes back (a savepoint) and stores the import with what it showed and the
// fingerprint of the organisation it read, a commit keeps them — once, and only when the
// organisation is still the one its preview read (else `OrgChanged`, nothing written).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/orgimport/plan_json.hpp"
#include "services/storage/connection_pool.hpp"
#include "services/storage/org_import_store.hpp"
#include "workflow/org_import_plan.hpp"

namespace kd::orgimport {

struct PreviewCommand {
  kd::wf::Id unit_id = 0;  // the administrator's unit: the file describes its subtree
  kd::wf::Id actor_id = 0;
  int year = 0;  // the year the facts columns are about
  std::string file;
  std::string file_name;
  kd::wf::TimePoint now;
};

struct ImportOutcome {
  enum class Status {
    Done,              // previewed (problems or not), or committed
    UnitNotFound,      // preview: no such unit
    NotFound,          // commit: no such import
    AlreadyCommitted,  // commit: the import was committed before
    HasProblems,       // commit: the preview showed problems
    OrgChanged,        // commit: the organisation changed since the preview
  } status = Status::Done;
  kd::wf::OrgImportPlan plan;
  Poco::JSON::Object::Ptr json;  // the import as shown (Done)
  kd::wf::Id import_id = 0;
};

ImportOutcome preview_org_import(kd::storage::ConnectionPool&, const PreviewCommand&);

struct CommitCommand {
  kd::wf::Id import_id = 0;
  kd::wf::Id actor_id = 0;
  kd::wf::TimePoint now;
};

ImportOutcome commit_org_import(kd::storage::ConnectionPool&, const CommitCommand&);

struct ImportView {
  ImportHeader header;
  std::string json;  // as stored
};

// The stored import (its root unit for the caller's scope check, and what it shows).
std::optional<ImportView> find_org_import(kd::storage::ConnectionPool&, kd::wf::Id id);

// A person's dated units and positions, oldest first (imports and moves alike).
std::vector<kd::storage::org_import::Assignment> person_assignments(kd::storage::ConnectionPool&,
                                                                    kd::wf::Id person_id);

}  // namespace kd::orgimport
