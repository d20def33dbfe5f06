// Guided steps: for a person, what they must do next, on which review, by when.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflow/review_machine.hpp"

namespace kd::wf {

// What the person does: the action itself, sign the document the action waits for
// (the minutes before the head's opinion, the decision before publication), or wait for
// someone else's signature before they can act.
enum class TaskStep { Act, Sign, Wait };
std::string_view to_string(TaskStep);  // "act", "sign", "wait"

struct Task {
  TaskStep step = TaskStep::Act;
  std::string document_kind;  // Sign and Wait: "meeting_minutes" or "decision"
  Id review_id = 0;
  Id reviewee_id = 0;
  std::string reviewee_name;
  Stage stage = Stage::SelfAssessment;
  Action action = Action::Submit;  // the action the review is waiting for
  // "Nộp bản tự đánh giá", "Ký biên bản họp của Nguyễn Văn An", "Chờ chữ ký của chủ trì …"
  std::string title_vi;
  std::vector<std::string> fields_needed;  // section keys / fields still missing
  std::optional<Date> due;
  bool overdue = false;
  std::string return_reason;  // when the file came back with a reason
};

struct ReviewInput {
  const Review* review;
  const Person* reviewee;
  const Campaign* campaign;
  const Regime* regime;
  // The review's signatures when the installation requires them; nullptr = not required.
  const SignatureFacts* signatures = nullptr;
};

// Tasks of `actor` over the given reviews, most urgent first (due date, then name).
// `close`, `complain` and `return` are not tasks; the forward action of the stage is, unless
// it waits for a signature: then the signer (the meeting's secretary, then its chair; the
// committee for the decision) has a Sign task and the head a Wait task for the minutes.
std::vector<Task> tasks_for(Id actor, const std::vector<ReviewInput>&, const OrgTree&,
                            TimePoint now);

}  // namespace kd::wf
