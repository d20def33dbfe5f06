// The reviewee's self-assessment draft, kept on the server between visits. The API
// validates and normalises the form; this stores its canonical JSON. One transaction a call.
#pragma once

#include <optional>
#include <string>

#include "services/storage/connection_pool.hpp"
#include "workflow/calendar.hpp"
#include "workflow/organisation.hpp"

namespace kd::storage {

struct DraftRecord {
  wf::Id review_id = 0;
  wf::Id author_id = 0;
  std::string form_json;  // canonical JSON of a FormContent
  wf::TimePoint updated_at;
};

class DraftStore {
 public:
  explicit DraftStore(ConnectionPool& pool) : pool_(pool) {}
  std::optional<DraftRecord> get(wf::Id review_id);
  void put(const DraftRecord&);

 private:
  ConnectionPool& pool_;
};

}  // namespace kd::storage
