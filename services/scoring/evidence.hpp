// Evidence files of products and criteria (PDF, PNG, JPEG), stored once by the SHA-256 of
// their bytes like the documents; a period cites them by that hash. Who may read a file
// follows from the periods citing it (and its uploader).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/scoring/period_actions.hpp"

namespace kd::application {

struct EvidenceUpload {
  std::string content;
  wf::Id uploader = 0;
  wf::TimePoint now;
};

struct EvidenceUploadOutcome {
  bool accepted = false;
  wf::Refusals refusals;  // evidence_type_unsupported, evidence_empty
  std::string sha256;
  std::string media_type;  // from the bytes, never from the client's word
  std::size_t size = 0;
};

// The media type of a file by its first bytes: application/pdf, image/png, image/jpeg.
std::optional<std::string> evidence_media_type(const std::string& content);

EvidenceUploadOutcome store_evidence(storage::ConnectionPool&, const EvidenceUpload&);

struct EvidenceRead {
  std::optional<storage::EvidenceFile> file;
  std::vector<storage::StoredPeriod> citing;  // the periods that cite it
};
EvidenceRead read_evidence(storage::ConnectionPool&, const std::string& sha256);

}  // namespace kd::application
