// The periodic scoring machine in Boost.MSM (functor front-end). MSM stays
// inside this translation unit: period_machine.hpp is the only interface.
//
// As in the review machine: a fresh machine starts in the pseudo-state Resume,
// whose anonymous transitions move it at once to the period's stored stage
// (StartsIn); then the action's event is processed. Guards read one Step and
// append the refusals a person should read; actor guards run first (And), the
// content guards all run so every reason is reported at once (AllOf).
#include "workflow/period_machine.hpp"

#include <algorithm>
#include <boost/mpl/for_each.hpp>
#include <boost/mpl/vector.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>
#include <stdexcept>
#include <type_traits>

#include "workflow/criteria_score.hpp"
#include "workflow/period_checks.hpp"
#include "workflow/rating_rules.hpp"
#include "workflow/text_policy.hpp"

namespace kd::wf {
namespace {

namespace msm = boost::msm;
namespace mpl = boost::mpl;
using msm::front::none;
using msm::front::Row;

// ---------------------------------------------------------------------------
// Who may act.

enum class Actor { Person, PersonOrManager, Manager, Head, Unlocker };

Refusal forbidden(std::string code, std::string message) {
  return Refusal{RefusalKind::Forbidden, std::move(code), std::move(message), {}};
}

Refusal guard_failed(std::string code, std::string message, std::string field = {}) {
  return Refusal{RefusalKind::GuardFailed, std::move(code), std::move(message), std::move(field)};
}

bool among(const std::vector<Id>& ids, Id id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool is_person(const PeriodContext& ctx) { return ctx.actor_id == ctx.period.person_id; }

Refusals actor_refusals(const PeriodContext& ctx, Actor actor) {
  const PeriodAuthority& a = ctx.authority;
  switch (actor) {
    case Actor::Person:
      if (is_person(ctx)) return {};
      return {forbidden("not_your_period", "Chỉ công chức " + ctx.person.full_name +
                                               " mới được thực hiện thao tác này.")};
    case Actor::PersonOrManager:
      if (is_person(ctx) || among(a.managers, ctx.actor_id) || among(a.importers, ctx.actor_id))
        return {};
      return {forbidden("role_required", "Chỉ công chức " + ctx.person.full_name +
                                             " hoặc cấp có thẩm quyền theo dõi, đánh giá mới "
                                             "được đăng ký nhiệm vụ của kỳ.")};
    default:
      break;
  }
  if (is_person(ctx)) {
    return {forbidden("own_period",
                      "Không được tự chấm điểm, phê duyệt hay mở khóa kết quả của chính mình.")};
  }
  switch (actor) {
    case Actor::Manager:
      if (among(a.managers, ctx.actor_id)) return {};
      return {forbidden("role_required", "Cần là cấp có thẩm quyền theo dõi, đánh giá " +
                                             ctx.person.full_name + ".")};
    case Actor::Head:
      if (among(a.heads, ctx.actor_id)) return {};
      return {
          forbidden("role_required", "Cần là người đứng đầu có thẩm quyền phê duyệt kết quả của " +
                                         ctx.person.full_name + ".")};
    case Actor::Unlocker:
      if (among(a.unlockers, ctx.actor_id)) return {};
      return {forbidden("role_required", "Cần thẩm quyền mở khóa kết quả theo dõi, đánh giá của " +
                                             ctx.person.full_name + ".")};
    default:
      return {};
  }
}

// The actor an action needs from a stage.
Actor actor_for(PeriodAction action, PeriodStage stage) {
  switch (action) {
    case PeriodAction::RegisterTasks:
      return Actor::PersonOrManager;
    case PeriodAction::SubmitProducts:
    case PeriodAction::SelfScore:
      return Actor::Person;
    case PeriodAction::Score:
      return Actor::Manager;
    case PeriodAction::Approve:
    case PeriodAction::Lock:
      return Actor::Head;
    case PeriodAction::Return:
      return stage == PeriodStage::ManagerScored || stage == PeriodStage::Approved ? Actor::Head
                                                                                   : Actor::Manager;
    case PeriodAction::Unlock:
      return Actor::Unlocker;
  }
  return Actor::Head;
}

// ---------------------------------------------------------------------------
// One run of the machine.

struct Step {
  const PeriodContext& ctx;
  const PeriodRequest& req;
  PeriodRecord period;  // working copy: actions write here
  Refusals refusals;
  bool no_row = false;

  bool accept(Refusals rs) {
    const bool ok = rs.empty();
    for (auto& r : rs) refusals.push_back(std::move(r));
    return ok;
  }
  const CriteriaSheet* sheet() const { return ctx.rules.sheet_for(ctx.person.leader); }
};

namespace states {
template <PeriodStage S>
struct StageState : msm::front::state<> {
  static constexpr PeriodStage kStage = S;
};
struct Resume : msm::front::state<> {};
struct Open : StageState<PeriodStage::Open> {};
struct TasksRegistered : StageState<PeriodStage::TasksRegistered> {};
struct ProductsSubmitted : StageState<PeriodStage::ProductsSubmitted> {};
struct SelfScored : StageState<PeriodStage::SelfScored> {};
struct ManagerScored : StageState<PeriodStage::ManagerScored> {};
struct Approved : StageState<PeriodStage::Approved> {};
struct Locked : StageState<PeriodStage::Locked> {};
}  // namespace states

namespace events {
template <PeriodAction A>
struct ActionEvent {
  static constexpr PeriodAction kAction = A;
};
struct RegisterTasks : ActionEvent<PeriodAction::RegisterTasks> {};
struct SubmitProducts : ActionEvent<PeriodAction::SubmitProducts> {};
struct SelfScore : ActionEvent<PeriodAction::SelfScore> {};
struct Score : ActionEvent<PeriodAction::Score> {};
struct Approve : ActionEvent<PeriodAction::Approve> {};
struct Lock : ActionEvent<PeriodAction::Lock> {};
struct Return : ActionEvent<PeriodAction::Return> {};
struct Unlock : ActionEvent<PeriodAction::Unlock> {};
}  // namespace events

template <class Derived>
struct Check {
  template <class Evt, class Fsm, class Src, class Tgt>
  bool operator()(Evt const&, Fsm& fsm, Src&, Tgt&) const {
    return Derived::check(*fsm.step);
  }
};

template <class... G>
struct And {
  template <class Evt, class Fsm, class Src, class Tgt>
  bool operator()(Evt const& e, Fsm& f, Src& s, Tgt& t) const {
    return (G()(e, f, s, t) && ...);
  }
};

template <class... G>
struct AllOf {
  template <class Evt, class Fsm, class Src, class Tgt>
  bool operator()(Evt const& e, Fsm& f, Src& s, Tgt& t) const {
    bool ok = true;
    ((ok = G()(e, f, s, t) && ok), ...);
    return ok;
  }
};

template <class Derived>
struct Do {
  template <class Evt, class Fsm, class Src, class Tgt>
  void operator()(Evt const&, Fsm& fsm, Src&, Tgt&) const {
    Derived::apply(*fsm.step);
  }
};

struct StartsIn {
  template <class Evt, class Fsm, class Src, class Tgt>
  bool operator()(Evt const&, Fsm& fsm, Src&, Tgt&) const {
    return fsm.step->period.stage == Tgt::kStage;
  }
};

// ---------------------------------------------------------------------------
// Guards: who acts.

template <Actor A>
struct Acts : Check<Acts<A>> {
  static bool check(Step& s) { return s.accept(actor_refusals(s.ctx, A)); }
};
// Return: the manager from the person's stages, the head from the manager's.
struct ReturnActs : Check<ReturnActs> {
  static bool check(Step& s) {
    return s.accept(actor_refusals(s.ctx, actor_for(PeriodAction::Return, s.period.stage)));
  }
};

// ---------------------------------------------------------------------------
// Guards: what the content must satisfy.

struct TasksValid : Check<TasksValid> {
  static bool check(Step& s) {
    return s.accept(check_task_drafts(s.req.tasks, s.req.no_tasks_reason, s.period, s.ctx.catalogue,
                                      !is_person(s.ctx)));
  }
};
struct ProductsValid : Check<ProductsValid> {
  static bool check(Step& s) { return s.accept(check_product_reports(s.req.products, s.period)); }
};
struct HasSheet : Check<HasSheet> {
  static bool check(Step& s) {
    if (s.sheet()) return true;
    return s.accept({guard_failed("criteria_sheet_missing",
                                  "Chế độ đánh giá không có bộ tiêu chí chung cho người này.")});
  }
};
struct SelfScoresValid : Check<SelfScoresValid> {
  static bool check(Step& s) {
    return s.accept(check_criteria_scores(s.req.scores, *s.sheet(), "scores"));
  }
};
struct ManagerScoresValid : Check<ManagerScoresValid> {
  static bool check(Step& s) {
    return s.accept(check_criteria_scores(s.req.scores, *s.sheet(), "scores"));
  }
};
struct EnteredPointsValid : Check<EnteredPointsValid> {
  static bool check(Step& s) {
    return s.accept(check_entered_task_points(s.req.task_points, s.ctx.rules));
  }
};
struct DeductionsValid : Check<DeductionsValid> {
  static bool check(Step& s) { return s.accept(check_deductions(s.req.deductions, s.period)); }
};
struct LeaderFactorsValid : Check<LeaderFactorsValid> {
  static bool check(Step& s) {
    return s.accept(check_leader_factors(s.req.leader, s.ctx.person, s.ctx.rules));
  }
};
struct HasComment : Check<HasComment> {
  static bool check(Step& s) {
    if (!is_blank(s.req.comment)) return true;
    return s.accept({guard_failed(
        "comment_required", "Cần ghi ý kiến nhận xét của cấp có thẩm quyền theo dõi, đánh giá.",
        "comment")});
  }
};
struct HasReason : Check<HasReason> {
  static bool check(Step& s) {
    if (!is_blank(s.req.reason)) return true;
    return s.accept({guard_failed("reason_required", "Cần ghi rõ lý do.", "reason")});
  }
};
struct HasDecision : Check<HasDecision> {
  static bool check(Step& s) {
    if (!is_blank(s.req.decision)) return true;
    return s.accept({guard_failed(
        "decision_required", "Cần ghi số, ngày văn bản cho phép mở khóa để điều chỉnh kết quả.",
        "decision")});
  }
};

using CanRegister = And<Acts<Actor::PersonOrManager>, TasksValid>;
using CanSubmitProducts = And<Acts<Actor::Person>, ProductsValid>;
using CanSelfScore = And<Acts<Actor::Person>, HasSheet, AllOf<SelfScoresValid, EnteredPointsValid>>;
using CanScore = And<
    Acts<Actor::Manager>, HasSheet,
    AllOf<ManagerScoresValid, EnteredPointsValid, DeductionsValid, LeaderFactorsValid, HasComment>>;
using CanApprove = Acts<Actor::Head>;
using CanReturn = And<ReturnActs, HasReason>;
using CanUnlock = And<Acts<Actor::Unlocker>, AllOf<HasReason, HasDecision>>;

// ---------------------------------------------------------------------------
// Actions.

struct StoreTasks : Do<StoreTasks> {
  static void apply(Step& s) {
    std::string origin = s.req.origin;
    if (origin.empty()) origin = is_person(s.ctx) ? "manual" : "manager";
    s.period.tasks = build_tasks(s.req.tasks, s.period, s.ctx.catalogue, origin);
    s.period.no_tasks_reason = s.req.tasks.empty() ? s.req.no_tasks_reason : std::string();
  }
};
struct StoreProducts : Do<StoreProducts> {
  static void apply(Step& s) {
    for (auto& t : s.period.tasks) {
      const auto it = s.req.products.find(t.key);
      if (it == s.req.products.end()) continue;
      t.completed = it->second.completed;
      t.evidence = it->second.evidence;
    }
  }
};
struct StoreSelfScores : Do<StoreSelfScores> {
  static void apply(Step& s) {
    s.period.self_scores = s.req.scores;
    s.period.self_task_points = s.req.task_points;
    s.period.strengths = s.req.strengths;
    s.period.shortcomings = s.req.shortcomings;
  }
};
struct StoreManagerScores : Do<StoreManagerScores> {
  static void apply(Step& s) {
    s.period.manager_scores = s.req.scores;
    s.period.manager_task_points = s.req.task_points;
    for (auto& t : s.period.tasks) {
      const auto it = s.req.deductions.find(t.key);
      if (it == s.req.deductions.end()) continue;
      t.deductions = it->second;
      for (auto& d : t.deductions) {
        if (d.excused && d.excused_by == 0) d.excused_by = s.ctx.actor_id;
        if (!d.excused) {
          d.excused_by = 0;
          d.excuse_reason.clear();
        }
      }
    }
    s.period.leader_factors = s.ctx.person.leader ? s.req.leader : std::nullopt;
    s.period.manager_comment = s.req.comment;
    s.period.scored_by = s.ctx.actor_id;
  }
};
struct RecordApproval : Do<RecordApproval> {
  static void apply(Step& s) { s.period.approved_by = s.ctx.actor_id; }
};
struct RecordLock : Do<RecordLock> {
  static void apply(Step& s) {
    s.period.locked_by = s.ctx.actor_id;
    s.period.locked_at = s.ctx.now;
  }
};
struct RecordReturn : Do<RecordReturn> {
  static void apply(Step& s) { s.period.last_return_reason = s.req.reason; }
};
struct RecordUnlock : Do<RecordUnlock> {
  static void apply(Step& s) {
    s.period.unlocks.push_back(
        UnlockRecord{s.ctx.actor_id, s.ctx.now, s.req.reason, s.req.decision});
    s.period.approved_by = 0;
    s.period.locked_by = 0;
    s.period.locked_at.reset();
  }
};

// ---------------------------------------------------------------------------
// The machine.

struct PeriodMachineDef : msm::front::state_machine_def<PeriodMachineDef> {
  typedef int no_exception_thrown;
  typedef int no_message_queue;

  using initial_state = states::Resume;
  Step* step = nullptr;

  using Resume = states::Resume;
  using Open = states::Open;
  using TasksRegistered = states::TasksRegistered;
  using ProductsSubmitted = states::ProductsSubmitted;
  using SelfScored = states::SelfScored;
  using ManagerScored = states::ManagerScored;
  using Approved = states::Approved;
  using Locked = states::Locked;

  // clang-format off
  struct transition_table : mpl::vector<
  //    Source             Event                   Target             Action              Guard
  // -- start in the period's stored stage -------------------------------------------------------------
  Row < Resume,            none,                   Open,              none,               StartsIn >,
  Row < Resume,            none,                   TasksRegistered,   none,               StartsIn >,
  Row < Resume,            none,                   ProductsSubmitted, none,               StartsIn >,
  Row < Resume,            none,                   SelfScored,        none,               StartsIn >,
  Row < Resume,            none,                   ManagerScored,     none,               StartsIn >,
  Row < Resume,            none,                   Approved,          none,               StartsIn >,
  Row < Resume,            none,                   Locked,            none,               StartsIn >,
  // -- the person (or the manager) registers the period's tasks; the list may be amended ---------------
  Row < Open,              events::RegisterTasks,  TasksRegistered,   StoreTasks,         CanRegister >,
  Row < TasksRegistered,   events::RegisterTasks,  TasksRegistered,   StoreTasks,         CanRegister >,
  // -- the person reports products with evidence, then scores the general criteria ---------------------
  Row < TasksRegistered,   events::SubmitProducts, ProductsSubmitted, StoreProducts,      CanSubmitProducts >,
  Row < ProductsSubmitted, events::SelfScore,      SelfScored,        StoreSelfScores,    CanSelfScore >,
  Row < ProductsSubmitted, events::Return,         TasksRegistered,   RecordReturn,       CanReturn >,
  // -- the competent evaluator (direct manager) scores, or returns to the person -----------------------
  Row < SelfScored,        events::Score,          ManagerScored,     StoreManagerScores, CanScore >,
  Row < SelfScored,        events::Return,         ProductsSubmitted, RecordReturn,       CanReturn >,
  // -- the head approves and locks, or returns to the manager ------------------------------------------
  Row < ManagerScored,     events::Approve,        Approved,          RecordApproval,     CanApprove >,
  Row < ManagerScored,     events::Return,         SelfScored,        RecordReturn,       CanReturn >,
  Row < Approved,          events::Lock,           Locked,            RecordLock,         CanApprove >,
  Row < Approved,          events::Return,         ManagerScored,     RecordReturn,       CanReturn >,
  // -- a locked period reopens only by an audited unlock -----------------------------------------------
  Row < Locked,            events::Unlock,         ManagerScored,     RecordUnlock,       CanUnlock >
  > {};
  // clang-format on

  template <class Fsm, class Event>
  void no_transition(Event const&, Fsm&, int) {
    step->no_row = true;
  }
};

using Machine = msm::back::state_machine<PeriodMachineDef>;
using Table = PeriodMachineDef::transition_table;

template <class T, class = void>
struct HasStage : std::false_type {};
template <class T>
struct HasStage<T, std::void_t<decltype(T::kStage)>> : std::true_type {};
template <class T, class = void>
struct HasAction : std::false_type {};
template <class T>
struct HasAction<T, std::void_t<decltype(T::kAction)>> : std::true_type {};

struct RowFinder {
  PeriodStage stage;
  PeriodAction action;
  bool* found;
  template <class R>
  void operator()(msm::wrap<R> const&) const {
    using Src = typename R::Source;
    using Evt = typename R::Evt;
    if constexpr (HasStage<Src>::value && HasAction<Evt>::value) {
      if (Src::kStage == stage && Evt::kAction == action) *found = true;
    }
  }
};

bool has_row(PeriodStage stage, PeriodAction action) {
  bool found = false;
  mpl::for_each<Table, msm::wrap<mpl::placeholders::_1>>(RowFinder{stage, action, &found});
  return found;
}

template <class State>
constexpr int id_of() {
  return msm::back::get_state_id<Machine::stt, State>::value;
}

struct StageFinder {
  int id;
  std::optional<PeriodStage>* out;
  template <class R>
  void operator()(msm::wrap<R> const&) const {
    visit<typename R::Source>();
    visit<typename R::Target>();
  }
  template <class S>
  void visit() const {
    if constexpr (HasStage<S>::value) {
      if (id_of<S>() == id) *out = S::kStage;
    }
  }
};

template <class Event>
msm::back::HandledEnum fire(Machine& m) {
  return m.process_event(Event{});
}

msm::back::HandledEnum dispatch(Machine& m, PeriodAction a) {
  switch (a) {
    case PeriodAction::RegisterTasks:
      return fire<events::RegisterTasks>(m);
    case PeriodAction::SubmitProducts:
      return fire<events::SubmitProducts>(m);
    case PeriodAction::SelfScore:
      return fire<events::SelfScore>(m);
    case PeriodAction::Score:
      return fire<events::Score>(m);
    case PeriodAction::Approve:
      return fire<events::Approve>(m);
    case PeriodAction::Lock:
      return fire<events::Lock>(m);
    case PeriodAction::Return:
      return fire<events::Return>(m);
    case PeriodAction::Unlock:
      return fire<events::Unlock>(m);
  }
  throw std::logic_error("unknown period action");
}

}  // namespace

PeriodTransition apply_period_action(const PeriodContext& ctx, const PeriodRequest& req) {
  PeriodTransition result;
  result.from = ctx.period.stage;
  result.to = ctx.period.stage;
  result.period = ctx.period;

  Step step{ctx, req, ctx.period, {}, false};
  Machine machine;
  machine.step = &step;
  machine.start();
  if (machine.current_state()[0] != period_msm_state_id(ctx.period.stage)) {
    throw std::logic_error("period machine did not resume in stage " +
                           std::string(to_string(ctx.period.stage)));
  }
  const auto handled = dispatch(machine, req.action);
  if (handled != msm::back::HANDLED_TRUE) {
    if (step.refusals.empty()) {
      step.refusals.push_back(Refusal{RefusalKind::NotAllowedInStage,
                                      "action_not_allowed_in_stage",
                                      "Không thể thực hiện \"" + std::string(label_vi(req.action)) +
                                          "\" khi kỳ đánh giá đang ở bước \"" +
                                          std::string(label_vi(ctx.period.stage)) + "\".",
                                      {}});
    }
    result.refusals = std::move(step.refusals);
    return result;
  }
  const auto to = period_stage_from_msm_state_id(machine.current_state()[0]);
  if (!to) throw std::logic_error("period machine ended in a state with no stage");
  result.accepted = true;
  result.to = *to;
  result.period = std::move(step.period);
  result.period.stage = *to;
  result.period.version = ctx.period.version + 1;
  if (req.action != PeriodAction::Return) result.period.last_return_reason.clear();
  return result;
}

Refusals check_period_actor(const PeriodContext& ctx, PeriodAction action) {
  return actor_refusals(ctx, actor_for(action, ctx.period.stage));
}

std::vector<PeriodAction> allowed_period_actions(const PeriodContext& ctx) {
  std::vector<PeriodAction> out;
  for (PeriodAction a : all_period_actions()) {
    if (has_row(ctx.period.stage, a) && check_period_actor(ctx, a).empty()) out.push_back(a);
  }
  return out;
}

int period_msm_state_id(PeriodStage stage) {
  switch (stage) {
    case PeriodStage::Open:
      return id_of<states::Open>();
    case PeriodStage::TasksRegistered:
      return id_of<states::TasksRegistered>();
    case PeriodStage::ProductsSubmitted:
      return id_of<states::ProductsSubmitted>();
    case PeriodStage::SelfScored:
      return id_of<states::SelfScored>();
    case PeriodStage::ManagerScored:
      return id_of<states::ManagerScored>();
    case PeriodStage::Approved:
      return id_of<states::Approved>();
    case PeriodStage::Locked:
      return id_of<states::Locked>();
  }
  throw std::logic_error("unknown period stage");
}

std::optional<PeriodStage> period_stage_from_msm_state_id(int id) {
  std::optional<PeriodStage> out;
  mpl::for_each<Table, msm::wrap<mpl::placeholders::_1>>(StageFinder{id, &out});
  return out;
}

}  // namespace kd::wf
