#include "workflow/tasks.hpp"

#include <algorithm>
#include <tuple>

#include "workflow/actors.hpp"
#include "workflow/rating_rules.hpp"

namespace kd::wf {
namespace {

std::string whose(const Person& reviewee, bool own) {
  return own ? std::string() : " của " + reviewee.full_name;
}

// The step of `actor` when the forward action waits for a signature; nullopt = no task.
std::optional<TaskStep> signature_step(const TransitionContext& ctx, Action action,
                                       const SignatureFacts& facts, std::string& title,
                                       std::string& document_kind) {
  const std::string of = whose(ctx.reviewee, ctx.actor_id == ctx.review.person_id);
  if (action == Action::GiveOpinion) {
    document_kind = "meeting_minutes";
    const bool secretary_next = !facts.minutes_signed_by_secretary;
    const auto& meeting = ctx.review.meeting;
    const Id signer = !meeting ? 0 : secretary_next ? meeting->secretary_id : meeting->chair_id;
    if (signer != 0 && signer == ctx.actor_id) {
      title = "Ký biên bản họp" + of;
      return TaskStep::Sign;
    }
    if (!check_actor(ctx, action).empty()) return std::nullopt;
    title = std::string("Chờ chữ ký của ") + (secretary_next ? "thư ký" : "chủ trì") +
            " trên biên bản họp" + of;
    return TaskStep::Wait;
  }
  if (action == Action::Publish && check_actor(ctx, action).empty()) {
    document_kind = "decision";
    title = "Ký quyết định xếp loại" + of;
    return TaskStep::Sign;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(TaskStep s) {
  switch (s) {
    case TaskStep::Act:
      return "act";
    case TaskStep::Sign:
      return "sign";
    case TaskStep::Wait:
      return "wait";
  }
  return "act";
}

std::vector<Task> tasks_for(Id actor, const std::vector<ReviewInput>& inputs, const OrgTree& org,
                            TimePoint now) {
  const Date today = vietnam_date(now);
  std::vector<Task> tasks;
  for (const auto& in : inputs) {
    const Review& review = *in.review;
    const auto action = forward_action(review.stage);
    if (!action) continue;
    const TransitionContext ctx{review, *in.reviewee, *in.regime, *in.campaign,
                                org,    actor,        now,        in.signatures};
    Task t;
    if (!signature_refusals(ctx, *action).empty()) {
      const auto step = signature_step(ctx, *action, *in.signatures, t.title_vi, t.document_kind);
      if (!step) continue;
      t.step = *step;
    } else {
      if (!check_actor(ctx, *action).empty()) continue;
      t.title_vi = std::string(label_vi(*action)) + whose(*in.reviewee, actor == review.person_id);
    }
    t.review_id = review.id;
    t.reviewee_id = review.person_id;
    t.reviewee_name = in.reviewee->full_name;
    t.stage = review.stage;
    t.action = *action;
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
