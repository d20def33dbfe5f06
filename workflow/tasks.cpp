#include "workflow/tasks.hpp"

#include <algorithm>
#include <tuple>

#include "workflow/rating_rules.hpp"

namespace kd::wf {
namespace {

std::string title_for(Action a, const Person& reviewee, bool own) {
  std::string title(label_vi(a));
  if (!own) title += " của " + reviewee.full_name;
  return title;
}

}  // namespace

std::vector<Task> tasks_for(Id actor, const std::vector<ReviewInput>& inputs, const OrgTree& org,
                            TimePoint now) {
  const Date today = vietnam_date(now);
  std::vector<Task> tasks;
  for (const auto& in : inputs) {
    const Review& review = *in.review;
    const auto action = forward_action(review.stage);
    if (!action) continue;
    const TransitionContext ctx{review, *in.reviewee, *in.regime, *in.campaign, org, actor, now};
    if (!check_actor(ctx, *action).empty()) continue;

    Task t;
    t.review_id = review.id;
    t.reviewee_id = review.person_id;
    t.reviewee_name = in.reviewee->full_name;
    t.stage = review.stage;
    t.action = *action;
    t.title_vi = title_for(*action, *in.reviewee, actor == review.person_id);
    if (*action == Action::Submit) {
      for (const auto& s : missing_sections(review.form, *in.reviewee, *in.regime)) {
        t.fields_needed.push_back("sections." + s.key);
      }
    }
    auto due = in.campaign->stage_due.find(review.stage);
    if (due != in.campaign->stage_due.end()) {
      t.due = due->second;
      t.overdue = due->second < today;
    }
    t.return_reason = review.last_return_reason;
    tasks.push_back(std::move(t));
  }
  // Most urgent first: dated tasks before undated ones, then by name, then by review.
  std::sort(tasks.begin(), tasks.end(), [](const Task& a, const Task& b) {
    const auto key = [](const Task& t) {
      return std::make_tuple(!t.due.has_value(), t.due ? Date::days_from_civil(*t.due) : 0,
                             t.reviewee_name, t.review_id);
    };
    return key(a) < key(b);
  });
  return tasks;
}

}  // namespace kd::wf
