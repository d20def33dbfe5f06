// Guided steps: for a person, what they must do next, on which review, by when.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflow/review_machine.hpp"

namespace kd::wf {

struct Task {
  Id review_id = 0;
  Id reviewee_id = 0;
  std::string reviewee_name;
  Stage stage = Stage::SelfAssessment;
  Action action = Action::Submit;
  std::string title_vi;  // "Nộp phiếu tự đánh giá của Nguyễn Văn An"
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
};

// Tasks of `actor` over the given reviews, most urgent first (due date, then name).
// `close`, `complain` and `return` are not tasks; the forward action of the stage is.
std::vector<Task> tasks_for(Id actor, const std::vector<ReviewInput>&, const OrgTree&,
                            TimePoint now);

}  // namespace kd::wf
