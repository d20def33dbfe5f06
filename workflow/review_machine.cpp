// The review state machine in Boost.MSM (functor front-end). MSM stays inside
// this translation unit: review_machine.hpp is the only interface.
//
// How one action runs: a fresh machine starts in the pseudo-state Resume, whose
// anonymous transitions move it at once to the review's current stage
// (StartsIn). The action's event is then processed. Guards are predicates over
// one Step (the context, the request and a working copy of the review); a guard
// that fails for a reason a person should read appends a Refusal to the Step.
// Rows sharing a source and an event are told apart by silent selectors
// (IsRated, IsNextInRegime, IsPreviousInRegime) that are mutually exclusive, so
// exactly one row's checking guards run and the refusals are never duplicated.
#include "workflow/review_machine.hpp"

#include <boost/mpl/for_each.hpp>
#include <boost/mpl/vector.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>
#include <stdexcept>
#include <type_traits>

#include "workflow/actors.hpp"
#include "workflow/meeting_roles.hpp"
#include "workflow/rating_rules.hpp"
#include "workflow/text_policy.hpp"

namespace kd::wf {
namespace {

namespace msm = boost::msm;
namespace mpl = boost::mpl;
using msm::front::none;
using msm::front::Row;

// ---------------------------------------------------------------------------
// Who may act: pure checks shared by the guards, check_actor and allowed_actions.

std::string unit_name(const TransitionContext& ctx) {
  const Unit* u = ctx.org.unit(ctx.review.unit_id);
  return u ? u->name : "đơn vị #" + std::to_string(ctx.review.unit_id);
}

Refusal forbidden(std::string code, std::string message) {
  return Refusal{RefusalKind::Forbidden, std::move(code), std::move(message), {}};
}

Refusal guard_failed(std::string code, std::string message, std::string field = {}) {
  return Refusal{RefusalKind::GuardFailed, std::move(code), std::move(message), std::move(field)};
}

Refusals reviewee_refusals(const TransitionContext& ctx) {
  if (ctx.actor_id == ctx.review.person_id) return {};
  return {forbidden("not_your_review", "Chỉ người được đánh giá (" + ctx.reviewee.full_name +
                                           ") mới được thực hiện thao tác này.")};
}

Refusals own_review_refusals(const TransitionContext& ctx) {
  if (ctx.actor_id != ctx.review.person_id) return {};
  return {forbidden("own_review",
                    "Không được tự thực hiện bước đánh giá đối với hồ sơ của chính mình.")};
}

// Roles count on the day of the action (Asia/Ho_Chi_Minh): a grant whose term has ended,
// or not begun, gives no right to act.
Date action_day(const TransitionContext& ctx) { return vietnam_date(ctx.now); }

// The reviewee leads a unit: their opinion must come from the head of a unit above.
bool needs_head_from_above(const TransitionContext& ctx) {
  return ctx.reviewee.leader ||
         ctx.org.has_role_in(ctx.review.person_id, Role::Head, ctx.review.unit_id, action_day(ctx));
}

bool has_role_strictly_above(const TransitionContext& ctx, Role role) {
  const std::vector<Id> path = ctx.org.path_to(ctx.review.unit_id);
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    if (ctx.org.has_role_in(ctx.actor_id, role, path[i], action_day(ctx))) return true;
  }
  return false;
}

Refusal role_required(const TransitionContext& ctx, const std::string& roles) {
  return forbidden("role_required", "Cần vai trò " + roles + " của " + unit_name(ctx) +
                                        " hoặc đơn vị cấp trên để thực hiện thao tác này.");
}

Refusals role_refusals(const TransitionContext& ctx, Role role) {
  const Id actor = ctx.actor_id;
  const Id unit = ctx.review.unit_id;
  const Date day = action_day(ctx);
  auto holds = [&](Role r) { return ctx.org.has_role_at_or_above(actor, r, unit, day); };
  switch (role) {
    case Role::Secretary:  // the secretary records the minutes; the chair may too
      if (holds(Role::Secretary) || holds(Role::Chair)) return {};
      return {role_required(ctx, std::string(label_vi(Role::Secretary)) + " hoặc " +
                                     std::string(label_vi(Role::Chair)))};
    case Role::Head:
      if (needs_head_from_above(ctx)) {
        if (has_role_strictly_above(ctx, Role::Head)) return {};
        return {
            forbidden("role_required", "Hồ sơ của người đứng đầu, lãnh đạo " + unit_name(ctx) +
                                           " phải do Người đứng đầu đơn vị cấp trên nhận xét.")};
      }
      if (holds(Role::Head)) return {};
      return {role_required(ctx, std::string(label_vi(Role::Head)))};
    case Role::Admin:  // close: the committee or an administrator
      if (holds(Role::Committee) || holds(Role::Admin)) return {};
      return {role_required(ctx, std::string(label_vi(Role::Committee)) + " hoặc " +
                                     std::string(label_vi(Role::Admin)))};
    default:
      if (holds(role)) return {};
      return {role_required(ctx, std::string(label_vi(role)))};
  }
}

Refusals actor_refusals(const TransitionContext& ctx, Role role) {
  if (role == Role::Reviewee) return reviewee_refusals(ctx);
  Refusals own = own_review_refusals(ctx);
  return own.empty() ? role_refusals(ctx, role) : own;
}

std::optional<Stage> next_in_regime(const Regime& regime, Stage from) {
  for (Stage s : all_stages()) {
    if (static_cast<int>(s) > static_cast<int>(from) && regime.has_stage(s)) return s;
  }
  return std::nullopt;
}

std::optional<Stage> previous_in_regime(const Regime& regime, Stage from) {
  std::optional<Stage> found;
  for (Stage s : all_stages()) {
    if (static_cast<int>(s) < static_cast<int>(from) && regime.has_stage(s)) found = s;
  }
  return found;
}

// The complaint window: the publication day plus the regime's days (calendar days).
Date complaint_window_end(TimePoint published_at, const Regime& regime) {
  return add_days(vietnam_date(published_at), regime.deadlines.complaint_window_days);
}

// ---------------------------------------------------------------------------
// One run of the machine.

struct Step {
  const TransitionContext& ctx;
  const ActionRequest& req;
  Review review;  // working copy: actions write here
  Refusals refusals;
  bool no_row = false;  // no_transition was called: the stage has no row for the event

  // Keeps the refusals of a check; true when there were none.
  bool accept(Refusals rs) {
    const bool ok = rs.empty();
    for (auto& r : rs) refusals.push_back(std::move(r));
    return ok;
  }
  RatingBounds bounds() const {
    if (ctx.score_bounds) return *ctx.score_bounds;
    return rating_bounds(ctx.reviewee, review.facts, ctx.regime.rating_rules);
  }
  const FormContent& form() const { return req.form ? *req.form : review.form; }
  std::optional<Rating> decision_rating() const { return kd::wf::decision_rating(review, req); }
};

// ---------------------------------------------------------------------------
// States: one per stable Stage, plus the initial pseudo-state Resume.

namespace states {
template <Stage S>
struct StageState : msm::front::state<> {
  static constexpr Stage kStage = S;
};
struct Resume : msm::front::state<> {};
struct SelfAssessment : StageState<Stage::SelfAssessment> {};
struct CollectiveReview : StageState<Stage::CollectiveReview> {};
struct HeadOpinion : StageState<Stage::HeadOpinion> {};
struct CommitteeDecision : StageState<Stage::CommitteeDecision> {};
struct Decided : StageState<Stage::Decided> {};
struct Published : StageState<Stage::Published> {};
struct Complaint : StageState<Stage::Complaint> {};
struct Closed : StageState<Stage::Closed> {};
}  // namespace states

// Events: one per Action.
namespace events {
template <Action A>
struct ActionEvent {
  static constexpr Action kAction = A;
};
struct Submit : ActionEvent<Action::Submit> {};
struct RecordMeeting : ActionEvent<Action::RecordMeeting> {};
struct GiveOpinion : ActionEvent<Action::GiveOpinion> {};
struct Decide : ActionEvent<Action::Decide> {};
struct Publish : ActionEvent<Action::Publish> {};
struct Complain : ActionEvent<Action::Complain> {};
struct ResolveComplaint : ActionEvent<Action::ResolveComplaint> {};
struct Close : ActionEvent<Action::Close> {};
struct Return : ActionEvent<Action::Return> {};
}  // namespace events

// ---------------------------------------------------------------------------
// Guard and action plumbing.

// A guard whose check reads only the Step.
template <class Derived>
struct Check {
  template <class Evt, class Fsm, class Src, class Tgt>
  bool operator()(Evt const&, Fsm& fsm, Src&, Tgt&) const {
    return Derived::check(*fsm.step);
  }
};

// All guards must hold; later guards run only when earlier ones pass (so a
// person without the role is not told what the form lacks).
template <class... G>
struct And {
  template <class Evt, class Fsm, class Src, class Tgt>
  bool operator()(Evt const& e, Fsm& f, Src& s, Tgt& t) const {
    return (G()(e, f, s, t) && ...);
  }
};

// All guards must hold; every guard runs so every reason is reported at once.
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

// ---------------------------------------------------------------------------
// Selectors: silent, mutually exclusive predicates choosing among rows.

// Resume only: the review is in the target stage.
struct StartsIn {
  template <class Evt, class Fsm, class Src, class Tgt>
  bool operator()(Evt const&, Fsm& fsm, Src&, Tgt&) const {
    return fsm.step->review.stage == Tgt::kStage;
  }
};
// The target is the next stage after the source that the regime has.
struct IsNextInRegime {
  template <class Evt, class Fsm, class Src, class Tgt>
  bool operator()(Evt const&, Fsm& fsm, Src&, Tgt&) const {
    return next_in_regime(fsm.step->ctx.regime, Src::kStage) == Tgt::kStage;
  }
};
// The target is the stage before the source that the regime has.
struct IsPreviousInRegime {
  template <class Evt, class Fsm, class Src, class Tgt>
  bool operator()(Evt const&, Fsm& fsm, Src&, Tgt&) const {
    return previous_in_regime(fsm.step->ctx.regime, Src::kStage) == Tgt::kStage;
  }
};
struct IsRated : Check<IsRated> {
  static bool check(Step& s) { return s.bounds().rated; }
};
struct IsNotRated : Check<IsNotRated> {
  static bool check(Step& s) { return !s.bounds().rated; }
};

// ---------------------------------------------------------------------------
// Who acts.

// The role of the actor table (actors.hpp) for the review's stage and the event's action.
struct ActorActs : Check<ActorActs> {
  static bool check(Step& s) { return s.accept(check_actor(s.ctx, s.req.action)); }
};

// ---------------------------------------------------------------------------
// What the content must satisfy.

struct SectionsFilled : Check<SectionsFilled> {
  static bool check(Step& s) {
    return s.accept(check_form(s.form(), s.ctx.reviewee, s.ctx.regime));
  }
};
struct SelfRatingAllowed : Check<SelfRatingAllowed> {
  static bool check(Step& s) {
    return !s.form().self_rating || s.accept(check_rating(*s.form().self_rating, s.bounds()));
  }
};
struct HasMinutes : Check<HasMinutes> {
  static bool check(Step& s) {
    if (s.req.meeting) return true;
    return s.accept(
        {guard_failed("meeting_required", "Chưa có nội dung biên bản họp.", "meeting")});
  }
};
struct HasQuorum : Check<HasQuorum> {
  static bool check(Step& s) { return s.accept(check_quorum(*s.req.meeting, s.ctx.regime)); }
};
struct VotesConsistent : Check<VotesConsistent> {
  static bool check(Step& s) { return s.accept(check_votes(*s.req.meeting)); }
};
struct MeetsVoteRule : Check<MeetsVoteRule> {
  static bool check(Step& s) { return s.accept(check_vote_rule(*s.req.meeting, s.ctx.regime)); }
};
// Two different people, each holding their role; the reviewee never keeps their own
// minutes and chairs only where the regime allows (meeting_roles.hpp).
struct DutiesSeparated : Check<DutiesSeparated> {
  static bool check(Step& s) {
    return s.accept(
        check_meeting_roles(*s.req.meeting, s.review, s.ctx.reviewee, s.ctx.regime, s.ctx.org));
  }
};
struct ProposalAllowed : Check<ProposalAllowed> {
  static bool check(Step& s) {
    const auto& proposed = s.req.meeting->proposed_rating;
    return !proposed || s.accept(check_rating(*proposed, s.bounds()));
  }
};
struct OpinionProposesRating : Check<OpinionProposesRating> {
  static bool check(Step& s) {
    if (s.req.opinion && s.req.opinion->proposed_rating) {
      return s.accept(check_rating(*s.req.opinion->proposed_rating, s.bounds()));
    }
    return s.accept(
        {guard_failed("rating_required", "Chưa đề xuất mức xếp loại.", "opinion.proposed_rating")});
  }
};
struct DecisionRatingAllowed : Check<DecisionRatingAllowed> {
  static bool check(Step& s) {
    if (auto r = s.decision_rating()) return s.accept(check_rating(*r, s.bounds()));
    return s.accept({guard_failed(
        "rating_required",
        "Chưa có mức xếp loại: cần chọn mức, hoặc có đề xuất của người đứng đầu hay của cuộc họp.",
        "rating")});
  }
};
struct ResolutionRatingAllowed : Check<ResolutionRatingAllowed> {
  static bool check(Step& s) {
    if (s.req.rating) return s.accept(check_rating(*s.req.rating, s.bounds()));
    return s.accept({guard_failed(
        "rating_required", "Cần ghi mức xếp loại được giữ nguyên hoặc thay đổi sau kiến nghị.",
        "rating")});
  }
};
struct HasReason : Check<HasReason> {
  static bool check(Step& s) {
    if (!is_blank(s.req.reason)) return true;
    return s.accept({guard_failed("reason_required", "Cần ghi rõ lý do.", "reason")});
  }
};
// The text policy (text_policy.hpp): every text of the request within its limit; the form
// holds only the person's sections.
struct TextsWithinLimits : Check<TextsWithinLimits> {
  static bool check(Step& s) { return s.accept(text_refusals(s.req)); }
};
struct FormWithinPolicy : Check<FormWithinPolicy> {
  static bool check(Step& s) {
    return s.accept(form_policy_refusals(s.form(), s.ctx.reviewee, s.ctx.regime));
  }
};
struct OverrideHasReason : Check<OverrideHasReason> {
  static bool check(Step& s) {
    return s.accept(override_refusals(s.req.quota_override, s.req.reason));
  }
};
struct RegimeHasComplaint : Check<RegimeHasComplaint> {
  static bool check(Step& s) {
    if (s.ctx.regime.has_stage(Stage::Complaint)) return true;
    return s.accept(
        {guard_failed("stage_not_in_regime", "Chế độ đánh giá " + s.ctx.regime.title +
                                                 " không có bước giải quyết kiến nghị.")});
  }
};
struct WithinComplaintWindow : Check<WithinComplaintWindow> {
  static bool check(Step& s) {
    const int days = s.ctx.regime.deadlines.complaint_window_days;
    if (!s.review.published_at) {
      return s.accept({guard_failed("complaint_window_closed", "Kết quả chưa được công khai.")});
    }
    const Date published = vietnam_date(*s.review.published_at);
    const Date last_day = complaint_window_end(*s.review.published_at, s.ctx.regime);
    if (vietnam_date(s.ctx.now) <= last_day) return true;
    return s.accept({guard_failed("complaint_window_closed",
                                  "Đã hết thời hạn kiến nghị " + std::to_string(days) +
                                      " ngày kể từ ngày công khai kết quả " + to_dmy(published) +
                                      " (hạn cuối " + to_dmy(last_day) + ").")});
  }
};
struct IsFirstComplaint : Check<IsFirstComplaint> {
  static bool check(Step& s) {
    if (s.review.complaints == 0) return true;
    return s.accept(
        {guard_failed("complaint_already_filed",
                      "Đã gửi kiến nghị về kết quả này; mỗi người chỉ kiến nghị một lần.")});
  }
};

using CanSubmit = And<ActorActs, AllOf<FormWithinPolicy, SectionsFilled, SelfRatingAllowed>>;
using CanSubmitUnrated = And<ActorActs, AllOf<FormWithinPolicy, SectionsFilled>>;
using CanRecordMeeting = And<ActorActs, HasMinutes,
                             AllOf<DutiesSeparated, HasQuorum, VotesConsistent, MeetsVoteRule,
                                   ProposalAllowed, TextsWithinLimits>>;
using CanReturn = And<ActorActs, AllOf<HasReason, TextsWithinLimits>>;
// Signatures (signature_facts.hpp): checked only when the context carries the facts.
struct MinutesSigned : Check<MinutesSigned> {
  static bool check(Step& s) { return s.accept(signature_refusals(s.ctx, Action::GiveOpinion)); }
};
struct DecisionSigned : Check<DecisionSigned> {
  static bool check(Step& s) { return s.accept(signature_refusals(s.ctx, Action::Publish)); }
};

using CanGiveOpinion =
    And<ActorActs, MinutesSigned, AllOf<OpinionProposesRating, TextsWithinLimits>>;
using CanPublish = And<ActorActs, DecisionSigned>;
using CanDecide =
    And<ActorActs, AllOf<DecisionRatingAllowed, OverrideHasReason, TextsWithinLimits>>;
using CanComplain = And<ActorActs, AllOf<HasReason, TextsWithinLimits, RegimeHasComplaint,
                                         WithinComplaintWindow, IsFirstComplaint>>;
using CanResolve = And<ActorActs, AllOf<ResolutionRatingAllowed, TextsWithinLimits>>;
using CanClose = ActorActs;

// ---------------------------------------------------------------------------
// Actions: what an accepted transition writes into the review.

struct StoreForm : Do<StoreForm> {
  static void apply(Step& s) {
    if (s.req.form) s.review.form = *s.req.form;
  }
};
struct StoreFormNotRated : Do<StoreFormNotRated> {
  static void apply(Step& s) {
    StoreForm::apply(s);
    s.review.not_rated = true;
    s.review.final_rating.reset();
  }
};
struct RecordMinutes : Do<RecordMinutes> {
  static void apply(Step& s) { s.review.meeting = *s.req.meeting; }
};
struct RecordOpinion : Do<RecordOpinion> {
  static void apply(Step& s) {
    s.review.opinion = *s.req.opinion;
    s.review.opinion->by = s.ctx.actor_id;
  }
};
struct RecordDecision : Do<RecordDecision> {
  static void apply(Step& s) { s.review.final_rating = s.decision_rating(); }
};
struct StampPublication : Do<StampPublication> {
  static void apply(Step& s) { s.review.published_at = s.ctx.now; }
};
struct FileComplaint : Do<FileComplaint> {
  static void apply(Step& s) { ++s.review.complaints; }
};
struct RecordResolution : Do<RecordResolution> {
  static void apply(Step& s) { s.review.final_rating = s.req.rating; }
};
struct RecordReturn : Do<RecordReturn> {
  static void apply(Step& s) { s.review.last_return_reason = s.req.reason; }
};

// ---------------------------------------------------------------------------
// The machine.

struct ReviewMachineDef : msm::front::state_machine_def<ReviewMachineDef> {
  typedef int no_exception_thrown;  // a config error (missing form) propagates to the caller
  typedef int no_message_queue;

  using initial_state = states::Resume;
  Step* step = nullptr;

  using Resume = states::Resume;
  using SelfAssessment = states::SelfAssessment;
  using CollectiveReview = states::CollectiveReview;
  using HeadOpinion = states::HeadOpinion;
  using CommitteeDecision = states::CommitteeDecision;
  using Decided = states::Decided;
  using Published = states::Published;
  using Complaint = states::Complaint;
  using Closed = states::Closed;

  // clang-format off
  struct transition_table : mpl::vector<
  //    Source             Event                     Target             Action             Guard
  // -- start in the review's stored stage ------------------------------------------------------------
  Row < Resume,            none,                     SelfAssessment,    none,              StartsIn >,
  Row < Resume,            none,                     CollectiveReview,  none,              StartsIn >,
  Row < Resume,            none,                     HeadOpinion,       none,              StartsIn >,
  Row < Resume,            none,                     CommitteeDecision, none,              StartsIn >,
  Row < Resume,            none,                     Decided,           none,              StartsIn >,
  Row < Resume,            none,                     Published,         none,              StartsIn >,
  Row < Resume,            none,                     Complaint,         none,              StartsIn >,
  Row < Resume,            none,                     Closed,            none,              StartsIn >,
  // -- 1. self-assessment: the reviewee submits; stages the regime lacks are skipped -----------------
  Row < SelfAssessment,    events::Submit,           Closed,            StoreFormNotRated, And<IsNotRated, CanSubmitUnrated> >,
  Row < SelfAssessment,    events::Submit,           CollectiveReview,  StoreForm,         And<IsRated, IsNextInRegime, CanSubmit> >,
  Row < SelfAssessment,    events::Submit,           HeadOpinion,       StoreForm,         And<IsRated, IsNextInRegime, CanSubmit> >,
  Row < SelfAssessment,    events::Submit,           CommitteeDecision, StoreForm,         And<IsRated, IsNextInRegime, CanSubmit> >,
  // -- 2. collective meeting: the secretary records the minutes, or returns the file ------------------
  Row < CollectiveReview,  events::RecordMeeting,    HeadOpinion,       RecordMinutes,     And<IsNextInRegime, CanRecordMeeting> >,
  Row < CollectiveReview,  events::RecordMeeting,    CommitteeDecision, RecordMinutes,     And<IsNextInRegime, CanRecordMeeting> >,
  Row < CollectiveReview,  events::Return,           SelfAssessment,    RecordReturn,      And<IsPreviousInRegime, CanReturn> >,
  // -- 3. head of unit: opinion and proposed rating, or return ---------------------------------------
  Row < HeadOpinion,       events::GiveOpinion,      CommitteeDecision, RecordOpinion,     CanGiveOpinion >,
  Row < HeadOpinion,       events::Return,           CollectiveReview,  RecordReturn,      And<IsPreviousInRegime, CanReturn> >,
  Row < HeadOpinion,       events::Return,           SelfAssessment,    RecordReturn,      And<IsPreviousInRegime, CanReturn> >,
  // -- 4. committee / competent authority: decide the rating, or return ------------------------------
  Row < CommitteeDecision, events::Decide,           Decided,           RecordDecision,    CanDecide >,
  Row < CommitteeDecision, events::Return,           HeadOpinion,       RecordReturn,      And<IsPreviousInRegime, CanReturn> >,
  Row < CommitteeDecision, events::Return,           CollectiveReview,  RecordReturn,      And<IsPreviousInRegime, CanReturn> >,
  Row < CommitteeDecision, events::Return,           SelfAssessment,    RecordReturn,      And<IsPreviousInRegime, CanReturn> >,
  // -- 5. publication, complaint, closing ------------------------------------------------------------
  Row < Decided,           events::Publish,          Published,         StampPublication,  CanPublish >,
  Row < Published,         events::Complain,         Complaint,         FileComplaint,     CanComplain >,
  Row < Published,         events::Close,            Closed,            none,              CanClose >,
  Row < Complaint,         events::ResolveComplaint, Decided,           RecordResolution,  CanResolve >
  > {};
  // clang-format on

  // MSM's default asserts; here "no row" is an expected refusal.
  template <class Fsm, class Event>
  void no_transition(Event const&, Fsm&, int) {
    step->no_row = true;
  }
};

using Machine = msm::back::state_machine<ReviewMachineDef>;
using Table = ReviewMachineDef::transition_table;

template <class T, class = void>
struct HasStage : std::false_type {};
template <class T>
struct HasStage<T, std::void_t<decltype(T::kStage)>> : std::true_type {};
template <class T, class = void>
struct HasAction : std::false_type {};
template <class T>
struct HasAction<T, std::void_t<decltype(T::kAction)>> : std::true_type {};

// Walks the table: is there a row for (stage, action)?
struct RowFinder {
  Stage stage;
  Action action;
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

bool has_row(Stage stage, Action action) {
  bool found = false;
  mpl::for_each<Table, msm::wrap<mpl::placeholders::_1>>(RowFinder{stage, action, &found});
  return found;
}

template <class State>
constexpr int id_of() {
  return msm::back::get_state_id<Machine::stt, State>::value;
}

// Walks the states of the table: which Stage has this MSM id?
struct StageFinder {
  int id;
  std::optional<Stage>* out;
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

Refusal not_allowed_in_stage(Stage stage, Action action) {
  return Refusal{RefusalKind::NotAllowedInStage,
                 "action_not_allowed_in_stage",
                 "Không thể thực hiện \"" + std::string(label_vi(action)) +
                     "\" khi hồ sơ đang ở bước \"" + std::string(label_vi(stage)) + "\".",
                 {}};
}

template <class Event>
msm::back::HandledEnum fire(Machine& m) {
  return m.process_event(Event{});
}

msm::back::HandledEnum dispatch(Machine& m, Action a) {
  switch (a) {
    case Action::Submit:
      return fire<events::Submit>(m);
    case Action::RecordMeeting:
      return fire<events::RecordMeeting>(m);
    case Action::GiveOpinion:
      return fire<events::GiveOpinion>(m);
    case Action::Decide:
      return fire<events::Decide>(m);
    case Action::Publish:
      return fire<events::Publish>(m);
    case Action::Complain:
      return fire<events::Complain>(m);
    case Action::ResolveComplaint:
      return fire<events::ResolveComplaint>(m);
    case Action::Close:
      return fire<events::Close>(m);
    case Action::Return:
      return fire<events::Return>(m);
  }
  throw std::logic_error("unknown action");
}

}  // namespace

std::optional<Rating> decision_rating(const Review& review, const ActionRequest& req) {
  if (req.rating) return req.rating;
  if (review.opinion && review.opinion->proposed_rating) return review.opinion->proposed_rating;
  if (review.meeting && review.meeting->proposed_rating) return review.meeting->proposed_rating;
  return std::nullopt;
}

TransitionResult apply_action(const TransitionContext& ctx, const ActionRequest& req) {
  TransitionResult result;
  result.from = ctx.review.stage;
  result.to = ctx.review.stage;
  result.review = ctx.review;

  Step step{ctx, req, ctx.review, {}, false};
  Machine machine;
  machine.step = &step;
  machine.start();
  if (machine.current_state()[0] != msm_state_id(ctx.review.stage)) {
    throw std::logic_error("review machine did not resume in stage " +
                           std::string(to_string(ctx.review.stage)));
  }

  const auto handled = dispatch(machine, req.action);
  if (handled != msm::back::HANDLED_TRUE) {
    if (step.no_row && step.refusals.empty()) {
      step.refusals.push_back(not_allowed_in_stage(ctx.review.stage, req.action));
    } else if (step.refusals.empty()) {
      // A row exists but no selector matched: the regime cannot route this action.
      step.refusals.push_back(guard_failed(
          "stage_not_in_regime", "Chế độ đánh giá không có bước tiếp theo cho thao tác này."));
    }
    result.refusals = std::move(step.refusals);
    return result;
  }

  const auto to = stage_from_msm_state_id(machine.current_state()[0]);
  if (!to) throw std::logic_error("review machine ended in a state with no stage");
  result.accepted = true;
  result.to = *to;
  result.review = std::move(step.review);
  result.review.stage = *to;
  result.review.version = ctx.review.version + 1;
  result.review.workflow_version = kWorkflowVersion;
  // The reason of a return is for the next actor only; acting forward consumes it.
  if (req.action != Action::Return) result.review.last_return_reason.clear();
  return result;
}

bool machine_has_row(Stage stage, Action action) { return has_row(stage, action); }

Refusals check_actor(const TransitionContext& ctx, Action action) {
  const auto role = actor_for(ctx.review.stage, action);
  if (!role) return {not_allowed_in_stage(ctx.review.stage, action)};
  return actor_refusals(ctx, *role);
}

Refusals signature_refusals(const TransitionContext& ctx, Action action) {
  if (ctx.signatures == nullptr) return {};
  if (action == Action::GiveOpinion && ctx.regime.has_stage(Stage::CollectiveReview))
    return minutes_signature_refusals(*ctx.signatures);
  if (action == Action::Publish) return decision_signature_refusals(*ctx.signatures);
  return {};
}

std::vector<Action> allowed_actions(const TransitionContext& ctx) {
  std::vector<Action> out;
  for (Action a : all_actions()) {
    if (actor_for(ctx.review.stage, a) && check_actor(ctx, a).empty() &&
        signature_refusals(ctx, a).empty())
      out.push_back(a);
  }
  return out;
}

std::optional<Date> complaint_last_day(const Review& review, const Regime& regime) {
  if (!regime.has_stage(Stage::Complaint) || !review.published_at || review.complaints > 0)
    return std::nullopt;
  return complaint_window_end(*review.published_at, regime);
}

int msm_state_id(Stage stage) {
  switch (stage) {
    case Stage::SelfAssessment:
      return id_of<states::SelfAssessment>();
    case Stage::CollectiveReview:
      return id_of<states::CollectiveReview>();
    case Stage::HeadOpinion:
      return id_of<states::HeadOpinion>();
    case Stage::CommitteeDecision:
      return id_of<states::CommitteeDecision>();
    case Stage::Decided:
      return id_of<states::Decided>();
    case Stage::Published:
      return id_of<states::Published>();
    case Stage::Complaint:
      return id_of<states::Complaint>();
    case Stage::Closed:
      return id_of<states::Closed>();
  }
  throw std::logic_error("unknown stage");
}

std::optional<Stage> stage_from_msm_state_id(int id) {
  std::optional<Stage> out;
  mpl::for_each<Table, msm::wrap<mpl::placeholders::_1>>(StageFinder{id, &out});
  return out;
}

}  // namespace kd::wf
