// Overdue and stalled reviews, who must act on them, and the reminders and
// escalations they call for. Everything follows from the review's events (as
// ReviewActivity), the campaign's timeline, the holiday calendar and `now`:
// nothing here reads a clock or stores anything, so the scheduler, the
// supervisor API and the tests compute the same answers.
//
//   overdue  the current stage has a due date and today (Asia/Ho_Chi_Minh) is after it;
//   stalled  the stage needs an actor and no event happened for `stalled_working_days`
//            working days (counted from the latest event's local date to today);
//   reminder `reminder_working_days` working days before the due date (and on the
//            due date itself), to each person who must act;
//   escalation once overdue, to the head of the review's unit; once overdue by
//            `supervisor_after_working_days` working days, also to the supervisor.
//
// Each notice carries a unique key (kind, review, stage entry, recipient): the
// adapter stores it with that key, so recomputing never produces a duplicate and
// a review that re-enters a stage (after a return) is reminded again.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "workflow/deadlines.hpp"
#include "workflow/organisation.hpp"
#include "workflow/review.hpp"
#include "workflow/working_days.hpp"

namespace kd::wf {

struct TrackingRules {
  int stalled_working_days = 5;
  int reminder_working_days = 2;
  int supervisor_after_working_days = 3;
};

// Facts the adapter derives from review_events for the current stage.
struct ReviewActivity {
  TimePoint stage_entered_at;  // the event that brought the review into its stage
  int stage_entry_seq = 1;     // that event's sequence number
  TimePoint last_event_at;     // the latest event of any kind
};

// People holding each role in each unit, built once from an OrgTree so that
// thousands of reviews resolve their actors without scanning every grant.
class RoleIndex {
 public:
  explicit RoleIndex(const OrgTree& org);
  const OrgTree& org() const { return org_; }
  // Holders of `role` in `unit` itself, in grant order.
  const std::vector<Id>& holders(Id unit, Role role) const;

 private:
  const OrgTree& org_;
  std::map<std::pair<Id, Role>, std::vector<Id>> holders_;
  std::vector<Id> none_;
};

// Who must act on a review now: the role of the current stage (actor_role_for),
// the unit where it is held and the people holding it there. The rules are those
// of the machine's actor guards (check_actor): the nearest unit at or above the
// review's unit wins; the head of a leader's review comes from a unit above; the
// secretary's stage falls to the chair when the unit has no secretary; nobody
// acts on their own review except the reviewee. `people` is empty when nobody
// holds the role (the role still names who is blocking).
struct MustAct {
  std::optional<Role> role;  // none for published and closed
  Id unit_id = 0;
  std::vector<Id> people;
};
MustAct who_must_act(const Review&, const Person& reviewee, const RoleIndex&);

// Who hears about an overdue review: the head of the review's unit (the nearest
// head who is neither the reviewee nor one of those who must act), then the
// supervisors of the nearest unit at or above it that has any.
struct EscalationChain {
  Id head_unit = 0;
  std::vector<Id> heads;
  Id supervisor_unit = 0;
  std::vector<Id> supervisors;
};
EscalationChain escalation_chain(const Review&, const MustAct&, const RoleIndex&);

struct TrackingStatus {
  std::optional<Date> due;
  bool overdue = false;
  int overdue_working_days = 0;  // working days after the due date, up to today
  bool stalled = false;
  int idle_working_days = 0;  // working days since the latest event
  TimePoint stage_since;      // ReviewActivity::stage_entered_at
  TimePoint idle_since;       // ReviewActivity::last_event_at
};

// Throws CalendarYearMissing when a needed year is not in the calendar.
TrackingStatus track(const Review&, const ReviewActivity&, const Timeline&, const Regime&,
                     const HolidayCalendar&, const TrackingRules&, TimePoint now);

enum class NoticeKind {
  Reminder,           // "reminder": the due date is near
  OverdueHead,        // "overdue_head": escalation to the unit's head
  OverdueSupervisor,  // "overdue_supervisor": escalation to the supervisor
};
std::string_view to_string(NoticeKind);
std::optional<NoticeKind> parse_notice_kind(std::string_view);

struct Notice {
  NoticeKind kind = NoticeKind::Reminder;
  Id recipient = 0;
  Id review_id = 0;
  Stage stage = Stage::SelfAssessment;
  int stage_entry_seq = 1;
  std::optional<Date> due;
  int overdue_working_days = 0;
  std::string key;  // "reminder/r42/self_assessment/e1/p7": unique per notice ever sent
};

// The notices a review calls for today (all of them, every time: the adapter
// keeps only those whose key is new). Terminal and waiting stages call for none.
std::vector<Notice> notices_due(const Review&, const ReviewActivity&, const TrackingStatus&,
                                const MustAct&, const EscalationChain&, const HolidayCalendar&,
                                const TrackingRules&, TimePoint now);

}  // namespace kd::wf
