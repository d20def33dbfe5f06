// The scoring part of a regime: the 100-point method of Nghị định 335/2025
// (công chức, monthly or quarterly periods aggregated into the year) and of
// QĐ 366-QĐ/TW (Party members and organisations). It is DATA, loaded from the
// regime's JSON (config/regimes/README.md); the rules below only read it.
//
// Points are hundredths (points.hpp). Everything a source does not confirm is
// a field here with the default the shipped file chooses, never a constant in code.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workflow/period_vocabulary.hpp"
#include "workflow/points.hpp"
#include "workflow/vocabulary.hpp"

namespace kd::wf {

// One scored item of the general criteria ("Phẩm chất chính trị, …": 5 points).
struct CriterionItem {
  std::string code;   // stable, unique in the sheet: "I.1"
  std::string title;  // as printed on the form
  Centi max = 0;
  Centi step = 0;                  // 0 = the sheet's step
  bool pass_fail = false;          // "đảm bảo" = max, "không đảm bảo" = 0 (Party forms)
  bool default_full = true;        // value offered on a new sheet: max, else 0
  bool evidence_required = false;  // points above zero need evidence attached
  std::string source;              // legal source ("NĐ 335/2025, Mẫu 01, mục I.1")
};

// A group of items ("I. Phẩm chất chính trị, …": 10 points). Items add up to max.
struct CriterionGroup {
  std::string code;  // "I"
  std::string title;
  Centi max = 0;
  std::vector<CriterionItem> items;
  std::string source;
};

// Whom a criteria sheet is for.
enum class SheetScope {
  All,         // "all"         everyone rated under the regime
  Leaders,     // "leaders"     people holding a leading or managing post
  NonLeaders,  // "non_leaders" people holding none
  Collective,  // "collective"  Party organisations and collectives
};

// The general criteria of one framework ("tiêu chí chung", 30 points). Groups add up to max.
struct CriteriaSheet {
  std::string key;  // "chung", "lanh_dao", "khong_giu_chuc_vu", "tap_the"
  std::string title;
  SheetScope scope = SheetScope::All;
  Centi max = 3000;
  Centi step = 50;                            // points are multiples of the step (0,5)
  bool reason_required_when_withheld = true;  // every point below the maximum needs a reason
  std::vector<CriterionGroup> groups;
  std::string source;
};

// How the task-result part is obtained.
enum class TaskMethod {
  Formula,  // "formula": a, b, c (and d, đ, e for leaders) from the period's tasks
  Entered,  // "entered": points entered by the evaluator (Party frameworks: the method is not set)
};

struct TaskResultRules {
  TaskMethod method = TaskMethod::Formula;
  Centi max = 7000;
  Centi entered_step = 50;      // Entered: points are multiples of this
  int deduction_percent = 25;   // per failed quality review or delay, of one unit of that product
  int ratio_cap_percent = 100;  // a, b, c are capped at this; 0 = no cap
  // Leaders' d, đ, e: the values allowed (percent), best first.
  std::vector<int> leader_factor_values = {100, 50};
  // d = the best value when every subordinate's band is at least this, else the next value.
  Rating leader_d_full_when_all_at_least = Rating::HT;
  std::string source;
};

// Band: ratings from this many points upwards (inclusive lower bound).
struct BandRule {
  Rating rating = Rating::KHT;
  Centi min = 0;
};

// The grounds that force KHT whatever the score.
enum class KhtGround {
  Discipline,           // "discipline"            disciplined (at or above a level) in the year
  Degradation,          // "degradation"           a finding of political, ethical degradation
  CorruptionInLedUnit,  // "corruption_in_led_unit" leaders: corruption or waste in a unit led
};

struct KhtRules {
  std::vector<KhtGround> grounds = {KhtGround::Discipline, KhtGround::Degradation,
                                    KhtGround::CorruptionInLedUnit};
  // Discipline levels, mildest first ("khien_trach", "canh_cao", ...), and the mildest that counts.
  std::vector<std::string> discipline_levels;
  std::string discipline_min_level;
  // A violation already counted in the rating of another year is not counted again.
  bool no_double_counting = true;
  std::string source;
};

struct YearRules {
  int min_periods_worked = 1;  // fewer periods actually worked ⇒ not rated
  std::string source;
};

// Extra conditions of a rating besides its points (QĐ 366 Điều 11); each set field is one check.
struct RatingCondition {
  Rating rating = Rating::HTXS;
  std::string sheet;  // the criteria sheet it applies to; empty = every sheet
  std::optional<int> tasks_done_min_percent;      // tasks completed (late or not)
  std::optional<int> tasks_on_time_min_percent;   // tasks completed on time with quality
  std::optional<int> tasks_exceeded_min_percent;  // tasks whose result exceeded the plan
  std::optional<int> tasks_late_max_percent;      // tasks not on schedule
  std::optional<int> shortcomings_fixed_min_percent;
  std::optional<int> led_unit_on_time_min_percent;  // leaders: the unit they lead directly
  std::optional<int> led_unit_exceeded_min_percent;
  bool no_discipline_in_subordinates = false;  // no subordinate organisation or member disciplined
  std::string source;
};

struct ScoringRules {
  std::vector<PeriodKind> period_kinds = {PeriodKind::Month, PeriodKind::Quarter};
  PeriodKind default_period = PeriodKind::Month;
  Centi total_max = 10000;
  std::vector<CriteriaSheet> sheets;
  TaskResultRules tasks;
  std::vector<BandRule> bands;  // best first
  KhtRules kht;
  YearRules year;
  // Working days after the last day of a period by which the period must have reached each stage.
  std::map<PeriodStage, int> period_working_days;
  std::vector<RatingCondition> conditions;
  std::string source;

  // The sheet of a person (leader or not), or of a collective; nullptr when the regime has none.
  const CriteriaSheet* sheet_for(bool leader, bool collective = false) const;
  const CriteriaSheet* sheet(const std::string& key) const;
  // The rating of a score by the bands alone.
  Rating band_of(Centi score) const;
  // The lowest score of a band (its lower bound); 0 when the bands lack it.
  Centi band_min(Rating) const;
};

const std::array<KhtGround, 3>& all_kht_grounds();
std::string_view to_string(KhtGround);
std::optional<KhtGround> parse_kht_ground(std::string_view);
std::string_view label_vi(KhtGround);
std::string_view to_string(SheetScope);
std::optional<SheetScope> parse_sheet_scope(std::string_view);
std::string_view to_string(TaskMethod);
std::optional<TaskMethod> parse_task_method(std::string_view);

// The items of a sheet in order, with their effective step.
std::vector<CriterionItem> items_of(const CriteriaSheet&);

// Problems of the data (maxima add up, steps divide maxima, bands ordered, ...),
// "scoring.sheets[0].groups[1]: ..."; empty = valid.
std::vector<std::string> validate(const ScoringRules&);

}  // namespace kd::wf
