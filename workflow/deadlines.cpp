#include "workflow/deadlines.hpp"

#include <algorithm>
#include <set>

namespace kd::wf {
namespace {

int allowed_days(const Regime& r, Stage s) {
  auto it = r.deadlines.stage_working_days.find(s);
  return it == r.deadlines.stage_working_days.end() ? 0 : it->second;
}

}  // namespace

std::optional<Date> Timeline::due(Stage s) const {
  for (const auto& p : stages) {
    if (p.stage == s) return p.due;
  }
  return std::nullopt;
}

std::vector<Stage> dated_stages(const Regime& r) {
  std::vector<Stage> out;
  for (Stage s : r.stages) {
    switch (s) {
      case Stage::SelfAssessment:
      case Stage::CollectiveReview:
      case Stage::HeadOpinion:
      case Stage::CommitteeDecision:
      case Stage::Decided:
        out.push_back(s);
        break;
      case Stage::Published:
      case Stage::Complaint:
      case Stage::Closed:
        break;
    }
  }
  return out;
}

Timeline plan_timeline(const Campaign& c, const Regime& r, const HolidayCalendar& cal) {
  Timeline t;
  t.final_deadline = final_deadline(c, r);
  const std::vector<Stage> stages = dated_stages(r);
  t.stages.resize(stages.size());
  Date next_due = cal.working_day_on_or_before(t.final_deadline);
  for (std::size_t i = stages.size(); i-- > 0;) {
    StagePlan& p = t.stages[i];
    p.stage = stages[i];
    p.working_days = allowed_days(r, p.stage);
    auto fixed = c.stage_due.find(p.stage);
    p.fixed = fixed != c.stage_due.end();
    p.due = p.fixed ? fixed->second : next_due;
    next_due = cal.add_working_days(p.due, -p.working_days);
  }
  for (std::size_t i = 1; i < t.stages.size(); ++i) t.stages[i].opens = t.stages[i - 1].due;
  return t;
}

Refusals check_timeline(const Campaign& c, const Regime& r, const HolidayCalendar& cal,
                        std::optional<Date> created_on) {
  Refusals out;
  std::set<Stage> refused;  // stages whose own date is already refused
  const Date last = final_deadline(c, r);
  std::optional<Date> previous;
  std::optional<Stage> previous_stage;
  for (Stage s : dated_stages(r)) {
    auto it = c.stage_due.find(s);
    if (it == c.stage_due.end()) continue;
    const Date& due = it->second;
    const std::string field = "stage_due." + std::string(to_string(s));
    const std::string label =
        "Hạn của giai đoạn \"" + std::string(label_vi(s)) + "\" (" + to_dmy(due) + ")";
    if (last < due) {
      out.push_back({RefusalKind::GuardFailed, "due_after_deadline",
                     label + " sau hạn cuối " + to_dmy(last) + " của quy định.", field});
      refused.insert(s);
    } else if (!cal.is_working_day(due)) {
      const auto name = cal.day_off_name(due);
      out.push_back({RefusalKind::GuardFailed, "due_not_working_day",
                     label + " không phải ngày làm việc" + (name ? " (" + *name + ")" : "") + ".",
                     field});
      refused.insert(s);
    }
    if (previous && due < *previous) {
      out.push_back({RefusalKind::GuardFailed, "due_out_of_order",
                     label + " trước hạn của giai đoạn \"" +
                         std::string(label_vi(*previous_stage)) + "\" (" + to_dmy(*previous) + ").",
                     field});
      refused.insert(s);
    }
    previous = due;
    previous_stage = s;
  }

  // The length of each stage next to a campaign date, on the planned timeline.
  const Timeline t = plan_timeline(c, r, cal);
  for (std::size_t i = 0; i < t.stages.size(); ++i) {
    const StagePlan& cur = t.stages[i];
    const StagePlan* prev = i > 0 ? &t.stages[i - 1] : nullptr;
    if (cur.working_days <= 0) continue;
    if (!cur.fixed && !(prev && prev->fixed)) continue;  // both planned: fit by construction
    if (refused.count(cur.stage) || (prev && refused.count(prev->stage))) continue;
    std::optional<Date> from;
    std::string from_text;
    if (prev) {
      from = prev->due;
      from_text =
          "hạn của giai đoạn \"" + std::string(label_vi(prev->stage)) + "\" " + to_dmy(prev->due);
    } else if (created_on) {
      from = created_on;
      from_text = "ngày lập đợt đánh giá " + to_dmy(*created_on);
    }
    if (!from) continue;
    const int days = cal.working_days_between(*from, cur.due);
    if (days >= cur.working_days) continue;
    // Name the campaign's own date that makes the stage short.
    const Stage blamed = cur.fixed ? cur.stage : prev->stage;
    out.push_back({RefusalKind::GuardFailed, "stage_too_short",
                   "Giai đoạn \"" + std::string(label_vi(cur.stage)) + "\" chỉ có " +
                       std::to_string(days) + " ngày làm việc (từ " + from_text + " đến hạn " +
                       to_dmy(cur.due) + "), ít hơn " + std::to_string(cur.working_days) +
                       " ngày làm việc quy định cho giai đoạn này.",
                   "stage_due." + std::string(to_string(blamed))});
  }
  return out;
}

std::optional<Date> stage_due_date(Stage s, const Timeline& t, const Regime& r,
                                   const Date& stage_entered, const HolidayCalendar& cal) {
  if (s == Stage::Complaint) {
    const int days = allowed_days(r, s);
    if (days <= 0) return std::nullopt;
    return cal.add_working_days(stage_entered, days);
  }
  return t.due(s);
}

}  // namespace kd::wf
