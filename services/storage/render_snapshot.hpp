// The data a render job renders from, captured in the transaction of the event(s) that queued
// it: the reviews as the action left them, their people and units, and the people the documents
// name (actor, chair, secretary, head). Stored as canonical JSON on the outbox row and on every
// document the job produced, so a document of stage X never shows what a later stage changed.
//
// Invariant: encode/decode are exact inverses for every field a document shows; the format is
// versioned ("format": 1) and only ever extended.
#pragma once

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "workflow/organisation.hpp"
#include "workflow/review.hpp"
#include "workflow/signing_authority.hpp"
#include "workflow/year_rating.hpp"

namespace kd::storage {

struct SnapshotMember {
  wf::Review review;
  wf::Person person;
  std::string unit_name;
  // Under a regime that scores periods: the person's year (the annual form's table of period
  // scores and the year's mean), as it stood when the action was taken.
  std::optional<wf::YearSheet> year;
};

struct RenderSnapshot {
  std::vector<SnapshotMember> reviews;  // one, or every review of a batch (in batch order)
  std::vector<wf::Unit> unit_path;      // the root down to the unit of the first review
  std::vector<wf::Person> people;       // actor, chairs, secretaries, opinion authors
  // The actor's standing in the issuing agency of unit_path (head, deputy head or neither) on
  // the day of the action: the signing authority of the documents they sign.
  wf::SignerStanding actor_standing = wf::SignerStanding::Other;
};

std::string encode_render_snapshot(const RenderSnapshot&);  // canonical JSON
// Throws codec::CodecError on a malformed snapshot.
RenderSnapshot decode_render_snapshot(const std::string& json);

namespace detail {
// Reads the units and people the documents of `members` name, inside the caller's transaction;
// the actor's standing is read from the grants in force on `day`.
RenderSnapshot capture_render_snapshot(pqxx::transaction_base&, std::vector<SnapshotMember> members,
                                       const wf::OrgTree& org, wf::Id actor_id,
                                       const wf::Date& day);
// The snapshot of member `i` of a batch snapshot alone (its unit path, the people it names),
// without reading the database again.
RenderSnapshot member_snapshot(const RenderSnapshot& batch, std::size_t i, const wf::OrgTree& org,
                               wf::Id actor_id, const wf::Date& day);
}  // namespace detail

}  // namespace kd::storage
