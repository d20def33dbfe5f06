// A document record stored by hand, without a render worker, for tests of what comes after
// rendering (signatures, the signature guards): the given PDF, one page, an empty model.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "services/codec/sha256.hpp"
#include "services/storage/document_store.hpp"

namespace kd::testing {

struct HandMadeDocument {
  wf::Id campaign_id = 0;
  std::vector<wf::Id> review_ids;  // one review: also its review_id (a review's own document)
  std::string subject;             // "review:ID" or "batch:..."
  std::string kind;
  std::string title;
  std::string pdf;
  std::int64_t created_at = 0;
};

inline kd::storage::NewDocument hand_made_document(const HandMadeDocument& h) {
  kd::storage::NewDocument d;
  d.campaign_id = h.campaign_id;
  d.review_ids = h.review_ids;
  if (h.review_ids.size() == 1 && h.subject.rfind("review:", 0) == 0)
    d.review_id = h.review_ids.front();
  d.subject = h.subject;
  d.kind = h.kind;
  d.title = h.title;
  d.pdf = h.pdf;
  d.sha256 = kd::codec::sha256_hex(d.pdf);
  d.page_count = 1;
  d.template_version = "test";
  d.snapshot = "{}";
  d.snapshot_sha256 = kd::codec::sha256_hex(d.snapshot);
  d.created_at = h.created_at;
  return d;
}

}  // namespace kd::testing
