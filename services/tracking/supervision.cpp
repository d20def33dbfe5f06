#include "services/tracking/supervision.hpp"

#include <algorithm>
#include <cstdint>

#include "workflow/quota.hpp"

namespace kd::tracking {
namespace {

namespace wf = kd::wf;

// Decided and not withdrawn since: the ratings the quota counts.
bool decided(const wf::Review& r) { return wf::counts_for_quota(r); }

bool published(const wf::Review& r) {
  return r.final_rating && !r.not_rated &&
         (r.stage == wf::Stage::Published || r.stage == wf::Stage::Closed);
}

void count(RatingLine& line, const wf::Review& r) {
  if (r.not_rated) ++line.not_rated;
  if (decided(r)) ++line.decided[static_cast<std::size_t>(*r.final_rating)];
  if (published(r)) ++line.published[static_cast<std::size_t>(*r.final_rating)];
}

bool matches(const TrackedReview& t, const ListQuery& q) {
  if (q.stage && t.row.review.stage != *q.stage) return false;
  if (q.group && t.row.person.group != *q.group) return false;
  switch (q.status) {
    case LateFilter::Late:
      return t.status.overdue || t.status.stalled;
    case LateFilter::Overdue:
      return t.status.overdue;
    case LateFilter::Stalled:
      return t.status.stalled;
    case LateFilter::All:
      return true;
  }
  return true;
}

}  // namespace

Summary summarize(const std::vector<CampaignTracking>& campaigns, const wf::HolidayCalendar& cal,
                  wf::TimePoint now) {
  Summary s;
  std::map<wf::Stage, StageLine> stages;
  for (wf::Stage st : wf::all_stages()) stages[st].stage = st;
  std::map<wf::Id, RatingLine> units;
  std::map<wf::Group, RatingLine> groups;
  for (const auto& c : campaigns) {
    std::vector<wf::RatedEntry> rated;
    for (const auto& t : c.reviews) {
      const wf::Review& r = t.row.review;
      ++s.total;
      if (t.status.overdue) ++s.overdue;
      if (t.status.stalled) ++s.stalled;
      StageLine& line = stages[r.stage];
      ++line.count;
      if (t.status.overdue) ++line.overdue;
      if (t.status.stalled) ++line.stalled;
      if (!line.oldest_since || t.status.stage_since < *line.oldest_since) {
        line.oldest_since = t.status.stage_since;
      }
      RatingLine& u = units[r.unit_id];
      u.key = std::to_string(r.unit_id);
      u.label = t.row.unit_name;
      count(u, r);
      RatingLine& g = groups[t.row.person.group];
      g.key = std::string(wf::to_string(t.row.person.group));
      g.label = std::string(wf::label_vi(t.row.person.group));
      count(g, r);
      if (decided(r)) rated.push_back({wf::peer_group_of(t.row.person), *r.final_rating});
    }
    const wf::QuotaRule& rule = c.record.regime.quota;
    for (const auto& q : wf::check_quota(rated, rule).lines) {
      s.quota.push_back({c.record.campaign.id, q.peer_group, q.htxs, q.htt, q.limit,
                         rule.htxs_percent_of_htt, q.ok});
    }
  }
  const wf::Date today = wf::vietnam_date(now);
  for (auto& [stage, line] : stages) {
    if (line.oldest_since) {
      const wf::Date since = wf::vietnam_date(*line.oldest_since);
      line.oldest_age_days =
          static_cast<int>(wf::Date::days_from_civil(today) - wf::Date::days_from_civil(since));
      line.oldest_age_working_days = cal.working_days_between(since, today);
    }
    s.stages.push_back(line);
  }
  for (auto& [id, line] : units) s.by_unit.push_back(std::move(line));
  for (auto& [g, line] : groups) s.by_group.push_back(std::move(line));
  return s;
}

const std::vector<std::string>& sort_keys() {
  static const std::vector<std::string> keys = {"since",  "due",  "overdue", "idle",
                                                "person", "unit", "stage"};
  return keys;
}

std::vector<const TrackedReview*> select(const std::vector<CampaignTracking>& campaigns,
                                         const ListQuery& q) {
  std::vector<const TrackedReview*> out;
  for (const auto& c : campaigns) {
    for (const auto& t : c.reviews) {
      if (matches(t, q)) out.push_back(&t);
    }
  }
  // -1, 0, 1 on the sort key only; ties are broken by review id, always ascending.
  auto compare = [&](const TrackedReview* a, const TrackedReview* b) -> int {
    auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
    auto due = [](const TrackedReview* t) {
      return t->status.due ? wf::Date::days_from_civil(*t->status.due) : INT64_MAX;
    };
    if (q.sort == "due") return cmp(due(a), due(b));
    if (q.sort == "overdue")
      return cmp(a->status.overdue_working_days, b->status.overdue_working_days);
    if (q.sort == "idle") return cmp(a->status.idle_working_days, b->status.idle_working_days);
    if (q.sort == "person") return cmp(a->row.person.full_name, b->row.person.full_name);
    if (q.sort == "unit") return cmp(a->row.unit_name, b->row.unit_name);
    if (q.sort == "stage") return cmp(a->row.review.stage, b->row.review.stage);
    return cmp(a->status.stage_since, b->status.stage_since);
  };
  std::sort(out.begin(), out.end(), [&](const TrackedReview* a, const TrackedReview* b) {
    const int c = compare(a, b);
    if (c != 0) return q.descending ? c > 0 : c < 0;
    return a->row.review.id < b->row.review.id;
  });
  return out;
}

}  // namespace kd::tracking
