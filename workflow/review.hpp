// A review (one person, one campaign) and the data each stage adds to it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/calendar.hpp"
#include "workflow/organisation.hpp"
#include "workflow/refusal.hpp"
#include "workflow/regime.hpp"
#include "workflow/vocabulary.hpp"

namespace kd::wf {

// The campaign's lifecycle: created as a draft, opened once (a review per person of its
// subtree), closed at the end. Stable names "draft", "open", "closed".
enum class CampaignStatus { Draft, Open, Closed };
std::string_view to_string(CampaignStatus);
std::optional<CampaignStatus> parse_campaign_status(std::string_view);

struct Campaign {
  Id id = 0;
  Id unit_id = 0;  // the campaign covers this unit and its subtree
  int year = 2026;
  std::string name;  // "Đánh giá, xếp loại chất lượng năm 2026"
  std::string regime_id;
  int regime_version = 1;
  bool special_agency = false;      // may finish by 15/01 of next year
  std::map<Stage, Date> stage_due;  // per-stage due dates (all <= final deadline)
  CampaignStatus status = CampaignStatus::Draft;
};

// Opening: only a draft campaign opens ("campaign_not_draft" otherwise).
Refusals open_campaign_refusals(const Campaign&);

// The latest date the regime allows for ratings of this campaign.
Date final_deadline(const Campaign&, const Regime&);

// Section I–II of the form: text per section key, plus the self-rating.
struct FormContent {
  std::map<std::string, std::string> sections;  // key -> text (NFC)
  std::optional<Rating> self_rating;
  std::string strengths;   // ưu điểm (section II)
  std::string weaknesses;  // hạn chế, khuyết điểm (section II)
};

struct Comment {
  std::string author;  // name of the person speaking
  std::string text;
};

struct Absence {
  std::string name;
  std::string reason;
};

struct VoteCounts {
  int in_favour = 0;
  int against = 0;
  int abstain = 0;
};

// The collective meeting (stage 2) as recorded by the secretary.
struct MeetingRecord {
  Date date;
  std::string place;
  Id chair_id = 0;
  Id secretary_id = 0;
  int summoned = 0;
  int present = 0;
  int official_members = 0;  // base for OfficialMembers vote rules; 0 = same as summoned
  std::vector<Absence> absent;
  std::vector<Comment> comments;
  std::optional<Rating> proposed_rating;
  VoteCounts votes;        // votes on the proposed rating
  std::string conclusion;  // the chair's conclusion
};

// Stage 3: the head's / direct manager's opinion (section III).
struct Opinion {
  Id by = 0;
  std::string comments;
  std::optional<Rating> proposed_rating;
};

struct Review {
  Id id = 0;
  Id campaign_id = 0;
  Id person_id = 0;
  Id unit_id = 0;
  Stage stage = Stage::SelfAssessment;
  int workflow_version = kWorkflowVersion;
  int version = 1;  // optimistic concurrency counter, +1 per accepted action
  YearFacts facts;
  FormContent form;
  std::optional<MeetingRecord> meeting;
  std::optional<Opinion> opinion;
  std::optional<Rating> final_rating;  // set by decide / resolve_complaint
  bool not_rated = false;              // < 6 months worked: self-review only
  std::optional<TimePoint> published_at;
  int complaints = 0;              // complaints filed so far
  std::string last_return_reason;  // reason of the latest `return`, shown to whoever must act
};

}  // namespace kd::wf
