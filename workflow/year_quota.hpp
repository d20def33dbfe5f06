// HTXS against the quota before the decision: the years of the people of each agency, as
// their locked periods give them (wf::rate_year), counted per peer group as the decision
// step will count them (check_quota), beside the limit the audited exception for an
// outstanding organisation would allow (QuotaRule::exception_cap_percent). Supervisors see
// where a decision would be refused before anyone decides.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workflow/organisation.hpp"
#include "workflow/quota.hpp"
#include "workflow/year_rating.hpp"

namespace kd::wf {

struct PersonYear {
  Id person_id = 0;
  Id agency_id = 0;        // the agency whose decision rates the person
  std::string peer_group;  // the quota peer group (Person::peer_group, or the group's code)
  YearResult result;
};

struct YearQuotaLine {
  QuotaLine line;
  // What the exception may raise the limit to: floor(HTT × cap / 100); none when the rule
  // allows the exception without a cap; the limit itself when it allows no exception.
  std::optional<int> exception_limit;
  bool within_exception = true;
};

struct AgencyYearQuota {
  Id agency_id = 0;
  int people = 0;
  int ready = 0;                     // the year can be aggregated (every worked period locked)
  int not_rated = 0;                 // ready but no period worked
  std::map<Rating, int> ratings;     // of the people ready and rated, after the KHT grounds
  std::vector<YearQuotaLine> lines;  // one per peer group, by peer group
  bool ok = true;                    // every line within the quota
};

// Per agency (by id): the people whose year is ready and rated count with their rating.
std::vector<AgencyYearQuota> project_year_quota(const std::vector<PersonYear>&, const QuotaRule&);

// The agency of a unit: the nearest unit at or above it of kind "co_quan", else the root.
Id agency_of_unit(const OrgTree&, Id unit);

}  // namespace kd::wf
