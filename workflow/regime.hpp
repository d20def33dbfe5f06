// A regime is a versioned rule set (ND 90/2020 + ND 48/2023, QĐ 366-QĐ/TW, ...).
// It is DATA: loaded from config/regimes/*.json by services/config, never
// hard-coded. A campaign pins (id, version); changing the files never changes
// a running campaign because the campaign stores its own snapshot.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workflow/calendar.hpp"
#include "workflow/scoring_rules.hpp"
#include "workflow/vocabulary.hpp"

namespace kd::wf {

struct SectionSpec {
  std::string key;    // stable: "chinh_tri_tu_tuong"
  std::string title;  // "Chính trị tư tưởng"
  bool required = true;
  bool leaders_only = false;  // items 7–9 of Mẫu 01/02/03
};

struct FormSpec {
  std::string code;   // "mau_01", "mau_02", "mau_03", "mau_2a" ...
  std::string title;  // "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC"
  std::vector<SectionSpec> sections;
};

// A fraction num/den with a comparison: at_least (>=) or more_than (>).
struct Threshold {
  int num = 2;
  int den = 3;
  bool strictly_greater = false;
};

enum class VoteBase {
  Present,          // counted over members present
  OfficialMembers,  // counted over all official members (historic Party rule)
};

struct VoteRule {
  Rating rating = Rating::HTXS;  // the proposed rating this rule applies to
  Threshold threshold;           // votes "for" needed, as a share of the base
  VoteBase base = VoteBase::Present;
};

struct QuotaRule {
  bool enabled = true;
  int htxs_percent_of_htt = 20;  // HTXS count <= floor(HTT count * percent / 100) per peer group
  bool override_allowed = true;  // explicit, audited exception for outstanding units
  // The exception's own limit: HTXS ≤ floor(HTT × cap / 100) per peer group; 0 = no limit.
  int exception_cap_percent = 0;
  // The exception needs the number of the decision recognising the organisation and its approver.
  bool exception_needs_decision = false;
};

struct RatingRules {
  int min_months_worked = 6;     // below ⇒ not rated (self-review still written)
  int leave_cap_min_months = 3;  // leave in [3, 6) months ⇒ at most `leave_cap`
  int leave_cap_max_months = 6;
  Rating leave_cap = Rating::HT;
  bool maternity_exempt = true;
};

struct DeadlineRules {
  int final_month = 12;  // state ratings before 15/12 of the campaign year
  int final_day = 15;
  int special_final_month = 1;  // special agencies: by 15/01 of the next year
  int special_final_day = 15;
  int complaint_window_days = 15;           // calendar days after publication
  std::map<Stage, int> stage_working_days;  // allowed duration of each stage
};

// Whom a regime rates in which years: `group` from `from_year` to `until_year`
// inclusive (0 = no bound). The law changes by year (công chức: ND 90 until
// the 2025 rating, ND 335 from 2026), so the choice is made per person and year.
struct Applicability {
  Group group = Group::CongChuc;
  int from_year = 0;
  int until_year = 0;
};

// Who may run the collective meeting. Whatever the regime, the chair and the secretary
// are two different people and the reviewee never keeps the minutes of their own review
// (meeting_roles.hpp); the regime only says whether the head of a unit may chair the
// meeting on their own review.
struct MeetingRules {
  bool head_chairs_own_review = false;  // absent from a regime file: no one chairs their own
};

struct Regime {
  std::string id;  // "nd90-2020", "qd366-2025"
  int version = 1;
  std::string title;  // "Nghị định 90/2020/NĐ-CP (sửa đổi bởi Nghị định 48/2023/NĐ-CP)"
  bool party = false;         // Party regime: HD 36 header, Party forms
  std::vector<Group> groups;  // who it applies to
  std::vector<Stage> stages;  // the stages that apply, in order (e.g. head_opinion may be absent)
  std::map<Group, FormSpec> forms;
  Threshold quorum;  // present / summoned needed for the meeting
  std::vector<VoteRule> vote_rules;
  MeetingRules meeting;
  QuotaRule quota;
  RatingRules rating_rules;
  DeadlineRules deadlines;
  std::vector<Applicability> applies_to;  // empty: every group of `groups`, every year
  // The 100-point method (periods, criteria, task results, bands); none for ND 90.
  std::optional<ScoringRules> scoring;

  bool has_stage(Stage s) const;
  // Does the regime rate `group` in `year`?
  bool applies(Group group, int year) const;
  // The form of a group; throws std::out_of_range if the regime has none (a config error).
  const FormSpec& form_for(Group g) const;
};

// Validates a loaded regime (stages start with self_assessment, forms exist
// for each group, thresholds sane). Returns human-readable problems; empty = valid.
std::vector<std::string> validate(const Regime&);

// Does `count` out of `base` meet the threshold?
bool meets(const Threshold&, int count, int base);

}  // namespace kd::wf
