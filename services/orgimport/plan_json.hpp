// The import as the API shows it (and stores it with the import): counts, problems with
// sheet, row and column, the sheets and columns left out, and every row that changes (new,
// changed, moved, deactivated) with its fields before and after. Unchanged rows are counted,
// not listed.
#pragma once

#include <optional>
#include <string>

#include <Poco/JSON/Object.h>

#include "workflow/org_import_plan.hpp"

namespace kd::orgimport {

struct ImportHeader {
  kd::wf::Id id = 0;
  kd::wf::Id unit_id = 0;
  int year = 0;
  std::string file_name;
  std::string fingerprint;
  std::string status;  // "previewed" | "committed"
  std::optional<kd::wf::TimePoint> committed_at;
};

Poco::JSON::Object::Ptr plan_json(const ImportHeader&, const kd::wf::OrgImportPlan&);
std::string to_text(const Poco::JSON::Object::Ptr&);

}  // namespace kd::orgimport
