#include "workflow/review.hpp"

namespace kd::wf {

std::string_view to_string(CampaignStatus s) {
  switch (s) {
    case CampaignStatus::Draft:
      return "draft";
    case CampaignStatus::Open:
      return "open";
    case CampaignStatus::Closed:
      return "closed";
  }
  return "draft";
}

std::optional<CampaignStatus> parse_campaign_status(std::string_view text) {
  for (auto s : {CampaignStatus::Draft, CampaignStatus::Open, CampaignStatus::Closed}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

Refusals open_campaign_refusals(const Campaign& c) {
  if (c.status == CampaignStatus::Draft) return {};
  return {Refusal{RefusalKind::NotAllowedInStage, "campaign_not_draft",
                  "Đợt đánh giá đang ở trạng thái '" + std::string(to_string(c.status)) +
                      "', chỉ mở được đợt đánh giá ở trạng thái nháp (draft).",
                  "status"}};
}

Date final_deadline(const Campaign& c, const Regime& r) {
  const DeadlineRules& d = r.deadlines;
  if (!c.special_agency) return Date{c.year, d.final_month, d.final_day};
  // The special deadline falls in the next year when it comes earlier in the
  // calendar than the ordinary one (15/01 after 15/12).
  const bool next_year =
      d.special_final_month < d.final_month ||
      (d.special_final_month == d.final_month && d.special_final_day < d.final_day);
  return Date{c.year + (next_year ? 1 : 0), d.special_final_month, d.special_final_day};
}

}  // namespace kd::wf
