#include "workflow/year_quota.hpp"

namespace kd::wf {

std::vector<AgencyYearQuota> project_year_quota(const std::vector<PersonYear>& people,
                                                const QuotaRule& rule) {
  std::map<Id, AgencyYearQuota> agencies;
  std::map<Id, std::vector<RatedEntry>> entries;
  for (const auto& p : people) {
    AgencyYearQuota& a = agencies[p.agency_id];
    a.agency_id = p.agency_id;
    ++a.people;
    entries[p.agency_id];  // an agency with nobody rated still has its (empty) report
    if (!p.result.refusals.empty()) continue;
    ++a.ready;
    if (!p.result.rated) {
      ++a.not_rated;
      continue;
    }
    ++a.ratings[p.result.rating];
    entries[p.agency_id].push_back({p.peer_group, p.result.rating});
  }
  std::vector<AgencyYearQuota> out;
  for (auto& [id, a] : agencies) {
    const QuotaReport report = check_quota(entries[id], rule);
    a.ok = report.ok;
    for (const auto& line : report.lines) {
      YearQuotaLine l;
      l.line = line;
      if (!rule.override_allowed) {
        l.exception_limit = line.limit;
      } else if (rule.exception_cap_percent > 0) {
        l.exception_limit = line.htt * rule.exception_cap_percent / 100;  // floor
      }
      l.within_exception = !rule.enabled || !l.exception_limit || line.htxs <= *l.exception_limit;
      a.lines.push_back(l);
    }
    out.push_back(std::move(a));
  }
  return out;
}

Id agency_of_unit(const OrgTree& org, Id unit) {
  const auto path = org.path_to(unit);  // the root first
  Id agency = path.empty() ? unit : path.front();
  for (Id id : path) {
    const Unit* u = org.unit(id);
    if (u && u->kind == "co_quan") agency = id;
  }
  return agency;
}

}  // namespace kd::wf
