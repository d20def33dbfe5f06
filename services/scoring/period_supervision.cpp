#include "services/scoring/period_supervision.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "workflow/quota.hpp"

namespace kd::application {
namespace {

using RegimeKey = std::pair<std::string, int>;

const wf::Regime& regime_of(const config::RegimeCatalog& regimes, const storage::StoredPeriod& p) {
  const wf::Regime* r = regimes.find(p.regime_id, p.regime_version);
  if (r == nullptr || !r->scoring) {
    throw std::runtime_error("Thiếu chế độ đánh giá " + p.regime_id + " phiên bản " +
                             std::to_string(p.regime_version) +
                             " (có phần chấm điểm) trong thư mục regimes.dir");
  }
  return *r;
}

bool in_period(const storage::StoredPeriod& p, const std::optional<wf::PeriodRef>& ref) {
  return !ref || (p.record.ref.kind == ref->kind && p.record.ref.index == ref->index);
}

// Sums the summaries of the regimes' periods (one regime in practice).
void merge(wf::PeriodSupervision& into, wf::PeriodSupervision&& part) {
  std::map<wf::Id, wf::UnitPeriodSummary> units;
  for (auto& u : into.units) units[u.unit_id] = u;
  for (auto& u : part.units) {
    auto& x = units[u.unit_id];
    x.unit_id = u.unit_id;
    x.periods += u.periods;
    x.not_worked += u.not_worked;
    x.not_scored += u.not_scored;
    x.not_approved += u.not_approved;
    x.not_locked += u.not_locked;
    x.overdue += u.overdue;
    for (const auto& [band, n] : u.bands) x.bands[band] += n;
  }
  into.units.clear();
  for (auto& [id, u] : units) into.units.push_back(std::move(u));
  for (const auto& [group, bands] : part.bands_by_group)
    for (const auto& [band, n] : bands) into.bands_by_group[group][band] += n;
  std::map<wf::Id, wf::LateActor> late;
  for (const auto* list : {&into.late, &part.late}) {
    for (const auto& a : *list) {
      auto& x = late[a.person_id];
      x.person_id = a.person_id;
      x.overdue_periods += a.overdue_periods;
      x.max_working_days_late = std::max(x.max_working_days_late, a.max_working_days_late);
    }
  }
  into.late.clear();
  for (auto& [id, a] : late) into.late.push_back(a);
  std::stable_sort(into.late.begin(), into.late.end(), [](const auto& a, const auto& b) {
    return a.overdue_periods > b.overdue_periods;
  });
  into.overdue.insert(into.overdue.end(), part.overdue.begin(), part.overdue.end());
  std::stable_sort(into.overdue.begin(), into.overdue.end(), [](const auto& a, const auto& b) {
    return a.working_days_late != b.working_days_late ? a.working_days_late > b.working_days_late
                                                      : a.period_id < b.period_id;
  });
}

}  // namespace

PeriodSupervisionView supervise_periods(storage::ConnectionPool& pool,
                                        const config::RegimeCatalog& regimes,
                                        const wf::OrgTree& org, const PeriodSupervisionQuery& q,
                                        const wf::HolidayCalendar& calendar) {
  PeriodSupervisionView v;
  auto conn = pool.acquire();
  pqxx::read_transaction t(*conn);
  storage::PeriodFilter filter;
  filter.unit_ids = q.units;
  filter.year = q.year;
  const long total = storage::periods::count(t, filter);
  const auto all = total > 0 ? storage::periods::list(t, filter, static_cast<int>(total), 0)
                             : std::vector<storage::StoredPeriod>{};

  auto person = [&](wf::Id id) -> const wf::Person& {
    auto it = v.people.find(id);
    if (it == v.people.end()) {
      it = v.people.emplace(id, load_person(t, id).value_or(wf::Person{})).first;
    }
    return it->second;
  };

  // The periods' statuses, per regime of their scoring rules.
  std::map<RegimeKey, std::vector<wf::PeriodStatus>> statuses;
  std::map<RegimeKey, const wf::Regime*> regime_by_key;
  std::map<wf::Id, const wf::Regime*> year_regime;  // person -> the regime of their periods
  for (const auto& p : all) {
    const wf::Regime& regime = regime_of(regimes, p);
    const wf::Person who = person(p.record.person_id);
    year_regime.emplace(who.id, &regime);
    if (!in_period(p, q.period)) continue;
    const RegimeKey key{p.regime_id, p.regime_version};
    regime_by_key[key] = &regime;
    wf::PeriodStatus s;
    s.period_id = p.record.id;
    s.person_id = who.id;
    s.unit_id = p.record.unit_id;
    s.group = wf::peer_group_of(who);
    s.ref = p.record.ref;
    s.stage = p.record.stage;
    s.total = p.total;
    s.worked = p.presence == wf::PeriodPresence::Worked;
    s.must_act =
        wf::period_must_act(p.record.stage, who.id, wf::resolve_period_authority(org, who));
    for (wf::Id id : s.must_act) person(id);
    statuses[key].push_back(std::move(s));
    v.by_id.emplace(p.record.id, p);
  }
  for (const auto& [key, list] : statuses) {
    merge(v.periods, wf::supervise_periods(list, *regime_by_key[key]->scoring, calendar, q.today));
  }

  // Each person's year as the decision will bind it, per regime, then per agency.
  std::map<const wf::Regime*, std::vector<wf::PersonYear>> years;
  for (const auto& [id, regime] : year_regime) {
    const wf::Person& who = v.people.at(id);
    wf::YearInput in;
    in.year = q.year;
    in.leader = who.leader;
    in.periods =
        storage::periods::year_outcomes(storage::periods::of_year(t, id, regime->id, q.year));
    in.violations = wf::violations_from_facts(q.year, storage::periods::year_facts(t, id, q.year),
                                              regime->scoring->kht);
    years[regime].push_back({id, wf::agency_of_unit(org, who.unit_id), wf::peer_group_of(who),
                             wf::rate_year(in, *regime->scoring)});
  }
  for (const auto& [regime, list] : years) {
    auto part = wf::project_year_quota(list, regime->quota);
    v.quota.insert(v.quota.end(), part.begin(), part.end());
    v.quota_rule = regime->quota;
  }
  return v;
}

}  // namespace kd::application
