#include "workflow/actors.hpp"

namespace kd::wf {

const std::vector<ActorRule>& actor_table() {
  // clang-format off
  static const std::vector<ActorRule> table = {
  //  stage                     action                    role
    {Stage::SelfAssessment,    Action::Submit,           Role::Reviewee},
    {Stage::CollectiveReview,  Action::RecordMeeting,    Role::Secretary},
    {Stage::CollectiveReview,  Action::Return,           Role::Secretary},
    {Stage::HeadOpinion,       Action::GiveOpinion,      Role::Head},
    {Stage::HeadOpinion,       Action::Return,           Role::Head},
    {Stage::CommitteeDecision, Action::Decide,           Role::Committee},
    {Stage::CommitteeDecision, Action::Return,           Role::Committee},
    {Stage::Decided,           Action::Publish,          Role::Committee},
    {Stage::Published,         Action::Complain,         Role::Reviewee},
    {Stage::Published,         Action::Close,            Role::Admin},
    {Stage::Complaint,         Action::ResolveComplaint, Role::Committee},
  };
  // clang-format on
  return table;
}

std::optional<Role> actor_for(Stage stage, Action action) {
  for (const auto& rule : actor_table()) {
    if (rule.stage == stage && rule.action == action) return rule.role;
  }
  return std::nullopt;
}

std::optional<Action> forward_action(Stage stage) {
  switch (stage) {
    case Stage::SelfAssessment:
      return Action::Submit;
    case Stage::CollectiveReview:
      return Action::RecordMeeting;
    case Stage::HeadOpinion:
      return Action::GiveOpinion;
    case Stage::CommitteeDecision:
      return Action::Decide;
    case Stage::Decided:
      return Action::Publish;
    case Stage::Complaint:
      return Action::ResolveComplaint;
    case Stage::Published:  // waiting for complaints; closing is not a task
    case Stage::Closed:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Role> actor_role_for(Stage stage) {
  const auto action = forward_action(stage);
  return action ? actor_for(stage, *action) : std::nullopt;
}

}  // namespace kd::wf
