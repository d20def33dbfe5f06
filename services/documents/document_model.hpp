// The data a document template is filled with, built by ONE pure function from the review,
// campaign and organisation data (no database, no clock, no files): unit-testable, and its
// canonical JSON is the snapshot stored beside every rendered document.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "services/documents/document_kind.hpp"
#include "workflow/organisation.hpp"
#include "workflow/review.hpp"
#include "workflow/signing_authority.hpp"
#include "workflow/year_rating.hpp"

namespace kd::documents {

struct ReviewSubject {
  wf::Review review;
  wf::Person person;
  std::string unit_name;
  std::optional<wf::YearSheet> year;  // a regime that scores periods: the year's periods
};

// A decision on a complaint (resolve_complaint): the complaint and the decision it reviews.
struct ComplaintResolution {
  wf::Date filed_on;                         // the complaint's day
  std::string reason;                        // what the person wrote
  std::string conclusion;                    // the authority's conclusion
  std::optional<wf::Rating> earlier_rating;  // the rating complained about
  std::string earlier_number;                // "Số: 01/QĐ-SNV"; empty when unknown
  wf::Date earlier_date;                     // the earlier decision's day
};

struct DocumentInput {
  DocumentKind kind = DocumentKind::SelfAssessment;
  wf::Campaign campaign;
  wf::Regime regime;
  // The review (one), or every review of the batch for Decision / PublicList.
  std::vector<ReviewSubject> reviews;
  // Units from the root of the tree down to the unit of the (first) review.
  std::vector<wf::Unit> unit_path;
  std::string place;  // documents.place ("Phú Thọ"): the date line's place when the agency has none
  int number = 0;     // from the issuer's sequence; 0 = the document carries no number
  wf::TimePoint issued_at;  // the time of the event the document records
  wf::Id actor_id = 0;      // who took the action (signs decisions, notices, section IV)
  // The actor's standing in the issuing agency: the signing authority (signing_authority.hpp).
  wf::SignerStanding actor_standing = wf::SignerStanding::Other;
  std::map<wf::Id, wf::Person> people;           // chair, secretary, head, actor: by id
  std::optional<ComplaintResolution> complaint;  // Decision after resolve_complaint
};

// Whether the kind carries a number (minutes, decision, notice) and the key of the per-issuer,
// per-year sequence it is taken from ("SNV", "SNV-TCCB", "DU:SNV").
bool numbered(DocumentKind);
std::string numbering_issuer(const DocumentInput&);

// The template (file name without extension, in templates/) of a document.
std::string template_name(const DocumentInput&);

// The model: every field a template may show, already formatted, as plain JSON.
Poco::JSON::Object::Ptr build_model(const DocumentInput&);

// "Phiếu đánh giá năm 2026 - Đỗ Quang Huy": the title files are named after (wf::ascii_file_name).
std::string document_title(const DocumentInput&);

}  // namespace kd::documents
