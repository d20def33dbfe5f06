#include "workflow/stalled.hpp"

#include <algorithm>

#include "workflow/review_machine.hpp"

namespace kd::wf {
namespace {

bool contains(const std::vector<Id>& v, Id id) {
  return std::find(v.begin(), v.end(), id) != v.end();
}

// Holders of `role` in `unit`, leaving out `excluded`.
std::vector<Id> eligible(const RoleIndex& index, Id unit, Role role,
                         const std::vector<Id>& excluded) {
  std::vector<Id> out;
  for (Id p : index.holders(unit, role)) {
    if (!contains(excluded, p) && !contains(out, p)) out.push_back(p);
  }
  return out;
}

// The nearest unit on `path` (searched from index `from` towards the root) where
// someone not excluded holds one of `roles` (tried in order at each unit).
MustAct nearest(const RoleIndex& index, const std::vector<Id>& path, std::size_t from,
                std::initializer_list<Role> roles, const std::vector<Id>& excluded) {
  MustAct out;
  for (std::size_t i = from + 1; i-- > 0;) {
    for (Role r : roles) {
      auto people = eligible(index, path[i], r, excluded);
      if (!people.empty()) {
        out.unit_id = path[i];
        out.people = std::move(people);
        return out;
      }
    }
  }
  return out;
}

std::string notice_key(NoticeKind kind, const Review& r, int entry_seq, Id recipient) {
  return std::string(to_string(kind)) + "/r" + std::to_string(r.id) + "/" +
         std::string(to_string(r.stage)) + "/e" + std::to_string(entry_seq) + "/p" +
         std::to_string(recipient);
}

}  // namespace

RoleIndex::RoleIndex(const OrgTree& org) : org_(org) {
  for (const auto& g : org.grants()) {
    if (g.revoked_on) continue;
    auto& v = holders_[{g.unit_id, g.role}];
    if (!contains(v, g.person_id)) v.push_back(g.person_id);
  }
}

const std::vector<Id>& RoleIndex::holders(Id unit, Role role) const {
  auto it = holders_.find({unit, role});
  return it == holders_.end() ? none_ : it->second;
}

MustAct who_must_act(const Review& review, const Person& reviewee, const RoleIndex& index) {
  MustAct out;
  out.role = actor_role_for(review.stage);
  if (!out.role) return out;
  if (*out.role == Role::Reviewee) {
    out.unit_id = review.unit_id;
    out.people = {review.person_id};
    return out;
  }
  const std::vector<Id> path = index.org().path_to(review.unit_id);
  if (path.empty()) return out;
  const std::vector<Id> self = {review.person_id};
  std::size_t from = path.size() - 1;
  MustAct found;
  switch (*out.role) {
    case Role::Secretary:
      found = nearest(index, path, from, {Role::Secretary, Role::Chair}, self);
      break;
    case Role::Head: {
      const bool from_above =
          reviewee.leader || contains(index.holders(review.unit_id, Role::Head), review.person_id);
      if (from_above) {
        if (from == 0) return out;  // a leader of the root: nobody above
        --from;
      }
      found = nearest(index, path, from, {Role::Head}, self);
      break;
    }
    default:
      found = nearest(index, path, from, {*out.role}, self);
      break;
  }
  found.role = out.role;
  return found;
}

EscalationChain escalation_chain(const Review& review, const MustAct& must,
                                 const RoleIndex& index) {
  EscalationChain out;
  const std::vector<Id> path = index.org().path_to(review.unit_id);
  if (path.empty()) return out;
  std::vector<Id> excluded = must.people;
  excluded.push_back(review.person_id);
  const MustAct head = nearest(index, path, path.size() - 1, {Role::Head}, excluded);
  out.head_unit = head.unit_id;
  out.heads = head.people;
  const MustAct sup = nearest(index, path, path.size() - 1, {Role::Supervisor}, {review.person_id});
  out.supervisor_unit = sup.unit_id;
  out.supervisors = sup.people;
  return out;
}

TrackingStatus track(const Review& review, const ReviewActivity& activity, const Timeline& timeline,
                     const Regime& regime, const HolidayCalendar& cal, const TrackingRules& rules,
                     TimePoint now) {
  TrackingStatus s;
  s.stage_since = activity.stage_entered_at;
  s.idle_since = activity.last_event_at;
  if (!actor_role_for(review.stage)) return s;  // published, closed: nobody is blocking
  const Date today = vietnam_date(now);
  s.due =
      stage_due_date(review.stage, timeline, regime, vietnam_date(activity.stage_entered_at), cal);
  if (s.due && *s.due < today) {
    s.overdue = true;
    s.overdue_working_days = cal.working_days_between(*s.due, today);
  }
  s.idle_working_days = cal.working_days_between(vietnam_date(activity.last_event_at), today);
  s.stalled = s.idle_working_days >= rules.stalled_working_days;
  return s;
}

std::string_view to_string(NoticeKind k) {
  switch (k) {
    case NoticeKind::Reminder:
      return "reminder";
    case NoticeKind::OverdueHead:
      return "overdue_head";
    case NoticeKind::OverdueSupervisor:
      return "overdue_supervisor";
  }
  return "reminder";
}

std::optional<NoticeKind> parse_notice_kind(std::string_view s) {
  for (NoticeKind k :
       {NoticeKind::Reminder, NoticeKind::OverdueHead, NoticeKind::OverdueSupervisor}) {
    if (to_string(k) == s) return k;
  }
  return std::nullopt;
}

std::vector<Notice> notices_due(const Review& review, const ReviewActivity& activity,
                                const TrackingStatus& status, const MustAct& must,
                                const EscalationChain& chain, const HolidayCalendar& cal,
                                const TrackingRules& rules, TimePoint now) {
  std::vector<Notice> out;
  if (!must.role || !status.due) return out;
  const Date today = vietnam_date(now);
  auto add = [&](NoticeKind kind, Id recipient) {
    Notice n;
    n.kind = kind;
    n.recipient = recipient;
    n.review_id = review.id;
    n.stage = review.stage;
    n.stage_entry_seq = activity.stage_entry_seq;
    n.due = status.due;
    n.overdue_working_days = status.overdue_working_days;
    n.key = notice_key(kind, review, activity.stage_entry_seq, recipient);
    out.push_back(std::move(n));
  };
  if (!status.overdue) {
    const Date window = cal.add_working_days(*status.due, -rules.reminder_working_days);
    if (window <= today) {
      for (Id p : must.people) add(NoticeKind::Reminder, p);
    }
    return out;
  }
  for (Id p : chain.heads) add(NoticeKind::OverdueHead, p);
  if (status.overdue_working_days >= rules.supervisor_after_working_days) {
    for (Id p : chain.supervisors) add(NoticeKind::OverdueSupervisor, p);
  }
  return out;
}

}  // namespace kd::wf
